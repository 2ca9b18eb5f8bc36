package gazetteer

import (
	"testing"

	"geoevents/geo"
)

// TestTowns: the towns of a box are populated places inside it, the most
// important first (Damascus, the capital, leads southern Syria; Aleppo
// leads the north), and the countryside of Aleppo has villages to label;
// a box across the antimeridian finds Fiji's towns on both sides.
func TestTowns(t *testing.T) {
	g := loadT(t)
	for _, tc := range []struct {
		name  string
		box   geo.BBox
		first string
		min   int
	}{
		{"southern Syria", geo.BBox{MinLon: 35.8, MinLat: 32.3, MaxLon: 37.5, MaxLat: 34}, "Damascus", 100},
		{"Aleppo", geo.BBox{MinLon: 36.9, MinLat: 36, MaxLon: 37.4, MaxLat: 36.4}, "Aleppo", 50},
		{"Fiji across 180", geo.BBox{MinLon: 177, MinLat: -19.5, MaxLon: -179, MaxLat: -16}, "Suva", 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			towns := g.Towns(tc.box, 500)
			if len(towns) < tc.min {
				t.Fatalf("%d towns, want at least %d", len(towns), tc.min)
			}
			if towns[0].Name != tc.first {
				t.Errorf("first town %s (%s, %d), want %s", towns[0].Name, towns[0].FeatureCode, towns[0].Population, tc.first)
			}
			for i, p := range towns {
				if p.FeatureClass != "P" || !tc.box.Contains(p.Lon, p.Lat) {
					t.Errorf("%s (%s %s) at %v,%v: not a town in the box", p.Name, p.FeatureClass, p.FeatureCode, p.Lon, p.Lat)
				}
				if i > 0 && rankOf(towns[i-1]) == rankOf(p) && towns[i-1].Population < p.Population {
					t.Errorf("%s (%d) before %s (%d): not by population", towns[i-1].Name, towns[i-1].Population, p.Name, p.Population)
				}
				if i > 0 && rankOf(towns[i-1]) > rankOf(p) {
					t.Errorf("%s (%s) before %s (%s): not by rank", towns[i-1].Name, towns[i-1].FeatureCode, p.Name, p.FeatureCode)
				}
			}
			if n := len(g.Towns(tc.box, 3)); n != 3 {
				t.Errorf("limit 3 gave %d", n)
			}
		})
	}
	if n := len(g.Towns(geo.BBox{MinLon: -30, MinLat: -50, MaxLon: -29, MaxLat: -49}, 10)); n != 0 {
		t.Errorf("%d towns in the South Atlantic", n)
	}
}
