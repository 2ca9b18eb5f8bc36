// Package sqlitetest opens real SQLite stores in the states other
// packages' tests need.
package sqlitetest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"geoevents/internal/store/sqlite"
)

// Full returns a real, migrated, empty store whose file is capped at its
// present size (sqlite.Options.MaxBytes): every write that would grow it
// fails with store.ErrStorageFull, as on a full disk. It is closed when
// the test ends.
func Full(t testing.TB) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "events.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	st.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err = sqlite.OpenWith(ctx, path, sqlite.Options{MaxBytes: fi.Size()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
