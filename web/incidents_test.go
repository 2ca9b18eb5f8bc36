package web

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"geoevents/internal/event"
)

// incidentStore is a store holding one air strike three articles report
// (tolls 9, 5 and 12) and returns the ids of the three reports.
func incidentStore(t *testing.T, open storeOpener) (ids []string, s *Server) {
	t.Helper()
	store := open(t, nil)
	for i, toll := range []int{9, 5, 12} {
		text := fmt.Sprintf("Report %d of the strike on Incidentville.", i)
		a := event.NewArticle(fmt.Sprintf("Outlet %d", i), text, fmt.Sprintf("https://example.org/%d", i), fmt.Sprintf("Outlet %d", i),
			time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC))
		e := event.Event{ID: fmt.Sprintf("strike-%d", i), Sentence: text, PlaceID: "town-1", PlaceName: "Incidentville",
			Lon: 37.1, Lat: 36.2, GeoPrecision: 1, Type: event.TypeExplosions, SubType: "Air/drone strike",
			Fatalities: toll, Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), DatePrecision: event.PrecisionDay}
		if _, err := store.SaveArticle(context.Background(), a, []event.Event{e}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	return ids, newTestServer(t, Config{Token: "s3cret"}, store, nil)
}

// TestAPIIncidents: the three reports are one event with sources 3 and
// the lowest toll; /api/incidents lists them; a split (with the token)
// makes the split report an event of its own again. TestOnPostGIS runs
// it on PostGIS.
func TestAPIIncidents(t *testing.T) { testAPIIncidents(t, openStore) }

func testAPIIncidents(t *testing.T, open storeOpener) {
	ids, s := incidentStore(t, open)
	h := s.Handler()
	var fc featureCollection
	decode(t, do(t, h, http.MethodGet, "/api/events", nil), &fc)
	if len(fc.Features) != 1 || fc.NumberMatched != 1 || fc.Features[0].Properties["sources"] != 3.0 || fc.Features[0].Properties["fatalities"] != 5.0 {
		t.Fatalf("events: %d features (matched %d), first %v; want one of 3 sources, 5 dead", len(fc.Features), fc.NumberMatched, fc.Features)
	}
	var inc incidentDoc
	decode(t, do(t, h, http.MethodGet, "/api/incidents/"+ids[2], nil), &inc)
	if inc.ID != ids[0] || inc.Sources != 3 || inc.More != 0 || len(inc.Reports) != 3 || inc.Reports[2].Fatalities != 12 || inc.Reports[1].Title != "Outlet 1" {
		t.Errorf("incident: %+v", inc)
	}
	cases := []struct {
		name, body string
		auth       []string
		status     int
	}{
		{"no token", `{"events":["strike-1"]}`, nil, http.StatusUnauthorized},
		{"not a report of it", `{"events":["nope"]}`, []string{"Authorization", "Bearer s3cret"}, http.StatusBadRequest},
		{"no events", `{}`, []string{"Authorization", "Bearer s3cret"}, http.StatusBadRequest},
		{"split", `{"events":["strike-1"]}`, []string{"Authorization", "Bearer s3cret"}, http.StatusOK},
	}
	for _, tc := range cases {
		rec := do(t, h, http.MethodPost, "/api/incidents/"+ids[0]+"/split", []byte(tc.body), append(tc.auth, "Content-Type", "application/json")...)
		if rec.Code != tc.status {
			t.Errorf("%s: %d %s, want %d", tc.name, rec.Code, rec.Body, tc.status)
		}
	}
	decode(t, do(t, h, http.MethodGet, "/api/events", nil), &fc)
	tolls := map[any]any{}
	for _, f := range fc.Features {
		tolls[f.ID] = f.Properties["fatalities"]
	}
	if len(fc.Features) != 2 || tolls["strike-0"] != 9.0 || tolls["strike-1"] != 5.0 {
		t.Errorf("after the split: %v, want strike-0 (9 dead, 2 sources) and strike-1 (5)", tolls)
	}
	if rec := do(t, h, http.MethodGet, "/api/incidents/nope", nil); rec.Code != http.StatusNotFound {
		t.Errorf("unknown incident: %d", rec.Code)
	}
}
