package postgis

import (
	"context"
	"strings"
	"testing"
)

// FuzzTextQuery: whatever the user types, the text condition is valid SQL
// whose tsquery parses (user text is never tsquery syntax); only text
// holding no word is the constant false.
func FuzzTextQuery(f *testing.F) {
	for _, seed := range []string{"shelled town", "al-Bab", `"a" OR b*`, "!x & y | (z)", "a:*", "((", "", "\x00", "café\u0301", "<->", "'quoted'", `\`, "NEAR(a b)"} {
		f.Add(seed)
	}
	s := openTemp(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, q string) {
		var w where
		doc := w.arg("the town was shelled; al-Bab café")
		tsq, ok := w.tsquery(q)
		if !ok {
			if strings.ContainsFunc(q, isWordRune) {
				t.Fatalf("q %q holds a word but matches nothing", q)
			}
			return
		}
		sql := "SELECT to_tsvector('" + textConfig + "', " + doc + "::text) @@ " + tsq
		var match bool
		if err := s.pool.QueryRow(ctx, sql, w.args...).Scan(&match); err != nil {
			t.Fatalf("q %q: %v", q, err)
		}
	})
}
