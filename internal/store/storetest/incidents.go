package storetest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// report is an article with one air strike at a town on day 5 that
// states toll deaths, the report of an incident several articles tell.
func report(text string, toll int) (event.Article, []event.Event) {
	a, evs := article("https://example.org/inc/"+text, text, 1)
	a.Source = "Outlet " + text // each report another outlet's
	e := &evs[0]
	e.PlaceID, e.PlaceName, e.Type, e.SubType = "inc-town", "Incidentville", event.TypeExplosions, "Air/drone strike"
	e.Date, e.DatePrecision, e.Fatalities = day(5), event.PrecisionDay, toll
	return a, evs
}

// incidentView is what the default query shows of the incidents: each
// visible event's id, source count and toll.
type incidentView struct {
	id             string
	sources, fatal int
}

func visible(t *testing.T, s store.Store) []incidentView {
	t.Helper()
	p, err := s.Events(context.Background(), store.Filter{Sort: store.SortDateAsc})
	if err != nil {
		t.Fatal(err)
	}
	if p.NumberMatched != int64(len(p.Events)) {
		t.Errorf("numberMatched %d, %d events listed", p.NumberMatched, len(p.Events))
	}
	out := make([]incidentView, len(p.Events))
	for i, e := range p.Events {
		out[i] = incidentView{e.ID, max(e.Sources, 1), e.Fatalities}
	}
	slices.SortFunc(out, func(a, b incidentView) int { return strings.Compare(a.id, b.id) })
	return out
}

// checkStore runs the backend's integrity check, which verifies each
// incident's source count and toll, when it has one. It runs once, at
// the end: on SQLite, FTS5 integrity checks between writes were seen to
// report a corrupt full-text index after some 16 transactions even
// without incidents (reported to the lead).
func checkStore(t *testing.T, s store.Store, when string) {
	t.Helper()
	if c, ok := s.(interface{ IntegrityCheck(context.Context) error }); ok {
		if err := c.IntegrityCheck(context.Background()); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
	}
}

func save(t *testing.T, s store.Store, a event.Article, evs []event.Event) {
	t.Helper()
	if _, err := s.SaveArticle(context.Background(), a, evs); err != nil {
		t.Fatal(err)
	}
}

