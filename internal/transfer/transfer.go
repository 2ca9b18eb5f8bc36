// Package transfer copies a geoevents database into another, whatever
// their backends (SQLite to PostGIS and back): user places, articles with
// their events, then the events without an article. It streams, commits
// in batches and relies on the stores' idempotent writes, so an
// interrupted copy run again skips what arrived and resumes.
//
// It copies only what an import would accept (ingest.CheckEvent: types and
// sub-types as short plain labels, ISO country codes, http(s) URLs, finite
// coordinates in range, known date precisions): a database written by an
// older version or by hand may hold rows that fail, and copying them would
// carry `javascript:` links or markup into a database that refuses them
// at every door. Such a row is skipped and reported with its id and the
// reason (an article with every one of its events: an article is stored
// whole or not at all); the copy goes on, and Summary.Skipped says how many
// were left behind, so the caller can tell a partial copy.
package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/event"
	"geoevents/internal/ingest"
	"geoevents/internal/store"
)

// Options tune a copy.
type Options struct {
	// Progress receives one line per batch, and one per record skipped
	// as invalid; nil for none.
	Progress io.Writer
	// ArticleBatch is how many articles are saved per transaction (0:
	// 200); EventBatch how many events are imported per transaction (0:
	// 50,000). A batch is the work an interruption loses.
	ArticleBatch, EventBatch int
}

// Summary says what a copy did: what it read from the source and what
// was new in the destination.
type Summary struct {
	Places                int
	Articles, NewArticles int
	Events, NewEvents     int64
	// SkippedArticles and SkippedEvents were read but not copied: they
	// fail ingest.CheckEvent (events of skipped articles not counted).
	SkippedArticles int
	SkippedEvents   int64
}

func (s Summary) String() string {
	out := fmt.Sprintf("%d places; %d articles read, %d new; %d events read, %d new", s.Places, s.Articles, s.NewArticles, s.Events, s.NewEvents)
	if s.SkippedArticles > 0 || s.SkippedEvents > 0 {
		out += fmt.Sprintf("; skipped as invalid: %d articles, %d events", s.SkippedArticles, s.SkippedEvents)
	}
	return out
}

// Partial reports whether records were skipped as invalid.
func (s Summary) Partial() bool { return s.SkippedArticles > 0 || s.SkippedEvents > 0 }

// Copy copies everything from src into dst.
func Copy(ctx context.Context, src, dst store.Store, opts Options) (Summary, error) {
	if opts.ArticleBatch <= 0 {
		opts.ArticleBatch = 200
	}
	if opts.EventBatch <= 0 {
		opts.EventBatch = 50_000
	}
	p := progress{w: opts.Progress, start: time.Now()}
	var sum Summary
	var err error
	if sum.Places, err = copyPlaces(ctx, src, dst); err != nil {
		return sum, err
	}
	p.printf("places: %d copied", sum.Places)
	skipped := map[string]bool{} // articles skipped: their events stay behind too
	if err := copyArticles(ctx, src, dst, opts.ArticleBatch, skipped, &sum, &p); err != nil {
		return sum, err
	}
	if err := copyEvents(ctx, src, dst, opts.EventBatch, skipped, &sum, &p); err != nil {
		return sum, err
	}
	p.printf("done: %s", sum)
	return sum, nil
}

