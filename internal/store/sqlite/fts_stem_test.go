package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"geoevents/internal/store"
)

// stemSentences are event sentences whose words differ from the search
// words only by English inflection.
var stemSentences = []string{
	"Airstrikes hit a market in Idlib.",
	"An Israeli airstrike struck a car near Damascus.",
	"Two civilians were killed in Daraa.",
	"Gunmen kill three farmers near Homs.",
	"Heavy shelling of Aleppo's eastern districts.",
	"The army shells villages in the countryside.",
	"A shell landed near the school.",
	"Protesters rallied in Suwayda.",
}

// saveSentences stores one article with an event per sentence.
func saveSentences(t *testing.T, s *Store, sentences []string) {
	t.Helper()
	a, evs := article("https://example.org/stem", "stemming test", len(sentences), 37.16, 36.2)
	for i := range evs {
		evs[i].Sentence = sentences[i]
	}
	a.Title = "Wire report"
	if _, err := s.SaveArticle(context.Background(), a, evs); err != nil {
		t.Fatal(err)
	}
}

// stemCases are the searches of issue 14 and what each must find: the
// same events whatever the inflection, in events, counts and stats.
var stemCases = []struct {
	q    string
	want int
}{
	{"airstrike", 2},
	{"airstrikes", 2},
	{"AIRSTRIKE", 2},
	{"kill", 2},
	{"killed", 2},
	{"killing", 2},
	{"shell", 3},
	{"shelling", 3},
	{"shelled", 3},
	{"shells", 3},
	{"protest", 1},
	{"strike", 0}, // a stem, not a substring: "airstrike" is one word
	{"killed Daraa", 1},
}

func TestTextStemming(t *testing.T) {
	s := openTemp(t)
	saveSentences(t, s, stemSentences)
	ctx := context.Background()
	for _, tc := range stemCases {
		t.Run(tc.q, func(t *testing.T) {
			p, err := s.Events(ctx, store.Filter{Text: tc.q, Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			if p.NumberMatched != int64(tc.want) || len(p.Events) != tc.want {
				t.Errorf("%q: matched %d, returned %d; want %d", tc.q, p.NumberMatched, len(p.Events), tc.want)
			}
			st, err := s.Stats(ctx, store.Filter{Text: tc.q})
			if err != nil {
				t.Fatal(err)
			}
			if st.Total != int64(tc.want) {
				t.Errorf("%q: stats total %d, want %d", tc.q, st.Total, tc.want)
			}
		})
	}
}

// TestMigration7Stems opens a database of schema 6, whose full-text index
// does not stem ("airstrike" finds only the sentence with that very word): migration 7 rebuilds
// the index so every stemming case holds, builds events_agg, and the
// integrity check passes.
func TestMigration7Stems(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v6.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	saveSentences(t, s, stemSentences)
	// Back to schema 6: its full-text index, as migration 6 created it,
	// and no events_agg.
	if _, err := s.w.ExecContext(ctx, dropActorsSQL+`DROP INDEX events_agg; DROP TABLE events_fts;`+ftsTableSQL+`
		INSERT INTO events_fts(events_fts) VALUES ('rebuild');
		PRAGMA user_version = 6;`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.w.QueryRowContext(ctx, `SELECT count(*) FROM events_fts WHERE events_fts MATCH '"airstrike"'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("schema 6 index: airstrike matched %d, %v; want 1 (no stemming)", n, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	var version int
	if err := s.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil || version != len(migrations) {
		t.Fatalf("user_version %d, %v; want %d", version, err, len(migrations))
	}
	cells, err := s.Aggregate(ctx, store.Filter{}, 8)
	if err != nil || len(cells) != 1 || cells[0].Count != int64(len(stemSentences)) {
		t.Errorf("after migration the aggregate is %+v, %v; want one cell of %d events", cells, err, len(stemSentences))
	}
	for _, tc := range stemCases {
		p, err := s.Events(ctx, store.Filter{Text: tc.q})
		if err != nil {
			t.Fatal(err)
		}
		if p.NumberMatched != int64(tc.want) {
			t.Errorf("after migration %q: matched %d, want %d", tc.q, p.NumberMatched, tc.want)
		}
	}
}
