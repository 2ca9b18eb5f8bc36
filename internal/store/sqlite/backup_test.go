package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// TestBackupWhileWriting copies a database while a writer saves articles
// and a reader queries: the copy opens as a store, passes the integrity
// check, holds a prefix of the writes (whole articles only), and a copy
// taken after the writes holds exactly what the source holds.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTemp(t)
	for i := range 50 {
		a, evs := article(fmt.Sprintf("https://example.org/pre/%d", i), fmt.Sprintf("pre %d", i), 4, 37.1, 36.2)
		if _, err := s.SaveArticle(ctx, a, evs); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	var saved atomic.Int64
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			a, evs := article(fmt.Sprintf("https://example.org/live/%d", i), fmt.Sprintf("live %d", i), 4, 37.1, 36.2)
			if _, err := s.SaveArticle(ctx, a, evs); err != nil {
				t.Error(err)
				return
			}
			saved.Add(1)
		}
	}()
	during := filepath.Join(dir, "during.db")
	if err := s.Backup(ctx, during); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	if saved.Load() == 0 {
		t.Log("the writer saved nothing while the backup ran")
	}
	if err := s.Backup(ctx, during); err == nil {
		t.Error("a backup over an existing file succeeded")
	}
	checkCopy := func(path string) (articles int64, events int) {
		t.Helper()
		c, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open the copy: %v", err)
		}
		defer c.Close()
		if err := c.IntegrityCheck(ctx); err != nil {
			t.Fatalf("copy: %v", err)
		}
		_, n, err := c.Articles(ctx, store.ArticleFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		err = c.EachEvent(ctx, store.Filter{Mentions: true}, func(*event.Event) error { events++; return nil })
		if err != nil {
			t.Fatal(err)
		}
		return n, events
	}
	n, evs := checkCopy(during)
	if n < 50 || n > 50+saved.Load() || evs != int(n)*4 {
		t.Errorf("copy during writes: %d articles, %d events; want 50..%d articles of 4 events each", n, evs, 50+saved.Load())
	}
	after := filepath.Join(dir, "after.db")
	if err := s.Backup(ctx, after); err != nil {
		t.Fatal(err)
	}
	if n, evs := checkCopy(after); n != 50+saved.Load() || evs != int(n)*4 {
		t.Errorf("copy after writes: %d articles, %d events; want %d articles", n, evs, 50+saved.Load())
	}
}
