package postgis

import (
	"context"
	"testing"

	"geoevents/internal/store"
	"geoevents/internal/store/storetest"
	"geoevents/internal/testenv"
)

// openTemp opens a store on a fresh database of the test server.
func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), testenv.PostgresDSN(t))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestContract runs the store contract suite against PostGIS.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t testing.TB) store.Store { return openTemp(t) }, storetest.Options{Stemming: true, Size: diskBytes})
}

// diskBytes is the size of the store's tables with their indexes and
// TOAST data.
func diskBytes(t testing.TB, st store.Store) int64 {
	t.Helper()
	s := st.(*Store)
	var n int64
	err := s.pool.QueryRow(context.Background(), `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
		FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
		WHERE c.relkind = 'r' AND ns.nspname = current_schema()`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
