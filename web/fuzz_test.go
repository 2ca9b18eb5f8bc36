package web

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"geoevents/geo"
)

func FuzzParseBBox(f *testing.F) {
	for _, s := range []string{"36.8,35.8,37.5,36.6", "178,-20,-179,-15", "1,2,3", "0,0,-1,0,0,1", "NaN,0,1,1", "1e400,0,0,0", " 1 , 2 , 3 , 4 ", ",,,", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := geo.ParseBBox(s)
		if err != nil {
			if !errors.Is(err, geo.ErrInvalid) {
				t.Fatalf("error %v does not wrap geo.ErrInvalid", err)
			}
			return
		}
		for _, v := range []float64{b.MinLon, b.MinLat, b.MaxLon, b.MaxLat} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("accepted non-finite %v", b)
			}
		}
		if b.MinLat > b.MaxLat || b.MinLon < -180 || b.MaxLon > 180 || b.MinLat < -90 || b.MaxLat > 90 {
			t.Fatalf("accepted invalid box %v from %q", b, s)
		}
		// Round trip through String.
		b2, err := geo.ParseBBox(b.String())
		if err != nil || b2 != b {
			t.Fatalf("round trip %v -> %q -> %v, %v", b, b.String(), b2, err)
		}
	})
}

func FuzzParseDatetime(f *testing.F) {
	for _, s := range []string{"2024-12-01T00:00:00Z", "2024-12-01", "2024-12-01/2024-12-08", "../2024-12-01", "2024-12-01/..", "/",
		"0000-01-01T00:00:00Z/9999-12-31T00:00:00Z", "2024-12-01T00:00:00+02:00", "2024-12-08/2024-12-01", "..", "a/b/c", "2024-12-01t10:00:00.5z",
		"2024-12-01T/..", "../2024-12-01T", "2024-11-01T/2024-11-30T", "2024-12-01T", "2024-12-01T10:00:00", "2024-12-01 10:00:00Z",
		"2024-12-01T10:00:00 02:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		iv, err := ParseDatetime(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("%q: empty error message", s)
			}
			return
		}
		if !iv.From.IsZero() && !iv.To.IsZero() && !iv.From.Before(iv.To) {
			t.Fatalf("%q: empty or inverted interval %v", s, iv)
		}
		if !iv.To.IsZero() && iv.To.Year() >= 10000 {
			t.Fatalf("%q: end beyond year 9999: %v", s, iv.To)
		}
		if !strings.Contains(s, "/") && (iv.From.IsZero() && iv.To.IsZero()) {
			t.Fatalf("%q: an instant parsed as fully open", s)
		}
	})
}

func FuzzParsePolygon(f *testing.F) {
	for _, b := range hostilePolygons() {
		if len(b) < 2000 {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"type":"Polygon","coordinates":[[[36,35],[38,35],[38,37],[36,37],[36,35]]]}`))
	f.Add([]byte(`{"type":"MultiPolygon","coordinates":[[[[36,35],[38,35],[38,37],[36,35]]],[[[0,0],[1,0],[1,1],[0,0]],[[0.2,0.2],[0.4,0.2],[0.4,0.4],[0.2,0.2]]]]}`))
	f.Add([]byte(`{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0,5],[1,0,5],[1,1,5],[0,0,5]]]}}`))
	f.Add([]byte(`{"type":"Polygon","coordinates":[[[177,-20],[-178,-20],[-178,-15],[177,-15],[177,-20]]]}`))
	f.Add([]byte(`{"type":"Polygon","coordinates":[[[-183,-20],[182,-20],[182,-15],[-183,-15],[-183,-20]],[[-181,-18],[179,-18],[179,-17],[-181,-17],[-181,-18]]]}`))
	f.Add([]byte(`{"type":"Polygon","coordinates":[[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParsePolygon(data)
		if err != nil {
			if !errors.Is(err, ErrPolygon) {
				t.Fatalf("error %v does not wrap ErrPolygon", err)
			}
			return
		}
		var polys []orb.Polygon
		switch g := g.(type) {
		case orb.Polygon:
			polys = []orb.Polygon{g}
		case orb.MultiPolygon:
			polys = g
		default:
			t.Fatalf("unexpected geometry %T", g)
		}
		if len(polys) == 0 {
			t.Fatal("accepted an empty MultiPolygon")
		}
		for _, p := range polys {
			if len(p) == 0 {
				t.Fatal("accepted a polygon without rings")
			}
			// Normalised: the outer ring starts its world copy in
			// [-180, 180), so nothing reaches 540.
			west := math.Inf(1)
			for _, pt := range p[0] {
				west = math.Min(west, pt[0])
			}
			if !(west >= -180 && west < 180) {
				t.Fatalf("outer ring %v not in its canonical world copy", p[0])
			}
			for _, r := range p {
				if len(r) < 4 || r[0] != r[len(r)-1] {
					t.Fatalf("accepted an open or short ring %v", r)
				}
				for _, pt := range r {
					if !(pt[0] >= -540 && pt[0] < 540 && pt[1] >= -90 && pt[1] <= 90) {
						t.Fatalf("accepted point %v", pt)
					}
				}
			}
			if again, err := geo.NormalizePolygon(p); err != nil || !again.Equal(p) {
				t.Fatalf("normalising again changed %v: %v, %v", p, again, err)
			}
		}
	})
}
