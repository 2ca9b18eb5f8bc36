package sqlite

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// seeded opens a store holding 3,000 generated events plus a few
// hand-made ones near the antimeridian, and returns them all.
func seeded(t *testing.T) (*Store, []event.Event) {
	t.Helper()
	s := openTemp(t)
	var all []event.Event
	for e := range genEvents(3000, 7) {
		all = append(all, e)
	}
	extra := []event.Event{
		{ID: "fiji-east", PlaceName: "Suva", CountryCode: "FJ", Lon: 178.44, Lat: -18.14, Type: event.TypeProtests, Sentence: "Protest in Suva"},
		{ID: "fiji-west", PlaceName: "Lau", CountryCode: "FJ", Lon: -178.8, Lat: -18.5, Type: event.TypeProtests, Date: time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "edge", PlaceName: "Date Line", Lon: 180, Lat: 0, Type: event.TypeMention},
		{ID: "hostile", PlaceName: `Robert'); DROP TABLE events;--`, Lon: 1, Lat: 1, Type: "Riots",
			Sentence: `He said "quote AND OR NEAR( * ^ - ; DROP TABLE events`},
	}
	all = append(all, extra...)
	n, err := s.ImportEvents(context.Background(), seqOf(all))
	if err != nil || n != len(all) {
		t.Fatalf("import = %d, %v", n, err)
	}
	return s, all
}

// withinRef tests a point against a polygon filter without SQL: geo's
// point-in-polygon (unit-tested in geo) on the normalised polygons, so the
// store's bound pre-filter and SQL plumbing are what is checked here.
func withinRef(g orb.Geometry, lon, lat float64) bool {
	var mp orb.MultiPolygon
	switch g := g.(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		mp = g
	}
	for _, p := range mp {
		np, err := geo.NormalizePolygon(p)
		if err == nil && geo.NewRegion(orb.MultiPolygon{np}).Contains(lon, lat) {
			return true
		}
	}
	return false
}

// reference is a brute-force filter and sort over all events: what the
// store must return.
func reference(all []event.Event, f store.Filter) []event.Event {
	var out []event.Event
	for _, e := range all {
		if f.BBox != nil && !microRef(*f.BBox).Contains(float64(micro(e.Lon)), float64(micro(e.Lat))) ||
			f.Near != nil && !f.Near.Contains(float64(micro(e.Lon))/1e6, float64(micro(e.Lat))/1e6) ||
			!f.From.IsZero() && (e.Date.IsZero() || e.Date.Before(f.From)) ||
			!f.To.IsZero() && (e.Date.IsZero() || !e.Date.Before(f.To)) ||
			len(f.Types) > 0 && !slices.Contains(f.Types, e.Type) ||
			len(f.Types) == 0 && !f.Mentions && e.Type == event.TypeMention ||
			len(f.SubTypes) > 0 && !slices.Contains(f.SubTypes, e.SubType) ||
			len(f.Countries) > 0 && !slices.Contains(f.Countries, e.CountryCode) ||
			f.Place != "" && e.PlaceID != f.Place && !strings.EqualFold(e.PlaceName, f.Place) ||
			f.MinScore != 0 && e.Score < f.MinScore ||
			len(f.IDs) > 0 && !slices.Contains(f.IDs, e.ID) {
			continue
		}
		if f.Within != nil && !withinRef(f.Within, float64(micro(e.Lon))/1e6, float64(micro(e.Lat))/1e6) {
			continue
		}
		if f.Text != "" && !textRef(f.Text, e.ArticleTitle, e.Sentence) {
			continue
		}
		out = append(out, e)
	}
	sort := f.Sort
	if sort == "" {
		sort = store.SortDateDesc
		if f.Near != nil {
			sort = store.SortDistance
		}
	}
	slices.SortFunc(out, func(a, b event.Event) int {
		var c int
		switch sort {
		case store.SortDateDesc:
			c = -cmp.Compare(unixOrMin(a.Date), unixOrMin(b.Date))
		case store.SortDateAsc:
			c = cmp.Compare(unixOrMax(a.Date), unixOrMax(b.Date))
		case store.SortScore:
			c = -cmp.Compare(a.Score, b.Score)
		case store.SortDistance:
			c = cmp.Compare(geo.DistanceKm(float64(micro(a.Lon))/1e6, float64(micro(a.Lat))/1e6, f.Near.Lon, f.Near.Lat), geo.DistanceKm(float64(micro(b.Lon))/1e6, float64(micro(b.Lat))/1e6, f.Near.Lon, f.Near.Lat))
		}
		return cmp.Or(c, strings.Compare(a.ID, b.ID))
	})
	return out
}

