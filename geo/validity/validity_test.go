package validity

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func box(w, s, e, n float64) orb.Ring {
	return orb.Ring{{w, s}, {e, s}, {e, n}, {w, n}, {w, s}}
}

func TestPolygon(t *testing.T) {
	tests := []struct {
		name string
		p    orb.Polygon
		want string // "" when valid, else a part of the message
	}{
		{"square", orb.Polygon{box(0, 0, 1, 1)}, ""},
		{"triangle", orb.Polygon{{{0, 0}, {2, 0}, {1, 1}, {0, 0}}}, ""},
		{"repeated positions", orb.Polygon{{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}, {0, 0}}}, ""},
		{"square with a hole", orb.Polygon{box(0, 0, 10, 10), box(2, 2, 3, 3)}, ""},
		{"two holes", orb.Polygon{box(0, 0, 10, 10), box(2, 2, 3, 3), box(5, 5, 6, 6)}, ""},
		{"bow-tie", orb.Polygon{{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}},
			"ring 1 crosses or touches itself: edges from positions 1 and 3 meet near [0.5, 0.5]"},
		{"bow-tie in the second ring", orb.Polygon{box(0, 0, 10, 10), {{2, 2}, {3, 3}, {3, 2}, {2, 3}, {2, 2}}},
			"ring 2 crosses or touches itself"},
		{"vertex on an edge", orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {1, 0}, {0, 2}, {0, 0}}},
			"ring 1 crosses or touches itself: edges from positions 1 and 4 meet near [1, 0]"},
		{"touching itself at a vertex", orb.Polygon{{{0, 0}, {2, 0}, {1, 1}, {2, 2}, {0, 2}, {1, 1}, {0, 0}}},
			"ring 1 touches itself: positions 3 and 6 are the same point near [1, 1]"},
		{"turning back", orb.Polygon{{{0, 0}, {2, 0}, {1, 0}, {1, 1}, {0, 0}}}, "ring 1 turns back on itself"},
		{"spike", orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {3, 2}, {2, 2}, {0, 2}, {0, 0}}}, "same point"},
		{"flat ring", orb.Polygon{{{0, 0}, {1, 0}, {2, 0}, {0, 0}}}, "ring 1 turns back on itself"},
		{"two distinct positions", orb.Polygon{{{0, 0}, {1, 0}, {1, 0}, {0, 0}}}, "ring 1 has 2 distinct positions"},
		{"not closed", orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}, "ring 1 is not closed"},
		{"hole outside", orb.Polygon{box(0, 0, 1, 1), box(5, 5, 6, 6)},
			"ring 2, a hole, lies outside ring 1, the outer ring near [5, 5]"},
		{"hole crossing the shell", orb.Polygon{box(0, 0, 10, 10), box(8, 8, 12, 12)},
			"rings 1 and 2 cross or touch: ring 1's edge from position 3 meets ring 2's edge from position 4 near [8, 10]"},
		{"hole touching the shell", orb.Polygon{box(0, 0, 10, 10), {{0, 5}, {5, 4}, {5, 6}, {0, 5}}}, "rings 1 and 2 cross or touch"},
		{"hole on the shell's edge", orb.Polygon{box(0, 0, 10, 10), {{5, 0}, {6, 1}, {4, 1}, {5, 0}}}, "rings 1 and 2 cross or touch"},
		{"hole in a hole", orb.Polygon{box(0, 0, 10, 10), box(2, 2, 8, 8), box(4, 4, 5, 5)},
			"ring 3, a hole, lies inside ring 2, another hole"},
		{"holes crossing", orb.Polygon{box(0, 0, 10, 10), box(2, 2, 5, 5), box(4, 4, 6, 6)}, "rings 2 and 3 cross or touch"},
		{"vertical edges overlapping", orb.Polygon{{{0, 0}, {0, 2}, {1, 2}, {1, -1}, {0, 1}, {0, 0}}}, "ring 1 turns back on itself"},
		{"vertical edge crossed", orb.Polygon{{{0, 0}, {0, 2}, {1, 2}, {-1, 1}, {1, 0}, {0, 0}}}, "ring 1 crosses or touches itself"},
		{"whole world with a hole across 180", orb.Polygon{box(-180, -90, 180, 90), box(175, -5, 185, 5)}, ""},
		{"polar cap with a hole across its edge", orb.Polygon{box(-180, 60, 180, 90), box(10, 50, 20, 70)}, "rings 1 and 2 cross or touch"},
		{"whole world with a hole outside", orb.Polygon{box(-180, 0, 180, 10), box(175, 20, 185, 30)}, "outside ring 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Polygon(tt.p)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Polygon: %v, want valid", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("Polygon: %v, want an ErrInvalid with %q", err, tt.want)
			}
		})
	}
}

