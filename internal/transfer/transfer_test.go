package transfer

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/event"
	"geoevents/internal/export"
	"geoevents/internal/store"
	_ "geoevents/internal/store/all"
	"geoevents/internal/testenv"
)

func open(t *testing.T, dsn string) store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fill stores n generated events, 1,000 of them (or n/10) in 200
// articles, and two user places.
func fill(t *testing.T, s store.Store, n int) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(uint64(n), 1))
	mk := func(i int) event.Event {
		types := []string{event.TypeBattles, event.TypeProtests, event.TypeExplosions, event.TypeMention}
		e := event.Event{
			ID: fmt.Sprintf("ev-%07d", r.IntN(1e6)*1e6+i), PlaceName: "Place", PlaceID: fmt.Sprint(r.IntN(50)), CountryCode: "SY",
			Lon: float64(r.IntN(360e6)-180e6) / 1e6, Lat: float64(r.IntN(170e6)-85e6) / 1e6, Score: float64(r.IntN(100)) / 100,
			Type: types[r.IntN(len(types))], SubType: "Sub", Fatalities: r.IntN(4), Actors: []string{"A", "B"}[:r.IntN(3)],
			Sentence: fmt.Sprintf("Sentence %d with café, commas, \"quotes\".", i), Notes: "n", GeoPrecision: 1 + r.IntN(3),
			Date: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(1500)), DatePrecision: event.PrecisionDay,
			Explain: []event.Reason{{Field: event.FieldType, Rule: "type/x", Text: "x", Start: i % 100}},
		}
		if r.IntN(20) == 0 {
			e.Date, e.DatePrecision = time.Time{}, ""
		}
		return e
	}
	inArticles := min(1000, n/10)
	var batch []store.ArticleEvents
	for i := range inArticles / 5 {
		a := event.NewArticle(fmt.Sprintf("Article %d", i), fmt.Sprintf("Text of article %d.", i), fmt.Sprintf("https://example.org/%d", i), "Wire",
			time.Date(2024, 1, 1+i%28, 0, 0, 0, 0, time.UTC))
		a.Extractor = "rules-1"
		var evs []event.Event
		for k := range 5 {
			evs = append(evs, mk(i*5+k))
		}
		batch = append(batch, store.ArticleEvents{Article: a, Events: evs})
	}
	if _, err := s.SaveArticles(ctx, batch); err != nil {
		t.Fatal(err)
	}
	seq := iter.Seq2[event.Event, error](func(yield func(event.Event, error) bool) {
		for i := inArticles; i < n; i++ {
			if !yield(mk(i), nil) {
				return
			}
		}
	})
	if _, err := s.ImportEvents(ctx, seq); err != nil {
		t.Fatal(err)
	}
	places := []gazetteer.Place{{ID: 1, Name: "One", Lat: 1, Lon: 1}, {ID: 2, Name: "Two", Lat: 2, Lon: 2, Attrs: &gazetteer.Attrs{CountryCode: "SY"}}}
	if _, err := s.SavePlaces(ctx, places, map[int64][]string{2: {"Deux", "Zwei"}}); err != nil {
		t.Fatal(err)
	}
}