// textRef is the reference for Filter.Text on ASCII text: every
// whitespace-separated token's words appear as words of the title or the
// sentence, those of one token next to each other in one of them.
func textRef(q, title, sentence string) bool {
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
		})
	}
	hasRun := func(hay, needle []string) bool {
		for i := 0; i+len(needle) <= len(hay); i++ {
			if slices.Equal(hay[i:i+len(needle)], needle) {
				return true
			}
		}
		return false
	}
	found := false
	for _, tok := range strings.Fields(q) {
		w := words(tok)
		if len(w) == 0 {
			continue
		}
		if !hasRun(words(title), w) && !hasRun(words(sentence), w) {
			return false
		}
		found = true
	}
	return found
}

// microRef is b in micro-degrees: boxes work at the 6-decimal precision
// of the served coordinates.
func microRef(b geo.BBox) geo.BBox {
	return geo.BBox{MinLon: float64(micro(b.MinLon)), MinLat: float64(micro(b.MinLat)), MaxLon: float64(micro(b.MaxLon)), MaxLat: float64(micro(b.MaxLat))}
}

func unixOrMin(t time.Time) int64 {
	if t.IsZero() {
		return -1 << 62
	}
	return t.Unix()
}

func unixOrMax(t time.Time) int64 {
	if t.IsZero() {
		return 1 << 62
	}
	return t.Unix()
}

func ids(evs []event.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.ID
	}
	return out
}

