package gazetteer

import (
	"encoding/json"
	"testing"
)

func TestSourceText(t *testing.T) {
	for s := SourceGeoNames; s < numSources; s++ {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("marshal %d: %v", s, err)
		}
		var back Source
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("round trip of %s: %s -> %v (%v)", s, b, back, err)
		}
	}
	if _, err := json.Marshal(Source(200)); err == nil {
		t.Error("an unknown source marshals")
	}
	var s Source
	if err := json.Unmarshal([]byte(`"atlas"`), &s); err == nil {
		t.Error("an unknown source name unmarshals")
	}
}

// TestSources: every data set the gazetteer joins gives places their
// source.
func TestSources(t *testing.T) {
	g := loadT(t)
	tests := []struct {
		name string
		want Source
	}{
		{"Syria", SourceCountries},
		{"Halab", SourceGeoNames},
		{"Mushayrifah Qibliyah", SourceWhosOnFirst},
		{"Et-Tanf", SourceSupplement},
		{"Tishreen Dam", SourceSupplement},
		{"West Africa", SourceSupplement},
	}
	for _, tt := range tests {
		cs := g.Lookup(tt.name)
		if len(cs) == 0 {
			t.Errorf("Lookup(%q): nothing", tt.name)
			continue
		}
		if got := cs[0].Place.Source; got != tt.want {
			t.Errorf("Lookup(%q)[0] %s from %s, want %s", tt.name, cs[0].Place.Name, got, tt.want)
		}
	}
}

// TestCountryPoints: countries stand at GeoNames' own point where
// geonames-country-points lists them.
func TestCountryPoints(t *testing.T) {
	g := loadT(t)
	for cc, want := range map[string][2]float64{"US": {39.76, -98.5}, "CA": {60.10867, -113.64258}, "SY": {35, 38}, "LY": {28, 17}} {
		p, ok := g.Country(cc)
		if !ok {
			t.Fatalf("no country %s", cc)
		}
		if p.Lat != want[0] || p.Lon != want[1] {
			t.Errorf("%s at %.5f,%.5f, want %.5f,%.5f", cc, p.Lat, p.Lon, want[0], want[1])
		}
	}
}
