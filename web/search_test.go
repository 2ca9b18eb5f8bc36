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
				if in && (tc.extra == nil || tc.extra(e)) {
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