func TestEventsFilters(t *testing.T) {
	s, all := seeded(t)
	aleppo := syriaPlaces[0]
	square := orb.Polygon{{{36.5, 35.5}, {37.5, 35.5}, {37.5, 36.5}, {36.5, 36.5}, {36.5, 35.5}}}
	triangle := orb.Polygon{{{36, 33}, {39, 33}, {37.5, 36.5}, {36, 33}}}
	// fiji crosses the antimeridian with edges jumping 170 → -170; split
	// is the same area cut at ±180 as RFC 7946 asks.
	fiji := orb.Polygon{{{170, -30}, {-170, -30}, {-170, 10}, {170, 10}, {170, -30}}}
	split := orb.MultiPolygon{{{{170, -30}, {180, -30}, {180, 10}, {170, 10}, {170, -30}}}, {{{-180, -30}, {-170, -30}, {-170, 10}, {-180, 10}, {-180, -30}}}}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		f       store.Filter
		atLeast int // the data must make the case meaningful
	}{
		{"all", store.Filter{Mentions: true}, 3000},
		{"events only, by default", store.Filter{}, 2000},
		{"bbox Aleppo", store.Filter{BBox: boxAround(aleppo.lon, aleppo.lat, 0.2)}, 50},
		{"bbox antimeridian", store.Filter{BBox: &geo.BBox{MinLon: 170, MinLat: -30, MaxLon: -170, MaxLat: 10}}, 3},
		{"bbox east of 170 only", store.Filter{BBox: &geo.BBox{MinLon: 170, MinLat: -30, MaxLon: 180, MaxLat: 10}}, 2},
		{"near Damascus 20 km", store.Filter{Near: &geo.Circle{Lon: 36.29, Lat: 33.51, RadiusKm: 20}}, 50},
		{"near antimeridian", store.Filter{Near: &geo.Circle{Lon: 179.9, Lat: -18.3, RadiusKm: 300}}, 2},
		{"near sorted by date", store.Filter{Near: &geo.Circle{Lon: 36.29, Lat: 33.51, RadiusKm: 20}, Sort: store.SortDateAsc}, 50},
		{"within square", store.Filter{Within: square}, 100},
		{"within multipolygon", store.Filter{Within: orb.MultiPolygon{square, triangle}}, 200},
		{"within polygon across the antimeridian", store.Filter{Within: fiji}, 3},
		{"within polygon split at the antimeridian", store.Filter{Within: split}, 3},
		{"within Syria and Fiji", store.Filter{Within: orb.MultiPolygon{square, fiji}}, 103},
		{"from", store.Filter{From: day(2023, 1, 1)}, 100},
		{"from to", store.Filter{From: day(2015, 3, 1), To: day(2015, 4, 1)}, 5},
		{"to", store.Filter{To: day(2013, 1, 1)}, 100},
		{"types", store.Filter{Types: []string{event.TypeBattles, event.TypeProtests}}, 500},
		{"subtypes", store.Filter{SubTypes: []string{"Air/drone strike"}}, 100},
		{"countries", store.Filter{Countries: []string{"FJ"}}, 2},
		{"place id", store.Filter{Place: "169388"}, 100},
		{"place name any case", store.Filter{Place: "dEIR EZ-zOR"}, 100},
		{"hostile place name", store.Filter{Place: `Robert'); DROP TABLE events;--`}, 1},
		{"min score", store.Filter{MinScore: 0.95}, 50},
		{"ids", store.Filter{IDs: []string{"gen-7-0000001", "fiji-west", "nope"}, Mentions: true}, 2},
		{"sort score", store.Filter{Sort: store.SortScore, Types: []string{event.TypeRiots, event.TypeMention}}, 100},
		{"sort date asc", store.Filter{Sort: store.SortDateAsc, Mentions: true}, 3000},
		{"combined", store.Filter{BBox: &geo.BBox{MinLon: 35, MinLat: 32, MaxLon: 42, MaxLat: 37.5}, From: day(2016, 1, 1),
			To: day(2020, 1, 1), Types: []string{event.TypeExplosions}, Countries: []string{"SY"}, MinScore: 0.3}, 50},
		{"nothing", store.Filter{Countries: []string{"FR"}}, 0},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := ids(reference(all, tt.f))
			if len(want) < tt.atLeast {
				t.Fatalf("test data gives only %d matches, want ≥ %d for a meaningful case", len(want), tt.atLeast)
			}
			page, err := s.Events(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if page.NumberMatched != int64(len(want)) {
				t.Errorf("NumberMatched = %d, want %d", page.NumberMatched, len(want))
			}
			if got := ids(page.Events); !slices.Equal(got, want) {
				t.Errorf("got %d events, want %d; first got %.5v want %.5v", len(got), len(want), got, want)
			}
			// A page from the middle is the same slice of the full order.
			f := tt.f
			f.Limit, f.Offset = 7, len(want)/2
			page, err = s.Events(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			end := min(len(want), f.Offset+f.Limit)
			if got := ids(page.Events); !slices.Equal(got, want[f.Offset:end]) || page.NumberMatched != int64(len(want)) {
				t.Errorf("page at offset %d = %v (matched %d), want %v", f.Offset, got, page.NumberMatched, want[f.Offset:end])
			}
			// EachEvent streams exactly the same sequence.
			var streamed []string
			if err := s.EachEvent(ctx, tt.f, func(e *event.Event) error { streamed = append(streamed, e.ID); return nil }); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(streamed, want) {
				t.Errorf("EachEvent gave %d events, want %d", len(streamed), len(want))
			}
			st, err := s.Stats(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if st.Total != int64(len(want)) {
				t.Errorf("Stats.Total = %d, want %d", st.Total, len(want))
			}
		})
	}
}

