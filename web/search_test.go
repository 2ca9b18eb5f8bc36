package web

import (
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"geoevents/internal/event"
)

// TestSearchPolygon posts polygons (plain, MultiPolygon with a hole,
// wrapped in a Feature, with query filters) and checks the ids against
// orb's point-in-polygon.
func TestSearchPolygon(t *testing.T) {
	evs := genEvents(600, 16)
	s := newTestServer(t, Config{}, openStore(t, evs), nil)
	triangle := orb.Polygon{{{36.7, 35.7}, {37.6, 35.9}, {37.0, 36.6}, {36.7, 35.7}}}
	withHole := orb.MultiPolygon{
		{{{35.9, 33.1}, {36.7, 33.1}, {36.7, 33.9}, {35.9, 33.9}, {35.9, 33.1}}, {{36.2, 33.4}, {36.4, 33.4}, {36.4, 33.6}, {36.2, 33.6}, {36.2, 33.4}}},
		{{{178.0, -18.5}, {179.0, -18.5}, {179.0, -17.5}, {178.0, -17.5}, {178.0, -18.5}}},
	}
	tests := []struct {
		name, query, body string
		geom              orb.Geometry
		extra             func(event.Event) bool
	}{
		{"triangle", "", `{"type":"Polygon","coordinates":[[[36.7,35.7],[37.6,35.9],[37.0,36.6],[36.7,35.7]]]}`, triangle, nil},
		{"feature", "", `{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Polygon","coordinates":[[[36.7,35.7,0],[37.6,35.9,0],[37.0,36.6,0],[36.7,35.7,0]]]}}`, triangle, nil},
		{"multipolygon_hole", "", `{"type":"MultiPolygon","coordinates":[[[[35.9,33.1],[36.7,33.1],[36.7,33.9],[35.9,33.9],[35.9,33.1]],[[36.2,33.4],[36.4,33.4],[36.4,33.6],[36.2,33.6],[36.2,33.4]]],[[[178,-18.5],[179,-18.5],[179,-17.5],[178,-17.5],[178,-18.5]]]]}`, withHole, nil},
		{"with_filters", "type=Battles,Riots&datetime=2024-11-01/2024-11-30", `{"type":"Polygon","coordinates":[[[36.7,35.7],[37.6,35.9],[37.0,36.6],[36.7,35.7]]]}`, triangle,
			and(ofType(event.TypeBattles, event.TypeRiots), dated("2024-11-01", "2024-11-30"))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want []string
			for _, e := range evs {
				p := orb.Point{e.Lon, e.Lat}
				in := false
				switch g := tc.geom.(type) {
				case orb.Polygon:
					in = planar.PolygonContains(g, p)
				case orb.MultiPolygon:
					in = planar.MultiPolygonContains(g, p)
				}
				if in && (tc.extra == nil || tc.extra(e)) && e.Type != event.TypeMention {
					want = append(want, e.ID)
				}
			}
			if len(want) == 0 {
				t.Fatal("oracle selects nothing")
			}
			rec := do(t, s.Handler(), http.MethodPost, "/api/events/search?limit=10000&"+tc.query, []byte(tc.body), "Content-Type", "application/geo+json")
			if rec.Code != http.StatusOK {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			var fc featureCollection
			decode(t, rec, &fc)
			got := fc.ids()
			sort.Strings(got)
			if !slices.Equal(got, want) || fc.NumberMatched != int64(len(want)) {
				t.Errorf("got %d ids (matched %d), want %d", len(got), fc.NumberMatched, len(want))
			}
		})
	}
	rec := do(t, s.Handler(), http.MethodPost, "/api/events/search", []byte(`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}`), "Content-Type", "application/json")
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "at least 4") {
		t.Errorf("short ring: %d %s", rec.Code, rec.Body)
	}
	rec = do(t, s.Handler(), http.MethodPost, "/api/events/search", []byte(`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}`), "Content-Type", "application/json")
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "not closed") {
		t.Errorf("open ring: %d %s", rec.Code, rec.Body)
	}
}

