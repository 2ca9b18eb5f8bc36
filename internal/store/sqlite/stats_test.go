package sqlite

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"geoevents/gazetteer"
	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

func TestStats(t *testing.T) {
	s, all := seeded(t)
	ctx := context.Background()
	f := store.Filter{Countries: []string{"SY"}, From: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	want := reference(all, f)
	byType, byCountry, byDay := map[string]int64{}, map[string]int64{}, map[string]int64{}
	for _, e := range want {
		byType[e.Type]++
		byCountry[e.CountryCode]++
		byDay[e.Date.Format(time.DateOnly)]++
	}
	st, err := s.Stats(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total != int64(len(want)) || len(want) < 100 {
		t.Errorf("Total = %d, want %d (≥ 100)", st.Total, len(want))
	}
	if !mapsEqual(st.ByType, byType) || !mapsEqual(st.ByCountry, byCountry) {
		t.Errorf("ByType = %v\nwant %v\nByCountry = %v want %v", st.ByType, byType, st.ByCountry, byCountry)
	}
	if len(st.ByDay) != len(byDay) {
		t.Fatalf("ByDay has %d days, want %d", len(st.ByDay), len(byDay))
	}
	if !slices.IsSortedFunc(st.ByDay, func(a, b store.DayCount) int { return compareStr(a.Day, b.Day) }) {
		t.Error("ByDay not ascending")
	}
	for _, d := range st.ByDay {
		if byDay[d.Day] != d.Count {
			t.Errorf("ByDay %s = %d, want %d", d.Day, d.Count, byDay[d.Day])
		}
	}
	// Unknown dates never show up in ByDay, even without a time filter.
	st, err = s.Stats(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var dated int64
	for _, d := range st.ByDay {
		dated += d.Count
	}
	undated := int64(countWhere(all, func(e event.Event) bool { return e.Date.IsZero() && e.Type != event.TypeMention }))
	if undated == 0 || dated != st.Total-undated {
		t.Errorf("ByDay sums to %d, want total %d minus %d undated", dated, st.Total, undated)
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

func compareStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestExtent(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	ext, err := s.Extent(ctx)
	if err != nil || ext.Count != 0 || !ext.From.IsZero() {
		t.Fatalf("empty Extent = %+v, %v", ext, err)
	}
	s, all := seeded(t)
	ext, err = s.Extent(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var box geo.BBox
	var from, to time.Time
	for i, e := range all {
		box = box.Extend(float64(micro(e.Lon))/1e6, float64(micro(e.Lat))/1e6, i > 0)
		if !e.Date.IsZero() && (from.IsZero() || e.Date.Before(from)) {
			from = e.Date
		}
		if e.Date.After(to) {
			to = e.Date
		}
	}
	if ext.Count != int64(len(all)) || ext.BBox != box || !ext.From.Equal(from) || !ext.To.Equal(to) {
		t.Errorf("Extent = %+v\nwant count %d box %v from %v to %v", ext, len(all), box, from, to)
	}
}

func TestPlaces(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	places := []gazetteer.Place{
		{ID: 900000100, Name: "Camp Alpha", Lat: 33.5, Lon: 38.6, Attrs: &gazetteer.Attrs{FeatureClass: "S", FeatureCode: "MILB", CountryCode: "SY", Admin1: "Homs"}},
		{ID: 900000101, Name: "Wadi X", Lat: 34, Lon: 39, Attrs: &gazetteer.Attrs{FeatureClass: "H", CountryCode: "SY"}, Population: 12},
	}
	alt := map[int64][]string{900000100: {"Alpha Base", "قاعدة ألفا"}}
	if n, err := s.SavePlaces(ctx, places, alt); err != nil || n != 2 {
		t.Fatalf("SavePlaces = %d, %v", n, err)
	}
	// Saving again updates in place and replaces the alternate names.
	places[0].Name = "Camp Alpha (renamed)"
	if _, err := s.SavePlaces(ctx, places[:1], map[int64][]string{900000100: {"Alpha"}}); err != nil {
		t.Fatal(err)
	}
	var got []gazetteer.Place
	var names [][]string
	err := s.Places(ctx, func(p gazetteer.Place, a []string) error {
		got = append(got, p)
		names = append(names, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !reflect.DeepEqual(got[0], places[0]) || !reflect.DeepEqual(got[1], places[1]) {
		t.Errorf("Places = %+v", got)
	}
	if !slices.Equal(names[0], []string{"Alpha"}) || len(names[1]) != 0 {
		t.Errorf("alt names = %q", names)
	}
	if _, err := s.SavePlaces(ctx, []gazetteer.Place{{ID: 1, Name: "bad", Lat: 91}}, nil); err == nil {
		t.Error("place with lat 91 accepted")
	}
}

func TestStatsMergesTimesOfDay(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a, evs := article("", "Three events on two days.", 3, 37, 36)
	evs[0].Date = time.Date(2024, 11, 30, 0, 0, 0, 0, time.UTC)
	evs[1].Date = time.Date(2024, 11, 30, 17, 45, 0, 0, time.UTC)
	evs[2].Date = time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	if _, err := s.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.DayCount{{Day: "2024-11-30", Count: 2}, {Day: "2024-12-01", Count: 1}}
	if !slices.Equal(st.ByDay, want) {
		t.Errorf("ByDay = %v, want %v", st.ByDay, want)
	}
}
