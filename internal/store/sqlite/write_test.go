package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

func TestSaveArticleIdempotent(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a, evs := article("https://example.org/a", "Fighting in Aleppo.", 3, 37.16, 36.20)
	res, err := s.SaveArticle(ctx, a, evs)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Replaced || res.Events != 3 {
		t.Fatalf("first save = %+v, want created with 3 events", res)
	}
	res, err = s.SaveArticle(ctx, a, evs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created || res.Replaced || res.Events != 3 {
		t.Fatalf("second save = %+v, want no-op reporting 3 stored events", res)
	}
	page, err := s.Events(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if page.NumberMatched != 3 || len(page.Events) != 3 {
		t.Fatalf("after two saves: %d matched, %d returned; want 3", page.NumberMatched, len(page.Events))
	}
	got := page.Events[0]
	if got.ArticleID != a.ID || got.ArticleTitle != a.Title || got.ArticleURL != a.URL || !got.Published.Equal(a.Published) {
		t.Errorf("event did not inherit article fields: %+v", got)
	}
	if len(got.Actors) != 2 || got.Actors[1] != "Syrian government" {
		t.Errorf("actors = %q", got.Actors)
	}
	ga, gevs, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ga.Text != a.Text || ga.URL != a.URL || len(gevs) != 3 || gevs[0].MentionStart != 0 || gevs[2].MentionStart != 20 {
		t.Errorf("Article = %+v with %d events", ga, len(gevs))
	}
}

func TestSaveArticleReplacesSameURL(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	old, oldEvs := article("https://example.org/a", "Version one about Aleppo.", 4, 37.16, 36.20)
	if _, err := s.SaveArticle(ctx, old, oldEvs); err != nil {
		t.Fatal(err)
	}
	other, otherEvs := article("https://example.org/b", "Another article on Idlib.", 2, 36.63, 35.93)
	if _, err := s.SaveArticle(ctx, other, otherEvs); err != nil {
		t.Fatal(err)
	}
	upd, updEvs := article("https://example.org/a", "Version two about Palmyra.", 1, 38.28, 34.56)
	res, err := s.SaveArticle(ctx, upd, updEvs)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || !res.Replaced || res.Events != 1 {
		t.Fatalf("replacement = %+v", res)
	}
	if _, _, err := s.Article(ctx, old.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("old article still there: %v", err)
	}
	for _, e := range oldEvs {
		if _, err := s.Event(ctx, e.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("old event %s: err = %v, want ErrNotFound", e.ID, err)
		}
	}
	page, err := s.Events(ctx, store.Filter{Text: "Version"})
	if err != nil {
		t.Fatal(err)
	}
	if page.NumberMatched != 1 || page.Events[0].ID != updEvs[0].ID {
		t.Errorf("FTS after replacement: %d matched %v; want only the new event", page.NumberMatched, page.Events)
	}
	// The old event's R*Tree entry is gone too: a box around the old place finds nothing.
	page, err = s.Events(ctx, store.Filter{BBox: boxAround(37.16, 36.20, 0.01)})
	if err != nil {
		t.Fatal(err)
	}
	if page.NumberMatched != 0 {
		t.Errorf("bbox around replaced events: %d matched, want 0", page.NumberMatched)
	}
	if _, total, err := s.Articles(ctx, store.ArticleFilter{}); err != nil || total != 2 {
		t.Errorf("articles total = %d, %v; want 2", total, err)
	}
}

func TestSaveArticleErrors(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a, evs := article("", "Bad coordinates.", 2, 37, 36)
	evs[1].Lat = 95
	if _, err := s.SaveArticle(ctx, a, evs); err == nil {
		t.Fatal("SaveArticle with lat 95 succeeded")
	}
	if _, _, err := s.Article(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("failed save left the article behind: %v", err)
	}
	if _, err := s.Event(ctx, evs[0].ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("failed save left event 0 behind: %v", err)
	}
	if _, err := s.SaveArticle(ctx, event.Article{Text: "x"}, nil); err == nil {
		t.Error("article without id accepted")
	}
}

func TestImportRollsBackOnError(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	boom := errors.New("line 501: bad latitude")
	seq := func(yield func(event.Event, error) bool) {
		for e := range genEvents(500, 1) {
			if !yield(e, nil) {
				return
			}
		}
		yield(event.Event{}, boom)
	}
	n, err := s.ImportEvents(ctx, seq)
	if !errors.Is(err, boom) || n != 0 {
		t.Fatalf("ImportEvents = %d, %v; want 0 and the iterator's error", n, err)
	}
	ext, err := s.Extent(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ext.Count != 0 {
		t.Fatalf("%d events stored after a failed import, want 0", ext.Count)
	}
	// A good import then works, and repeating it adds nothing.
	for i, want := range []int{500, 0} {
		n, err := s.ImportEvents(ctx, genEvents(500, 1))
		if err != nil || n != want {
			t.Fatalf("import %d = %d, %v; want %d", i+1, n, err, want)
		}
	}
	if ext, _ := s.Extent(ctx); ext.Count != 500 {
		t.Fatalf("count after re-import = %d, want 500", ext.Count)
	}
}

func TestImportCancelled(t *testing.T) {
	s := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	seq := func(yield func(event.Event, error) bool) {
		for e := range genEvents(5000, 2) {
			if e.ID == "gen-2-0002000" {
				cancel()
			}
			if !yield(e, nil) {
				return
			}
		}
	}
	if _, err := s.ImportEvents(ctx, seq); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if ext, _ := s.Extent(context.Background()); ext.Count != 0 {
		t.Fatalf("%d events after cancelled import", ext.Count)
	}
}

func TestMigrationsAndReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a, evs := article("https://example.org/x", "Reopen test in Idlib.", 3, 36.6, 35.9)
	if _, err := s.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	var version int
	var mode string
	if err := s.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil || version != len(migrations) {
		t.Errorf("user_version = %d, %v; want %d", version, err, len(migrations))
	}
	for name, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "synchronous": "1", "busy_timeout": "5000"} {
		if err := s.r.QueryRowContext(ctx, "PRAGMA "+name).Scan(&mode); err != nil || mode != want {
			t.Errorf("reader PRAGMA %s = %q, %v; want %q", name, mode, err, want)
		}
	}
	if _, err := s.r.ExecContext(ctx, "DELETE FROM events"); err == nil {
		t.Error("the read pool accepted a write")
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if p, err := s.Events(ctx, store.Filter{Text: "Reopen"}); err != nil || p.NumberMatched != 3 {
		t.Errorf("after reopen: %d, %v", p.NumberMatched, err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	if _, err := s.w.ExecContext(ctx, "PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("opening a newer schema: %v", err)
	}
}

// TestIntegrityCheckDetectsDrift proves the check can fail: deleting an
// event behind the triggers' back leaves the full-text index stale.
func TestIntegrityCheckDetectsDrift(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "drift.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, evs := article("", "Drift test in Homs.", 3, 36.7, 34.7)
	if _, err := s.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("fresh store: %v", err)
	}
	if _, err := s.w.ExecContext(ctx, "DROP TRIGGER events_ad; DELETE FROM events WHERE id = ?", evs[1].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err == nil {
		t.Error("IntegrityCheck passed with a stale full-text index")
	}
}

func TestImportKeepsKnownArticleIDs(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a, evs := article("", "Known article.", 1, 37, 36)
	if _, err := s.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	imp := []event.Event{
		{ID: "i1", ArticleID: a.ID, PlaceName: "Aleppo", Lon: 37, Lat: 36},
		{ID: "i2", ArticleID: "unknown-article", PlaceName: "Idlib", Lon: 36.6, Lat: 35.9},
	}
	if n, err := s.ImportEvents(ctx, seqOf(imp)); err != nil || n != 2 {
		t.Fatalf("import = %d, %v", n, err)
	}
	if e, _ := s.Event(ctx, "i1"); e.ArticleID != a.ID {
		t.Errorf("i1 article = %q, want %q", e.ArticleID, a.ID)
	}
	if e, _ := s.Event(ctx, "i2"); e.ArticleID != "" {
		t.Errorf("i2 article = %q, want none", e.ArticleID)
	}
}

// TestSaveArticleRederives saves the same article under two versions of
// the extraction rules: the second replaces the events (no duplicates),
// the same version again is a no-op, and an unversioned save of a stored
// article changes nothing.
func TestSaveArticleRederives(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a, v1 := article("https://example.org/a", "Fighting in Aleppo.", 3, 37.16, 36.20)
	a.Extractor = "rules/1"
	if res, err := s.SaveArticle(ctx, a, v1); err != nil || !res.Created || res.Rederived {
		t.Fatalf("first save = %+v, %v", res, err)
	}
	_, v2 := article("https://example.org/a", "Fighting in Aleppo.", 2, 37.2, 36.25)
	for i := range v2 {
		v2[i].ID += "-v2"
		v2[i].Fatalities = 4
		v2[i].Explain = []event.Reason{{Field: event.FieldFatalities, Rule: "count/killed", Text: "four killed", Start: 3, Value: "4"}}
	}
	b := a
	b.Extractor = "rules/2"
	res, err := s.SaveArticle(ctx, b, v2)
	if err != nil || res.Created || res.Replaced || !res.Rederived || res.Events != 2 {
		t.Fatalf("save under new rules = %+v, %v; want re-derived with 2 events", res, err)
	}
	for _, again := range []event.Article{b, a, {ID: a.ID, Text: a.Text}} {
		if again.Extractor == "rules/1" {
			continue // an older version is another version: it would re-derive too
		}
		if res, err := s.SaveArticle(ctx, again, v1); err != nil || res.Created || res.Rederived || res.Events != 2 {
			t.Errorf("save of %q again = %+v, %v; want a no-op with the 2 stored events", again.Extractor, res, err)
		}
	}
	ga, gevs, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ga.Extractor != "rules/2" || len(gevs) != 2 || gevs[0].Fatalities != 4 || len(gevs[0].Explain) != 1 || gevs[0].Explain[0].Value != "4" {
		t.Errorf("stored article %q with %d events, first %+v", ga.Extractor, len(gevs), gevs[0])
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	page, err := s.Events(ctx, store.Filter{Text: "Aleppo"})
	if err != nil || page.NumberMatched != 2 {
		t.Errorf("full-text index after re-derivation: %d matched, %v; want 2", page.NumberMatched, err)
	}
}

// TestSaveArticlesAllOrNone saves a batch in one transaction: every
// article with its events, with SaveArticle's results; a batch with a bad
// article leaves nothing of the batch behind.
func TestSaveArticlesAllOrNone(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a, aEvs := article("https://example.org/a", "Fighting in Aleppo.", 3, 37.16, 36.20)
	b, bEvs := article("https://example.org/b", "Shelling near Idlib.", 2, 36.63, 35.93)
	res, err := s.SaveArticles(ctx, []store.ArticleEvents{{Article: a, Events: aEvs}, {Article: b, Events: bEvs}, {Article: a, Events: aEvs}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 3 || !res[0].Created || res[0].Events != 3 || !res[1].Created || res[1].Events != 2 || res[2].Created || res[2].Events != 3 {
		t.Fatalf("results = %+v, want a and b created, a again unchanged", res)
	}
	c, cEvs := article("https://example.org/c", "Clashes in Homs.", 2, 36.72, 34.73)
	bad := c
	bad.ID = ""
	if _, err := s.SaveArticles(ctx, []store.ArticleEvents{{Article: c, Events: cEvs}, {Article: bad}}); err == nil {
		t.Fatal("a batch with an article without id was saved")
	}
	if _, _, err := s.Article(ctx, c.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the failed batch left its first article behind: %v", err)
	}
	page, err := s.Events(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if page.NumberMatched != 5 {
		t.Errorf("%d events stored, want the 5 of the first batch", page.NumberMatched)
	}
}

// TestBulkImportMatchesRowImport imports the same events into an empty
// store (bulk load) and into one that already holds an event (row by
// row): both must store the same events, the first of repeated ids, and
// article ids only of stored articles.
func TestBulkImportMatchesRowImport(t *testing.T) {
	ctx := context.Background()
	var evs []event.Event
	for e := range genEvents(3000, 21) {
		evs = append(evs, e)
	}
	dup := evs[10]
	dup.PlaceName = "Second copy"
	evs = append(evs, dup)
	evs[20].ArticleID = "no-such-article"
	bulk, rows := openTemp(t), openTemp(t)
	a, known := article("", "Known article for imports.", 0, 37, 36)
	for _, s := range []*Store{bulk, rows} {
		if _, err := s.SaveArticle(ctx, a, known); err != nil {
			t.Fatal(err)
		}
	}
	evs[30].ArticleID = a.ID
	seed := event.Event{ID: "seed", Lon: 1, Lat: 2, Type: event.TypeBattles}
	if _, err := rows.ImportEvents(ctx, seqOf([]event.Event{seed})); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*Store{bulk, rows} {
		n, err := s.ImportEvents(ctx, seqOf(evs))
		if err != nil || n != len(evs)-1 {
			t.Fatalf("import = %d, %v; want %d", n, err, len(evs)-1)
		}
	}
	for _, e := range evs {
		b, err1 := bulk.Event(ctx, e.ID)
		r, err2 := rows.Event(ctx, e.ID)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(b, r) {
			t.Fatalf("event %s: bulk %+v (%v)\nrows %+v (%v)", e.ID, b, err1, r, err2)
		}
	}
	if got, _ := bulk.Event(ctx, dup.ID); got.PlaceName == "Second copy" {
		t.Error("a repeated id replaced the first")
	}
	if got, _ := bulk.Event(ctx, evs[20].ID); got.ArticleID != "" {
		t.Errorf("unknown article id kept: %q", got.ArticleID)
	}
	if got, _ := bulk.Event(ctx, evs[30].ID); got.ArticleID != a.ID {
		t.Errorf("known article id dropped: %q", got.ArticleID)
	}
	pb, _ := bulk.Events(ctx, store.Filter{Mentions: true, Limit: 1})
	pr, _ := rows.Events(ctx, store.Filter{Mentions: true, Limit: 1})
	if pb.NumberMatched != int64(len(evs)-1) || pr.NumberMatched != int64(len(evs)) {
		t.Errorf("counts: bulk %d, rows %d", pb.NumberMatched, pr.NumberMatched)
	}
}

// TestSaveArticleAdoptsLegacyID saves an article under the ID databases
// held before articles were identified by their day; the same text of the
// same day under its new ID is then the same article, and the same text
// of another day is another report.
func TestSaveArticleAdoptsLegacyID(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	old, oldEvs := article("", "Shelling hit Idlib on Monday.", 2, 36.63, 35.93)
	old.ID = event.LegacyArticleID(old.Text)
	for i := range oldEvs {
		oldEvs[i].ArticleID = old.ID
	}
	if _, err := s.SaveArticle(ctx, old, oldEvs); err != nil {
		t.Fatal(err)
	}
	again := event.NewArticle(old.Title, old.Text, "", old.Source, old.Published.Add(3*time.Hour))
	againEvs := []event.Event{{ID: "new-id-event", ArticleID: again.ID, Lon: 36.63, Lat: 35.93, Type: event.TypeBattles}}
	res, err := s.SaveArticle(ctx, again, againEvs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created || res.Article.ID != old.ID || res.Events != 2 {
		t.Errorf("same text, same day: %+v; want the stored article %s unchanged", res, old.ID)
	}
	next := event.NewArticle(old.Title, old.Text, "", old.Source, old.Published.AddDate(0, 0, 1))
	nextEvs := []event.Event{{ID: "next-day-event", ArticleID: next.ID, Lon: 36.63, Lat: 35.93, Type: event.TypeBattles}}
	res, err = s.SaveArticle(ctx, next, nextEvs)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Article.ID != next.ID || res.Article.ID == old.ID {
		t.Errorf("same text, next day: %+v; want a new article", res)
	}
	page, err := s.Events(ctx, store.Filter{Mentions: true})
	if err != nil {
		t.Fatal(err)
	}
	if page.NumberMatched != 3 {
		t.Errorf("%d events stored, want 2 of the first day and 1 of the next", page.NumberMatched)
	}
}
