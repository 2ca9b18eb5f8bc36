package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// TestUncachedQueriesWhileEveryConnectionIsInATransaction holds every
// read connection in a transaction and runs a not yet cached query in
// each at once: preparing it must not wait for another pooled connection
// (that deadlocked the HTTP server under load until its clients gave up).
func TestUncachedQueriesWhileEveryConnectionIsInATransaction(t *testing.T) {
	s := openTemp(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	n := s.r.Stats().MaxOpenConnections
	if n <= 0 {
		t.Fatalf("read pool unbounded (%d): nothing to starve", n)
	}
	txs := make([]*sql.Tx, n)
	for i := range txs {
		tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback() //nolint:errcheck // read-only
		// A statement makes database/sql bind the connection now.
		if err := tx.QueryRowContext(ctx, "SELECT 1").Scan(new(int)); err != nil {
			t.Fatal(err)
		}
		txs[i] = tx
	}
	if got := s.r.Stats().InUse; got != n {
		t.Fatalf("%d of %d connections in use", got, n)
	}
	query := func(i int) string { return fmt.Sprintf("SELECT count(*) + %d FROM events", i) }
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i, tx := range txs {
		wg.Go(func() {
			got, err := cachedTx{tx: tx, cache: s.stmts}.queryInt(ctx, query(i))
			if err == nil && got != int64(i) {
				err = fmt.Errorf("got %d, want %d", got, i)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("transaction %d: %v", i, err)
		}
	}
	for _, tx := range txs {
		tx.Rollback() //nolint:errcheck // read-only
	}
	// Once connections are free the statements are cached after all.
	for i := range n {
		for s.stmts.lookup(query(i)) == nil {
			if ctx.Err() != nil {
				t.Fatalf("query %d never cached", i)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
}

// TestReadsKeepCompletingWhileAnotherStoreWrites starts many concurrent
// readers on a fresh Store (empty statement cache) while a second Store on
// the same file, as an ingest process would, commits articles in a loop.
// Every reader must keep completing queries.
func TestReadsKeepCompletingWhileAnotherStoreWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "events.db")
	w, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.ImportEvents(ctx, genEvents(5000, 1)); err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()

	stop := make(chan struct{})
	var commits atomic.Int64
	writeErr := make(chan error, 1)
	go func() {
		defer close(writeErr)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			a, evs := article(fmt.Sprintf("https://example.org/w%d", i), fmt.Sprintf("Written article %d.", i), 10, 37, 36)
			if _, err := w.SaveArticle(ctx, a, evs); err != nil {
				writeErr <- err
				return
			}
			commits.Add(1)
		}
	}()

	filters := []store.Filter{
		{Limit: 20},
		{BBox: boxAround(37, 36, 2), Limit: 20, Sort: "-date"},
		{Near: &geo.Circle{Lon: 37, Lat: 36, RadiusKm: 100}, Limit: 20, Sort: "distance"},
		{Types: []string{event.TypeBattles}, Limit: 20},
		{Text: "article", Limit: 20},
		{BBox: boxAround(37, 36, 5), From: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), Limit: 20},
	}
	readers := 4 * r.r.Stats().MaxOpenConnections
	const window = 3 * time.Second
	deadline := time.Now().Add(window)
	reads := make([]int, readers)
	errs := make([]error, readers)
	var wg sync.WaitGroup
	for g := range readers {
		wg.Go(func() {
			for i := 0; time.Now().Before(deadline); i++ {
				qctx, cancel := context.WithTimeout(ctx, 20*time.Second)
				_, err := r.Events(qctx, filters[(g+i)%len(filters)])
				cancel()
				if err != nil {
					errs[g] = err
					return
				}
				reads[g]++
			}
		})
	}
	wg.Wait()
	close(stop)
	if err := <-writeErr; err != nil {
		t.Fatalf("writer: %v", err)
	}
	total := 0
	for g := range readers {
		if errs[g] != nil {
			t.Errorf("reader %d: %v", g, errs[g])
		}
		if reads[g] == 0 {
			t.Errorf("reader %d completed no read", g)
		}
		total += reads[g]
	}
	if total < readers {
		t.Errorf("%d reads by %d readers in %s", total, readers, window)
	}
	if commits.Load() == 0 {
		t.Error("the writer committed nothing during the reads")
	}
	t.Logf("%d readers: %d reads, writer %d commits in %s", readers, total, commits.Load(), window)
}