// TestSearchPolygonAntimeridian posts polygons over Fiji in each form a
// client may send one crossing the antimeridian, and checks that exactly
// the events on both sides of ±180 inside it come back; polygons with no
// single reading are a 400 with a JSON error.
func TestSearchPolygonAntimeridian(t *testing.T) {
	evs := genEvents(6, 18)
	at := []struct{ lon, lat float64 }{{179.5, -17.5}, {-179.5, -17.5}, {0, -17.5}, {176, -17.5}, {-177, -17.5}, {179.5, -25}}
	for i, p := range at {
		evs[i].Lon, evs[i].Lat = p.lon, p.lat
		evs[i].Type, evs[i].SubType = event.TypeBattles, "Armed clash" // events, not mentions: matched by default
	}
	s := newTestServer(t, Config{}, openStore(t, evs), nil)
	want := []string{evs[0].ID, evs[1].ID}
	sort.Strings(want)
	tests := []struct{ name, body string }{
		{"edge jumping across 180", `{"type":"Polygon","coordinates":[[[177,-20],[-178,-20],[-178,-15],[177,-15],[177,-20]]]}`},
		{"counter-clockwise from the west", `{"type":"Polygon","coordinates":[[[-178,-20],[-178,-15],[177,-15],[177,-20],[-178,-20]]]}`},
		{"longitudes beyond 180", `{"type":"Polygon","coordinates":[[[177,-20],[182,-20],[182,-15],[177,-15],[177,-20]]]}`},
		{"longitudes beyond -180", `{"type":"Polygon","coordinates":[[[-183,-20],[-178,-20],[-178,-15],[-183,-15],[-183,-20]]]}`},
		{"feature", `{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[177,-20],[-178,-20],[-178,-15],[177,-15],[177,-20]]]}}`},
		{"split at 180 (RFC 7946)", `{"type":"MultiPolygon","coordinates":[[[[177,-20],[180,-20],[180,-15],[177,-15],[177,-20]]],[[[-180,-20],[-178,-20],[-178,-15],[-180,-15],[-180,-20]]]]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(t, s.Handler(), http.MethodPost, "/api/events/search", []byte(tc.body), "Content-Type", "application/geo+json")
			if rec.Code != http.StatusOK {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			var fc featureCollection
			decode(t, rec, &fc)
			got := fc.ids()
			sort.Strings(got)
			if !slices.Equal(got, want) || fc.NumberMatched != int64(len(want)) {
				t.Errorf("got %v (matched %d), want %v", got, fc.NumberMatched, want)
			}
		})
	}
	rejects := []struct{ name, body, want string }{
		{"ring around the pole", `{"type":"Polygon","coordinates":[[[0,-80],[90,-80],[180,-80],[-90,-80],[0,-80]]]}`, "around a pole"},
		{"edge either way round", `{"type":"Polygon","coordinates":[[[-180,0],[360,0],[360,10],[-180,10],[-180,0]]]}`, "either way round"},
		{"beyond 540", `{"type":"Polygon","coordinates":[[[530,0],[541,0],[541,1],[530,1],[530,0]]]}`, "out of range"},
		// Not simple (issue 15, point 6): refused with the ring and roughly where.
		{"bow-tie across 180", `{"type":"Polygon","coordinates":[[[177,-20],[-178,-15],[-178,-20],[177,-15],[177,-20]]]}`,
			"ring 1 crosses or touches itself: edges from positions 1 and 3 meet near [179.5, -17.5]"},
		{"hole outside", `{"type":"Polygon","coordinates":[[[177,-20],[178,-20],[178,-15],[177,-15],[177,-20]],[[170,0],[171,0],[171,1],[170,0]]]}`,
			"ring 2, a hole, lies outside ring 1"},
		{"holes crossing in the second polygon", `{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],` +
			`[[[0,0],[9,0],[9,9],[0,9],[0,0]],[[1,1],[4,1],[4,4],[1,4],[1,1]],[[3,3],[5,3],[5,5],[3,5],[3,3]]]]}`,
			"polygon 2: invalid polygon: rings 2 and 3 cross or touch"},
	}
	for _, tc := range rejects {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(t, s.Handler(), http.MethodPost, "/api/events/search", []byte(tc.body), "Content-Type", "application/geo+json")
			var e errorBody
			decode(t, rec, &e)
			if rec.Code != http.StatusBadRequest || e.Code != "InvalidGeometry" || !strings.Contains(e.Description, tc.want) {
				t.Errorf("%d %+v, want 400 InvalidGeometry mentioning %q", rec.Code, e, tc.want)
			}
		})
	}
}

// TestHTMLPagesEscape: strings from articles appear as text in the HTML views.
func TestHTMLPagesEscape(t *testing.T) {
	evs := genEvents(3, 17)
	evs[0].Sentence = `<script>window.__xss=1</script><img src=x onerror="window.__xss=1">`
	s := newTestServer(t, Config{}, openStore(t, evs), nil)
	for _, target := range []string{"/collections/events/items?f=html", "/collections/events/items/" + evs[0].ID + "?f=html"} {
		rec := do(t, s.Handler(), http.MethodGet, target, nil)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || strings.Contains(body, "<script>window") || strings.Contains(body, "<img src=x") ||
			!strings.Contains(body, "&lt;script&gt;window.__xss=1&lt;/script&gt;") {
			t.Errorf("%s: %d, markup not escaped:\n%.2000s", target, rec.Code, body)
		}
	}
}
