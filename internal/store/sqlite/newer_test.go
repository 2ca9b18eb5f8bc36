package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"geoevents/internal/store"
)

// TestRefusesNewerSchema: a database a newer program migrated further is
// refused with store.ErrSchemaTooNew, and left as it was.
func TestRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newer.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations)+1)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(ctx, path); !errors.Is(err, store.ErrSchemaTooNew) {
		t.Fatalf("open newer database: %v, want ErrSchemaTooNew", err)
	}
	if _, err := store.Open(ctx, path); !errors.Is(err, store.ErrSchemaTooNew) {
		t.Fatalf("store.Open newer database: %v, want ErrSchemaTooNew", err)
	}
}
