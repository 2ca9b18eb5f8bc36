package ingest

import (
	"context"
	"errors"
	"fmt"

	"geoevents/internal/store"
)

// maxBatch is how many geoparsed articles the writer saves in one
// transaction at most. A commit costs about as much as saving a whole
// article, so sharing it keeps the single writer ahead of the workers; the
// writer never waits to fill a batch, so a lone article is saved at once.
const maxBatch = 64

// writer saves the jobs of an ingestion in input order and keeps its
// summary.
type writer struct {
	in   *Ingester
	sum  *Summary
	prog *progress
}

// run saves the jobs of order until it is closed; it returns the error
// that stops the ingestion (the context or the database failing).
func (w *writer) run(ctx context.Context, order <-chan *job) error {
	var pending *job // taken from order, not geoparsed yet
	for {
		first := pending
		pending = nil
		if first == nil {
			j, ok := <-order
			if !ok {
				return nil
			}
			first = j
		}
		select {
		case <-first.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		batch := []*job{first}
		batch, pending = gather(order, batch)
		if err := w.save(ctx, batch); err != nil {
			return err
		}
	}
}

// gather adds to batch the jobs of order that are already geoparsed,
// without waiting; it returns the first job it took that is not ready.
func gather(order <-chan *job, batch []*job) ([]*job, *job) {
	for len(batch) < maxBatch {
		select {
		case j, ok := <-order:
			if !ok {
				return batch, nil
			}
			select {
			case <-j.done:
				batch = append(batch, j)
			default:
				return batch, j
			}
		default:
			return batch, nil
		}
	}
	return batch, nil
}

// save stores the good articles of a batch in one transaction and records
// the bad inputs. Should the transaction fail, the articles are saved one
// by one, so that one bad article fails alone.
func (w *writer) save(ctx context.Context, batch []*job) error {
	var good []store.ArticleEvents
	var jobs []*job
	for _, j := range batch {
		if j.err != nil {
			w.failed(j, j.err)
			continue
		}
		good = append(good, store.ArticleEvents{Article: j.article, Events: j.events})
		jobs = append(jobs, j)
	}
	if len(good) == 0 {
		return nil
	}
	if len(good) > 1 {
		results, err := w.in.Store.SaveArticles(ctx, good)
		if err == nil {
			for k, res := range results {
				w.saved(jobs[k], res)
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	for _, j := range jobs {
		res, err := w.in.Store.SaveArticle(ctx, j.article, j.events)
		switch {
		case err == nil:
			w.saved(j, res)
		case ctx.Err() != nil:
			return ctx.Err()
		case IsInputError(err):
			w.sum.Articles++
			w.failed(j, err)
		default:
			return fmt.Errorf("ingest %s:%d: %w", j.pos.Path, j.pos.Line, err)
		}
	}
	return nil
}

// failed records a bad input.
func (w *writer) failed(j *job, err error) {
	var ie *InputError
	if errors.As(err, &ie) {
		w.sum.Failed = append(w.sum.Failed, *ie)
	} else {
		w.sum.Failed = append(w.sum.Failed, InputError{Path: j.pos.Path, Line: j.pos.Line, Err: err})
	}
	w.in.logger().Warn("ingest: input failed", "path", j.pos.Path, "line", j.pos.Line, "err", err)
}

// saved counts a saved article.
func (w *writer) saved(j *job, res store.SaveResult) {
	w.sum.Articles++
	switch {
	case res.Replaced:
		w.sum.Replaced++
		w.sum.Events += res.Events
	case res.Created:
		w.sum.Created++
		w.sum.Events += res.Events
	case res.Rederived:
		w.sum.Rederived++
		w.sum.Events += res.Events
	default:
		w.sum.Unchanged++
	}
	w.prog.update(*w.sum, j.bytes)
}
