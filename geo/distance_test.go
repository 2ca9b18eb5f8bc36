package geo

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestDistanceKm(t *testing.T) {
	tests := []struct {
		name                   string
		lon1, lat1, lon2, lat2 float64
		want, tol              float64
	}{
		{"same point", 37.16, 36.2, 37.16, 36.2, 0, 1e-9},
		{"Aleppo-Damascus", 37.16117, 36.20124, 36.29128, 33.5102, 310, 5},
		{"quarter meridian", 0, 0, 0, 90, math.Pi / 2 * EarthRadiusKm, 1e-6},
		{"antipodes", 0, 0, 180, 0, math.Pi * EarthRadiusKm, 1e-6},
		{"across the antimeridian", 179.5, 0, -179.5, 0, 111.2, 0.2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DistanceKm(tt.lon1, tt.lat1, tt.lon2, tt.lat2)
			if math.Abs(got-tt.want) > tt.tol {
				t.Fatalf("DistanceKm = %.3f, want %.3f ± %v", got, tt.want, tt.tol)
			}
			if back := DistanceKm(tt.lon2, tt.lat2, tt.lon1, tt.lat1); math.Abs(back-got) > 1e-9 {
				t.Fatalf("not symmetric: %v vs %v", got, back)
			}
		})
	}
}

func TestCircleValidate(t *testing.T) {
	for _, c := range []Circle{{0, 0, 0}, {0, 0, -1}, {0, 0, math.NaN()}, {0, 0, math.Inf(1)}, {181, 0, 1}, {0, 91, 1}, {0, 0, 30000}} {
		if c.Validate() == nil {
			t.Errorf("%+v validated", c)
		}
	}
	if err := (Circle{37.16, 36.2, 50}).Validate(); err != nil {
		t.Errorf("valid circle rejected: %v", err)
	}
}

// TestCircleBoundEnclosesCircle checks the index pre-filter never drops a
// point that is inside the circle, anywhere on the globe.
func TestCircleBoundEnclosesCircle(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		c := Circle{Lon: r.Float64()*360 - 180, Lat: r.Float64()*170 - 85, RadiusKm: math.Exp(r.Float64() * 8)}
		b := c.Bound()
		if err := b.Validate(); err != nil {
			t.Fatalf("%+v: invalid bound %v: %v", c, b, err)
		}
		for j := 0; j < 50; j++ {
			// A point at a random bearing just inside the radius.
			brg := r.Float64() * 2 * math.Pi
			d := c.RadiusKm * 0.999 * r.Float64() / EarthRadiusKm
			lat1, lon1 := c.Lat*math.Pi/180, c.Lon*math.Pi/180
			lat2 := math.Asin(math.Sin(lat1)*math.Cos(d) + math.Cos(lat1)*math.Sin(d)*math.Cos(brg))
			lon2 := lon1 + math.Atan2(math.Sin(brg)*math.Sin(d)*math.Cos(lat1), math.Cos(d)-math.Sin(lat1)*math.Sin(lat2))
			lon, lat := math.Remainder(lon2*180/math.Pi, 360), lat2*180/math.Pi
			if !c.Contains(lon, lat) {
				continue // rounding at the very edge
			}
			if !b.Contains(lon, lat) {
				t.Fatalf("%+v: point (%v, %v) inside the circle is outside its bound %v", c, lon, lat, b)
			}
		}
	}
}
