package gazetteer

import (
	"testing"
	"unsafe"
)

// TestPlaceCompact guards the places' share of the heap (issue 15's memory
// bound): a Place stays 80 bytes, and the loaded places share their Attrs.
func TestPlaceCompact(t *testing.T) {
	if n := unsafe.Sizeof(Place{}); n > 80 {
		t.Errorf("a Place is %d bytes, want ≤ 80 (680,000 of them are loaded)", n)
	}
	g := loadT(t)
	distinct := map[*Attrs]bool{}
	for _, p := range g.places {
		if p.Attrs == nil {
			t.Fatalf("place %d has no Attrs", p.ID)
		}
		distinct[p.Attrs] = true
	}
	if len(distinct)*10 > len(g.places) {
		t.Errorf("%d distinct Attrs for %d places: not shared", len(distinct), len(g.places))
	}
	t.Logf("%d places share %d Attrs", len(g.places), len(distinct))
}

// TestWithAttrs checks that changing a copy's Attrs leaves the places that
// share the original's alone.
func TestWithAttrs(t *testing.T) {
	shared := &Attrs{FeatureClass: "H", FeatureCode: "STM", CountryCode: "SY", Admin1: "Aleppo"}
	river := Place{ID: 1, Name: "Euphrates", Attrs: shared}
	other := Place{ID: 2, Name: "Queiq", Attrs: shared}
	at := river.WithAttrs(func(a *Attrs) { a.CountryCode, a.Admin1 = "IQ", "Al Anbar" })
	if at.CountryCode != "IQ" || at.Admin1 != "Al Anbar" || at.FeatureCode != "STM" {
		t.Errorf("copy = %+v, want STM in IQ, Al Anbar", *at.Attrs)
	}
	if river.CountryCode != "SY" || other.Admin1 != "Aleppo" || shared.CountryCode != "SY" {
		t.Errorf("the shared Attrs changed: %+v", *shared)
	}
	if got := (Place{}).WithAttrs(func(a *Attrs) { a.FeatureClass = "P" }); got.FeatureClass != "P" {
		t.Errorf("WithAttrs on a Place without Attrs = %+v", got)
	}
}
