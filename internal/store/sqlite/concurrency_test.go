package sqlite

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// TestReadersNeverSeeHalfAnArticle saves articles of 200 events each while
// readers count events per article: every count must be 0 or 200.
func TestReadersNeverSeeHalfAnArticle(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	const articles, perArticle = 30, 200
	var done atomic.Bool
	var checks atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for r := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !done.Load() {
				st, err := s.Stats(ctx, store.Filter{})
				if err != nil {
					errs <- fmt.Errorf("reader %d: %w", r, err)
					return
				}
				if st.Total%perArticle != 0 {
					errs <- fmt.Errorf("reader %d saw %d events: a partial article", r, st.Total)
					return
				}
				list, _, err := s.Articles(ctx, store.ArticleFilter{})
				if err != nil {
					errs <- fmt.Errorf("reader %d: %w", r, err)
					return
				}
				for _, a := range list {
					p, err := s.Events(ctx, store.Filter{Article: a.ID, Limit: 1})
					if err != nil {
						errs <- fmt.Errorf("reader %d: %w", r, err)
						return
					}
					if p.NumberMatched != perArticle && p.NumberMatched != 0 {
						errs <- fmt.Errorf("reader %d: article %s has %d events", r, a.ID[:8], p.NumberMatched)
						return
					}
				}
				checks.Add(1)
			}
		}()
	}
	for i := range articles {
		a, evs := article(fmt.Sprintf("https://example.org/%d", i%10), fmt.Sprintf("Article number %d.", i), perArticle, 37, 36)
		if _, err := s.SaveArticle(ctx, a, evs); err != nil {
			t.Fatal(err)
		}
	}
	done.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if checks.Load() < 3 {
		t.Errorf("readers completed only %d checks during the writes", checks.Load())
	}
	// 30 articles over 10 URLs: the last version of each URL remains.
	if st, _ := s.Stats(ctx, store.Filter{}); st.Total != 10*perArticle {
		t.Errorf("total = %d, want %d", st.Total, 10*perArticle)
	}
	var n int
	_ = s.EachEvent(ctx, store.Filter{}, func(*event.Event) error { n++; return nil })
	if n != 10*perArticle {
		t.Errorf("EachEvent saw %d", n)
	}
}
