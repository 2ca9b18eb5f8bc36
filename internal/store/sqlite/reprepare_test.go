package sqlite

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	msqlite "modernc.org/sqlite"

	"geoevents/geo"
	"geoevents/internal/store"
)

// Compiles are counted through SQLite's authorizer, which SQLite calls
// while it compiles a statement (once per column read): at its first
// preparation and again at every re-preparation, never when a prepared
// statement runs. Since SQLite 3.4x, a statement whose plan read a bound
// value (LIMIT ?, whose value sets the rows expected; a term compared with
// a partial index's WHERE; a "col = ?" term bound to 0 or 1 and then to
// another value) is re-prepared when that value changes, and past the
// 31st parameter when any later one changes (they share one bit of the
// mask), which undoes the statement cache. FTS5's own statements are left
// out: one of them (segid = ?) re-prepares as the segments read change,
// out of our SQL's reach (only SQLITE_DBCONFIG_ENABLE_QPSG, which modernc
// does not expose, turns that off).
var (
	compileHookOnce sync.Once
	compileMu       sync.Mutex
	compileCounts   = map[string]*atomic.Int64{} // database path → columns compiled
)

// countCompiles starts counting the column reads SQLite compiles on
// connections to the database file at path (opened after this call),
// outside FTS5's shadow tables, and returns the counter.
func countCompiles(t testing.TB, path string) *atomic.Int64 {
	t.Helper()
	compileHookOnce.Do(func() {
		msqlite.RegisterConnectionHook(func(c msqlite.ExecQuerierContext, dsn string) error {
			p, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
			compileMu.Lock()
			n := compileCounts[p]
			compileMu.Unlock()
			if n == nil {
				return nil
			}
			return c.(msqlite.AuthorizerRegisterer).RegisterAuthorizer(func(a msqlite.AuthorizerActionCode, table, _, _, _ string) msqlite.AuthorizerReturnCode {
				if a == msqlite.AuthRead && !strings.Contains(table, "_fts_") {
					n.Add(1)
				}
				return msqlite.AuthorizerOK
			})
		})
	})
	n := new(atomic.Int64)
	compileMu.Lock()
	compileCounts[path] = n
	compileMu.Unlock()
	t.Cleanup(func() {
		compileMu.Lock()
		delete(compileCounts, path)
		compileMu.Unlock()
	})
	return n
}

// compilesOf is the counter countCompiles started for path (a new,
// unused one when none was).
func compilesOf(path string) *atomic.Int64 {
	compileMu.Lock()
	defer compileMu.Unlock()
	if n := compileCounts[path]; n != nil {
		return n
	}
	return new(atomic.Int64)
}

// servedFilters are the shapes of the map's and the API's queries with
// values drawn afresh: the varied benchmark's cases, deeper pages, other
// orders, mentions and types, each with and without the map's
// max_precision=2, as requests send them.
func servedFilters(r *rand.Rand) []store.Filter {
	var fs []store.Filter
	for _, c := range []string{"a", "a-dense", "b", "c", "c2"} {
		f := varyCase(r, c)
		fs = append(fs, f)
		g := f
		g.Limit = []int{10, 50, 100, 500, 1000}[r.IntN(5)]
		g.Offset = []int{0, 0, 100, 1000}[r.IntN(4)]
		fs = append(fs, g)
		h := f
		h.Mentions = r.IntN(2) == 0
		h.Types = [][]string{nil, {"Battles"}, {"Battles", "Protests"}}[r.IntN(3)]
		fs = append(fs, h)
		d := f
		d.Sort = store.SortDateAsc
		fs = append(fs, d)
	}
	for _, f := range fs {
		f.MaxPrecision = 2
		fs = append(fs, f)
	}
	lon, lat := 36+3*r.Float64(), 33+4*r.Float64()
	fs = append(fs,
		store.Filter{Near: &geo.Circle{Lon: lon, Lat: lat, RadiusKm: 5 + 50*r.Float64()}, Limit: 100},
		store.Filter{Limit: 100, Offset: r.IntN(3) * 100},
		store.Filter{Text: "clashes", Limit: 100},
	)
	return fs
}

// TestCachedStatementsNotReprepared runs the served queries (pages and
// their aggregates) twice, the second time with the same shapes and other
// values, and counts what SQLite compiles in the second round: every
// statement is cached and prepared by then, so any compile is a
// re-preparation (+250–300 µs each on the 1M-event database, about a
// quarter of a city-box request's CPU) or a statement the cache missed.
func TestCachedStatementsNotReprepared(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "events.db")
	compiles := countCompiles(t, path)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.ImportEvents(ctx, genEvents(20000, 5)); err != nil {
		t.Fatal(err)
	}
	// One connection, so each cached statement is prepared once, on it.
	s.r.SetMaxOpenConns(1)
	run := func(fs []store.Filter) {
		for _, f := range fs {
			if _, err := s.Events(ctx, f); err != nil {
				t.Fatalf("%+v: %v", f, err)
			}
			// The map's grouped view of the same filter, at a zoom the
			// cell sums answer (with border strips) and a closer one.
			for _, level := range []int{cellSumsLevel - 2, cellSumsLevel + 4} {
				if _, err := s.Aggregate(ctx, f, level); err != nil {
					t.Fatalf("aggregate %+v at %d: %v", f, level, err)
				}
			}
			s.stmts.wg.Wait() // background prepares done: cached from now on
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	var warm, fresh [][]store.Filter
	for range 3 {
		warm = append(warm, servedFilters(r))
	}
	for range 3 {
		fresh = append(fresh, servedFilters(r))
	}
	// Warm up with both rounds' shapes (the shapes depend on the values:
	// the number of cells a box covers, ranges padded to a power of two),
	// with the statistics loaded, and keep them from reloading during the
	// count (a reload runs queries of its own).
	s.est.get()
	for deadline := time.Now().Add(10 * time.Second); s.est.get() == nil; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("statistics never loaded")
		}
	}
	s.est.mu.Lock()
	s.est.cur.at = time.Now().Add(time.Hour)
	s.est.mu.Unlock()
	for _, fs := range append(append([][]store.Filter{}, warm...), fresh...) {
		run(fs)
	}
	before := compiles.Load()
	if before == 0 {
		t.Fatal("no compile counted: the authorizer is not installed")
	}
	for _, fs := range warm {
		run(fs)
	}
	if n := compiles.Load() - before; n != 0 {
		t.Errorf("%d column reads compiled again in %d requests of cached shapes", n, 3*len(warm[0]))
	}
}
