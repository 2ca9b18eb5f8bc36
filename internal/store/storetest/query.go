package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

func box(minLon, minLat, maxLon, maxLat float64) *geo.BBox {
	return &geo.BBox{MinLon: minLon, MinLat: minLat, MaxLon: maxLon, MaxLat: maxLat}
}

func square(minLon, minLat, maxLon, maxLat float64) orb.Ring {
	return orb.Ring{{minLon, minLat}, {maxLon, minLat}, {maxLon, maxLat}, {minLon, maxLat}, {minLon, minLat}}
}

// filterCases are filters over the loaded data, each field alone and in
// combination, every sort, and areas across the antimeridian.
func filterCases(all []event.Event) []struct {
	name string
	f    store.Filter
} {
	articleID := all[len(all)-1].ArticleID
	return []struct {
		name string
		f    store.Filter
	}{
		{"default", store.Filter{}},
		{"mentions", store.Filter{Mentions: true}},
		{"type", store.Filter{Types: []string{event.TypeBattles}}},
		{"type mention", store.Filter{Types: []string{event.TypeMention}}},
		{"types with mention", store.Filter{Types: []string{event.TypeProtests, event.TypeMention}}},
		{"subtype", store.Filter{SubTypes: []string{"Air/drone strike", "Attack"}}},
		{"country", store.Filter{Countries: []string{"sy", " FJ "}}},
		{"place name any case", store.Filter{Place: "aLEPPO"}},
		{"place id", store.Filter{Place: "2198148"}},
		{"article", store.Filter{Article: articleID}},
		{"min score", store.Filter{MinScore: 0.5}},
		{"actor", store.Filter{Actors: []string{"islamic state"}}},
		{"actors any case, either", store.Filter{Actors: []string{" Rebels ", "HTS"}, Mentions: true}},
		{"actor unknown", store.Filter{Actors: []string{"nobody"}}},
		{"actor in a box by date", store.Filter{Actors: []string{"Islamic State"}, BBox: box(30, 20, 60, 40), From: day(5)}},
		{"precision 2", store.Filter{MaxPrecision: 2}},
		{"precision 1", store.Filter{MaxPrecision: 1}},
		{"precision 3", store.Filter{MaxPrecision: 3, Mentions: true}},
		{"precision 2 with mentions", store.Filter{MaxPrecision: 2, Mentions: true}},
		{"precision 2 type mention", store.Filter{MaxPrecision: 2, Types: []string{event.TypeMention}}},
		{"precision 2 in a box by date", store.Filter{MaxPrecision: 2, BBox: box(35, 32, 39, 37), From: day(5), Types: []string{event.TypeBattles, event.TypeExplosions}}},
		{"ids", store.Filter{IDs: []string{all[3].ID, all[10].ID, all[len(all)-1].ID, "missing"}, Mentions: true}},
		{"bbox", store.Filter{BBox: box(35, 32, 39, 37)}},
		{"bbox across antimeridian", store.Filter{BBox: box(178, -18, -179.5, -16), Mentions: true}},
		{"bbox empty area", store.Filter{BBox: box(10, 10, 10.5, 10.5)}},
		{"near", store.Filter{Near: &geo.Circle{Lon: 37.16, Lat: 36.2, RadiusKm: 60}}},
		{"near across antimeridian", store.Filter{Near: &geo.Circle{Lon: 179.9, Lat: -16.9, RadiusKm: 150}, Mentions: true}},
		{"near by date", store.Filter{Near: &geo.Circle{Lon: 36.5, Lat: 34.5, RadiusKm: 300}, Sort: store.SortDateDesc}},
		{"near and bbox", store.Filter{Near: &geo.Circle{Lon: 37.16, Lat: 36.2, RadiusKm: 80}, BBox: box(37.2, 30, 40, 40)}},
		{"polygon", store.Filter{Within: orb.Polygon{square(35.5, 32.5, 38, 36.5)}}},
		{"polygon with hole", store.Filter{Within: orb.Polygon{square(35, 32, 39, 37), square(36, 33.3, 36.6, 33.8)}}},
		{"polygon beyond 180", store.Filter{Within: orb.Polygon{square(178.5, -18, 180.5, -16)}, Mentions: true}},
		{"polygon edge jumping across", store.Filter{Within: orb.Polygon{{{179, -17.5}, {-179.95, -17.5}, {-179.95, -16}, {179, -16}, {179, -17.5}}}}},
		{"multipolygon", store.Filter{Within: orb.MultiPolygon{{square(36, 33, 36.6, 34)}, {square(54.5, 24.5, 56, 26)}}}},
		{"from", store.Filter{From: day(20)}},
		{"to", store.Filter{To: day(10)}},
		{"from to", store.Filter{From: day(5).Add(6 * 3600e9), To: day(12)}},
		{"date ascending", store.Filter{Sort: store.SortDateAsc, Mentions: true}},
		{"score", store.Filter{Sort: store.SortScore}},
		{"distance", store.Filter{Near: &geo.Circle{Lon: 55, Lat: 25, RadiusKm: 20000}, Sort: store.SortDistance}},
		{"combined", store.Filter{BBox: box(30, 20, 60, 40), From: day(3), Types: []string{event.TypeExplosions, event.TypeBattles},
			MinScore: 0.25, Countries: []string{"SY", "AE"}, Sort: store.SortScore}},
	}
}

