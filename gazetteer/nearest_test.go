package gazetteer

import (
	"math"
	"math/rand/v2"
	"testing"

	"geoevents/geo"
)

func TestNearestKnown(t *testing.T) {
	g := loadT(t)
	tests := []struct {
		lat, lon float64
		id       int64
		maxKm    float64
	}{
		{36.20124, 37.16117, 170063, 0.01}, // Aleppo itself
		{33.506, 38.618, 900000001, 0.1},   // al-Tanf (a curated site)
		{48.8566, 2.3522, 2988507, 2},      // central Paris
		{-77.85, 166.67, 0, 50000},         // Antarctica: something, far
		{89.9, 0, 0, 50000},                // North Pole
		{0, 179.99, 0, 50000},              // the date line
	}
	for _, tt := range tests {
		p, d := g.Nearest(tt.lat, tt.lon)
		if p == nil {
			t.Errorf("Nearest(%v, %v) = nil", tt.lat, tt.lon)
			continue
		}
		if tt.id != 0 && p.ID != tt.id {
			t.Errorf("Nearest(%v, %v) = %d %s, want %d", tt.lat, tt.lon, p.ID, p.Name, tt.id)
		}
		if d > tt.maxKm || d < 0 {
			t.Errorf("Nearest(%v, %v) distance %.3f km, want ≤ %v", tt.lat, tt.lon, d, tt.maxKm)
		}
		if isCountry(p) || p.FeatureCode == "ADM1" {
			t.Errorf("Nearest returned an area: %+v", p)
		}
	}
	for _, bad := range [][2]float64{{91, 0}, {0, 181}, {math.NaN(), 0}, {0, math.Inf(1)}} {
		if p, _ := g.Nearest(bad[0], bad[1]); p != nil {
			t.Errorf("Nearest(%v, %v) = %v, want nil", bad[0], bad[1], p)
		}
	}
}

// TestNearestMatchesBruteForce compares the grid search with a linear scan
// at random points, including polar and date-line ones.
func TestNearestMatchesBruteForce(t *testing.T) {
	g := loadT(t)
	rng := rand.New(rand.NewPCG(1, 2))
	points := [][2]float64{{85, 10}, {-60, -170}, {70, 179.5}, {-45, -179.9}, {0, 0}}
	for range 40 {
		points = append(points, [2]float64{rng.Float64()*180 - 90, rng.Float64()*360 - 180})
	}
	for _, pt := range points {
		p, d := g.Nearest(pt[0], pt[1])
		bestD := math.Inf(1)
		for _, q := range g.places {
			if nearestKind(q) {
				bestD = math.Min(bestD, geo.DistanceKm(pt[1], pt[0], q.Lon, q.Lat))
			}
		}
		if p == nil || math.Abs(d-bestD) > 1e-9 {
			t.Errorf("Nearest(%.3f, %.3f) = %v at %.3f km, brute force %.3f km", pt[0], pt[1], p, d, bestD)
		}
	}
}

func BenchmarkNearest(b *testing.B) {
	g := loadT(b)
	b.ReportAllocs()
	i := 0.0
	for b.Loop() {
		g.Nearest(33+math.Mod(i, 5), 36+math.Mod(i*0.7, 5))
		i += 0.37
	}
}
