package gridwalk

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"geoevents/internal/store/hilbert"
)

func TestSplitTimeTilesRange(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	base := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	ranges := []Range{
		{time.Date(2015, 3, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(2015, 6, 1, 0, 0, 0, 0, time.UTC).Unix()},
		{time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).Unix()},
		{math.MinInt64 + 1, time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).Unix()},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC).Unix(), math.MaxInt64},
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()},
	}
	for range 3000 {
		a := base + r.Int64N(12*365*86400)
		b := a + 1 + r.Int64N(int64(1+r.IntN(3))*400*86400)
		if r.IntN(3) == 0 { // month starts
			ma, _ := MonthPeriod(a)
			mb, _ := MonthPeriod(b)
			if a, b = MonthStart(ma), MonthStart(mb); a == b {
				continue
			}
		}
		ranges = append(ranges, Range{a, b})
	}
	for _, tr := range ranges {
		s := SplitTime(tr)
		var pieces []Range
		for _, sp := range s.Spans {
			for p := sp.Lo; p <= sp.Hi; p++ {
				if sp.Gran == GranYear {
					pieces = append(pieces, Range{YearStart(p), YearStart(p + 1)})
				} else {
					pieces = append(pieces, Range{MonthStart(p), MonthStart(p + 1)})
				}
			}
		}
		if len(s.Spans) > 0 && (pieces[0].From != s.Covered.From || pieces[len(pieces)-1].To != s.Covered.To) {
			t.Fatalf("%v: spans %v do not cover %v", tr, s.Spans, s.Covered)
		}
		pieces = append(pieces, s.Slivers...)
		slices.SortFunc(pieces, func(a, b Range) int { return cmp.Compare(a.From, b.From) })
		if pieces[0].From != tr.From || pieces[len(pieces)-1].To != tr.To {
			t.Fatalf("%v: pieces %v do not span it", tr, pieces)
		}
		for i := 1; i < len(pieces); i++ {
			if pieces[i].From != pieces[i-1].To || pieces[i].From >= pieces[i].To {
				t.Fatalf("%v: pieces %v overlap or leave gaps", tr, pieces)
			}
		}
	}
}

// memGrid is a Counter over events held in memory, its grid built with
// Keys: the walk must give the brute-force count.
type memGrid struct {
	pts    []point
	counts map[bucket]int64
}

type point struct {
	x, y, date int64
	dated      bool
}

type bucket struct {
	level, gran    int
	cx, cy, period int64
}

func newMemGrid(pts []point) *memGrid {
	g := &memGrid{pts: pts, counts: map[bucket]int64{}}
	for _, p := range pts {
		Keys(p.x, p.y, p.date, p.dated, func(level, gran int, cx, cy, period int64) {
			g.counts[bucket{level, gran, cx, cy, period}]++
		})
	}
	return g
}

func (g *memGrid) GridCounts(_ context.Context, cells []Cell, split Split) ([]int64, error) {
	spans := split.Spans
	if split.All {
		spans = []Span{{Gran: GranAll}}
	}
	out := make([]int64, len(cells))
	for i, c := range cells {
		for _, sp := range spans {
			for p := sp.Lo; p <= sp.Hi; p++ {
				out[i] += g.counts[bucket{c.Level, sp.Gran, c.CX, c.CY, p}]
			}
		}
	}
	return out, nil
}

func (g *memGrid) CountEvents(_ context.Context, rects []hilbert.Box, t Range) (int64, error) {
	var n int64
	for _, p := range g.pts {
		for _, r := range rects {
			if p.x >= r.MinX && p.x <= r.MaxX && p.y >= r.MinY && p.y <= r.MaxY && in(p, t) {
				n++
			}
		}
	}
	return n, nil
}

func in(p point, t Range) bool {
	return t.IsOpen() || p.dated && p.date >= t.From && p.date < t.To
}

func TestCountAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	first := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	var pts []point
	for range 5000 {
		s := []float64{0.01, 0.3, 3}[r.IntN(3)] * 1e6
		p := point{x: 37_160_000 + int64(r.NormFloat64()*s), y: 36_200_000 + int64(r.NormFloat64()*s),
			date: first + r.Int64N(10*365*86400), dated: r.IntN(10) > 0}
		pts = append(pts, p)
	}
	g := newMemGrid(pts)
	for i := range 400 {
		w := int64(math.Pow(10, 3+r.Float64()*4))
		c := pts[r.IntN(len(pts))]
		b := hilbert.Box{MinX: c.x - r.Int64N(w), MinY: c.y - r.Int64N(w)}
		b.MaxX, b.MaxY = b.MinX+w, b.MinY+w*2/3
		tr := Open
		if r.IntN(2) == 0 {
			tr = Range{first + r.Int64N(8*365*86400), 0}
			tr.To = tr.From + r.Int64N(3*365*86400)
		}
		var want int64
		for _, p := range pts {
			if p.x >= b.MinX && p.x <= b.MaxX && p.y >= b.MinY && p.y <= b.MaxY && in(p, tr) {
				want++
			}
		}
		got, err := Count(context.Background(), g, b, tr)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("%d: box %+v time %v: %d, want %d", i, b, tr, got, want)
		}
	}
}

func TestMergeRectsKeepsArea(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for range 200 {
		// Cells of one level along a random box's border, and some inside.
		l := 6 + 2*r.IntN(4)
		b := hilbert.Box{MinX: r.Int64N(10_000_000), MinY: r.Int64N(10_000_000)}
		b.MaxX, b.MaxY = b.MinX+r.Int64N(20_000_000), b.MinY+r.Int64N(20_000_000)
		var rs []hilbert.Box
		for _, c := range cellsOver(b, l) {
			if r.IntN(3) > 0 {
				rs = append(rs, intersect(c.Box(), b))
			}
		}
		got := mergeRects(rs)
		if len(got) > len(rs) {
			t.Fatalf("%d rects from %d", len(got), len(rs))
		}
		// Same points covered, no overlap: probe random points.
		for range 300 {
			x, y := b.MinX+r.Int64N(b.MaxX-b.MinX+1), b.MinY+r.Int64N(b.MaxY-b.MinY+1)
			if a, m := covers(rs, x, y), covers(got, x, y); a != m {
				t.Fatalf("(%d,%d) covered %d times before, %d after", x, y, a, m)
			}
		}
	}
}

func covers(rs []hilbert.Box, x, y int64) int {
	n := 0
	for _, r := range rs {
		if x >= r.MinX && x <= r.MaxX && y >= r.MinY && y <= r.MaxY {
			n++
		}
	}
	return n
}

// TestGridDates: the grid's date bounds are years 1 and 10000.
func TestGridDates(t *testing.T) {
	if f := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix(); GridFirst != f {
		t.Errorf("GridFirst = %d, want %d", GridFirst, f)
	}
	if e := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).Unix(); GridEnd != e {
		t.Errorf("GridEnd = %d, want %d", GridEnd, e)
	}
}
