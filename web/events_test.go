package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"geoevents/geo"
	"geoevents/internal/event"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// dated reports whether e's date is in [from, to] (whole days, inclusive).
func dated(from, to string) func(event.Event) bool {
	return func(e event.Event) bool {
		return !e.Date.IsZero() && !e.Date.Before(day(from)) && !e.Date.After(day(to))
	}
}

func and(preds ...func(event.Event) bool) func(event.Event) bool {
	return func(e event.Event) bool {
		for _, p := range preds {
			if !p(e) {
				return false
			}
		}
		return true
	}
}

func inBox(minLon, minLat, maxLon, maxLat float64) func(event.Event) bool {
	b := geo.BBox{MinLon: minLon, MinLat: minLat, MaxLon: maxLon, MaxLat: maxLat}
	return func(e event.Event) bool { return b.Contains(e.Lon, e.Lat) }
}

func ofType(types ...string) func(event.Event) bool {
	return func(e event.Event) bool { return slices.Contains(types, e.Type) }
}

// TestEventsFilters checks every filter of /api/events against an
// independent oracle over the generated events, and the default order.
func TestEventsFilters(t *testing.T) { testEventsFilters(t, openStore) }

func testEventsFilters(t *testing.T, open storeOpener) {
	evs := genEvents(700, 1)
	s := newTestServer(t, Config{}, open(t, evs), nil)
	all := func(event.Event) bool { return true }
	tests := []struct {
		name, query string
		want        func(event.Event) bool
	}{
		{"all", "", all},
		{"mentions_too", "mentions=true", all},
		{"mentions_only", "type=Mention", ofType(event.TypeMention)},
		{"bbox_aleppo", "bbox=36.8,35.8,37.5,36.6", inBox(36.8, 35.8, 37.5, 36.6)},
		{"bbox_3d", "bbox=36.8,35.8,-100,37.5,36.6,100", inBox(36.8, 35.8, 37.5, 36.6)},
		{"bbox_antimeridian", "bbox=178.5,-20,-179.8,-15", inBox(178.5, -20, -179.8, -15)},
		{"near", "near=37.16,36.2&radius=20", func(e event.Event) bool { return geo.DistanceKm(37.16, 36.2, e.Lon, e.Lat) <= 20 }},
		{"datetime_date", "datetime=2024-11-15", dated("2024-11-15", "2024-11-15")},
		{"datetime_instant", "datetime=2024-11-15T00:00:00Z", dated("2024-11-15", "2024-11-15")},
		{"datetime_interval", "datetime=2024-11-10/2024-11-20", dated("2024-11-10", "2024-11-20")},
		{"datetime_interval_times", "datetime=2024-11-10T00:00:00Z/2024-11-12T00:00:00Z", dated("2024-11-10", "2024-11-12")},
		{"datetime_open_start", "datetime=../2024-11-05", dated("0001-01-01", "2024-11-05")},
		{"datetime_open_end_empty", "datetime=2024-12-25/", dated("2024-12-25", "9000-01-01")},
		{"datetime_qgis_open", "datetime=0000-01-01T00:00:00Z/9999-12-31T00:00:00Z", all},
		{"datetime_both_open", "datetime=../..", all},
		{"from_to", "from=2024-12-01&to=2024-12-03", dated("2024-12-01", "2024-12-03")},
		{"datetime_and_from", "datetime=2024-11-01/2024-11-30&from=2024-11-20", dated("2024-11-20", "2024-11-30")},
		{"type", "type=Battles", ofType(event.TypeBattles)},
		{"type_multi", "type=Battles,Protests&type=riots", ofType(event.TypeBattles, event.TypeProtests, event.TypeRiots)},
		{"subtype", "subtype=" + url.QueryEscape("Air/drone strike"), func(e event.Event) bool { return e.SubType == "Air/drone strike" }},
		{"country", "country=lb", func(e event.Event) bool { return e.CountryCode == "LB" }},
		{"country_multi", "country=LB&country=FJ", func(e event.Event) bool { return e.CountryCode == "LB" || e.CountryCode == "FJ" }},
		{"place_name", "place=idlib", func(e event.Event) bool { return e.PlaceName == "Idlib" }},
		{"place_id", "place=1003", func(e event.Event) bool { return e.PlaceName == "Raqqa" }},
		{"min_score", "min_score=0.9", func(e event.Event) bool { return e.Score >= 0.9 }},
		{"max_precision_2", "max_precision=2", func(e event.Event) bool { return e.GeoPrecision <= 2 }},
		{"max_precision_1", "max_precision=1&type=Battles", and(ofType(event.TypeBattles), func(e event.Event) bool { return e.GeoPrecision <= 1 })},
		{"q", "q=protests", func(e event.Event) bool { return e.Type == event.TypeProtests }},
		{"combined", "bbox=35,33,38,37&type=Battles&datetime=2024-11-01/2024-11-30&min_score=0.5",
			and(inBox(35, 33, 38, 37), ofType(event.TypeBattles), dated("2024-11-01", "2024-11-30"), func(e event.Event) bool { return e.Score >= 0.5 })},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Plain mentions match only when asked for (mentions=true or a type list).
			asked := strings.Contains(tc.query, "type=") || strings.Contains(tc.query, "mentions=true")
			var want []string
			for _, e := range evs {
				if tc.want(e) && (asked || e.Type != event.TypeMention) {
					want = append(want, e.ID)
				}
			}
			if len(want) == 0 {
				t.Fatalf("oracle selects nothing; the test data does not exercise %q", tc.query)
			}
			rec := do(t, s.Handler(), http.MethodGet, "/api/events?limit=10000&"+tc.query, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != mimeGeoJSON {
				t.Errorf("Content-Type %q", ct)
			}
			var fc featureCollection
			decode(t, rec, &fc)
			if fc.Type != "FeatureCollection" || fc.NumberMatched != int64(len(want)) || fc.NumberReturned != len(want) {
				t.Fatalf("type %q numberMatched %d numberReturned %d, want %d", fc.Type, fc.NumberMatched, fc.NumberReturned, len(want))
			}
			got := fc.ids()
			sort.Strings(got)
			if !slices.Equal(got, want) {
				t.Fatalf("ids differ from the oracle: got %d, want %d", len(got), len(want))
			}
			if strings.Contains(tc.query, "near=") {
				checkOrder(t, fc, func(a, b map[string]any, ga, gb []float64) bool {
					return geo.DistanceKm(37.16, 36.2, ga[0], ga[1]) <= geo.DistanceKm(37.16, 36.2, gb[0], gb[1])+1e-9
				})
			} else {
				checkOrder(t, fc, newestFirst)
			}
			// A short page of each filter is kept as a golden file.
			rec = do(t, s.Handler(), http.MethodGet, "/api/events?limit=2&"+tc.query, nil)
			checkGolden(t, "events_"+tc.name+".json", rec.Body.Bytes())
		})
	}
}