// copyPlaces copies the user-imported gazetteer places (few: one batch).
func copyPlaces(ctx context.Context, src, dst store.Store) (int, error) {
	var places []gazetteer.Place
	alt := map[int64][]string{}
	err := src.Places(ctx, func(p gazetteer.Place, names []string) error {
		places = append(places, p)
		if len(names) > 0 {
			alt[p.ID] = names
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("read places: %w", err)
	}
	if len(places) == 0 {
		return 0, nil
	}
	if _, err := dst.SavePlaces(ctx, places, alt); err != nil {
		return 0, fmt.Errorf("write places: %w", err)
	}
	return len(places), nil
}

// copyArticles saves each article of src with its events into dst, a
// batch per transaction; an article dst holds already is a no-op.
func copyArticles(ctx context.Context, src, dst store.Store, batch int, skipped map[string]bool, sum *Summary, p *progress) error {
	_, total, err := src.Articles(ctx, store.ArticleFilter{Limit: 1})
	if err != nil {
		return fmt.Errorf("count articles: %w", err)
	}
	for offset := 0; ; offset += batch {
		list, _, err := src.Articles(ctx, store.ArticleFilter{Limit: batch, Offset: offset})
		if err != nil {
			return fmt.Errorf("list articles: %w", err)
		}
		if len(list) == 0 {
			return nil
		}
		var b []store.ArticleEvents
		for _, a := range list {
			full, evs, err := src.Article(ctx, a.ID)
			if err != nil {
				return fmt.Errorf("read article: %w", err)
			}
			if err := checkArticle(full, evs); err != nil {
				skipped[full.ID] = true
				sum.SkippedArticles++
				p.printf("skipped article %s: %v", full.ID, err)
				continue
			}
			b = append(b, store.ArticleEvents{Article: full, Events: evs})
		}
		if len(b) == 0 {
			sum.Articles += len(list)
			continue
		}
		res, err := dst.SaveArticles(ctx, b)
		if err != nil {
			return fmt.Errorf("write articles: %w", err)
		}
		for _, r := range res {
			if r.Created {
				sum.NewArticles++
			}
		}
		sum.Articles += len(list)
		p.printf("articles: %d of %d read, %d new", sum.Articles, total, sum.NewArticles)
	}
}

// copyEvents streams every event of src (plain mentions included) into
// dst, a batch per ImportEvents: events dst holds (those of the articles
// just copied, or of an earlier run) are skipped.
func copyEvents(ctx context.Context, src, dst store.Store, batch int, skipped map[string]bool, sum *Summary, p *progress) error {
	errStop := errors.New("stopped")
	var readErr error
	all := func(yield func(event.Event) bool) {
		err := src.EachEvent(ctx, store.Filter{Mentions: true}, func(e *event.Event) error {
			if !yield(*e) {
				return errStop
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			readErr = err
		}
	}
	next, stop := iter.Pull(iter.Seq[event.Event](all))
	defer stop()
	for done := false; !done; {
		chunk := func(yield func(event.Event, error) bool) {
			for range batch {
				e, ok := next()
				if !ok {
					done = true
					if readErr != nil {
						yield(event.Event{}, fmt.Errorf("read events: %w", readErr))
					}
					return
				}
				if e.ArticleID != "" && skipped[e.ArticleID] {
					continue
				}
				sum.Events++
				if err := ingest.CheckEvent(&e); err != nil {
					sum.SkippedEvents++
					p.printf("skipped event %s: %v", e.ID, err)
					continue
				}
				if !yield(e, nil) {
					return
				}
			}
		}
		n, err := dst.ImportEvents(ctx, chunk)
		if err != nil {
			return fmt.Errorf("write events: %w", err)
		}
		sum.NewEvents += int64(n)
		p.printf("events: %d read, %d new", sum.Events, sum.NewEvents)
	}
	return nil
}

// checkArticle holds an article and its events to the import rules.
func checkArticle(a event.Article, evs []event.Event) error {
	if err := ingest.CheckURL(a.URL); err != nil {
		return err
	}
	for i := range evs {
		if err := ingest.CheckEvent(&evs[i]); err != nil {
			return fmt.Errorf("its event %s: %w", evs[i].ID, err)
		}
	}
	return nil
}

// progress prints lines with the time since the copy began.
type progress struct {
	w     io.Writer
	start time.Time
}

func (p *progress) printf(format string, args ...any) {
	if p.w == nil {
		return
	}
	fmt.Fprintf(p.w, "copy: "+format+" (%s)\n", append(args, time.Since(p.start).Round(100*time.Millisecond))...)
}
