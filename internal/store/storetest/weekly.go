package storetest

import (
	"context"
	"reflect"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// testWeekly: the weekly counts by type of every filter case are those of
// the matching dated events, each in the week of store.WeekDay; undated
// events are left out and no week is empty.
func testWeekly(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s, all := loaded(t, open)
	for _, tc := range filterCases(all) {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Weekly(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if want := weeklyOf(tc.f, all); !reflect.DeepEqual(got, want) {
				t.Errorf("weekly counts\n got %v\nwant %v", got, want)
			}
		})
	}
	if _, err := s.Weekly(ctx, store.Filter{MaxPrecision: 5}); err == nil {
		t.Errorf("an invalid filter gave no error")
	}
}

// weeklyOf is the reference: the matching events folded week by week.
func weeklyOf(f store.Filter, all []event.Event) []store.WeekCount {
	sums := store.WeekSums{}
	for _, e := range all {
		if matches(f, e) && !e.Date.IsZero() {
			sums.Add(store.WeekDay(e.Date.Unix()), e.Type, 1)
		}
	}
	return sums.Weeks()
}
