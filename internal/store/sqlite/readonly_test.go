package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"geoevents/internal/store"
)

// writeStore makes a database at path holding one article of three events.
func writeStore(t *testing.T, path string) {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	a, evs := article("https://example.org/a", "Fighting in Aleppo.", 3, 37.16, 36.2)
	if _, err := s.SaveArticle(context.Background(), a, evs); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestReadOnlyOpen: a read-only open reads (queries, the integrity check,
// a backup) and refuses every write with store.ErrReadOnly, leaving the
// file's bytes as they were.
func TestReadOnlyOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "events.db")
	writeStore(t, path)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenWith(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open: %v", err)
	}
	defer s.Close()
	page, err := s.Events(ctx, store.Filter{Limit: 10})
	if err != nil || page.NumberMatched != 3 {
		t.Fatalf("query: total %d, err %v; want 3 events", page.NumberMatched, err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Errorf("integrity check on a read-only open: %v", err)
	}
	if err := s.Backup(ctx, filepath.Join(dir, "copy.db")); err != nil {
		t.Errorf("backup of a read-only open: %v", err)
	}
	a, evs := article("https://example.org/b", "Shelling in Homs.", 2, 36.7, 34.7)
	if _, err := s.SaveArticle(ctx, a, evs); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("save on a read-only open: err %v, want store.ErrReadOnly", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(before) != string(after) {
		t.Error("the database file changed under a read-only open")
	}
}

// TestReadOnlyOpenRefuses: a read-only open creates nothing and migrates
// nothing: a missing file is an error naming it, and an older schema is
// store.ErrSchemaTooOld saying how to upgrade, its version left as it was.
func TestReadOnlyOpenRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	if _, err := OpenWith(ctx, missing, Options{ReadOnly: true}); err == nil {
		t.Error("read-only open of a missing file succeeded")
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a read-only open created %s", missing)
	}

	old := filepath.Join(dir, "v5.db")
	writeV5(t, old, nil)
	_, err := OpenWith(ctx, old, Options{ReadOnly: true})
	if !errors.Is(err, store.ErrSchemaTooOld) {
		t.Fatalf("read-only open of a schema 5 database: err %v, want ErrSchemaTooOld", err)
	}
	t.Logf("message: %v", err)
	db, err := sql.Open("sqlite", old)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != 5 {
		t.Errorf("schema version after a read-only open: %d (%v), want 5 untouched", v, err)
	}
}
