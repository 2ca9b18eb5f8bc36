package postgis

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"geoevents/internal/store"
	"geoevents/internal/testenv"
)

// TestMigrateConcurrentlyThenRefuseNewer: servers starting together on one
// new database migrate it once; a database a newer program migrated
// further is refused with store.ErrSchemaTooNew.
func TestMigrateConcurrentlyThenRefuseNewer(t *testing.T) {
	ctx := context.Background()
	dsn := testenv.PostgresDSN(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			s, err := Open(ctx, dsn)
			if err == nil {
				s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent opens: %v", err)
	}
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var version, rows int
	if err := c.QueryRow(ctx, "SELECT max(version), count(*) FROM geoevents_schema").Scan(&version, &rows); err != nil {
		t.Fatal(err)
	}
	if version != len(migrations) || rows != 1 {
		t.Fatalf("schema version %d in %d rows, want %d in 1", version, rows, len(migrations))
	}
	if _, err := c.Exec(ctx, "UPDATE geoevents_schema SET version = version + 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(ctx, dsn); !errors.Is(err, store.ErrSchemaTooNew) {
		t.Fatalf("open newer database: %v, want ErrSchemaTooNew", err)
	}
}

// TestTextSearchStemsEnglish checks the text configuration the contract's
// stemming relies on, and that queries are never tsquery syntax.
func TestTextSearchStemsEnglish(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for _, tc := range []struct {
		doc, q string
		want   bool
	}{
		{"Militants attacked the villages", "attack village", true},
		{"Militants attacked the villages", "the", true}, // no stop words
		{"Cafés in São Paulo", "cafe sao", true},
		{"Cafés in São Paulo", "paulo:*", true}, // * and : are not operators
		{"Cafés in São Paulo", "!paulo", true},
		{"Cafés in São Paulo", "pau", false}, // no prefix matching
	} {
		var w where
		doc := w.arg(tc.doc)
		tsq, _ := w.tsquery(tc.q)
		q := "SELECT to_tsvector('" + textConfig + "', " + doc + "::text) @@ " + tsq
		var got bool
		if err := s.pool.QueryRow(ctx, q, w.args...).Scan(&got); err != nil {
			t.Fatalf("%q: %v", tc.q, err)
		}
		if got != tc.want {
			t.Errorf("%q in %q: %v, want %v", tc.q, tc.doc, got, tc.want)
		}
	}
}

// TestReadOnlyServer: an up-to-date database opens on a read-only server
// (a standby), serves reads, and refuses writes with store.ErrReadOnly.
func TestReadOnlyServer(t *testing.T) {
	ctx := context.Background()
	dsn := testenv.PostgresDSN(t)
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	ro, err := Open(ctx, dsn+sep+"default_transaction_read_only=on")
	if err != nil {
		t.Fatalf("open read-only: %v", err)
	}
	defer ro.Close()
	if _, err := ro.Events(ctx, store.Filter{}); err != nil {
		t.Errorf("read on a read-only server: %v", err)
	}
	if _, err := ro.ImportEvents(ctx, benchEvents(3)); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("import on a read-only server: %v, want ErrReadOnly", err)
	}
}
