package storetest

import (
	"context"
	"testing"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// incidentFilters are filters that each take another read path of a
// backend (its count grid, its day counts, its row tests, its text
// index, the kinds with mentions or types), every one matching the
// incident of testIncidents' three reports at Incidentville on day 5.
func incidentFilters() map[string]store.Filter {
	box := &geo.BBox{MinLon: 37, MinLat: 36, MaxLon: 37.5, MaxLat: 36.5}
	return map[string]store.Filter{
		"default":            {},
		"mentions":           {Mentions: true},
		"type":               {Types: []string{event.TypeExplosions}},
		"types with mention": {Types: []string{event.TypeExplosions, event.TypeMention}, Mentions: true},
		"text":               {Text: "sentence"},
		"country":            {Countries: []string{"SY"}},
		"place":              {Place: "inc-town"},
		"box":                {BBox: box},
		"box and days":       {BBox: box, From: day(5), To: day(6)},
		"days":               {From: day(5), To: day(6)},
		"near":               {Near: &geo.Circle{Lon: 37.16117, Lat: 36.20124, RadiusKm: 10}},
		"precision":          {MaxPrecision: 2},
	}
}

// incidentOnceEverywhere checks that every read path shows the incident
// of several reports once: a joined report leaking into a page, a count,
// Stats, Weekly, an aggregate, an export or the extent is the bug.
func incidentOnceEverywhere(t *testing.T, s store.Store) {
	t.Helper()
	ctx := context.Background()
	for name, f := range incidentFilters() {
		p, err := s.Events(ctx, f)
		if err != nil || p.NumberMatched != 1 || len(p.Events) != 1 {
			t.Errorf("%s: events %d matched, %d listed, %v; want the incident once", name, p.NumberMatched, len(p.Events), err)
		}
		st, err := s.Stats(ctx, f)
		if err != nil || st.Total != 1 || len(st.ByDay) != 1 || st.ByDay[0].Count != 1 {
			t.Errorf("%s: stats %+v, %v; want 1", name, st, err)
		}
		weeks, err := s.Weekly(ctx, f)
		if err != nil || len(weeks) != 1 || weeks[0].Count != 1 {
			t.Errorf("%s: weekly %+v, %v; want one week of 1", name, weeks, err)
		}
		cells, err := s.Aggregate(ctx, f, 6)
		if err != nil || len(cells) != 1 || cells[0].Count != 1 {
			t.Errorf("%s: aggregate %+v, %v; want one cell of 1", name, cells, err)
		}
		n := 0
		if err := s.EachEvent(ctx, f, func(*event.Event) error { n++; return nil }); err != nil || n != 1 {
			t.Errorf("%s: export %d events, %v; want 1", name, n, err)
		}
	}
	if ext, err := s.Extent(ctx); err != nil || ext.Count != 1 {
		t.Errorf("extent %d events, %v; want 1", ext.Count, err)
	}
}

// testIncidentTwoPoints: two points of one article near one primary (both
// within 5 km of it) join it once: the article may not be in an incident
// twice, so the second report finds the next primary in reach, another
// outlet's point, and joins that one.
func testIncidentTwoPoints(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	if _, ok := s.(store.Incidents); !ok {
		t.Skip("this backend does not group reports into incidents")
	}
	at := func(text string, lats ...float64) (event.Article, []event.Event) {
		a, evs := article("https://example.org/points/"+text, text, len(lats))
		a.Source = "Outlet " + text
		for i := range evs {
			evs[i].PlaceID, evs[i].Lon, evs[i].Lat, evs[i].Date = "", 40, lats[i], day(5)
		}
		return a, evs
	}
	p, ep := at("first", 10)
	q, eq := at("second", 10.06) // 6.7 km north of the first
	r, er := at("both", 10.02, 10.04)
	for _, x := range []struct {
		a   event.Article
		evs []event.Event
	}{{p, ep}, {q, eq}, {r, er}} {
		save(t, s, x.a, x.evs)
	}
	// q is beyond 5 km of p; r's points are 2.2 and 4.4 km from p, 4.4
	// and 2.2 km from q: the first joins p (the earliest in reach), the
	// second q.
	for _, c := range []struct {
		id      string
		sources int
	}{{ep[0].ID, 2}, {eq[0].ID, 2}} {
		if e, err := s.Event(ctx, c.id); err != nil || e.Sources != c.sources {
			t.Errorf("%s: %d sources, %v; want %d", c.id, e.Sources, err, c.sources)
		}
	}
	if got := visible(t, s); len(got) != 2 {
		t.Errorf("visible %v, want the two incidents", got)
	}
	checkStore(t, s, "two points")
}
