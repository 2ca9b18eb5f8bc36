package ingest

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"geoevents/gazetteer"
	"geoevents/internal/geoparse"
	"geoevents/internal/store/sqlite"
)

var (
	parserOnce sync.Once
	parser     *geoparse.Parser
	parserErr  error
)

// testParser loads the real embedded gazetteer once per test binary.
func testParser(t testing.TB) *geoparse.Parser {
	t.Helper()
	parserOnce.Do(func() {
		g, err := gazetteer.Load()
		if err != nil {
			parserErr = err
			return
		}
		parser = geoparse.New(g)
	})
	if parserErr != nil {
		t.Fatalf("load gazetteer: %v", parserErr)
	}
	return parser
}

// openStore opens a real SQLite store in a temporary directory.
func openStore(t testing.TB) (*sqlite.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "events.db")
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

// newIngester returns an Ingester over the real parser and a fresh store.
func newIngester(t testing.TB) (*Ingester, *sqlite.Store) {
	t.Helper()
	st, _ := openStore(t)
	return &Ingester{Parser: testParser(t), Store: st}, st
}
