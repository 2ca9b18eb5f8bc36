package storetest

import (
	"context"
	"errors"
	"maps"
	"slices"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
	"geoevents/internal/store/hilbert"
)

// aggregateLevels are the grid levels the aggregate cases run at: the
// world in one cell, coarse, map-like and the finest.
var aggregateLevels = []int{0, 1, 3, 6, 10, store.MaxAggregateLevel}

// aggregateRef is the contract's Aggregate, by brute force over the
// events: the matches of f (matches does not read Text: callers pass the
// events the store's text search finds, which testText holds to the
// contract) grouped by their cell of the shared grid at
// level, in Hilbert order, each at the mean of its events' micro-degree
// coordinates (truncated toward zero), with its bounds, counts,
// fatalities and dominant type (ties: the first by name).
func aggregateRef(all []event.Event, f store.Filter, level int) []store.Cell {
	type sum struct {
		n, x, y, fatal int64
		types          map[string]int64
	}
	sums := map[int64]*sum{}
	for _, e := range all {
		if !matches(f, e) {
			continue
		}
		x, y := micro(e.Lon), micro(e.Lat)
		idx := hilbert.PointIndex(x, y, level)
		s := sums[idx]
		if s == nil {
			s = &sum{types: map[string]int64{}}
			sums[idx] = s
		}
		s.n++
		s.x += x
		s.y += y
		s.fatal += int64(e.Fatalities)
		s.types[e.Type]++
	}
	out := []store.Cell{}
	for _, idx := range slices.Sorted(maps.Keys(sums)) {
		s := sums[idx]
		best := ""
		for _, t := range slices.Sorted(maps.Keys(s.types)) {
			if best == "" || s.types[t] > s.types[best] {
				best = t
			}
		}
		cx, cy := hilbert.Cell(idx, level)
		out = append(out, store.Cell{
			Lon: float64(s.x/s.n) / 1e6, Lat: float64(s.y/s.n) / 1e6, Bounds: hilbert.CellBox(cx, cy, level).Degrees(),
			Count: s.n, Fatalities: s.fatal, Type: best, Types: s.types,
		})
	}
	return out
}

// testAggregate: every filter case (areas across the antimeridian,
// circles, polygons, time, types, mentions, text, fields) at several
// levels gives the reference's cells, in order, exactly; Limit, Offset
// and Sort are ignored; a level outside 0…MaxAggregateLevel is an
// invalid filter, and so is a filter Events refuses.
func testAggregate(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s, all := loaded(t, open)
	cases := append(filterCases(all),
		struct {
			name string
			f    store.Filter
		}{"text", store.Filter{Text: "fighting near Aleppo", BBox: box(36, 35, 38, 37)}},
		struct {
			name string
			f    store.Filter
		}{"paging ignored", store.Filter{Limit: 3, Offset: 7, Sort: store.SortScore, Mentions: true}},
	)
	ties, multi := 0, 0
	for _, tc := range cases {
		evs := all
		if tc.f.Text != "" {
			evs = textMatches(t, s, tc.f, all)
		}
		for _, level := range aggregateLevels {
			want := aggregateRef(evs, tc.f, level)
			got, err := s.Aggregate(ctx, tc.f, level)
			if err != nil {
				t.Fatalf("%s level %d: %v", tc.name, level, err)
			}
			if got == nil || !slices.EqualFunc(got, want, cellEqual) {
				t.Errorf("%s level %d: %d cells, want %d\n got %v\nwant %v", tc.name, level, len(got), len(want), headCells(got), headCells(want))
			}
			for _, c := range want {
				ties += tiedTypes(c)
				if c.Count > 1 {
					multi++
				}
			}
		}
	}
	// The data exercises what the reference computes: cells of several
	// events, and cells whose dominant type is decided by the tie rule.
	if ties == 0 || multi == 0 {
		t.Errorf("the cases hold %d tied cells and %d cells of several events: the rules go untested", ties, multi)
	}
	for _, level := range []int{-1, store.MaxAggregateLevel + 1} {
		if _, err := s.Aggregate(ctx, store.Filter{}, level); !errors.Is(err, store.ErrInvalidFilter) {
			t.Errorf("level %d: %v, want ErrInvalidFilter", level, err)
		}
	}
	if _, err := s.Aggregate(ctx, store.Filter{BBox: box(10, 20, 11, 19)}, 3); !errors.Is(err, store.ErrInvalidFilter) {
		t.Errorf("box upside down: %v, want ErrInvalidFilter", err)
	}
}

// textMatches returns the events of all that the store's text search
// finds for f's text, at least one and not all of them.
func textMatches(t *testing.T, s store.Store, f store.Filter, all []event.Event) []event.Event {
	t.Helper()
	found := map[string]bool{}
	err := s.EachEvent(context.Background(), store.Filter{Text: f.Text, Mentions: true}, func(e *event.Event) error {
		found[e.ID] = true
		return nil
	})
	if err != nil {
		t.Fatalf("text %q: %v", f.Text, err)
	}
	var out []event.Event
	for _, e := range all {
		if found[e.ID] {
			out = append(out, e)
		}
	}
	if len(out) == 0 || len(out) == len(all) {
		t.Fatalf("text %q finds %d of %d events: the case selects nothing", f.Text, len(out), len(all))
	}
	return out
}

func cellEqual(a, b store.Cell) bool {
	return a.Lon == b.Lon && a.Lat == b.Lat && a.Bounds == b.Bounds && a.Count == b.Count &&
		a.Fatalities == b.Fatalities && a.Type == b.Type && maps.Equal(a.Types, b.Types)
}

// tiedTypes is 1 when another type has as many events as c's dominant one.
func tiedTypes(c store.Cell) int {
	for t, n := range c.Types {
		if t != c.Type && n == c.Types[c.Type] {
			return 1
		}
	}
	return 0
}

func headCells(cells []store.Cell) []store.Cell { return cells[:min(len(cells), 4)] }
