package ingest

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"
)

// progress reports IngestPaths' progress: a single redrawn line on a
// terminal, or a log line every logEvery articles otherwise.
type progress struct {
	w        io.Writer // nil unless a terminal
	log      *slog.Logger
	logEvery int
	total    int64 // input bytes; <= 0 when unknown (stdin)
	start    time.Time
	last     time.Time
	lastLog  int
	drawn    bool
}

func newProgress(w io.Writer, log *slog.Logger, logEvery int, total int64) *progress {
	if logEvery <= 0 {
		logEvery = 1000
	}
	p := &progress{log: log, logEvery: logEvery, total: total, start: time.Now()}
	if isTerminal(w) {
		p.w = w
	}
	return p
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// update is called after each saved article; done is the input bytes consumed.
func (p *progress) update(s Summary, done int64) {
	now := time.Now()
	if p.w == nil {
		if s.Articles-p.lastLog >= p.logEvery {
			p.lastLog = s.Articles
			p.log.Info("ingest progress", "articles", s.Articles, "events", s.Events, "failed", len(s.Failed),
				"articles_per_s", rate(s.Articles, now.Sub(p.start)))
		}
		return
	}
	if now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	fmt.Fprintf(p.w, "\r%s\033[K", p.line(s, done, now))
	p.drawn = true
}

// line renders the progress bar: [#####.....] 42% 1,234 articles 9,876
// events 310/s ETA 12s.
func (p *progress) line(s Summary, done int64, now time.Time) string {
	el := now.Sub(p.start)
	var b strings.Builder
	frac := -1.0
	if p.total > 0 {
		frac = min(float64(done)/float64(p.total), 1)
		const width = 24
		n := int(frac * width)
		fmt.Fprintf(&b, "[%s%s] %3.0f%% ", strings.Repeat("#", n), strings.Repeat(".", width-n), frac*100)
	}
	fmt.Fprintf(&b, "%d articles, %d events, %.0f articles/s", s.Articles, s.Events, rate(s.Articles, el))
	if len(s.Failed) > 0 {
		fmt.Fprintf(&b, ", %d failed", len(s.Failed))
	}
	if frac > 0 && frac < 1 {
		eta := time.Duration(float64(el) * (1 - frac) / frac)
		fmt.Fprintf(&b, ", ETA %s", eta.Round(time.Second))
	}
	return b.String()
}

// finish clears the bar and logs the summary line: "ingest done", or
// "ingest stopped" with the error that stopped it (a full disk), so the
// log never reports success for a run that failed.
func (p *progress) finish(s Summary, fatal error) {
	if p.w != nil && p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
	if fatal != nil {
		p.log.Error("ingest stopped", "err", fatal, "files", s.Files, "articles_stored", s.Created+s.Replaced+s.Rederived,
			"failed", len(s.Failed), "elapsed", s.Elapsed.Round(time.Millisecond))
		return
	}
	p.log.Info("ingest done", "files", s.Files, "articles", s.Articles, "created", s.Created, "unchanged", s.Unchanged,
		"replaced", s.Replaced, "rederived", s.Rederived, "events", s.Events, "failed", len(s.Failed), "elapsed", s.Elapsed.Round(time.Millisecond),
		"articles_per_s", rate(s.Articles, s.Elapsed), "events_per_s", rate(s.Events, s.Elapsed))
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}
