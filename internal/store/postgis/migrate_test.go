package postgis

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"geoevents/internal/event"
	"geoevents/internal/store"
	"geoevents/internal/testenv"
)

// TestMigration2SharesSentences writes a database of schema 1 as that
// store did (every event with its sentence) and opens it: migration 2
// must store each sentence of an article once, keep the sentence of an
// event titled apart and of an imported event in its row, and every event
// and search must read as before.
func TestMigration2SharesSentences(t *testing.T) {
	ctx := context.Background()
	dsn := testenv.PostgresDSN(t)
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	a := event.Article{ID: "a1", URL: "https://example.org/a1", Title: "Weekday dispatch", Source: "Wire",
		Published: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), IngestedAt: time.Date(2024, 12, 2, 0, 0, 0, 0, time.UTC),
		Text: "Shelling hit Aleppo, Idlib and Homs. Protesters rallied in Suwayda."}
	var evs []event.Event
	for i := range 6 {
		e := event.Event{ID: fmt.Sprintf("a1-%d", i), Sentence: "Shelling hit Aleppo, Idlib and Homs.", Lon: 37.16, Lat: 36.2,
			Type: event.TypeExplosions, SubType: "Shelling/artillery/missile attack", MentionStart: 13 + i, MentionEnd: 19 + i}
		if i >= 4 {
			e.Sentence, e.SentenceStart, e.Type, e.SubType = "Protesters rallied in Suwayda.", 37, event.TypeProtests, "Peaceful protest"
		}
		evs = append(evs, store.OfArticle(a, e))
	}
	evs[5].ArticleTitle = "A wire's own headline"
	imported := event.Event{ID: "imp-1", Sentence: "Clashes near Idlib.", Lon: 36.6, Lat: 35.9, Type: event.TypeBattles}
	err = pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
		if err := createPostGIS(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, migrations[0]+`;
			CREATE TABLE geoevents_schema (version integer NOT NULL); INSERT INTO geoevents_schema VALUES (1)`); err != nil {
			return err
		}
		if _, err := insertArticle(ctx, tx, a); err != nil {
			return err
		}
		// Schema 1's columns: neither sentence_id (2) nor sources (5).
		old := strings.Replace(insertEventSQL, ", sentence_id, sources, geom)", ", geom)", 1)
		old = strings.Replace(old, fmt.Sprintf(", $%d, $%d, ", argSentenceID+1, argSentenceID+2), ", ", 1)
		for _, e := range append(slices.Clone(evs), imported) {
			row, err := rowOf(&e)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, old, row[:argSentenceID]...); err != nil {
				return fmt.Errorf("%s: %w", old, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	var sentences, inRow int
	if err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM sentences), (SELECT count(*) FROM events WHERE sentence IS NOT NULL)`).Scan(&sentences, &inRow); err != nil {
		t.Fatal(err)
	}
	if sentences != 2 || inRow != 2 {
		t.Errorf("after migration: %d sentences, %d events with their own; want 2 and 2 (titled apart, imported)", sentences, inRow)
	}
	_, got, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, evs) {
		t.Errorf("article events after migration:\n got %+v\nwant %+v", got, evs)
	}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"shelling", []string{"a1-0", "a1-1", "a1-2", "a1-3"}},
		{"dispatch Homs", []string{"a1-0", "a1-1", "a1-2", "a1-3"}},
		{"rallied dispatch", []string{"a1-4"}},
		{"headline Suwayda", []string{"a1-5"}},
		{"Idlib", []string{"a1-0", "a1-1", "a1-2", "a1-3", "imp-1"}},
	} {
		p, err := s.Events(ctx, store.Filter{Text: tc.q, Limit: 100, Sort: store.SortDateAsc})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range p.Events {
			ids = append(ids, e.ID)
		}
		slices.Sort(ids)
		if !slices.Equal(ids, tc.want) || p.NumberMatched != int64(len(tc.want)) {
			t.Errorf("%q matched %d: %v; want %v", tc.q, p.NumberMatched, ids, tc.want)
		}
	}
}