func testFilters(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s, all := loaded(t, open)
	for _, tc := range filterCases(all) {
		t.Run(tc.name, func(t *testing.T) {
			want := expected(tc.f, all)
			p, err := s.Events(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := idsOf(p.Events); !slices.Equal(got, want) {
				t.Errorf("got %d events, want %d:\n got %v\nwant %v", len(got), len(want), head(got), head(want))
			}
			if p.NumberMatched != int64(len(want)) {
				t.Errorf("NumberMatched %d, want %d", p.NumberMatched, len(want))
			}
		})
	}
	// The cases do select: most find some events, none finds all.
	some := 0
	for _, tc := range filterCases(all) {
		if n := len(expected(tc.f, all)); n > 0 && n < len(all) {
			some++
		}
	}
	if some < 25 {
		t.Errorf("only %d filter cases select a strict, non-empty subset", some)
	}
}

func head(ids []string) []string { return ids[:min(len(ids), 12)] }

func testPaging(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s, all := loaded(t, open)
	for _, tc := range filterCases(all) {
		t.Run(tc.name, func(t *testing.T) {
			want := expected(tc.f, all)
			f := tc.f
			f.Limit = 37
			var got []string
			for f.Offset = 0; f.Offset <= len(want); f.Offset += f.Limit {
				p, err := s.Events(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if p.NumberMatched != int64(len(want)) {
					t.Fatalf("offset %d: NumberMatched %d, want %d", f.Offset, p.NumberMatched, len(want))
				}
				if len(p.Events) > f.Limit {
					t.Fatalf("offset %d: %d events, limit %d", f.Offset, len(p.Events), f.Limit)
				}
				got = append(got, idsOf(p.Events)...)
			}
			if !slices.Equal(got, want) {
				t.Errorf("pages joined give %d events, want %d in order", len(got), len(want))
			}
			f.Offset = len(want) + 5
			if p, err := s.Events(ctx, f); err != nil || len(p.Events) != 0 || p.Events == nil || p.NumberMatched != int64(len(want)) {
				t.Errorf("past the end: %d events (nil %v), matched %d, %v", len(p.Events), p.Events == nil, p.NumberMatched, err)
			}
		})
	}
}

func testEachEventOrder(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s, all := loaded(t, open)
	for _, tc := range filterCases(all) {
		want := expected(tc.f, all)
		var got []string
		err := s.EachEvent(ctx, tc.f, func(e *event.Event) error {
			got = append(got, e.ID)
			return nil
		})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: streamed %d events, want %d in order", tc.name, len(got), len(want))
		}
	}
	// Limit and offset apply to the stream too.
	f := store.Filter{Limit: 10, Offset: 5, Mentions: true}
	want := expected(f, all)[5:15]
	var got []string
	if err := s.EachEvent(ctx, f, func(e *event.Event) error { got = append(got, e.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("limit 10 offset 5: %v, want %v", got, want)
	}
	// fn's error stops the stream and is returned.
	stop := errors.New("stop")
	n := 0
	err := s.EachEvent(ctx, store.Filter{}, func(*event.Event) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("EachEvent after fn's error: %v after %d events", err, n)
	}
}

func testStats(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s, all := loaded(t, open)
	for _, tc := range filterCases(all) {
		f := tc.f
		f.Limit, f.Offset = 3, 2 // ignored
		got, err := s.Stats(ctx, f)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		want := store.Stats{ByType: map[string]int64{}, ByCountry: map[string]int64{}, ByDay: []store.DayCount{}}
		var m []event.Event
		for _, e := range all {
			if matches(tc.f, e) {
				m = append(m, e)
			}
		}
		slices.SortFunc(m, order(store.Filter{Sort: store.SortDateAsc}))
		for _, e := range m {
			want.Total++
			want.ByType[e.Type]++
			want.ByCountry[e.CountryCode]++
			if e.Date.IsZero() {
				continue
			}
			d := e.Date.UTC().Format("2006-01-02")
			if l := len(want.ByDay); l > 0 && want.ByDay[l-1].Day == d {
				want.ByDay[l-1].Count++
			} else {
				want.ByDay = append(want.ByDay, store.DayCount{Day: d, Count: 1})
			}
		}
		if got.Total != want.Total || !mapsEqual(got.ByType, want.ByType) || !mapsEqual(got.ByCountry, want.ByCountry) || !slices.Equal(got.ByDay, want.ByDay) {
			t.Errorf("%s: stats\n got %+v\nwant %+v", tc.name, got, want)
		}
	}
}

func mapsEqual(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func testExtent(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	empty := open(t)
	if ext, err := empty.Extent(ctx); err != nil || ext.Count != 0 || !ext.From.IsZero() || !ext.To.IsZero() {
		t.Fatalf("empty store extent: %+v, %v", ext, err)
	}
	s, all := loaded(t, open)
	ext, err := s.Extent(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := store.Extent{Count: int64(len(all)), BBox: geo.BBox{MinLon: 180, MinLat: 90, MaxLon: -180, MaxLat: -90}}
	for _, e := range all {
		want.BBox.MinLon, want.BBox.MaxLon = min(want.BBox.MinLon, e.Lon), max(want.BBox.MaxLon, e.Lon)
		want.BBox.MinLat, want.BBox.MaxLat = min(want.BBox.MinLat, e.Lat), max(want.BBox.MaxLat, e.Lat)
		if !e.Date.IsZero() {
			if want.From.IsZero() || e.Date.Before(want.From) {
				want.From = e.Date
			}
			if e.Date.After(want.To) {
				want.To = e.Date
			}
		}
	}
	if ext.Count != want.Count || ext.BBox != want.BBox || !ext.From.Equal(want.From) || !ext.To.Equal(want.To) {
		t.Errorf("extent\n got %+v\nwant %+v", ext, want)
	}
}

func testInvalidFilters(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	for name, f := range map[string]store.Filter{
		"negative limit":      {Limit: -1},
		"negative offset":     {Offset: -1},
		"unknown sort":        {Sort: "size"},
		"distance, no near":   {Sort: store.SortDistance},
		"box upside down":     {BBox: box(10, 20, 11, 19)},
		"box off the world":   {BBox: box(10, 20, 11, 91)},
		"radius negative":     {Near: &geo.Circle{Lon: 1, Lat: 1, RadiusKm: -1}},
		"within a point":      {Within: orb.Point{1, 2}},
		"ring not closed":     {Within: orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}},
		"empty multipolygon":  {Within: orb.MultiPolygon{}},
		"ring around a pole":  {Within: orb.Polygon{{{0, 80}, {90, 80}, {180, 80}, {-90, 80}, {0, 80}}}},
		"min score not a num": {MinScore: nan()},
		"precision 4":         {MaxPrecision: 4},
		"precision negative":  {MaxPrecision: -1},
	} {
		if _, err := s.Events(ctx, f); !errors.Is(err, store.ErrInvalidFilter) {
			t.Errorf("%s: Events error %v, want ErrInvalidFilter", name, err)
		}
		if err := s.EachEvent(ctx, f, func(*event.Event) error { return nil }); !errors.Is(err, store.ErrInvalidFilter) {
			t.Errorf("%s: EachEvent error %v, want ErrInvalidFilter", name, err)
		}
		if f.Limit >= 0 && f.Offset >= 0 && f.Sort == "" {
			if _, err := s.Stats(ctx, f); !errors.Is(err, store.ErrInvalidFilter) {
				t.Errorf("%s: Stats error %v, want ErrInvalidFilter", name, err)
			}
		}
	}
	if _, _, err := s.Articles(ctx, store.ArticleFilter{Limit: -1}); !errors.Is(err, store.ErrInvalidFilter) {
		t.Errorf("articles with a negative limit: %v", err)
	}
}

func testNotFound(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	if _, err := s.Event(ctx, "no-such-event"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Event: %v, want ErrNotFound", err)
	}
	if _, _, err := s.Article(ctx, "no-such-article"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Article: %v, want ErrNotFound", err)
	}
}
