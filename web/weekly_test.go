package web

import (
	"net/http"
	"reflect"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// TestWeekly: /api/weekly counts the events of the filters per week and
// type as an oracle over the generated events does; a bad filter is a 400
// with the JSON error, paging parameters are refused.
func TestWeekly(t *testing.T) {
	evs := genEvents(300, 11)
	s := newTestServer(t, Config{}, openStore(t, evs), nil)
	for _, tc := range []struct {
		name, query string
		want        func(event.Event) bool
	}{
		{"all", "", func(e event.Event) bool { return e.Type != event.TypeMention }},
		{"country and dates", "country=SY&datetime=2024-11-01/2024-11-30",
			func(e event.Event) bool {
				return e.CountryCode == "SY" && dated("2024-11-01", "2024-11-30")(e) && e.Type != event.TypeMention
			}},
		{"box, types and precision", "bbox=35,33,38,37&type=Battles,Riots&max_precision=2",
			and(inBox(35, 33, 38, 37), ofType(event.TypeBattles, event.TypeRiots), func(e event.Event) bool { return e.GeoPrecision <= 2 })},
		{"text", "q=protests", func(e event.Event) bool { return e.Type == event.TypeProtests }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sums := store.WeekSums{}
			for _, e := range evs {
				if tc.want(e) && !e.Date.IsZero() {
					sums.Add(store.WeekDay(e.Date.Unix()), e.Type, 1)
				}
			}
			want := sums.Weeks()
			if len(want) < 2 {
				t.Fatalf("oracle has %d weeks; the data does not exercise %q", len(want), tc.query)
			}
			rec := do(t, s.Handler(), http.MethodGet, "/api/weekly?"+tc.query, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var got weeklyResponse
			decode(t, rec, &got)
			if !reflect.DeepEqual(got.Weeks, want) {
				t.Errorf("weeks\n got %v\nwant %v", got.Weeks, want)
			}
		})
	}
	for _, q := range []string{"limit=5", "max_precision=7", "type=Bombings", "datetime=2024-02-30"} {
		rec := do(t, s.Handler(), http.MethodGet, "/api/weekly?"+q, nil)
		if rec.Code != http.StatusBadRequest || rec.Header().Get("Content-Type") != mimeJSON {
			t.Errorf("%s: %d %q, want a JSON 400", q, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
}
