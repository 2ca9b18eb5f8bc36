package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"geoevents/internal/event"
)

// Options configure IngestPaths.
type Options struct {
	// Date is the publication date of articles that carry none (--date).
	Date time.Time
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// Progress receives a one-line progress bar when it is a terminal; nil
	// or a non-terminal means progress is logged every LogEvery articles.
	Progress io.Writer
	// LogEvery is the logging interval in articles when not on a terminal;
	// 0 means 1000.
	LogEvery int
}

// Summary is what IngestPaths did.
type Summary struct {
	Files     int // input files read (stdin counts as one)
	Articles  int // articles read and geoparsed
	Created   int // new articles stored
	Unchanged int // articles already stored with the same text
	Replaced  int // articles that replaced a different text at the same URL
	Rederived int // articles already stored whose events newer extraction rules re-derived
	Events    int // events stored (for created, replaced and re-derived articles)
	Failed    []InputError
	Elapsed   time.Duration
}

// String is a one-line summary, e.g. "12 articles (10 new, 1 unchanged,
// 1 replaced, 0 re-derived), 85 events, 2 failed inputs in 1.2s".
func (s Summary) String() string {
	return fmt.Sprintf("%d articles (%d new, %d unchanged, %d replaced, %d re-derived), %d events, %d failed inputs in %s",
		s.Articles, s.Created, s.Unchanged, s.Replaced, s.Rederived, s.Events, len(s.Failed), s.Elapsed.Round(time.Millisecond))
}

// job is one article on its way from the reader through a geoparse worker
// to the writer; done is closed when events (or err) are set.
type job struct {
	article event.Article
	pos     Position
	events  []event.Event
	err     error // bad input from the reader, or a geoparse failure
	done    chan struct{}
	bytes   int64 // progress: total input bytes consumed once this job is saved
}

// IngestPaths reads every article under paths (files, directories
// recursively, "-" for standard input), geoparses them concurrently
// (Workers goroutines) and saves them in input order through the store's
// single writer, the articles ready at once in one transaction. A bad input (file or record)
// is collected in Summary.Failed with its file and line, and the batch goes
// on; the returned error is only for the context or the database failing.
func (in *Ingester) IngestPaths(ctx context.Context, paths []string, opts Options) (Summary, error) {
	files, failed := ExpandPaths(ctx, paths)
	return in.ingestFiles(ctx, files, failed, opts)
}

// IngestFS is IngestPaths for the article files of fsys (every .txt, .md,
// .json and .jsonl file, recursively): the sample corpus embedded in the
// binary is ingested this way. Errors name the files by their fsys paths.
func (in *Ingester) IngestFS(ctx context.Context, fsys fs.FS, opts Options) (Summary, error) {
	files, failed := ExpandFS(ctx, fsys)
	return in.ingestFiles(ctx, files, failed, opts)
}

// ingestFiles is the pipeline behind IngestPaths and IngestFS.
func (in *Ingester) ingestFiles(parent context.Context, files []File, failed []InputError, opts Options) (Summary, error) {
	start := time.Now()
	if in.Parser == nil {
		return Summary{}, errNoParser
	}
	if in.Store == nil {
		return Summary{}, errNoStore
	}
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var sum Summary
	sum.Failed = append(sum.Failed, failed...)
	sum.Files = len(files)
	var total int64
	for _, f := range files {
		if f.Size < 0 {
			total = -1 // stdin: unknown total
			break
		}
		total += f.Size
	}
	prog := newProgress(opts.Progress, in.logger(), opts.LogEvery, total)

	work := make(chan *job, in.workers())
	order := make(chan *job, 4*in.workers())

	// Reader: one goroutine, files in order.
	readErr := make(chan error, 1)
	go func() {
		defer close(work)
		defer close(order)
		ropts := ReadOptions{Date: opts.Date, MaxArticleBytes: in.maxBytes(), Stdin: opts.Stdin}
		var doneBytes int64
		for _, f := range files {
			err := readFile(ctx, f, ropts, func(a event.Article, pos Position, err error) error {
				j := &job{article: a, pos: pos, err: err, done: make(chan struct{}), bytes: doneBytes + pos.Offset}
				if err != nil {
					close(j.done)
				} else {
					select {
					case work <- j:
					case <-ctx.Done():
						return ctx.Err()
					}
				}
				select {
				case order <- j:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
			if err != nil {
				readErr <- err
				return
			}
			if f.Size > 0 {
				doneBytes += f.Size
			}
		}
		readErr <- nil
	}()

	// Geoparse workers.
	for range in.workers() {
		go func() {
			for j := range work {
				j.article, j.events, j.err = in.Events(ctx, j.article)
				close(j.done)
			}
		}()
	}

	// Writer: this goroutine, in input order, in batches.
	fatal := (&writer{in: in, sum: &sum, prog: prog}).run(ctx, order)
	cancel()
	for range order { // drain, so the reader can exit
	}
	if err := <-readErr; fatal == nil && err != nil && !errors.Is(err, context.Canceled) {
		fatal = err
	}
	if fatal == nil || errors.Is(fatal, context.Canceled) {
		fatal = parent.Err() // nil unless the caller cancelled
	}
	sum.Elapsed = time.Since(start)
	prog.finish(sum, fatal)
	return sum, fatal
}
