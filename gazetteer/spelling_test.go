package gazetteer

import "testing"

func TestLookupSpelling(t *testing.T) {
	g := loadT(t)
	cs := g.LookupSpelling(Normalize("Msheirfeh Qabliyeh"), nil)
	found := false
	for _, c := range cs {
		if !c.Spelling {
			t.Errorf("%s: Spelling not set", c.Place.Name)
		}
		if c.Place.Name == "Mushayrifah Qibliyah" {
			found = true
		}
	}
	if !found {
		t.Errorf("LookupSpelling(Msheirfeh Qabliyeh) lacks Mushayrifah Qibliyah: %v", Rows(cs))
	}
	// The name's own key is excluded: its candidates come from Lookup.
	for _, c := range g.LookupSpelling(Normalize("Mushayrifah Qibliyah"), nil) {
		if Normalize(c.Place.Name) == Normalize("Mushayrifah Qibliyah") && !c.Spelling {
			t.Errorf("own spelling returned as a plain candidate")
		}
	}
	only := func(p *Place) bool { return p.CountryCode == "SY" && p.Admin1 == "Hama" }
	for _, c := range g.LookupSpelling(Normalize("Msheirfeh Qabliyeh"), only) {
		if !only(c.Place) {
			t.Errorf("keep ignored: %s in %s/%s", c.Place.Name, c.Place.CountryCode, c.Place.Admin1)
		}
	}
	if len(g.LookupSpelling("", nil)) != 0 || len(g.LookupSpelling(Normalize("Zzyzxq Qqwrt"), nil)) != 0 {
		t.Error("empty or unknown spelling gave candidates")
	}
	for _, c := range cs {
		if c.Prior > spellingQuality {
			t.Errorf("spelling candidate %s prior %.3f above %.2f", c.Place.Name, c.Prior, spellingQuality)
		}
	}
}

func TestEditDistanceAndSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		d    int
	}{
		{"", "", 0}, {"abc", "", 3}, {"kafr zeita", "kafr zayta", 2}, {"kiev", "kyiv", 2},
		{"msheirfeh", "mushayrifah", 5},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
		if got := editDistance(tt.b, tt.a); got != tt.d {
			t.Errorf("editDistance not symmetric on %q, %q", tt.a, tt.b)
		}
	}
	long := string(make([]byte, 100))
	if editDistance(long, "") != 100 {
		t.Error("editDistance of a long string")
	}
	if s := similarity("a", "zzzzzzzz"); s != 0.5 {
		t.Errorf("similarity floor %.2f, want 0.5", s)
	}
	if SpellingKey("msheirfeh qabliyeh") != "mSrf kbl" {
		t.Errorf("SpellingKey = %q", SpellingKey("msheirfeh qabliyeh"))
	}
}
