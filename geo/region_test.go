package geo

import (
	"testing"

	"github.com/paulmach/orb"
)

// TestRegionMatchesMultiPolygonContains: the prepared region answers as
// MultiPolygonContains does, on a grid of points (edges included) over
// polygons that cross the antimeridian, have holes or cover the world.
func TestRegionMatchesMultiPolygonContains(t *testing.T) {
	sets := map[string][]orb.Polygon{
		"fiji":           {fiji},
		"fiji with hole": {{box(177, -20, -178, -15), box(179, -18, -179, -17)}},
		"world hole":     {{box(-180, -90, 180, 90), box(175, -5, -175, 5)}},
		"two parts":      {{box(36, 35, 38, 37)}, fiji},
		"triangle":       {{{{30, 30}, {40, 30}, {35, 38}, {30, 30}}}},
	}
	for name, polys := range sets {
		mp := mustNormalize(t, polys...)
		r := NewRegion(mp)
		in := 0
		for lon := -180.0; lon <= 180; lon += 0.5 {
			for lat := -90.0; lat <= 90; lat += 0.5 {
				want := MultiPolygonContains(mp, lon, lat)
				if got := r.Contains(lon, lat); got != want {
					t.Fatalf("%s: Region.Contains(%v, %v) = %v, MultiPolygonContains = %v", name, lon, lat, got, want)
				}
				if want {
					in++
				}
			}
		}
		if in == 0 {
			t.Errorf("%s: no grid point inside; the comparison proves nothing", name)
		}
	}
}
