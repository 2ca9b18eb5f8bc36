package gazetteer

import "testing"

func TestHasKeyPrefix(t *testing.T) {
	g := loadT(t)
	tests := []struct {
		key  string
		want bool
	}{
		{"new", true},     // new york
		{"golan", true},   // golan heights
		{"middle", true},  // middle east
		{"idlib", true},   // idlib governorate
		{"alepo", true},   // aleppo province
		{"tanf", true},    // tanf garrison
		{"manbij", false}, // only "manbij"
		{"zzzzqx", false}, // nothing
		{"", false},
		{"new yor", false}, // a word must be complete
	}
	for _, tt := range tests {
		if got := g.HasKeyPrefix(Normalize(tt.key)); got != tt.want {
			t.Errorf("HasKeyPrefix(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { g.HasKeyPrefix("new") }); n != 0 {
		t.Errorf("HasKeyPrefix allocates %v times", n)
	}
}

func TestMaxKeyWords(t *testing.T) {
	g := loadT(t)
	n := g.MaxKeyWords()
	if n < 3 || n > 30 {
		t.Errorf("MaxKeyWords() = %d", n)
	}
	// Every key of "Democratic Republic of the Congo" fits.
	if k := Normalize("Democratic Republic of the Congo"); g.LookupKey(k) == nil {
		t.Errorf("no candidates for %q", k)
	}
}
