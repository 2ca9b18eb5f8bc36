package sqlite

import (
	"context"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// aggregateRef computes Aggregate's answer from the events in Go: the
// reference filter, then cells by the grid's own cell function.
func aggregateRef(all []event.Event, f store.Filter, level int) map[int64]store.Cell {
	type sum struct {
		n, x, y, fatal int64
		types          map[string]int64
	}
	sums := map[int64]*sum{}
	for _, e := range reference(all, f) {
		x, y := micro(e.Lon), micro(e.Lat)
		idx := pointHilbert(x, y) >> (2 * (hilbertLevel - level))
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
	out := map[int64]store.Cell{}
	for idx, s := range sums {
		out[idx] = store.Cell{Lon: float64(s.x/s.n) / 1e6, Lat: float64(s.y/s.n) / 1e6, Count: s.n, Fatalities: s.fatal, Type: refDominant(s.types), Types: s.types}
	}
	return out
}

// refDominant is the reference's dominant type: the most events, ties
// to the first by name.
func refDominant(n map[string]int64) string {
	best, bestN := "", int64(-1)
	for t, k := range n {
		if k > bestN || (k == bestN && t < best) {
			best, bestN = t, k
		}
	}
	return best
}

func TestAggregate(t *testing.T) {
	s, all := seeded(t)
	ctx := context.Background()
	from, to := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC)
	syria := &geo.BBox{MinLon: 35.5, MinLat: 32, MaxLon: 42.5, MaxLat: 37.5}
	tests := []struct {
		name  string
		f     store.Filter
		level int
	}{
		{"world_level_0", store.Filter{}, 0},
		{"world_level_4", store.Filter{}, 4},
		{"world_mentions", store.Filter{Mentions: true}, 5},
		{"syria_level_8", store.Filter{BBox: syria}, 8},
		{"syria_fine", store.Filter{BBox: syria}, 12},
		{"syria_time", store.Filter{BBox: syria, From: from, To: to}, 7},
		{"syria_types", store.Filter{BBox: syria, Types: []string{event.TypeBattles, event.TypeProtests}}, 7},
		{"subtype_row_test", store.Filter{BBox: syria, SubTypes: []string{"Armed clash"}}, 6},
		{"text", store.Filter{Text: "Clashes Aleppo"}, 6},
		{"antimeridian", store.Filter{BBox: &geo.BBox{MinLon: 170, MinLat: -30, MaxLon: -170, MaxLat: 0}}, 6},
		{"antimeridian_one_cell", store.Filter{BBox: &geo.BBox{MinLon: 100, MinLat: -80, MaxLon: -100, MaxLat: 80}, Mentions: true}, 0},
		{"country", store.Filter{Countries: []string{"XX"}, From: from}, 3},
		{"near", store.Filter{Near: &geo.Circle{Lon: 37.16, Lat: 36.2, RadiusKm: 60}}, 10},
		{"nothing", store.Filter{BBox: &geo.BBox{MinLon: 1, MinLat: 60, MaxLon: 2, MaxLat: 61}}, 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Aggregate(ctx, tc.f, tc.level)
			if err != nil {
				t.Fatal(err)
			}
			want := aggregateRef(all, tc.f, tc.level)
			if len(got) != len(want) {
				t.Fatalf("%d cells, want %d", len(got), len(want))
			}
			var total int64
			for _, c := range got {
				idx := pointHilbert(micro(c.Lon), micro(c.Lat)) >> (2 * (hilbertLevel - tc.level))
				w, ok := want[idx]
				if !ok {
					t.Fatalf("cell at %v,%v is not in the reference", c.Lon, c.Lat)
				}
				if c.Count != w.Count || c.Fatalities != w.Fatalities || c.Type != w.Type || c.Lon != w.Lon || c.Lat != w.Lat || !maps.Equal(c.Types, w.Types) {
					t.Errorf("cell %d: got %+v, want %+v", idx, c, w)
				}
				if !(geo.BBox{MinLon: c.Bounds.MinLon - 1e-6, MinLat: c.Bounds.MinLat - 1e-6, MaxLon: c.Bounds.MaxLon + 1e-6, MaxLat: c.Bounds.MaxLat + 1e-6}).Contains(c.Lon, c.Lat) {
					t.Errorf("cell %d: mean %v,%v outside its bounds %v", idx, c.Lon, c.Lat, c.Bounds)
				}
				total += c.Count
			}
			p, err := s.Events(ctx, store.Filter{BBox: tc.f.BBox, Near: tc.f.Near, From: tc.f.From, To: tc.f.To, Types: tc.f.Types, SubTypes: tc.f.SubTypes,
				Countries: tc.f.Countries, Text: tc.f.Text, Mentions: tc.f.Mentions, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			if total != p.NumberMatched {
				t.Errorf("cells hold %d events, Events matches %d", total, p.NumberMatched)
			}
		})
	}
}

func TestAggregateInvalid(t *testing.T) {
	s := openTemp(t)
	for _, level := range []int{-1, store.MaxAggregateLevel + 1} {
		if _, err := s.Aggregate(context.Background(), store.Filter{}, level); !errors.Is(err, store.ErrInvalidFilter) {
			t.Errorf("level %d: %v, want ErrInvalidFilter", level, err)
		}
	}
	if _, err := s.Aggregate(context.Background(), store.Filter{Sort: "nonsense"}, 3); err != nil {
		t.Errorf("sort is ignored: %v", err)
	}
}

// TestAggregatePlan: an area, time and type filter is grouped from the
// events_agg index alone, the fatalities included (no row is read).
func TestAggregatePlan(t *testing.T) {
	s := openTemp(t)
	sp, err := newSpec(store.Filter{BBox: boxAround(37, 36, 2), From: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Types: []string{event.TypeBattles}})
	if err != nil {
		t.Fatal(err)
	}
	q, args := aggregateSQL(sp, 8)
	rows, err := s.r.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	joined := strings.Join(plan, "\n")
	if !strings.Contains(joined, "USING COVERING INDEX events_agg") {
		t.Errorf("plan does not scan events_agg alone:\n%s", joined)
	}
}

// BenchmarkAggregate groups the 1M-event benchmark database (bigStore)
// as the map asks at three zooms: the world, the Middle East, one city.
func BenchmarkAggregate(b *testing.B) {
	s := bigStore(b)
	ctx := context.Background()
	for _, bc := range []struct {
		name  string
		f     store.Filter
		level int
	}{
		{"world_z2", store.Filter{}, 4},
		{"region_z6", store.Filter{BBox: &geo.BBox{MinLon: 29.8, MinLat: 30.3, MaxLon: 47.2, MaxLat: 39.7}}, 8},
		{"city_z10", store.Filter{BBox: boxAround(37.16, 36.2, 0.4)}, 12},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Aggregate(ctx, bc.f, bc.level); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestStatsFromIndex: the counts by type and country Stats takes from
// events_agg (filters of area, time, kinds and types) equal the reference,
// empty answers and both antimeridian halves included.
func TestStatsFromIndex(t *testing.T) {
	s, all := seeded(t)
	ctx := context.Background()
	from := time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range []store.Filter{
		{},
		{Mentions: true},
		{BBox: &geo.BBox{MinLon: 35.5, MinLat: 32, MaxLon: 42.5, MaxLat: 37.5}},
		{BBox: &geo.BBox{MinLon: 35.5, MinLat: 32, MaxLon: 42.5, MaxLat: 37.5}, From: from, Types: []string{event.TypeBattles, event.TypeRiots}},
		{BBox: &geo.BBox{MinLon: 170, MinLat: -30, MaxLon: -170, MaxLat: 0}, Mentions: true},
		{BBox: &geo.BBox{MinLon: 1, MinLat: 60, MaxLon: 2, MaxLat: 61}},
		{From: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		if !indexStatsOK(f, mustSpec(t, f)) {
			t.Fatalf("%+v does not take the index path", f)
		}
		st, err := s.Stats(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		byType, byCountry := map[string]int64{}, map[string]int64{}
		for _, e := range reference(all, f) {
			byType[e.Type]++
			byCountry[e.CountryCode]++
		}
		if !maps.Equal(st.ByType, byType) || !maps.Equal(st.ByCountry, byCountry) {
			t.Errorf("%+v: by type %v, by country %v; want %v, %v", f, st.ByType, st.ByCountry, byType, byCountry)
		}
	}
}

func mustSpec(t *testing.T, f store.Filter) *spec {
	t.Helper()
	sp, err := newSpec(f)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}
