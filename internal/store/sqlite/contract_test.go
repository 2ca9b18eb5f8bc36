package sqlite

import (
	"testing"

	"geoevents/internal/store"
	"geoevents/internal/store/storetest"
)

// TestContract runs the store contract suite against SQLite.
func TestContract(t *testing.T) {
	// The full-text index stems since schema 7.
	storetest.Run(t, func(t testing.TB) store.Store { return openTemp(t) }, storetest.Options{Stemming: true})
}
