package sqlite

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// TestMigration8SharesSentences opens a database of schema 7 holding
// articles whose events repeat their sentences, an event titled apart
// from its article, and imported events: migration 8 must store each
// sentence of an article once, and every event, article and search must
// read as before; the integrity check (both full-text indexes, the
// sentences' references) passes, also after re-deriving an article.
func TestMigration8SharesSentences(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v7.db")
	db := openLegacy(t, path, 7)
	type saved struct {
		a   event.Article
		evs []event.Event
	}
	var arts []saved
	// Article 1: one sentence, five events in it.
	a1, e1 := article("https://example.org/one", "Shelling hit Aleppo, Idlib and Homs on Monday.", 5, 37.16, 36.2)
	a1.Title = "Weekday dispatch"
	for i := range e1 {
		e1[i].Sentence, e1[i].SentenceStart = a1.Text, 0
	}
	// Article 2: two sentences of two events each, and one event with its
	// own title (kept in its row).
	a2, e2 := article("https://example.org/two", "Protesters rallied in Suwayda. Airstrikes hit a market in Idlib.", 5, 36.6, 35.9)
	a2.Title = "Weekly title"
	for i := range e2 {
		e2[i].Sentence, e2[i].SentenceStart = "Protesters rallied in Suwayda.", 0
		if i >= 2 {
			e2[i].Sentence, e2[i].SentenceStart = "Airstrikes hit a market in Idlib.", 31
		}
	}
	e2[4].ArticleTitle = "A wire's own headline"
	arts = append(arts, saved{a1, e1}, saved{a2, e2})
	for _, s := range arts {
		saveLegacy(t, db, s.a, s.evs)
	}
	var imported []event.Event
	for e := range genEvents(300, 8) {
		imported = append(imported, e)
	}
	saveLegacy(t, db, event.Article{}, imported)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	var sentences, inRow int
	if err := s.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sentences),
		(SELECT count(*) FROM events WHERE article_id IS NOT NULL AND sentence IS NOT NULL)`).Scan(&sentences, &inRow); err != nil {
		t.Fatal(err)
	}
	if sentences != 3 || inRow != 1 {
		t.Errorf("after migration: %d sentences stored, %d article events with their own; want 3 and 1 (the one titled apart)", sentences, inRow)
	}
	for _, sv := range arts {
		_, got, err := s.Article(ctx, sv.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range sv.evs {
			want = store.OfArticle(sv.a, want)
			want.Lon, want.Lat = float64(micro(want.Lon))/1e6, float64(micro(want.Lat))/1e6
			if !reflect.DeepEqual(got[i], want) {
				t.Errorf("event %s after migration:\n got %+v\nwant %+v", want.ID, got[i], want)
			}
		}
	}
	for _, want := range imported[:50] {
		got, err := s.Event(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		want.Lon, want.Lat = float64(micro(want.Lon))/1e6, float64(micro(want.Lat))/1e6
		if !reflect.DeepEqual(got, want) {
			t.Errorf("imported event %s after migration:\n got %+v\nwant %+v", want.ID, got, want)
		}
	}
	search := func(when string) {
		t.Helper()
		for _, tc := range []struct {
			q    string
			want []string
		}{
			{"shelling", ids(e1)},
			{"airstrike market", ids(e2[2:])},
			{"title protesters", ids(e2[:2])}, // title and sentence together
			{"headline airstrikes", ids(e2[4:])},
			{"Homs Aleppo", ids(e1)},
			{"dispatch Idlib", ids(e1)}, // title and sentence together
			{"\"rallied in Suwayda\"", ids(e2[:2])},
			{"Suwayda rallied", ids(e2[:2])},
			{"clashes reported event", nil}, // checked below against the imported events
		} {
			p, err := s.Events(ctx, store.Filter{Text: tc.q, Limit: 1000, Mentions: true})
			if err != nil {
				t.Fatal(err)
			}
			got := ids(p.Events)
			want := slices.Clone(tc.want)
			if tc.want == nil {
				want = ids(imported)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) || p.NumberMatched != int64(len(want)) {
				t.Errorf("%s: %q matched %d: %v; want %v", when, tc.q, p.NumberMatched, head(got), head(want))
			}
			st, err := s.Stats(ctx, store.Filter{Text: tc.q, Mentions: true})
			if err != nil {
				t.Fatal(err)
			}
			if st.Total != int64(len(want)) {
				t.Errorf("%s: %q stats total %d, want %d", when, tc.q, st.Total, len(want))
			}
		}
	}
	search("after migration")
	// Re-derive article 2: its sentences go with its events, and the new
	// events share their own.
	a2.Extractor = "rules-2"
	if _, err := s.SaveArticle(ctx, a2, e2[:2]); err != nil {
		t.Fatal(err)
	}
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM sentences`).Scan(&sentences); err != nil || sentences != 2 {
		t.Errorf("after re-deriving: %d sentences, %v; want 2", sentences, err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

func head(ids []string) []string { return ids[:min(len(ids), 8)] }
