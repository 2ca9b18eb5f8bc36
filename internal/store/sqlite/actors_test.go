package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"geoevents/internal/store"
)

// dropActorsSQL takes a database back to before the actors' index, for
// tests that open an older schema.
const dropActorsSQL = "DROP TRIGGER events_actors_ad; DROP TRIGGER events_actors_au; DROP TABLE event_actors;\n"

// TestMigrationActors: a database from before the actors' index gets it
// from the stored events; the actor filter then finds them, and replacing
// an article (its events deleted, new ones inserted) keeps the index in
// step with the events.
func TestMigrationActors(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "before.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a, evs := article("https://example.org/actors", "actors", 6, 37.16, 36.2)
	for i := range evs {
		if i%2 == 0 {
			evs[i].Actors = []string{"Islamic State", "islamic state ", "Civilians (Syria)"}
		}
	}
	if _, err := s.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	step := -1
	for i, m := range migrations {
		if m.sql == actorsTableSQL {
			step = i
		}
	}
	if _, err := s.w.ExecContext(ctx, undoTitlesSQL+dropActorsSQL+fmt.Sprintf("PRAGMA user_version = %d", step)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	matched := func(actors ...string) int64 {
		t.Helper()
		p, err := s.Events(ctx, store.Filter{Actors: actors})
		if err != nil {
			t.Fatal(err)
		}
		return p.NumberMatched
	}
	for _, tc := range []struct {
		actors []string
		want   int64
	}{
		{[]string{"ISLAMIC STATE"}, 3},
		{[]string{"civilians (syria)", "Islamic State"}, 3},
		{[]string{"HTS"}, 3}, // article()'s own actors, kept by the odd events
		{[]string{"Islamic"}, 0},
		{[]string{"  "}, 0},
	} {
		if got := matched(tc.actors...); got != tc.want {
			t.Errorf("actors %q: %d events, want %d", tc.actors, got, tc.want)
		}
	}
	var rows int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM event_actors").Scan(&rows); err != nil || rows != 12 {
		t.Errorf("event_actors holds %d rows, %v; want 12 (two distinct actors on each of 6 events)", rows, err)
	}
	// The same URL with other text: the old events go, the new ones come.
	a2, evs2 := article("https://example.org/actors", "actors, updated", 2, 37.16, 36.2)
	if _, err := s.SaveArticle(ctx, a2, evs2); err != nil {
		t.Fatal(err)
	}
	if got := matched("Islamic State"); got != 0 {
		t.Errorf("after the replacement %d events of the old actors", got)
	}
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM event_actors").Scan(&rows); err != nil || rows != 4 {
		t.Errorf("after the replacement event_actors holds %d rows, %v; want 4", rows, err)
	}
}
