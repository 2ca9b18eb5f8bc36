package gazetteer

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestCourse(t *testing.T) {
	g := loadT(t)
	for _, name := range []string{"Euphrates", "Tigris"} {
		cs := g.Lookup(name)
		if len(cs) == 0 {
			t.Fatalf("no %s", name)
		}
		line := g.Course(cs[0].Place)
		if len(line) < 8 {
			t.Errorf("%s course has %d vertices", name, len(line))
		}
		// Both reach the Shatt al-Arab at Al-Qurnah.
		if end := line[len(line)-1]; math.Abs(end[1]-31.0) > 0.1 || math.Abs(end[0]-47.43) > 0.1 {
			t.Errorf("%s course ends at %v, want Al-Qurnah", name, end)
		}
	}
	if cs := g.Lookup("Aleppo"); g.Course(cs[0].Place) != nil {
		t.Error("Aleppo has a course")
	}
	if g.Course(nil) != nil {
		t.Error("Course(nil) is not nil")
	}
}

func TestNearestOnCourse(t *testing.T) {
	line := orb.LineString{{0, 0}, {1, 0}, {1, 1}}
	tests := []struct{ lat, lon, wantLat, wantLon, km float64 }{
		{0.4, 0.5, 0, 0.5, 44.5}, // nearer the first segment than the second
		{0.5, 2, 0.5, 1, 111.2},  // east of the second segment
		{-1, -1, 0, 0, 157.2},    // beyond the start
		{0, 0.25, 0, 0.25, 0},    // on the line
		{2, 1, 1, 1, 111.2},      // beyond the end
	}
	for _, tt := range tests {
		lat, lon, km := NearestOnCourse(line, tt.lat, tt.lon)
		if math.Abs(lat-tt.wantLat) > 1e-6 || math.Abs(lon-tt.wantLon) > 1e-6 || math.Abs(km-tt.km) > 1 {
			t.Errorf("NearestOnCourse(%v, %v) = %.4f,%.4f %.1f km, want %.4f,%.4f %.1f km", tt.lat, tt.lon, lat, lon, km, tt.wantLat, tt.wantLon, tt.km)
		}
	}
}