func testIncidents(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	inc, ok := s.(store.Incidents)
	if !ok {
		t.Skip("this backend does not group reports into incidents")
	}
	a, ea := report("first wire", 7)
	b, eb := report("second outlet", 4)
	c, ec := report("third monitor", 0) // states no toll
	for _, r := range []struct {
		a   event.Article
		evs []event.Event
	}{{a, ea}, {b, eb}, {c, ec}} {
		save(t, s, r.a, r.evs)
	}
	want := []incidentView{{ea[0].ID, 3, 4}}
	if got := visible(t, s); !slices.Equal(got, want) {
		t.Fatalf("three reports: %v, want one incident %v (3 sources, the lowest stated toll)", got, want)
	}
	incidentOnceEverywhere(t, s)
	cells, err := s.Aggregate(ctx, store.Filter{}, 4)
	if err != nil || len(cells) != 1 || cells[0].Count != 1 || cells[0].Fatalities != 4 {
		t.Errorf("aggregate %+v, %v; want one event of 4 dead", cells, err)
	}
	list, total, err := inc.IncidentSources(ctx, ec[0].ID, 2)
	if err != nil || total != 3 || len(list) != 2 || list[0].ID != ea[0].ID || list[1].ArticleID != b.ID || list[0].Fatalities != 7 || list[1].Fatalities != 4 {
		t.Errorf("sources (limit 2): %d listed of %d, %v; want the primary then the second", len(list), total, err)
	}
	joined, err := s.Event(ctx, eb[0].ID)
	if err != nil || !slices.ContainsFunc(joined.Explain, func(r event.Reason) bool {
		return r.Field == event.FieldIncident && r.Rule == store.JoinRule && r.Value == ea[0].ID
	}) {
		t.Errorf("the joined report's explain %+v, %v: want the incident rule naming %s", joined.Explain, err, ea[0].ID)
	}

	// Not joined: a mention, another date precision, two events of one
	// article.
	m, em := report("a mention", 0)
	em[0].Type, em[0].SubType = event.TypeMention, ""
	w, ew := report("a weekly summary", 9)
	ew[0].DatePrecision = event.PrecisionWeek
	two, etwo := article("https://example.org/inc/two", "one article twice", 2)
	for i := range etwo {
		etwo[i].PlaceID = "inc-other"
	}
	save(t, s, m, em)
	save(t, s, w, ew)
	save(t, s, two, etwo)
	if got := visible(t, s); len(got) != 4 {
		t.Errorf("after a mention, a weekly report and one article's two events: %v, want 4 events", got)
	}

	// Not joined either: another note of an outlet already in the incident
	// (it tells its incidents apart), and a report of no known outlet.
	same, esame := report("the first wire's second note", 3)
	same.Source = a.Source
	anon, eanon := report("no outlet", 3)
	anon.Source = ""
	save(t, s, same, esame)
	save(t, s, anon, eanon)
	if got := visible(t, s); len(got) != 6 {
		t.Errorf("after a second note of one outlet and a report of none: %v, want 6 events", got)
	}

	// Points without a place id join within 5 km, not beyond.
	p1, ep1 := report("point one", 2)
	p2, ep2 := report("point two, 3 km away", 5)
	p3, ep3 := report("point three, 11 km away", 1)
	for i, e := range [][]event.Event{ep1, ep2, ep3} {
		e[0].PlaceID, e[0].Lon, e[0].Lat = "", 40, 10+[]float64{0, 0.027, 0.1}[i]
	}
	save(t, s, p1, ep1)
	save(t, s, p2, ep2)
	save(t, s, p3, ep3)
	if e, err := s.Event(ctx, ep1[0].ID); err != nil || e.Sources != 2 || e.Fatalities != 2 {
		t.Errorf("points 3 km apart: %+v sources, %d dead, %v; want 2 sources, 2 dead", e.Sources, e.Fatalities, err)
	}
	if e, err := s.Event(ctx, ep3[0].ID); err != nil || e.Sources > 1 {
		t.Errorf("a point 11 km away joined: %d sources, %v", e.Sources, err)
	}

	// Re-deriving the article of the primary promotes the next report,
	// and its new event joins again.
	a.Extractor = "rules-2"
	save(t, s, a, ea)
	if e, err := s.Event(ctx, eb[0].ID); err != nil || e.Sources != 3 || e.Fatalities != 4 {
		t.Errorf("after re-deriving the primary's article: %d sources, %d dead, %v; want the second report primary of 3, 4 dead", e.Sources, e.Fatalities, err)
	}
	// Replacing the second report's article (same URL, other text, no
	// events) leaves two sources, and the toll the others state.
	b2 := b
	b2.Text, b2.ID = "second outlet, corrected", hashID("second outlet, corrected")
	save(t, s, b2, nil)
	list, total, err = inc.IncidentSources(ctx, ea[0].ID, 0)
	if err != nil || total != 2 || len(list) != 2 || list[0].ID != ec[0].ID || list[0].Fatalities != 0 || list[1].Fatalities != 7 {
		t.Errorf("after the replacement: %d sources %v, %v; want the third report (stating no toll) primary, then the first (7)", total, idsOf(list), err)
	}
	if e, err := s.Event(ctx, ec[0].ID); err != nil || e.Sources != 2 || e.Fatalities != 7 {
		t.Errorf("the promoted primary: %d sources, %d dead, %v; want 2, 7", e.Sources, e.Fatalities, err)
	}

	// Split: each report alone with its own toll, and it stays split
	// when its article is derived again.
	if n, err := inc.SplitIncident(ctx, []string{ec[0].ID}); err != nil || n != 1 {
		t.Fatalf("split: %d, %v", n, err)
	}
	c.Extractor = "rules-2"
	save(t, s, c, ec)
	for _, id := range []string{ea[0].ID, ec[0].ID} {
		if e, err := s.Event(ctx, id); err != nil || e.Sources > 1 || e.Fatalities != map[string]int{ea[0].ID: 7, ec[0].ID: 0}[id] {
			t.Errorf("after the split, %s: %d sources, %d dead, %v", id, e.Sources, e.Fatalities, err)
		}
	}
	checkStore(t, s, "split")
	if _, err := inc.SplitIncident(ctx, []string{"no-such-event"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("split of an unknown id: %v, want ErrNotFound", err)
	}
}