func TestEventsText(t *testing.T) {
	s, all := seeded(t)
	ctx := context.Background()
	tests := []struct {
		q    string
		want int
	}{
		{"Suva", 1},
		{"protest suva", 1}, // words AND-ed, case-insensitive
		{"Clashes Tadmur", countWhere(all, func(e event.Event) bool { return strings.Contains(e.Sentence, "near Tadmur") })},
		{`"quote`, 1},
		{`DROP TABLE events`, 1},
		{`NEAR( * ^ -`, countWhere(all, func(e event.Event) bool { return strings.Contains(strings.ToLower(e.Sentence), "near") })},
		{`quote AND OR`, 1},
		{`"; DROP TABLE events; --`, 1},
		{`a" OR "b`, 0},
		{`*`, 0},
		{`"`, 0},
		{`)(`, 0},
		{"nowhere-to-be-found", 0},
		{"\x00\xff", 0},
		{"Su\x00va", 0},
		{"\xffSuva\x00", 1},
	}
	for _, tt := range tests {
		page, err := s.Events(ctx, store.Filter{Text: tt.q, Mentions: true})
		if err != nil {
			t.Errorf("Text %q: %v", tt.q, err)
			continue
		}
		if page.NumberMatched != int64(tt.want) || len(page.Events) != tt.want {
			t.Errorf("Text %q: matched %d returned %d, want %d", tt.q, page.NumberMatched, len(page.Events), tt.want)
		}
	}
	if ext, _ := s.Extent(ctx); ext.Count != int64(len(all)) {
		t.Errorf("table damaged: %d events, want %d", ext.Count, len(all))
	}
}

func countWhere(all []event.Event, pred func(event.Event) bool) int {
	n := 0
	for _, e := range all {
		if pred(e) {
			n++
		}
	}
	return n
}

func TestEventsInvalidFilter(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	bad := []store.Filter{
		{Sort: "distance"},
		{Sort: "random()"},
		{Limit: -1},
		{Offset: -5},
		{BBox: &geo.BBox{MinLon: 0, MinLat: 10, MaxLon: 1, MaxLat: 5}},
		{Near: &geo.Circle{Lon: 0, Lat: 0, RadiusKm: -1}},
		{Within: orb.Point{1, 2}},
		{Within: orb.Polygon{{{0, 0}, {1, 1}}}},
		{Within: orb.MultiPolygon{}},
	}
	for _, f := range bad {
		if _, err := s.Events(ctx, f); !errors.Is(err, store.ErrInvalidFilter) {
			t.Errorf("Events(%+v) err = %v, want ErrInvalidFilter", f, err)
		}
		if err := s.EachEvent(ctx, f, func(*event.Event) error { return nil }); !errors.Is(err, store.ErrInvalidFilter) {
			t.Errorf("EachEvent(%+v) err = %v, want ErrInvalidFilter", f, err)
		}
	}
}

func TestPagingStable(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	// 1,500 events sharing few dates and scores, so ties must be broken.
	var all []event.Event
	for e := range genEvents(1500, 3) {
		e.Date = time.Date(2024, 1, 1+int(e.Score*3), 0, 0, 0, 0, time.UTC)
		e.Score = float64(int(e.Score * 4))
		all = append(all, e)
	}
	if _, err := s.ImportEvents(ctx, seqOf(all)); err != nil {
		t.Fatal(err)
	}
	for _, sort := range []string{"", store.SortDateAsc, store.SortScore} {
		seen := map[string]int{}
		for off := 0; ; off += 100 {
			page, err := s.Events(ctx, store.Filter{Sort: sort, Limit: 100, Offset: off, Mentions: true})
			if err != nil {
				t.Fatal(err)
			}
			if page.NumberMatched != 1500 {
				t.Fatalf("NumberMatched = %d", page.NumberMatched)
			}
			if len(page.Events) == 0 {
				break
			}
			for _, e := range page.Events {
				seen[e.ID]++
			}
		}
		if len(seen) != 1500 {
			t.Errorf("sort %q: paging saw %d distinct events, want 1500", sort, len(seen))
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("sort %q: %s seen %d times", sort, id, n)
			}
		}
	}
}

