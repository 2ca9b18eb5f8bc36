package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// testCountsFollowWrites: after saves, a replacement at the same URL, a
// re-derivation, an article whose events move to other days, types and
// countries, and an import, Stats, Weekly and Aggregate still count
// exactly what the events say (folded from EachEvent, the row path), for
// the filters a backend may answer from counts kept on write (kinds,
// types, countries, whole days, boxes) and one it may not (a time of
// day).
func testCountsFollowWrites(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	save := func(a event.Article, evs []event.Event) {
		t.Helper()
		if _, err := s.SaveArticle(ctx, a, evs); err != nil {
			t.Fatal(err)
		}
	}
	a1, e1 := article("https://example.org/days/1", "First", 4)
	a2, e2 := article("https://example.org/days/2", "Second", 3)
	e2[0].Date, e2[1].Type, e2[1].CountryCode, e2[2].GeoPrecision = time.Time{}, event.TypeMention, "", 3
	save(a1, e1)
	save(a2, e2)
	a1b, e1b := article("https://example.org/days/1", "First, corrected", 2) // replaces a1
	e1b[0].Date, e1b[1].Type, e1b[1].CountryCode = day(3), event.TypeProtests, "IQ"
	save(a1b, e1b)
	a2.Extractor = "rules-2" // re-derived: its events replaced
	e2[0].Date, e2[2].Date, e2[2].Type = day(40), day(41), event.TypeExplosions
	save(a2, e2)
	if _, err := s.ImportEvents(ctx, seqOf(generated(60, 5))); err != nil {
		t.Fatal(err)
	}
	for _, f := range []store.Filter{
		{}, {Mentions: true}, {MaxPrecision: 2}, {Types: []string{event.TypeProtests, event.TypeExplosions}},
		{Countries: []string{"iq", "SY"}}, {From: day(3)}, {To: day(30), Mentions: true}, {From: day(3), To: day(41)},
		{From: day(3).Add(time.Hour)},
	} {
		var want store.Stats
		want.ByType, want.ByCountry, want.ByDay = map[string]int64{}, map[string]int64{}, []store.DayCount{}
		weeks := store.WeekSums{}
		byDay := map[string]int64{}
		if err := s.EachEvent(ctx, f, func(e *event.Event) error {
			want.Total++
			want.ByType[e.Type]++
			want.ByCountry[e.CountryCode]++
			if !e.Date.IsZero() {
				byDay[e.Date.UTC().Format(time.DateOnly)]++
				weeks.Add(store.WeekDay(e.Date.Unix()), e.Type, 1)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Stats(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		gotDays := map[string]int64{}
		for _, d := range got.ByDay {
			gotDays[d.Day] = d.Count
		}
		if got.Total != want.Total || !reflect.DeepEqual(got.ByType, want.ByType) || !reflect.DeepEqual(got.ByCountry, want.ByCountry) || !reflect.DeepEqual(gotDays, byDay) {
			t.Errorf("%+v: stats %+v, the events give %+v by day %v", f, got, want, byDay)
		}
		w, err := s.Weekly(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(w, weeks.Weeks()) {
			t.Errorf("%+v: weekly %v, the events give %v", f, w, weeks.Weeks())
		}
	}
	for _, f := range []store.Filter{{}, {Mentions: true}, {BBox: box(36.5, 35.5, 38, 36.9)}, {BBox: box(30, 20, 60, 40), Types: []string{event.TypeProtests}}} {
		var evs []event.Event
		if err := s.EachEvent(ctx, f, func(e *event.Event) error { evs = append(evs, *e); return nil }); err != nil {
			t.Fatal(err)
		}
		for _, level := range []int{3, 8, 10, 12} {
			got, err := s.Aggregate(ctx, f, level)
			if err != nil {
				t.Fatal(err)
			}
			if want := aggregateRef(evs, f, level); !reflect.DeepEqual(got, want) {
				t.Errorf("%+v at level %d: aggregate\n got %+v\nwant %+v", f, level, got, want)
			}
		}
	}
}
