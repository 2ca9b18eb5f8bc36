package geo

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// box is a closed rectangular ring, written west to east as given (so
// west > east writes an edge jumping across the antimeridian).
func box(west, south, east, north float64) orb.Ring {
	return orb.Ring{{west, south}, {east, south}, {east, north}, {west, north}, {west, south}}
}

// fiji is a box over Fiji written with an edge jumping across ±180, and
// fijiNorm is the same box normalised.
var (
	fiji     = orb.Polygon{box(177, -20, -178, -15)}
	fijiNorm = orb.Polygon{box(177, -20, 182, -15)}
)

func TestNormalizePolygon(t *testing.T) {
	tests := []struct {
		name string
		in   orb.Polygon
		want orb.Polygon
	}{
		{"plain box unchanged", orb.Polygon{box(36, 35, 38, 37)}, orb.Polygon{box(36, 35, 38, 37)}},
		{"jump across the antimeridian", fiji, fijiNorm},
		{"jump, starting west of it", orb.Polygon{orb.Ring{{-178, -20}, {177, -20}, {177, -15}, {-178, -15}, {-178, -20}}},
			orb.Polygon{orb.Ring{{182, -20}, {177, -20}, {177, -15}, {182, -15}, {182, -20}}}},
		{"beyond 180 (Leaflet)", fijiNorm, fijiNorm},
		{"beyond -180", orb.Polygon{box(-183, -20, -178, -15)}, fijiNorm},
		{"second world copy east", orb.Polygon{box(396, 35, 398, 37)}, orb.Polygon{box(36, 35, 38, 37)}},
		{"second world copy west", orb.Polygon{box(-324, 35, -322, 37)}, orb.Polygon{box(36, 35, 38, 37)}},
		{"edge of exactly 180 is literal", orb.Polygon{box(-90, -45, 90, 45)}, orb.Polygon{box(-90, -45, 90, 45)}},
		{"whole world", orb.Polygon{box(-180, -90, 180, 90)}, orb.Polygon{box(-180, -90, 180, 90)}},
		{"polar cap as the pole error suggests", orb.Polygon{box(-180, 60, 180, 90)}, orb.Polygon{box(-180, 60, 180, 90)}},
		{"polar cap with a vertex on the way",
			orb.Polygon{orb.Ring{{-180, 60}, {0, 60}, {180, 60}, {180, 90}, {-180, 90}, {-180, 60}}},
			orb.Polygon{orb.Ring{{-180, 60}, {0, 60}, {180, 60}, {180, 90}, {-180, 90}, {-180, 60}}}},
		{"antimeridian vertex written as 180 then -180",
			orb.Polygon{orb.Ring{{170, 0}, {180, 0}, {-180, 10}, {-170, 10}, {170, 0}}},
			orb.Polygon{orb.Ring{{170, 0}, {180, 0}, {180, 10}, {190, 10}, {170, 0}}}},
		{"mixed 182 and -178",
			orb.Polygon{orb.Ring{{177, -20}, {182, -20}, {-178, -15}, {177, -15}, {177, -20}}},
			orb.Polygon{orb.Ring{{177, -20}, {182, -20}, {182, -15}, {177, -15}, {177, -20}}}},
		{"hole jumping too", orb.Polygon{box(177, -20, -178, -15), box(179, -18, -179, -17)},
			orb.Polygon{box(177, -20, 182, -15), box(179, -18, 181, -17)}},
		{"hole in another world copy", orb.Polygon{box(177, -20, -178, -15), box(-181, -18, -179, -17)},
			orb.Polygon{box(177, -20, 182, -15), box(179, -18, 181, -17)}},
		{"hole across 180 in the whole world", orb.Polygon{box(-180, -90, 180, 90), box(175, -5, -175, 5)},
			orb.Polygon{box(-180, -90, 180, 90), box(175, -5, 185, 5)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizePolygon(tt.in)
			if err != nil {
				t.Fatalf("NormalizePolygon(%v): %v", tt.in, err)
			}
			if !got.Equal(tt.want) {
				t.Fatalf("NormalizePolygon(%v) = %v, want %v", tt.in, got, tt.want)
			}
			again, err := NormalizePolygon(got)
			if err != nil || !again.Equal(got) {
				t.Errorf("not idempotent: %v, %v", again, err)
			}
		})
	}
}

