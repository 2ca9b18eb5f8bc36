package storetest

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
	"geoevents/internal/store/hilbert"
)

// counted returns n events for the count tests: clusters of every size
// from a street to a region (so a box covers grid cells whole at every
// level), points on grid cell edges, both sides of the antimeridian,
// dates over twelve years to the second, some undated, some plain
// mentions.
func counted(n int, seed uint64) []event.Event {
	r := rand.New(rand.NewPCG(seed, 11))
	centres := []struct{ lon, lat, spread float64 }{
		{37.16, 36.20, 0.01}, {37.16, 36.20, 0.2}, {36.29, 33.51, 1.5}, {44.4, 33.3, 6},
		{179.7, -16.9, 0.5}, {-179.8, -16.6, 0.3}, {2.35, 48.85, 0.05},
	}
	out := make([]event.Event, n)
	first := time.Date(2013, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	last := time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC).Unix()
	for i := range out {
		c := centres[r.IntN(len(centres))]
		lon := math.Remainder(c.lon+r.NormFloat64()*c.spread, 360)
		lat := math.Max(-89, math.Min(89, c.lat+r.NormFloat64()*c.spread))
		x, y := int64(math.Round(lon*1e6)), int64(math.Round(lat*1e6))
		if r.IntN(10) == 0 { // on a cell's edge at some level
			l := 2 * (1 + r.IntN(8))
			b := hilbert.CellBox(hilbert.Column(x, l), hilbert.Row(y, l), l)
			x, y = []int64{b.MinX, b.MaxX}[r.IntN(2)], []int64{b.MinY, b.MaxY}[r.IntN(2)]
		}
		if x <= -180_000_000 {
			x = 180_000_000
		}
		t := types[r.IntN(len(types))]
		e := event.Event{
			ID: fmt.Sprintf("c%d-%05d", seed, i), Sentence: fmt.Sprintf("Counted %d.", i),
			Lon: float64(x) / 1e6, Lat: float64(y) / 1e6, Type: t[0], SubType: t[1],
			Date: time.Unix(first+r.Int64N(last-first), 0).UTC(), DatePrecision: event.PrecisionDay,
		}
		if r.IntN(12) == 0 {
			e.Date, e.DatePrecision = time.Time{}, ""
		}
		out[i] = e
	}
	return out
}

// randomCountFilter draws a filter the count grid may count: a box
// around an event (any size from a block to the world, edges sometimes on
// an event, sometimes across the antimeridian) or none, a time range
// (none, whole months or years, to the second, open at one end) and
// plain mentions or not.
func randomCountFilter(r *rand.Rand, all []event.Event) store.Filter {
	var f store.Filter
	pick := all[r.IntN(len(all))]
	if r.IntN(8) > 0 {
		w := math.Pow(10, -2.5+r.Float64()*4.3) // 0.003° … 60°
		h := w * (0.4 + r.Float64())
		b := geo.BBox{MinLon: pick.Lon - w*r.Float64(), MinLat: pick.Lat - h*r.Float64()}
		b.MaxLon, b.MaxLat = b.MinLon+w, b.MinLat+h
		switch r.IntN(4) {
		case 0:
			b.MinLon = pick.Lon
		case 1:
			b.MaxLat = pick.Lat
		}
		b.MinLat, b.MaxLat = math.Max(b.MinLat, -90), math.Min(b.MaxLat, 90)
		if b.MinLon < -180 {
			b.MinLon += 360 // across the antimeridian
		}
		if b.MaxLon > 180 {
			b.MaxLon -= 360
		}
		b = geo.BBox{MinLon: round6(b.MinLon), MinLat: round6(b.MinLat), MaxLon: round6(b.MaxLon), MaxLat: round6(b.MaxLat)}
		f.BBox = &b
	}
	month := func() time.Time {
		return time.Date(2012+r.IntN(15), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
	}
	switch r.IntN(6) {
	case 1:
		f.From = month()
		f.To = f.From.AddDate(0, 1+r.IntN(40), 0)
	case 2:
		f.From = time.Date(2013+r.IntN(12), 1, 1, 0, 0, 0, 0, time.UTC)
		f.To = f.From.AddDate(1+r.IntN(4), 0, 0)
	case 3:
		f.From = month().Add(time.Duration(r.Int64N(40*24*3600)) * time.Second)
		f.To = f.From.Add(time.Duration(r.Int64N(3*365*24*3600)) * time.Second)
	case 4:
		f.From = all[r.IntN(len(all))].Date // an event's second, inclusive
	case 5:
		f.To = all[r.IntN(len(all))].Date // exclusive
	}
	f.Mentions = r.IntN(3) == 0
	f.Limit = 1 + r.IntN(3)
	return f
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// testNumberMatchedRandom checks NumberMatched against brute force for
// random areas and time ranges, which backends count from a count grid
// (whole cells from the grid, the border from the events): after a bulk
// import, and after articles are saved and replaced (deletes).
func testNumberMatchedRandom(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	all := counted(3000, 5)
	if _, err := s.ImportEvents(ctx, seqOf(all)); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5, 6))
	check := func(phase string, n int) {
		t.Helper()
		for i := range n {
			f := randomCountFilter(r, all)
			want := expected(f, all)
			p, err := s.Events(ctx, f)
			if err != nil {
				t.Fatalf("%s %d: %+v: %v", phase, i, f, err)
			}
			if p.NumberMatched != int64(len(want)) {
				t.Errorf("%s %d: bbox %v from %v to %v mentions %v: NumberMatched %d, want %d", phase, i, f.BBox, f.From, f.To, f.Mentions, p.NumberMatched, len(want))
			}
			if got := idsOf(p.Events); len(want) > 0 && (len(got) == 0 || got[0] != want[0]) {
				t.Errorf("%s %d: first event %v, want %s", phase, i, got, want[0])
			}
		}
	}
	check("imported", 250)
	// Save articles and replace one (its events are deleted), then again.
	a, aevs := article("https://example.org/count", "Counted clashes", 40)
	b, bevs := article("https://example.org/count", "Counted clashes, updated", 25)
	for _, step := range []struct {
		a   event.Article
		evs []event.Event
	}{{a, aevs}, {b, bevs}} {
		if _, err := s.SaveArticle(ctx, step.a, step.evs); err != nil {
			t.Fatal(err)
		}
	}
	for i := range bevs {
		bevs[i].ArticleID = b.ID
	}
	all = append(all, bevs...)
	check("after replacing an article", 80)
}
