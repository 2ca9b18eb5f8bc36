package sqlite

import (
	"testing"

	"geoevents/internal/store"
	"geoevents/internal/store/storetest"
)

// TestContract runs the store contract suite against SQLite.
func TestContract(t *testing.T) {
	// Stemming comes with the full-text index's stemming migration.
	storetest.Run(t, func(t testing.TB) store.Store { return openTemp(t) }, storetest.Options{Stemming: false})
}
