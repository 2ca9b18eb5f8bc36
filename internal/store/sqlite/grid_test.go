package sqlite

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

func TestHilbertHierarchy(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		x := r.Int64N(spanX+1) + minX
		y := r.Int64N(spanY+1) + minY
		h := pointHilbert(x, y)
		for l := 0; l <= hilbertLevel; l++ {
			c := cell{l, cellX(x, l), cellY(y, l)}
			if got, want := c.index(), h>>(2*(hilbertLevel-l)); got != want {
				t.Fatalf("(%d,%d) level %d: index %d, want %d", x, y, l, got, want)
			}
			if cx, cy := hilbertCell(c.index(), l); cx != c.cx || cy != c.cy {
				t.Fatalf("level %d: cell of index %d = (%d,%d), want (%d,%d)", l, c.index(), cx, cy, c.cx, c.cy)
			}
			if b := c.bounds(); !b.contains(x, y) {
				t.Fatalf("level %d: (%d,%d) outside its cell %+v", l, x, y, b)
			}
			if lo, hi := c.hRange(); h < lo || h > hi {
				t.Fatalf("level %d: h %d outside its cell's range [%d,%d]", l, h, lo, hi)
			}
		}
	}
	// Cell edges: the last micro-degree of a column and the first of the next.
	for l := 1; l <= hilbertLevel; l++ {
		for c := int64(0); c < 1<<l; c += 1 + int64(r.IntN(1<<l)) {
			if cellX(cellMaxX(c, l), l) != c || cellX(cellMinX(c, l), l) != c || c > 0 && cellX(cellMinX(c, l)-1, l) != c-1 {
				t.Fatalf("level %d column %d: edges [%d,%d] misplaced", l, c, cellMinX(c, l), cellMaxX(c, l))
			}
			if cellY(cellMaxY(c, l), l) != c || cellY(cellMinY(c, l), l) != c || c > 0 && cellY(cellMinY(c, l)-1, l) != c-1 {
				t.Fatalf("level %d row %d: edges misplaced", l, c)
			}
		}
	}
}

// gridWorld is a dataset for count tests: clusters, uniform events,
// events on cell edges and the antimeridian, undated ones and dates at
// month and year edges and beyond the grid's years.
func gridWorld(n int) []event.Event {
	r := rand.New(rand.NewPCG(5, 6))
	var all []event.Event
	for e := range genEvents(n, 9) {
		all = append(all, e)
	}
	edges := []time.Time{
		time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2016, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2019, 2, 28, 23, 59, 59, 0, time.UTC),
		time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(-50, 6, 1, 0, 0, 0, 0, time.UTC),
	}
	for i := range 300 {
		l := 2 + 2*r.IntN(7)
		c := r.Int64N(1 << l)
		e := event.Event{ID: "edge-" + string(rune('a'+i%26)) + time.Duration(i).String(), Type: event.TypeBattles,
			Lon: float64(cellMinX(c, l)+int64(r.IntN(3))-1) / 1e6, Lat: float64(cellMinY(c, l)+int64(r.IntN(3))-1) / 1e6}
		e.Lon, e.Lat = max(-180, min(180, e.Lon)), max(-90, min(90, e.Lat))
		if i%3 == 0 {
			e.Lon = []float64{180, -180, 179.999999, -179.999999}[i%4]
		}
		if i%5 == 0 {
			e.Type = event.TypeMention
		}
		if i%7 != 0 {
			e.Date = edges[i%len(edges)]
		}
		all = append(all, e)
	}
	return all
}

// TestGridCountMatchesBruteForce is the count grid's property test: over
// random boxes (tiny to world-wide, crossing the antimeridian), time
// ranges (open, half-open, whole months and years, arbitrary seconds) and
// kinds, the count equals a brute-force count, whether the walk splits
// border cells as usual or down to the finest level.
func TestGridCountMatchesBruteForce(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	all := gridWorld(4000)
	if _, err := s.ImportEvents(ctx, seqOf(all)); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 8))
	oldExact, oldDirect := gridExactMax, gridDirectMax
	t.Cleanup(func() { gridExactMax, gridDirectMax = oldExact, oldDirect })
	base := time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 600 {
		gridExactMax = []int64{256, 20, 1}[i%3]
		gridDirectMax = []int64{3000, 0, 0}[i%3]
		var f store.Filter
		if r.IntN(8) > 0 {
			w := math.Pow(10, r.Float64()*3.5-1.5) // 0.03° … 100°
			if gridExactMax == 1 {
				w /= 30 // splitting every border cell to the finest level: keep the border short
			}
			h := w * (0.3 + r.Float64())
			lon, lat := r.Float64()*360-180, r.Float64()*170-85
			if r.IntN(3) == 0 {
				lon, lat = 36+r.Float64()*3, 33+r.Float64()*4
			}
			b := geo.BBox{MinLon: lon, MinLat: max(-90, lat-h/2), MaxLon: lon + w, MaxLat: min(90, lat+h/2)}
			if b.MaxLon > 180 {
				b.MaxLon -= 360
			}
			f.BBox = &b
		}
		switch r.IntN(5) {
		case 1:
			f.From = base.Add(time.Duration(r.Int64N(14 * 365 * 24 * int64(time.Hour))))
			f.To = f.From.Add(time.Duration(1+r.Int64N(3*365*24)) * time.Hour)
		case 2:
			f.From = time.Date(2012+r.IntN(12), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
			f.To = f.From.AddDate(0, 1+r.IntN(30), 0)
		case 3:
			f.From = time.Date(2012+r.IntN(12), 1, 1, 0, 0, 0, 0, time.UTC)
		case 4:
			f.To = time.Date(2012+r.IntN(12), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		}
		switch r.IntN(4) {
		case 1:
			f.Mentions = true
		case 2:
			f.Types = []string{event.TypeMention}
		}
		sp, err := newSpec(f)
		if err != nil {
			t.Fatal(err)
		}
		if !sp.gridCountable() {
			t.Fatalf("filter %+v not counted by the grid", f)
		}
		tx, err := s.r.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := gridCount(ctx, cachedTx{tx: tx, cache: s.stmts}, sp)
		tx.Rollback()
		if err != nil {
			t.Fatal(err)
		}
		if want := int64(len(reference(all, f))); got != want {
			t.Fatalf("case %d (exact below %d): %+v (box %v): grid counts %d, brute force %d", i, gridExactMax, f, f.BBox, got, want)
		}
	}
}