func TestNormalizePolygonRejects(t *testing.T) {
	tests := []struct {
		name string
		in   orb.Polygon
		want string // in the error text
	}{
		{"no rings", orb.Polygon{}, "no rings"},
		{"short ring", orb.Polygon{{{0, 0}, {1, 0}, {0, 0}}}, "at least 4"},
		{"open ring", orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}, "not closed"},
		{"lon beyond 540", orb.Polygon{box(530, 0, 541, 1)}, "out of range"},
		{"lat beyond 90", orb.Polygon{box(0, 0, 1, 91)}, "out of range"},
		{"NaN", orb.Polygon{box(0, 0, math.NaN(), 1)}, "out of range"},
		{"around a pole", orb.Polygon{{{0, 80}, {90, 80}, {180, 80}, {-90, 80}, {0, 80}}}, "around a pole"},
		{"either way round", orb.Polygon{box(-180, 0, 360, 10)}, "either way round"},
		{"wider than the globe", orb.Polygon{{{0, 0}, {170, 0}, {340, 0}, {370, 5}, {200, 10}, {30, 10}, {0, 0}}}, "more than the whole globe"},
		{"bad hole", orb.Polygon{box(0, 0, 10, 10), {{1, 1}, {2, 1}, {1, 1}}}, "ring 2 has 3 positions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizePolygon(tt.in)
			if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NormalizePolygon(%v) = %v, %v; want an ErrInvalid error with %q", tt.in, got, err, tt.want)
			}
		})
	}
}

// mustNormalize normalises each polygon, failing the test on error.
func mustNormalize(t *testing.T, polys ...orb.Polygon) orb.MultiPolygon {
	t.Helper()
	mp := make(orb.MultiPolygon, len(polys))
	for i, p := range polys {
		np, err := NormalizePolygon(p)
		if err != nil {
			t.Fatalf("NormalizePolygon(%v): %v", p, err)
		}
		mp[i] = np
	}
	return mp
}

func TestRegionContains(t *testing.T) {
	fijiHole := orb.Polygon{box(177, -20, -178, -15), box(179, -18, -179, -17)}
	world := orb.Polygon{box(-180, -90, 180, 90)}
	worldHole := orb.Polygon{box(-180, -90, 180, 90), box(175, -5, -175, 5)}
	cap := orb.Polygon{{{-180, 60}, {0, 60}, {180, 60}, {180, 90}, {-180, 90}, {-180, 60}}}
	tests := []struct {
		name     string
		polys    []orb.Polygon
		lon, lat float64
		want     bool
	}{
		{"east of the antimeridian", []orb.Polygon{fiji}, 179.5, -17.5, true},
		{"west of the antimeridian", []orb.Polygon{fiji}, -179.5, -17.5, true},
		{"on 180", []orb.Polygon{fiji}, 180, -17.5, true},
		{"on -180", []orb.Polygon{fiji}, -180, -17.5, true},
		{"on the west edge", []orb.Polygon{fiji}, 177, -17, true},
		{"on the east edge", []orb.Polygon{fiji}, -178, -17, true},
		{"past the east edge", []orb.Polygon{fiji}, -177.9, -17, false},
		{"past the west edge", []orb.Polygon{fiji}, 176.9, -17, false},
		{"greenwich", []orb.Polygon{fiji}, 0, -17.5, false},
		{"in the hole, east", []orb.Polygon{fijiHole}, 179.5, -17.5, false},
		{"in the hole, west", []orb.Polygon{fijiHole}, -179.5, -17.5, false},
		{"beside the hole", []orb.Polygon{fijiHole}, 178, -17.5, true},
		{"world with a hole across 180, east", []orb.Polygon{worldHole}, 178, 0, false},
		{"world with a hole across 180, west", []orb.Polygon{worldHole}, -178, 0, false},
		{"world with a hole across 180, outside it", []orb.Polygon{worldHole}, 170, 0, true},
		{"whole world", []orb.Polygon{world}, 0, 0, true},
		{"whole world, -180", []orb.Polygon{world}, -180, -90, true},
		{"polar cap", []orb.Polygon{cap}, 10, 70, true},
		{"below the polar cap", []orb.Polygon{cap}, 10, 50, false},
		{"second part", []orb.Polygon{{box(36, 35, 38, 37)}, fiji}, -179.5, -17.5, true},
		{"plain polygon", []orb.Polygon{{box(36, 35, 38, 37)}}, 37, 36, true},
		{"plain polygon, outside", []orb.Polygon{{box(36, 35, 38, 37)}}, 37, 38, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mp := mustNormalize(t, tt.polys...)
			if got := NewRegion(mp).Contains(tt.lon, tt.lat); got != tt.want {
				t.Errorf("Region(%v).Contains(%v, %v) = %v, want %v", mp, tt.lon, tt.lat, got, tt.want)
			}
		})
	}
}

