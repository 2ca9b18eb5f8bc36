package storetest

import (
	"context"
	"errors"
	"iter"
	"reflect"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// count returns how many events (plain mentions included) are stored.
func count(t testing.TB, s store.Store) int64 {
	t.Helper()
	p, err := s.Events(context.Background(), store.Filter{Mentions: true, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return p.NumberMatched
}

func testSaveArticleIdempotent(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	a, evs := article("https://example.org/1", "Shelling in Aleppo", 3)
	res, err := s.SaveArticle(ctx, a, evs)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Events != 3 || res.Replaced || res.Rederived {
		t.Fatalf("first save: %+v", res)
	}
	res, err = s.SaveArticle(ctx, a, evs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created || res.Events != 3 || res.Replaced || res.Rederived {
		t.Fatalf("second save: %+v, want a no-op reporting 3 events", res)
	}
	if n := count(t, s); n != 3 {
		t.Fatalf("%d events stored, want 3", n)
	}
	// The same article in a batch is a no-op too.
	out, err := s.SaveArticles(ctx, []store.ArticleEvents{{Article: a, Events: evs}})
	if err != nil || len(out) != 1 || out[0].Created {
		t.Fatalf("batch save again: %+v, %v", out, err)
	}
	if n := count(t, s); n != 3 {
		t.Fatalf("%d events after the batch, want 3", n)
	}
}

func testSaveArticleReplacesSameURL(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	a1, e1 := article("https://example.org/same", "First version", 2)
	a2, e2 := article("https://example.org/same", "Second version, corrected", 4)
	if _, err := s.SaveArticle(ctx, a1, e1); err != nil {
		t.Fatal(err)
	}
	res, err := s.SaveArticle(ctx, a2, e2)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || !res.Replaced || res.Events != 4 {
		t.Fatalf("replace: %+v", res)
	}
	if _, _, err := s.Article(ctx, a1.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("old version: %v, want ErrNotFound", err)
	}
	if n := count(t, s); n != 4 {
		t.Fatalf("%d events, want the new version's 4", n)
	}
}

func testSaveArticleRederives(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	a, evs := article("https://example.org/r", "Raids near Aleppo", 3)
	if _, err := s.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	a.Extractor = "rules-2"
	_, newer := article("https://example.org/r", "Raids near Aleppo", 2)
	newer[0].ID, newer[1].ID = "newer-0", "newer-1"
	res, err := s.SaveArticle(ctx, a, newer)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Rederived || res.Created || res.Events != 2 {
		t.Fatalf("rederive: %+v", res)
	}
	got, gotEvs, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Extractor != "rules-2" || len(gotEvs) != 2 || gotEvs[0].ID != "newer-0" {
		t.Fatalf("after rederive: extractor %q, events %v", got.Extractor, idsOf(gotEvs))
	}
	// The same version again changes nothing.
	if res, err := s.SaveArticle(ctx, a, newer); err != nil || res.Rederived || res.Events != 2 {
		t.Fatalf("same version again: %+v, %v", res, err)
	}
}

func testSaveArticleErrors(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	a, evs := article("https://example.org/e", "Bad coordinates", 2)
	evs[1].Lat = 95
	if _, err := s.SaveArticle(ctx, a, evs); err == nil {
		t.Fatal("event outside WGS84 saved")
	}
	if _, _, err := s.Article(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("failed save left the article: %v", err)
	}
	if _, err := s.SaveArticle(ctx, event.Article{Text: "no id"}, nil); err == nil {
		t.Fatal("article without id saved")
	}
	if n := count(t, s); n != 0 {
		t.Fatalf("%d events after failed saves", n)
	}
}

func testSaveArticlesAllOrNone(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	a1, e1 := article("https://example.org/b1", "Batch one", 2)
	a2, e2 := article("https://example.org/b2", "Batch two", 2)
	e2[1].ID = ""
	if _, err := s.SaveArticles(ctx, []store.ArticleEvents{{Article: a1, Events: e1}, {Article: a2, Events: e2}}); err == nil {
		t.Fatal("batch with an invalid event saved")
	}
	if _, _, err := s.Article(ctx, a1.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the good article of a failed batch was kept: %v", err)
	}
	e2[1].ID = "fixed"
	out, err := s.SaveArticles(ctx, []store.ArticleEvents{{Article: a1, Events: e1}, {Article: a2, Events: e2}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || !out[0].Created || !out[1].Created || out[1].Events != 2 {
		t.Fatalf("batch results: %+v", out)
	}
	if n := count(t, s); n != 4 {
		t.Fatalf("%d events, want 4", n)
	}
}

// roundTripUnset are the event fields the round trip leaves zero on
// purpose: the store fills the article's fields from the article itself,
// and counts an incident's sources (Sources) itself.
var roundTripUnset = map[string]bool{"ArticleID": true, "ArticleTitle": true, "ArticleURL": true, "Source": true, "Published": true, "Sources": true}

func testEventRoundTrip(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	a, evs := article("https://example.org/rt", "Round trip", 2)
	evs[0].SentenceStart = 3
	// Every field of the first event is set, so a field added to the
	// model that a backend does not store fails here (the fields are
	// declared once, in event.Event; each backend maps them to columns).
	v := reflect.ValueOf(evs[0])
	for i := range v.NumField() {
		if name := v.Type().Field(i).Name; v.Field(i).IsZero() && !roundTripUnset[name] {
			t.Errorf("the round-trip event leaves %s unset: give it a value, so that a backend dropping it fails", name)
		}
	}
	evs[1].Date, evs[1].DatePrecision, evs[1].Actors, evs[1].Explain = day(3).Add(13*3600e9), event.PrecisionWeek, nil, nil
	if _, err := s.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	for _, want := range evs {
		want.ArticleID, want.ArticleTitle, want.ArticleURL, want.Source, want.Published = a.ID, a.Title, a.URL, a.Source, a.Published
		got, err := s.Event(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("event read back:\n got %+v\nwant %+v", got, want)
		}
	}
	got, gotEvs, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != a.ID || got.Text != a.Text || got.Title != a.Title || got.URL != a.URL || !got.Published.Equal(a.Published) ||
		got.Extractor != a.Extractor || got.IngestedAt.IsZero() || len(gotEvs) != 2 || gotEvs[0].ID != evs[0].ID {
		t.Errorf("article read back: %+v with %v", got, idsOf(gotEvs))
	}
}

func testImportDedupes(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	gen := generated(50, 2)
	n, err := s.ImportEvents(ctx, seqOf(gen[:30]))
	if err != nil || n != 30 {
		t.Fatalf("first import: %d, %v", n, err)
	}
	// Repeats within the sequence and ids already stored are skipped; the
	// first of a repeated id wins.
	first := gen[40]
	first.PlaceName = "First"
	second := gen[40]
	second.PlaceName = "Second"
	again := append(append(append([]event.Event{}, gen[20:40]...), first, second), gen[41:]...)
	n, err = s.ImportEvents(ctx, seqOf(again))
	if err != nil || n != 20 {
		t.Fatalf("second import: %d new, %v; want 20", n, err)
	}
	if c := count(t, s); c != 50 {
		t.Fatalf("%d stored, want 50", c)
	}
	if e, err := s.Event(ctx, first.ID); err != nil || e.PlaceName != "First" {
		t.Fatalf("repeated id: %q, %v; want the first", e.PlaceName, err)
	}
}

func testImportRollsBack(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	gen := generated(20, 3)
	boom := errors.New("bad row 15")
	seq := iter.Seq2[event.Event, error](func(yield func(event.Event, error) bool) {
		for i, e := range gen {
			if i == 15 {
				yield(event.Event{}, boom)
				return
			}
			if !yield(e, nil) {
				return
			}
		}
	})
	if _, err := s.ImportEvents(ctx, seq); !errors.Is(err, boom) {
		t.Fatalf("import error %v, want the sequence's", err)
	}
	bad := append([]event.Event{}, gen...)
	bad[10].Lon = 200
	if _, err := s.ImportEvents(ctx, seqOf(bad)); err == nil {
		t.Fatal("event outside WGS84 imported")
	}
	noID := append([]event.Event{}, gen...)
	noID[5].ID = ""
	if _, err := s.ImportEvents(ctx, seqOf(noID)); err == nil {
		t.Fatal("event without id imported")
	}
	if c := count(t, s); c != 0 {
		t.Fatalf("%d events left by failed imports", c)
	}
	// Rolled back into a store that holds events too.
	if _, err := s.ImportEvents(ctx, seqOf(gen[:5])); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportEvents(ctx, seqOf(bad)); err == nil {
		t.Fatal("event outside WGS84 imported")
	}
	if c := count(t, s); c != 5 {
		t.Fatalf("%d events, want the 5 of the good import", c)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.ImportEvents(cctx, seqOf(gen)); err == nil {
		t.Fatal("import with a cancelled context succeeded")
	}
}

func testImportKeepsKnownArticleIDs(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	a, evs := article("https://example.org/k", "Known article", 1)
	if _, err := s.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	gen := generated(2, 4)
	gen[0].ArticleID, gen[1].ArticleID = a.ID, "no-such-article"
	if _, err := s.ImportEvents(ctx, seqOf(gen)); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{a.ID, ""} {
		e, err := s.Event(ctx, gen[i].ID)
		if err != nil || e.ArticleID != want {
			t.Errorf("event %d article %q, %v; want %q", i, e.ArticleID, err, want)
		}
	}
}
