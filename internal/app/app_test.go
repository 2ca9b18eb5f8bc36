package app_test

import (
	"context"
	"path/filepath"
	"testing"

	"geoevents/internal/app"
	"geoevents/internal/store"
)

// TestBeforeGazetteer: serve's hook (which raises the heap's limit for
// the gazetteer's 152 MB) runs once, when the gazetteer is first needed,
// and not at all for an app that only reads.
func TestBeforeGazetteer(t *testing.T) {
	ctx := context.Background()
	calls := 0
	a, err := app.Open(ctx, app.Config{DBPath: filepath.Join(t.TempDir(), "g.db"), BeforeGazetteer: func() { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.Store.Stats(ctx, store.Filter{}); err != nil {
		t.Fatal(err)
	}
	if calls != 0 {
		t.Fatalf("hook ran %d times for reads only", calls)
	}
	for range 2 {
		gz, err := a.Gazetteer()
		if err != nil {
			t.Fatal(err)
		}
		if gz.Len() == 0 {
			t.Fatal("empty gazetteer")
		}
	}
	if calls != 1 {
		t.Fatalf("hook ran %d times, want once", calls)
	}
}