func TestMultiPolygonBound(t *testing.T) {
	syria := orb.Polygon{box(36, 35, 38, 37)}
	tests := []struct {
		name  string
		polys []orb.Polygon
		want  BBox
	}{
		{"plain", []orb.Polygon{syria}, BBox{36, 35, 38, 37}},
		{"two plain", []orb.Polygon{syria, {box(35, 33, 36.5, 34.7)}}, BBox{35, 33, 38, 37}},
		{"crossing", []orb.Polygon{fiji}, BBox{177, -20, -178, -15}},
		{"split at 180 (RFC 7946)", []orb.Polygon{{box(177, -20, 180, -15)}, {box(-180, -20, -178, -15)}}, BBox{177, -20, -178, -15}},
		{"narrower across", []orb.Polygon{{box(35, 33, 42, 37)}, {box(-160, 18, -154, 22)}}, BBox{35, 18, -154, 37}},
		{"narrower not across", []orb.Polygon{{box(-10, 33, 42, 37)}, {box(60, 18, 70, 22)}}, BBox{-10, 18, 70, 37}},
		{"whole world", []orb.Polygon{{box(-180, -90, 180, 90)}}, World},
		{"spread, widest gap across 180", []orb.Polygon{{box(-170, 0, -60, 1)}, {box(-50, 0, 60, 1)}, {box(70, 0, 175, 1)}}, BBox{-170, 0, 175, 1}},
		{"spread, widest gap inside", []orb.Polygon{{box(-170, 0, -60, 1)}, {box(-40, 0, 60, 1)}, {box(70, 0, 175, 1)}}, BBox{-40, 0, -60, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mp := mustNormalize(t, tt.polys...)
			got := MultiPolygonBound(mp)
			if got != tt.want {
				t.Fatalf("MultiPolygonBound = %v, want %v", got, tt.want)
			}
			if err := got.Validate(); err != nil {
				t.Fatal(err)
			}
			// Whatever the polygons contain, the bound must contain too.
			r := NewRegion(mp)
			for lon := -180.0; lon <= 180; lon++ {
				for lat := -90.0; lat <= 90; lat++ {
					if r.Contains(lon, lat) && !got.Contains(lon, lat) {
						t.Fatalf("%v,%v is in the polygons but not in the bound %v", lon, lat, got)
					}
				}
			}
		})
	}
}

// TestMultiPolygonOf: a Polygon or a MultiPolygon, nothing else; the
// normalised form names the first invalid polygon and bounds a polygon
// written across the antimeridian by its own width.
func TestMultiPolygonOf(t *testing.T) {
	for _, g := range []orb.Geometry{fiji, orb.MultiPolygon{fiji, fiji}} {
		if mp, ok := MultiPolygonOf(g); !ok || len(mp) == 0 {
			t.Errorf("%T: %v %v", g, mp, ok)
		}
	}
	if _, ok := MultiPolygonOf(orb.Point{1, 2}); ok {
		t.Error("a point read as a polygon")
	}
	norm, err := NormalizeMultiPolygon(orb.MultiPolygon{fiji})
	if err != nil {
		t.Fatal(err)
	}
	if b := MultiPolygonBound(norm); b.MinLon != 177 || b.MaxLon != -178 {
		t.Errorf("bound %+v, want 177 to -178 across the antimeridian", b)
	}
	bad := orb.Polygon{orb.Ring{{0, 0}, {1, 0}, {1, 1}}}
	if _, err := NormalizeMultiPolygon(orb.MultiPolygon{fiji, bad}); err == nil || !errors.Is(err, ErrInvalid) || !strings.HasPrefix(err.Error(), "polygon 2:") {
		t.Errorf("error %v, want ErrInvalid naming polygon 2", err)
	}
}
