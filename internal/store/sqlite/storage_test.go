package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"geoevents/internal/store"
)

// TestStorageFull fills a database capped by Options.MaxBytes (SQLite's
// real "database or disk is full" condition): the failing write wraps
// store.ErrStorageFull, stores nothing of its article, and what was stored
// before stays readable and intact.
func TestStorageFull(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "events.db")
	first, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a, evs := article("https://example.org/1", "the first article", 3, 37.16, 36.2)
	if _, err := first.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	if err := first.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	first.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenWith(ctx, path, Options{MaxBytes: fi.Size()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	big, bigEvs := article("https://example.org/2", strings.Repeat("a long article ", 50_000), 200, 37.16, 36.2)
	_, err = s.SaveArticle(ctx, big, bigEvs)
	if !errors.Is(err, store.ErrStorageFull) {
		t.Fatalf("SaveArticle past the size cap: %v, want store.ErrStorageFull", err)
	}
	if _, _, err := s.Article(ctx, big.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the failed article is there in part: %v", err)
	}
	if got, _, err := s.Article(ctx, a.ID); err != nil || got.ID != a.ID {
		t.Errorf("the article stored before: %v", err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// TestStorageReadOnly: SQLite's "attempt to write a readonly database"
// (here from a read-pool connection, which is query_only) wraps
// store.ErrReadOnly.
func TestStorageReadOnly(t *testing.T) {
	s := openTemp(t)
	_, err := s.r.ExecContext(context.Background(), "DELETE FROM events")
	if err == nil {
		t.Fatal("a write on a query_only connection succeeded")
	}
	if err := storageErr(err); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("storageErr(%v) does not wrap store.ErrReadOnly", err)
	}
	if err := storageErr(errors.New("other")); errors.Is(err, store.ErrReadOnly) || errors.Is(err, store.ErrStorageFull) {
		t.Errorf("storageErr of a plain error: %v", err)
	}
}

// TestOpenSaysWhatIsWrongWithThePath: a missing directory or a directory
// in the file's place is named, not reported as SQLite's "unable to open
// database file (14)".
func TestOpenSaysWhatIsWrongWithThePath(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{filepath.Join(dir, "missing", "events.db"), "does not exist"},
		{dir, "is a directory"},
		{filepath.Join(notDir, "events.db"), "is not a directory"},
	}
	for _, tc := range tests {
		_, err := Open(context.Background(), tc.path)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "(14)") {
			t.Errorf("Open(%s): %v, want an error saying %q", tc.path, err, tc.want)
		}
	}
}