// allPairs tests every pair of edges: the O(n²) reference for the sweep.
func allPairs(segs []*segment) error {
	for i, s := range segs {
		for _, t := range segs[i+1:] {
			if err := meet(s, t); err != nil {
				return err
			}
		}
	}
	return nil
}

// randomPolygon draws 1–3 rings of 3–7 positions on a small integer grid,
// so collinear edges, shared vertices and touching rings are common.
func randomPolygon(r *rand.Rand) orb.Polygon {
	var p orb.Polygon
	for range 1 + r.IntN(3) {
		n := 3 + r.IntN(5)
		ring := make(orb.Ring, 0, n+1)
		for range n {
			ring = append(ring, orb.Point{float64(r.IntN(6)), float64(r.IntN(6))})
		}
		p = append(p, append(ring, ring[0]))
	}
	return p
}

// TestSweepAgreesWithAllPairs holds the sweep to the brute-force check on
// random small polygons: the same verdict every time.
func TestSweepAgreesWithAllPairs(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	valid := 0
	for i := range 100000 {
		p := randomPolygon(r)
		got, want := check(p, sweep), check(p, allPairs)
		if (got == nil) != (want == nil) {
			t.Fatalf("case %d %v: sweep says %v, all pairs %v", i, p, got, want)
		}
		if got == nil {
			valid++
		}
	}
	if valid < 1000 {
		t.Fatalf("only %d valid polygons drawn: the test checks too little", valid)
	}
	t.Logf("%d valid of 100000", valid)
}

func FuzzPolygon(f *testing.F) {
	f.Add([]byte{0, 0, 1, 1, 1, 0, 0, 1}, uint8(0))
	f.Add([]byte{0, 0, 9, 0, 9, 9, 0, 9, 2, 2, 3, 2, 3, 3}, uint8(4))
	f.Fuzz(func(t *testing.T, b []byte, split uint8) {
		if len(b) > 64 {
			return
		}
		var p orb.Polygon
		var ring orb.Ring
		for i := 0; i+1 < len(b); i += 2 {
			ring = append(ring, orb.Point{float64(b[i] % 16), float64(b[i+1] % 16)})
			if len(ring) == int(split%8)+3 && i+3 < len(b) {
				p = append(p, append(ring, ring[0]))
				ring = nil
			}
		}
		if len(ring) > 0 {
			p = append(p, append(ring, ring[0]))
		}
		got, want := check(p, sweep), check(p, allPairs)
		if (got == nil) != (want == nil) {
			t.Fatalf("%v: sweep says %v, all pairs %v", p, got, want)
		}
	})
}

// circle is a closed ring of n positions round (38, 35), with every other
// position pushed out a little (a star, not a convex polygon).
func circle(n int) orb.Ring {
	r := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / float64(n)
		rad := 5.0 + 0.01*float64(i%2)
		r = append(r, orb.Point{38 + rad*math.Cos(a), 35 + rad*math.Sin(a)})
	}
	return append(r, r[0])
}

// comb is a closed ring of about n positions: long thin teeth whose edges'
// boxes all overlap, the case where testing boxes pairwise is quadratic.
func comb(n int) orb.Ring {
	var r orb.Ring
	for i := range n / 2 {
		x := float64(i) * 1e-4
		r = append(r, orb.Point{x, 0}, orb.Point{x + 1, 10})
	}
	r = append(r, orb.Point{float64(n/2)*1e-4 + 1, -1}, orb.Point{-1, -1})
	return append(r, r[0])
}

func TestCombIsValidAndQuick(t *testing.T) {
	if err := Polygon(orb.Polygon{comb(10000)}); err != nil {
		t.Fatal(err)
	}
	// A comb with one tooth bent across its neighbour.
	c := comb(10000)
	c[5000][0] += 2e-4
	if err := Polygon(orb.Polygon{c}); err == nil || !strings.Contains(err.Error(), "ring 1 crosses or touches itself") {
		t.Fatalf("bent comb: %v", err)
	}
}

func benchmark(b *testing.B, p orb.Polygon) {
	for b.Loop() {
		if err := Polygon(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCircle10k(b *testing.B)  { benchmark(b, orb.Polygon{circle(10000)}) }
func BenchmarkCircle100k(b *testing.B) { benchmark(b, orb.Polygon{circle(100000)}) }
func BenchmarkComb10k(b *testing.B)    { benchmark(b, orb.Polygon{comb(10000)}) }
func BenchmarkComb100k(b *testing.B)   { benchmark(b, orb.Polygon{comb(100000)}) }
