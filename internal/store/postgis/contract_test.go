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
	storetest.Run(t, func(t testing.TB) store.Store { return openTemp(t) }, storetest.Options{Stemming: true})
}
