package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// coarseStep is the index in migrations of the coarse-kinds step.
func coarseStep(t *testing.T) int {
	for i, m := range migrations {
		if m.sql == schemaCoarseSQL {
			return i
		}
	}
	t.Fatal("no coarse-kinds migration")
	return 0
}

// TestMigrationCoarseKinds opens a database written before the coarse
// kinds (every event of kind 0 or 1, whatever its precision, and the grid
// counting them so): the migration moves the country- and province-level
// events and mentions to the coarse kinds, the grid passes the integrity
// check, and a precision filter counts and finds them.
func TestMigrationCoarseKinds(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "before.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a, evs := article("https://example.org/coarse", "coarse kinds", 12, 37.16, 36.2)
	for i := range evs {
		evs[i].GeoPrecision = i % 4 // 0 (unknown) to 3
		evs[i].Lon += float64(i) / 100
		if i%5 == 0 {
			evs[i].Type = event.TypeMention
		}
	}
	if _, err := s.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	// As the store wrote them before: the mention bit only. The update
	// trigger moves each row's grid counts with it.
	step := coarseStep(t)
	if _, err := s.w.ExecContext(ctx, fmt.Sprintf(undoTitlesSQL+dropActorsSQL+"UPDATE events SET kind = kind & 1 WHERE kind > 1; PRAGMA user_version = %d", step)); err != nil {
		t.Fatal(err)
	}
	if err := checkGrid(ctx, s.r); err != nil {
		t.Fatalf("the database as before: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	rows, err := s.r.QueryContext(ctx, "SELECT id, kind FROM events")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]event.Event{}
	for _, e := range evs {
		byID[e.ID] = e
	}
	for rows.Next() {
		var id string
		var kind int
		if err := rows.Scan(&id, &kind); err != nil {
			t.Fatal(err)
		}
		e := byID[id]
		if want := kindOf(e.Type, e.GeoPrecision); kind != want {
			t.Errorf("%s (%s, precision %d): kind %d, want %d", id, e.Type, e.GeoPrecision, kind, want)
		}
	}
	rows.Close()
	// Events (not mentions): i%5 != 0, nine; precision 3 for i%4 == 3
	// (3, 7, 11), 0 or 1 for 1, 4, 8, 9; the mentions 0, 5, 10 at 0 to 2.
	for _, tc := range []struct {
		f    store.Filter
		want int64
	}{
		{store.Filter{}, 9},
		{store.Filter{MaxPrecision: 2}, 6},
		{store.Filter{MaxPrecision: 1}, 4},
		{store.Filter{MaxPrecision: 2, Mentions: true}, 9},
	} {
		p, err := s.Events(ctx, tc.f)
		if err != nil || p.NumberMatched != tc.want || len(p.Events) != int(tc.want) {
			t.Errorf("%+v: matched %d, returned %d, %v; want %d", tc.f, p.NumberMatched, len(p.Events), err, tc.want)
		}
	}
}

// TestKindOf: the stored kind of each type and precision.
func TestKindOf(t *testing.T) {
	for _, tc := range []struct {
		typ       string
		precision int
		want      int
	}{
		{event.TypeBattles, 0, kindEvent},
		{event.TypeBattles, 1, kindEvent},
		{event.TypeBattles, 2, kindEvent},
		{event.TypeBattles, 3, kindEvent | kindCoarse},
		{event.TypeProtests, 4, kindEvent | kindCoarse},
		{event.TypeMention, 1, kindMention},
		{event.TypeMention, 3, kindMention | kindCoarse},
	} {
		if got := kindOf(tc.typ, tc.precision); got != tc.want {
			t.Errorf("kindOf(%s, %d) = %d, want %d", tc.typ, tc.precision, got, tc.want)
		}
	}
}