// dump is everything a store holds, as the exports and listings show it.
func dump(t *testing.T, s store.Store) string {
	t.Helper()
	ctx := context.Background()
	var b bytes.Buffer
	for _, f := range []export.Format{export.GeoJSONSeq, export.CSV} {
		if _, err := export.Write(ctx, &b, f, s, store.Filter{Mentions: true}); err != nil {
			t.Fatal(err)
		}
	}
	list, _, err := s.Articles(ctx, store.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range list {
		full, evs, err := s.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%+v %d\n", full, len(evs))
	}
	err = s.Places(ctx, func(p gazetteer.Place, names []string) error {
		// The place's shared Attrs by value: its pointer differs per store.
		attrs := p.Attrs
		p.Attrs = nil
		fmt.Fprintf(&b, "%+v %+v %q\n", p, attrs, names)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestCopyRoundTrip copies SQLite → PostGIS → SQLite and compares
// everything the stores give back: exports, articles, places. 100,000
// events (10,000 with -short).
func TestCopyRoundTrip(t *testing.T) {
	pg := testenv.PostgresDSN(t)
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	ctx := context.Background()
	dir := t.TempDir()
	src := open(t, filepath.Join(dir, "src.db"))
	fill(t, src, n)
	want := dump(t, src)
	if c := strings.Count(want, "\n"); c < 2*n {
		t.Fatalf("source dump has %d lines for %d events", c, n)
	}

	mid := open(t, pg)
	// Interrupted after the first batch of events, then resumed.
	cctx, cancel := context.WithCancel(ctx)
	var log strings.Builder
	_, err := Copy(cctx, src, mid, Options{EventBatch: n / 4, Progress: cancelAfter{&log, "events:", cancel}})
	if err == nil {
		t.Fatal("copy went on after its context was cancelled")
	}
	sum, err := Copy(ctx, src, mid, Options{Progress: &log})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Events != int64(n) || sum.NewEvents == 0 || sum.NewEvents >= int64(n) || sum.Places != 2 {
		t.Errorf("resumed copy: %s; want %d events read, some but not all new", sum, n)
	}
	if got := dump(t, mid); got != want {
		t.Fatalf("PostGIS copy differs from the source:\n%s", firstDiff(got, want))
	}

	back := open(t, filepath.Join(dir, "back.db"))
	if _, err := Copy(ctx, mid, back, Options{Progress: &log}); err != nil {
		t.Fatal(err)
	}
	if got := dump(t, back); got != want {
		t.Fatalf("copy back to SQLite differs from the source:\n%s", firstDiff(got, want))
	}
	// Again: nothing new.
	sum, err = Copy(ctx, mid, back, Options{})
	if err != nil || sum.NewEvents != 0 || sum.NewArticles != 0 {
		t.Errorf("second copy: %s, %v; want nothing new", sum, err)
	}
	if !strings.Contains(log.String(), "copy: events:") {
		t.Errorf("no progress printed:\n%s", log.String())
	}
}

// cancelAfter writes progress to w and cancels when a line holds key.
type cancelAfter struct {
	w      *strings.Builder
	key    string
	cancel func()
}

func (c cancelAfter) Write(p []byte) (int, error) {
	if strings.Contains(string(p), c.key) {
		c.cancel()
	}
	return c.w.Write(p)
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

// TestCopySkipsInvalidRecords: rows an import would refuse (written by an
// older version or by hand; coordinates out of range the stores refuse
// themselves) are not copied; each is named with its reason,
// an article goes with all its events, and the rest is copied.
func TestCopySkipsInvalidRecords(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := open(t, filepath.Join(dir, "src.db"))
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	ev := func(id string, edit func(*event.Event)) event.Event {
		e := event.Event{ID: id, PlaceName: "Aleppo", CountryCode: "SY", Lon: 37.16, Lat: 36.2, GeoPrecision: 1,
			Type: event.TypeBattles, SubType: "Armed clash", Date: day, DatePrecision: event.PrecisionDay, Sentence: "Clashes in Aleppo."}
		if edit != nil {
			edit(&e)
		}
		return e
	}
	article := func(title, url string, evs ...event.Event) store.ArticleEvents {
		a := event.NewArticle(title, "Text of "+title+".", url, "Wire", day)
		for i := range evs {
			evs[i].ArticleID = a.ID
		}
		return store.ArticleEvents{Article: a, Events: evs}
	}
	good := article("Good", "https://example.org/good", ev("a-good-1", nil), ev("a-good-2", nil))
	badURL := article("Bad link", "javascript:alert(1)", ev("a-link-1", nil))
	badEvent := article("Bad type", "https://example.org/type", ev("a-type-1", nil),
		ev("a-type-2", func(e *event.Event) { e.Type = `<img src=x onerror=alert(1)>` }))
	if _, err := src.SaveArticles(ctx, []store.ArticleEvents{good, badURL, badEvent}); err != nil {
		t.Fatal(err)
	}
	loose := []event.Event{
		ev("e-good", nil),
		ev("e-good-label", func(e *event.Event) { e.Type, e.SubType = "shelling", "Mortar (heavy)" }),
		ev("e-country", func(e *event.Event) { e.CountryCode = "ZZ" }),
		ev("e-subtype", func(e *event.Event) { e.SubType = "air & drone" }),
		ev("e-url", func(e *event.Event) { e.ArticleURL = "data:text/html,<b>x</b>" }),
		ev("e-precision", func(e *event.Event) { e.DatePrecision = "fortnight" }),
		ev("e-long-type", func(e *event.Event) { e.Type = strings.Repeat("x", 65) }),
	}
	if _, err := src.ImportEvents(ctx, func(yield func(event.Event, error) bool) {
		for _, e := range loose {
			if !yield(e, nil) {
				return
			}
		}
	}); err != nil {
		t.Fatal(err)
	}

	dst := open(t, filepath.Join(dir, "dst.db"))
	var log strings.Builder
	sum, err := Copy(ctx, src, dst, Options{Progress: &log})
	if err != nil {
		t.Fatal(err)
	}
	if sum.SkippedArticles != 2 || sum.SkippedEvents != 5 || !sum.Partial() || sum.NewArticles != 1 {
		t.Errorf("summary %s: want 2 articles and 5 events skipped, 1 article new", sum)
	}
	for _, want := range []string{
		"skipped article " + badURL.Article.ID + `: invalid record: url "javascript:alert(1)" is not http or https`,
		"skipped article " + badEvent.Article.ID + ": its event a-type-2: invalid record: type",
		`skipped event e-country: invalid record: country_code "ZZ"`,
		`skipped event e-subtype: invalid record: sub_event_type "air & drone"`,
		"skipped event e-url: invalid record: url",
		`skipped event e-precision: invalid record: date_precision "fortnight"`,
		"skipped event e-long-type: invalid record: type",
	} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("progress lacks %q:\n%s", want, log.String())
		}
	}
	var got []string
	if err := dst.EachEvent(ctx, store.Filter{Mentions: true}, func(e *event.Event) error {
		got = append(got, e.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if want := []string{"a-good-1", "a-good-2", "e-good", "e-good-label"}; !slices.Equal(got, want) {
		t.Errorf("copied events %v, want %v", got, want)
	}
}