// newestFirst: dates descending, undated last.
func newestFirst(a, b map[string]any, _, _ []float64) bool {
	da, _ := a["date"].(string)
	db, _ := b["date"].(string)
	if db == "" {
		return true
	}
	return da != "" && da >= db
}

func checkOrder(t *testing.T, fc featureCollection, ordered func(a, b map[string]any, ga, gb []float64) bool) {
	t.Helper()
	for i := 1; i < len(fc.Features); i++ {
		a, b := fc.Features[i-1], fc.Features[i]
		if !ordered(a.Properties, b.Properties, a.Geometry.Coordinates, b.Geometry.Coordinates) {
			t.Fatalf("features %d and %d out of order: %v / %v", i-1, i, a.Properties["date"], b.Properties["date"])
		}
	}
}

func TestEventsSortBy(t *testing.T) { testEventsSortBy(t, openStore) }

func testEventsSortBy(t *testing.T, open storeOpener) {
	evs := genEvents(300, 2)
	s := newTestServer(t, Config{}, open(t, evs), nil)
	tests := []struct {
		sortby  string
		ordered func(a, b map[string]any, ga, gb []float64) bool
	}{
		{"-date", newestFirst},
		{"date", func(a, b map[string]any, _, _ []float64) bool {
			da, _ := a["date"].(string)
			db, _ := b["date"].(string)
			return da == "" && db == "" || da != "" && (db == "" || da <= db) || da == "" && db != "" && false
		}},
		{"score", func(a, b map[string]any, _, _ []float64) bool { return a["score"].(float64) >= b["score"].(float64) }},
	}
	for _, tc := range tests {
		t.Run(tc.sortby, func(t *testing.T) {
			rec := do(t, s.Handler(), http.MethodGet, "/api/events?limit=10000&datetime=2024-11-01/2024-12-31&sortby="+url.QueryEscape(tc.sortby), nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var fc featureCollection
			decode(t, rec, &fc)
			if fc.NumberReturned < 100 {
				t.Fatalf("only %d events", fc.NumberReturned)
			}
			checkOrder(t, fc, tc.ordered)
		})
	}
}

// TestEventsPagingLinks walks next links in-process: every event once,
// prev links back, other parameters kept.
func TestEventsPagingLinks(t *testing.T) { testEventsPagingLinks(t, openStore) }

func testEventsPagingLinks(t *testing.T, open storeOpener) {
	evs := genEvents(250, 3)
	s := newTestServer(t, Config{}, open(t, evs), nil)
	seen := map[string]int{}
	target := "/api/events?type=Battles,Protests&limit=7"
	pages := 0
	var matched int64
	for target != "" {
		rec := do(t, s.Handler(), http.MethodGet, target, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", target, rec.Code, rec.Body)
		}
		var fc featureCollection
		decode(t, rec, &fc)
		matched = fc.NumberMatched
		for _, id := range fc.ids() {
			seen[id]++
		}
		if pages > 0 && fc.link("prev") == "" {
			t.Errorf("page %d has no prev link", pages)
		}
		self := fc.link("self")
		if !strings.HasPrefix(self, "http://"+testHost+"/api/events?") || !strings.Contains(self, "type=Battles") {
			t.Errorf("self link %q is not absolute or lost a parameter", self)
		}
		next := fc.link("next")
		if next != "" {
			u, err := url.Parse(next)
			if err != nil || u.Host != testHost || u.Query().Get("type") != "Battles,Protests" || u.Query().Get("limit") != "7" {
				t.Fatalf("bad next link %q", next)
			}
			next = u.RequestURI()
		}
		target = next
		pages++
		if pages > 100 {
			t.Fatal("too many pages")
		}
	}
	want := 0
	for _, e := range evs {
		if e.Type == event.TypeBattles || e.Type == event.TypeProtests {
			want++
			if seen[e.ID] != 1 {
				t.Errorf("event %s seen %d times", e.ID, seen[e.ID])
			}
		}
	}
	if len(seen) != want || matched != int64(want) {
		t.Errorf("saw %d distinct, numberMatched %d, want %d", len(seen), matched, want)
	}
}

// TestPageSizeHint: the hint covers a page of imported-like events with
// every property, so its buffer is never grown, and is not wildly more.
func TestPageSizeHint(t *testing.T) {
	evs := make([]event.Event, 50)
	for i := range evs {
		evs[i] = event.Event{ID: fmt.Sprintf("imp-%020d", i), Type: "humanitarian aid", PlaceName: "Aleppo", Lon: 37.179839, Lat: 36.131291,
			Date: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), DatePrecision: "day", GeoPrecision: 1,
			ArticleTitle: "Humanitarian aid reported in Aleppo", Sentence: strings.Repeat("Aid workers said so. ", i%12)}
	}
	n := 0
	for i := range evs {
		n += len(event.AppendFeatureProps(nil, &evs[i], nil)) + 1
	}
	if h := pageSizeHint(evs, nil); h < n || h > n*3/2 {
		t.Errorf("pageSizeHint = %d for %d bytes of features", h, n)
	}
}
