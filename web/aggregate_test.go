package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"geoevents/internal/event"
)

// TestAggregateEndpoint: /api/aggregate answers the same filters as
// /api/events with cells whose counts add up to the same numberMatched,
// each cell's point inside its bbox, a known type, and fatalities summed.
func TestAggregateEndpoint(t *testing.T) { testAggregateEndpoint(t, openStore) }

func testAggregateEndpoint(t *testing.T, open storeOpener) {
	s := newTestServer(t, Config{}, open(t, aggregateEvents()), nil)
	h := s.Handler()
	for _, q := range aggregateQueries {
		t.Run(q, func(t *testing.T) {
			rec := do(t, h, http.MethodGet, "/api/aggregate?"+q, nil)
			if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), mimeGeoJSON) {
				t.Fatalf("%d %s: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
			}
			var fc featureCollection
			decode(t, rec, &fc)
			v, _ := url.ParseQuery(q)
			v.Del("zoom")
			v.Set("limit", "1")
			var page featureCollection
			decode(t, do(t, h, http.MethodGet, "/api/events?"+v.Encode(), nil), &page)
			var sum, fatal int64
			for _, f := range fc.Features {
				p := f.Properties
				n, fa := int64(p["count"].(float64)), int64(p["fatalities"].(float64))
				sum += n
				fatal += fa
				if n <= 0 || fa < 0 {
					t.Errorf("cell with count %d, fatalities %d", n, fa)
				}
				if typ, _ := p["type"].(string); !slices.Contains(event.Types, typ) && typ != event.TypeMention {
					t.Errorf("cell type %q", typ)
				}
				bb, _ := p["bbox"].([]any)
				c := f.Geometry.Coordinates
				if len(bb) != 4 || len(c) != 2 || c[0] < bb[0].(float64) || c[0] > bb[2].(float64) || c[1] < bb[1].(float64) || c[1] > bb[3].(float64) {
					t.Errorf("cell point %v outside its bbox %v", c, bb)
				}
			}
			if sum != fc.NumberMatched || sum != page.NumberMatched || fc.NumberReturned != len(fc.Features) {
				t.Errorf("cells hold %d, numberMatched %d, /api/events matches %d", sum, fc.NumberMatched, page.NumberMatched)
			}
			var byType struct {
				Fatalities int64            `json:"fatalities"`
				ByType     map[string]int64 `json:"by_type"`
			}
			decode(t, rec, &byType)
			var typed int64
			for _, n := range byType.ByType {
				typed += n
			}
			if byType.Fatalities != fatal || typed != sum {
				t.Errorf("totals: fatalities %d (cells %d), by_type sums to %d (cells %d)", byType.Fatalities, fatal, typed, sum)
			}
			if page.NumberMatched > 20 && fatal == 0 {
				t.Errorf("no fatalities summed over %d events", page.NumberMatched)
			}
		})
	}
}

// aggregateEvents are the events the aggregate tests serve: generated
// ones, with fatalities.
func aggregateEvents() []event.Event {
	evs := genEvents(3000, 31)
	for i := range evs {
		evs[i].Fatalities = i % 4
	}
	return evs
}

// aggregateQueries are the /api/aggregate queries the tests ask: zooms
// from the world to the finest, each kind of filter, across the
// antimeridian.
var aggregateQueries = []string{
	"zoom=2", "zoom=6&bbox=35,33,38,37", "zoom=9&bbox=36.8,35.9,37.5,36.5", "zoom=0&mentions=true",
	"zoom=7&type=Battles,Protests", "zoom=7&datetime=2024-11-10/2024-11-20", "zoom=7&subtype=Armed%20clash",
	"zoom=5&country=SY&q=near", "zoom=4&bbox=170,-30,-170,10", "zoom=22&bbox=36.8,35.9,37.5,36.5",
}

// TestAggregateRefusals: a missing or bad zoom, unknown parameters and bad
// filters are 400s saying which parameter is wrong.
func TestAggregateRefusals(t *testing.T) {
	s := newTestServer(t, Config{}, openStore(t, genEvents(50, 32)), nil)
	h := s.Handler()
	cases := map[string]string{
		"":                           "zoom",
		"zoom=":                      "zoom",
		"zoom=-1":                    "zoom",
		"zoom=23":                    "zoom",
		"zoom=1.5":                   "zoom",
		"zoom=1&zoom=2":              "zoom",
		"zoom=5&limit=10":            "limit",
		"zoom=5&bbox=1,2,3":          "bbox",
		"zoom=5&datetime=2024-02-30": "datetime",
		"zoom=5&level=3":             "level",
	}
	for _, v := range hostileNumbers() {
		cases["zoom="+url.QueryEscape(v)] = "zoom"
	}
	for q, param := range cases {
		rec := do(t, h, http.MethodGet, "/api/aggregate?"+q, nil)
		var body struct{ Code, Description string }
		decode(t, rec, &body)
		if rec.Code != http.StatusBadRequest || !strings.Contains(body.Description, `"`+param+`"`) {
			t.Errorf("%q: %d %+v, want 400 naming %q", q, rec.Code, body, param)
		}
	}
}

// TestAggregateHostileType: a type read from an imported file may hold
// any text; the answer stays valid JSON holding it exactly.
func TestAggregateHostileType(t *testing.T) {
	evs := genEvents(20, 33)
	hostile := "x\"</script>\u2028\\\té"
	for i := range evs {
		evs[i].Type = hostile
	}
	s := newTestServer(t, Config{}, openStore(t, evs), nil)
	rec := do(t, s.Handler(), http.MethodGet, "/api/aggregate?zoom=1", nil)
	var fc struct {
		ByType   map[string]int64 `json:"by_type"`
		Features []struct {
			Properties struct {
				Type string `json:"type"`
			} `json:"properties"`
		} `json:"features"`
	}
	decode(t, rec, &fc)
	if rec.Code != http.StatusOK || fc.ByType[hostile] != 20 || len(fc.Features) == 0 || fc.Features[0].Properties.Type != hostile {
		t.Errorf("%d: %s", rec.Code, rec.Body.String())
	}
}
