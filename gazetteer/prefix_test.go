package gazetteer

import (
	"strings"
	"testing"
)

func TestPrefix(t *testing.T) {
	g := loadT(t)
	tests := []struct {
		prefix string
		limit  int
		first  int64
	}{
		{"Alep", 5, 170063},
		{"Damas", 5, 170654},
		{"Idl", 5, 169389},
		{"Palmyr", 5, 163808},
		{"al-Tan", 50, 149590}, // "tan": Tanzania first
		{"Lond", 3, 2643743},
		{"Syr", 3, 163843},
	}
	for _, tt := range tests {
		cs := g.Prefix(tt.prefix, tt.limit)
		if len(cs) == 0 || len(cs) > tt.limit {
			t.Fatalf("Prefix(%q, %d) = %d candidates", tt.prefix, tt.limit, len(cs))
		}
		if cs[0].Place.ID != tt.first {
			t.Errorf("Prefix(%q)[0] = %d %s, want %d", tt.prefix, cs[0].Place.ID, cs[0].Place.Name, tt.first)
		}
		seen := map[int64]bool{}
		for i, c := range cs {
			if seen[c.Place.ID] {
				t.Errorf("Prefix(%q) repeats %d", tt.prefix, c.Place.ID)
			}
			seen[c.Place.ID] = true
			if i > 0 && c.Prior > cs[i-1].Prior {
				t.Errorf("Prefix(%q) not sorted at %d", tt.prefix, i)
			}
		}
	}
	// A one-letter prefix spans many keys and still returns the limit.
	if cs := g.Prefix("a", 10); len(cs) != 10 {
		t.Errorf("Prefix(a, 10) = %d candidates", len(cs))
	}
	for _, bad := range []string{"", "  ", "\xff", strings.Repeat("z", 5000), "qqqqzzzx"} {
		if cs := g.Prefix(bad, 10); cs != nil {
			t.Errorf("Prefix(%.10q) = %d candidates, want nil", bad, len(cs))
		}
	}
	if cs := g.Prefix("Alep", 0); cs != nil {
		t.Errorf("Prefix with limit 0 = %v", cs)
	}
}

func BenchmarkPrefix(b *testing.B) {
	g := loadT(b)
	for _, p := range []string{"Dam", "a"} {
		b.Run(p, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				g.Prefix(p, 10)
			}
		})
	}
}
