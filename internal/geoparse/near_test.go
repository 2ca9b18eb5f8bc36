package geoparse

import (
	"math"
	"math/rand/v2"
	"testing"

	"geoevents/gazetteer"
)

// TestWithinKm checks withinKm against the great-circle distance on random
// pairs, near pairs and pairs across the antimeridian and the poles.
func TestWithinKm(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	point := func() *gazetteer.Place {
		return &gazetteer.Place{Lat: r.Float64()*180 - 90, Lon: r.Float64()*360 - 180}
	}
	for i := range 200000 {
		a := point()
		b := point()
		if i%2 == 0 { // near pairs, where the answer is in doubt
			b = &gazetteer.Place{Lat: math.Max(-90, math.Min(90, a.Lat+r.NormFloat64()*2)), Lon: a.Lon + r.NormFloat64()*4}
			if b.Lon > 180 {
				b.Lon -= 360
			} else if b.Lon < -180 {
				b.Lon += 360
			}
		}
		for _, km := range []float64{5, 25, 161, 250, 1500} {
			d := distKm(a, b)
			if math.Abs(d-km) < 1e-6 {
				continue // on the boundary either answer is right
			}
			if got, want := withinKm(a, b, km), d <= km; got != want {
				t.Fatalf("withinKm(%v, %v, %v) = %v, distance %.3f km", a, b, km, got, d)
			}
		}
	}
}

func BenchmarkWithinKm(b *testing.B) {
	a := &gazetteer.Place{Lat: 36.2, Lon: 37.15}
	c := &gazetteer.Place{Lat: 35.9, Lon: 38.9}
	n := 0
	for b.Loop() {
		if withinKm(a, c, 161) {
			n++
		}
	}
	_ = n
}
