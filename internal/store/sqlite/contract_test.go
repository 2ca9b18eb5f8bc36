package sqlite

import (
	"context"
	"testing"

	"geoevents/internal/store"
	"geoevents/internal/store/storetest"
)

// TestContract runs the store contract suite against SQLite.
func TestContract(t *testing.T) {
	// The full-text index stems since schema 7.
	storetest.Run(t, func(t testing.TB) store.Store { return openTemp(t) }, storetest.Options{Stemming: true, Size: diskBytes})
}

// diskBytes is the size of the database's pages in use, WAL included
// (the file after a checkpoint, less its free pages).
func diskBytes(t testing.TB, st store.Store) int64 {
	t.Helper()
	s := st.(*Store)
	var pages, free, size int64
	err := s.w.QueryRowContext(context.Background(),
		"SELECT (SELECT page_count FROM pragma_page_count()), (SELECT freelist_count FROM pragma_freelist_count()), (SELECT page_size FROM pragma_page_size())").Scan(&pages, &free, &size)
	if err != nil {
		t.Fatal(err)
	}
	return (pages - free) * size
}
