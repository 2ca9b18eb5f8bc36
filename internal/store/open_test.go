package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"geoevents/internal/store"
	_ "geoevents/internal/store/all"
)

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://user:secret@db:5432/geo":         "postgres://user:xxxxx@db:5432/geo",
		"postgresql://u:p%40ss@h/db?sslmode=off":     "postgresql://u:xxxxx@h/db?sslmode=off",
		"postgres://user@db/geo":                     "postgres://user@db/geo",
		"postgres://db/geo?password=x":               "postgres://db/geo?password=x",
		"./events.db":                                "./events.db",
		"postgres://user:pa:ss@db/geo":               "postgres://user:xxxxx@db/geo",
		"postgres://user:secret@db/geo?note=a@b.org": "postgres://user:xxxxx@db/geo?note=a@b.org",
	} {
		if got := store.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOpenChoosesBackend: a path or file: URI opens SQLite; an unknown
// scheme is refused with ErrUnknownBackend; a PostgreSQL URL goes to
// PostGIS (here: a server that is not there, so the error names it).
func TestOpenChoosesBackend(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, dsn := range []string{filepath.Join(dir, "a.db"), "file:" + filepath.Join(dir, "b.db")} {
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatalf("open %s: %v", dsn, err)
		}
		s.Close()
	}
	if _, err := store.Open(ctx, "mysql://x/y"); !errors.Is(err, store.ErrUnknownBackend) {
		t.Errorf("mysql URL: %v, want ErrUnknownBackend", err)
	}
	if _, err := store.Open(ctx, ""); err == nil {
		t.Error("empty DSN opened")
	}
	_, err := store.Open(ctx, "postgres://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
	if err == nil {
		t.Fatal("opened a PostgreSQL URL with no server")
	}
	if msg := err.Error(); !strings.Contains(msg, "postgis") || strings.Contains(msg, "secret") {
		t.Errorf("error %q: want it to name the postgis backend and not the password", msg)
	}
}
