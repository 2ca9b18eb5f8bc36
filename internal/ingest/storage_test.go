package ingest

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"geoevents/internal/store"
	"geoevents/internal/store/sqlite/sqlitetest"
)

// TestIngestStorageFull ingests files into a real database at its size
// cap: the run fails with store.ErrStorageFull, and its last log line says
// it stopped, never "ingest done".
func TestIngestStorageFull(t *testing.T) {
	ctx := context.Background()
	st := sqlitetest.Full(t)
	var logs bytes.Buffer
	in := &Ingester{Parser: testParser(t), Store: st, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	dir := t.TempDir()
	text := "---\ntitle: Shelling\ndate: 2024-12-01\n---\n" + strings.Repeat("Shelling hit Aleppo on Sunday, killing three. ", 2000)
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := in.IngestPaths(ctx, []string{dir}, Options{})
	if !errors.Is(err, store.ErrStorageFull) {
		t.Fatalf("IngestPaths into a full database: %v, want store.ErrStorageFull", err)
	}
	if strings.Contains(logs.String(), "ingest done") || !strings.Contains(logs.String(), "ingest stopped") {
		t.Errorf("logs of a failed run:\n%s", logs.String())
	}
}
