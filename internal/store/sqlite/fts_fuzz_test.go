package sqlite

import (
	"context"
	"testing"

	"geoevents/internal/store"
)

// FuzzTextFilter checks that no user text can make the full-text filter
// fail: every input is a valid FTS5 query of plain words.
func FuzzTextFilter(f *testing.F) {
	for _, s := range []string{"Aleppo", `"`, `a" OR "b`, "NEAR(a b)", "*", "^x", "-y", "a:b", "\x00", "\xff\xfe", "(((", "x AND", "'; DROP TABLE events; --"} {
		f.Add(s)
	}
	s := openTemp(f)
	a, evs := article("", "Shelling in Aleppo and Idlib.", 2, 37, 36)
	if _, err := s.SaveArticle(context.Background(), a, evs); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if _, err := s.Events(context.Background(), store.Filter{Text: text, Limit: 5}); err != nil {
			t.Fatalf("Text %q: %v", text, err)
		}
	})
}