func TestEventNotFound(t *testing.T) {
	s := openTemp(t)
	if _, err := s.Event(context.Background(), "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
	if _, _, err := s.Article(context.Background(), "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}

// TestPlansAgree reads each filter's page through every page plan that
// applies (walking the sort index, cutting off the candidates at the
// page's last key, sorting all candidates, SQLite's own) and checks each
// against the reference, and the count against the reference's.
func TestPlansAgree(t *testing.T) {
	s, all := seeded(t)
	ctx := context.Background()
	stats, err := loadEstimates(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	square := orb.Polygon{{{36.5, 35.5}, {37.5, 35.5}, {37.5, 36.5}, {36.5, 36.5}, {36.5, 35.5}}}
	big := &geo.BBox{MinLon: 30, MinLat: 30, MaxLon: 45, MaxLat: 40}
	filters := []store.Filter{
		{BBox: big, Limit: 50},
		{BBox: big, Limit: 50, Offset: 500, Sort: store.SortScore},
		{BBox: &geo.BBox{MinLon: 170, MinLat: -30, MaxLon: -170, MaxLat: 10}, Mentions: true},
		{BBox: big, Types: []string{event.TypeBattles}, From: time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC), Limit: 20},
		{Near: &geo.Circle{Lon: 37.16, Lat: 36.2, RadiusKm: 60}, Sort: store.SortDateDesc, Limit: 30},
		{Within: square, Sort: store.SortScore},
		{Within: orb.Polygon{{{170, -30}, {-170, -30}, {-170, 10}, {170, 10}, {170, -30}}}, Sort: store.SortScore},
		{BBox: big},
		{BBox: big, From: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC), Limit: 40, Offset: 30},
		{BBox: big, From: time.Date(2016, 2, 3, 5, 0, 0, 0, time.UTC), To: time.Date(2016, 9, 17, 0, 0, 0, 0, time.UTC), Limit: 40},
		{BBox: big, To: time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC), Limit: 25, Sort: store.SortDateAsc},
		{BBox: big, Limit: 70, Offset: 1450, Sort: store.SortDateAsc},
		{BBox: big, Limit: 70, Offset: 1450},
		{BBox: &geo.BBox{MinLon: 170, MinLat: -30, MaxLon: -170, MaxLat: 10}, Limit: 3, Offset: 1, Mentions: true},
		{Near: &geo.Circle{Lon: 37.16, Lat: 36.2, RadiusKm: 60}, Limit: 30, Offset: 10},
		{Near: &geo.Circle{Lon: 37.16, Lat: 36.2, RadiusKm: 150}, Limit: 20, Sort: store.SortDateAsc, From: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Near: &geo.Circle{Lon: 37.16, Lat: 36.2, RadiusKm: 150}, Limit: 20, Offset: 5, To: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Limit: 30, Offset: 100},
		{Limit: 30, Sort: store.SortDateAsc, Mentions: true},
		{Types: []string{event.TypeProtests, event.TypeMention}, Limit: 25, Offset: 20},
		{Countries: []string{"XX"}, From: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Limit: 10},
		{Text: "Clashes near", Limit: 25, Offset: 40},
		{Text: "Aleppo", Sort: store.SortScore, Limit: 10},
		{Text: "Idlib", BBox: &geo.BBox{MinLon: 30, MinLat: 30, MaxLon: 45, MaxLat: 40}},
		{Text: "near Idlib", BBox: big, Limit: 15, Sort: store.SortDateAsc},
		{BBox: boxAround(37.16, 36.2, 0.06), Limit: 5, Offset: 2},
		{BBox: boxAround(37.16, 36.2, 0.4), Limit: 5},
		{BBox: boxAround(36.63, 35.93, 0.5), Limit: 3, Offset: 4, To: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)},
		{BBox: boxAround(37.16, 36.2, 0.1), Limit: 10, Mentions: true, From: time.Date(2013, 1, 1, 0, 0, 0, 0, time.UTC)},
		{BBox: &geo.BBox{MinLon: 178, MinLat: -18.6, MaxLon: -178.7, MaxLat: -18}, Limit: 1, Offset: 1, Mentions: true},
	}
	for i, f := range filters {
		want := reference(all, f)
		lo := min(f.Offset, len(want))
		hi := len(want)
		if f.Limit > 0 {
			hi = min(hi, lo+f.Limit)
		}
		wantIDs := ids(want[lo:hi])
		if len(wantIDs) == 0 {
			t.Fatalf("filter %d: empty reference, not a useful case", i)
		}
		page, err := s.Events(ctx, f)
		if err != nil {
			t.Fatalf("filter %d: %v", i, err)
		}
		if page.NumberMatched != int64(len(want)) || !slices.Equal(ids(page.Events), wantIDs) {
			t.Errorf("filter %d: matched %d ids %.3v, want %d %.3v", i, page.NumberMatched, ids(page.Events), len(want), wantIDs)
		}
		sp, err := newSpec(f)
		if err != nil {
			t.Fatal(err)
		}
		if sp.gridCountable() && sp.boxes != nil && sp.sort == store.SortDateDesc && f.Limit > 0 && sp.t.IsOpen() {
			// Counted and paged in one scan, as for boxes with few events.
			tx, err := s.r.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			evs, n, err := readCountedPage(ctx, cachedTx{tx: tx, cache: s.stmts}, sp)
			tx.Rollback()
			if err != nil || n != int64(len(want)) || !slices.Equal(ids(evs), wantIDs) {
				t.Errorf("filter %d counted page: %d matched (%v), %.3v; want %d, %.3v", i, n, err, ids(evs), len(want), wantIDs)
			}
		}
		for _, plan := range []pagePlan{planWalk, planCutoff, planAll, planScan} {
			if plan == planWalk && walkArms(sp) == nil {
				continue
			}
			if _, _, _, ok := candidateSource(sp); !ok && (plan == planCutoff || plan == planAll) {
				continue
			}
			var got []string
			if err := streamPage(ctx, s.r, sp, plan, func(e *event.Event) error { got = append(got, e.ID); return nil }); err != nil {
				t.Fatalf("filter %d plan %s: %v", i, plan, err)
			}
			if !slices.Equal(got, wantIDs) {
				t.Errorf("filter %d plan %s: %d ids %.3v, want %d %.3v", i, plan, len(got), got, len(wantIDs), wantIDs)
			}
			// The same plan through the two-step reader (rowids, then rows;
			// candidates cut off here, merged by cell when they can be).
			tx, err := s.r.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			// Statistics make newest-first pages start from the latest months.
			evs, err := readPageBy(ctx, cachedTx{tx: tx, cache: s.stmts}, sp, plan, int64(i%2)*mergeMin+int64(len(want)), stats)
			tx.Rollback()
			if err != nil {
				t.Fatalf("filter %d plan %s (two steps): %v", i, plan, err)
			}
			if got := ids(evs); !slices.Equal(got, wantIDs) {
				t.Errorf("filter %d plan %s (two steps): %d ids %.3v, want %d %.3v", i, plan, len(got), got, len(wantIDs), wantIDs)
			}
		}
	}
}

// TestBoxEdgesAtMicroDegrees pins the box semantics: 6-decimal precision.
func TestBoxEdgesAtMicroDegrees(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	evs := []event.Event{
		{ID: "on-edge", PlaceName: "a", Lon: 37.1, Lat: 36.2},
		{ID: "rounds-onto-edge", PlaceName: "b", Lon: 37.0999996, Lat: 36.2},
		{ID: "just-outside", PlaceName: "c", Lon: 37.099999, Lat: 36.2},
		{ID: "far-edge", PlaceName: "d", Lon: 37.3, Lat: 36.3},
	}
	if _, err := s.ImportEvents(ctx, seqOf(evs)); err != nil {
		t.Fatal(err)
	}
	box := &geo.BBox{MinLon: 37.1, MinLat: 36.2, MaxLon: 37.3, MaxLat: 36.3}
	for _, f := range []store.Filter{{BBox: box, Sort: store.SortScore}, {BBox: box, Sort: store.SortScore, Types: []string{""}}} {
		p, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(p.Events); p.NumberMatched != 3 || !slices.Equal(got, []string{"far-edge", "on-edge", "rounds-onto-edge"}) {
			t.Errorf("box edges: matched %d, got %v", p.NumberMatched, got)
		}
	}
	// Four events fit in the R*Tree root (a leaf): Extent reads them there.
	ext, err := s.Extent(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (geo.BBox{MinLon: 37.099999, MinLat: 36.2, MaxLon: 37.3, MaxLat: 36.3}); ext.Count != 4 || ext.BBox != want {
		t.Errorf("Extent = %+v, want 4 events in %v", ext, want)
	}
}

// TestPagingAcrossPlans pages through filters with many date ties, with
// every plan: the pages, concatenated, must be the reference order with
// each event exactly once (what next links rely on).
func TestPagingAcrossPlans(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	var all []event.Event
	for e := range genEvents(2500, 17) {
		if !e.Date.IsZero() {
			e.Date = time.Date(2023, 1, 1+int(e.Score*5), 0, 0, 0, 0, time.UTC) // five dates: ties everywhere
		}
		all = append(all, e)
	}
	if _, err := s.ImportEvents(ctx, seqOf(all)); err != nil {
		t.Fatal(err)
	}
	stats, err := loadEstimates(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range []store.Filter{
		{BBox: boxAround(37.16, 36.2, 0.3)},
		{BBox: boxAround(36.6, 35.9, 1.5), Sort: store.SortDateAsc},
		{BBox: boxAround(37.16, 36.2, 0.5), From: time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC), Mentions: true},
		{Near: &geo.Circle{Lon: 36.63, Lat: 35.93, RadiusKm: 40}},
		{Text: "Clashes", Sort: store.SortScore},
		{Types: []string{event.TypeBattles, event.TypeProtests}},
	} {
		want := ids(reference(all, f))
		if len(want) < 30 {
			t.Fatalf("filter %d: %d matches, not a useful case", i, len(want))
		}
		for k, plan := range []pagePlan{planWalk, planCutoff, planCutoff, planCutoff, planAll, planScan} {
			matched := int64(len(want))
			var est *estimates
			switch k {
			case 2:
				matched = mergeMin // cells merged by date where they can be
			case 3:
				est = stats // candidates from the latest months first
			}
			f := f
			f.Limit = 9
			var got []string
			for f.Offset = 0; f.Offset < len(want)+9; f.Offset += f.Limit {
				sp, err := newSpec(f)
				if err != nil {
					t.Fatal(err)
				}
				if plan == planWalk && walkArms(sp) == nil {
					break
				}
				tx, err := s.r.BeginTx(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				evs, err := readPageBy(ctx, cachedTx{tx: tx, cache: s.stmts}, sp, plan, matched, est)
				tx.Rollback()
				if err != nil {
					t.Fatalf("filter %d plan %s offset %d: %v", i, plan, f.Offset, err)
				}
				got = append(got, ids(evs)...)
			}
			if plan == planWalk && len(got) == 0 {
				continue
			}
			if !slices.Equal(got, want) {
				t.Errorf("filter %d plan %s: pages give %d ids, want %d in order", i, plan, len(got), len(want))
			}
		}
	}
}
