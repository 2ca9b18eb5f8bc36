package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"geoevents/internal/store"
)

// TestDayCountsMigrateAndCheck: the day counts' and cell sums'
// migrations count the events a database already holds, and
// IntegrityCheck finds a count or a sum that is off.
func TestDayCountsMigrateAndCheck(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "before.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a, evs := article("https://example.org/days", "days", 5, 37.16, 36.2)
	if _, err := s.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	step := -1
	for i, m := range migrations {
		if m.sql == schemaDaysSQL {
			step = i
		}
	}
	if _, err := s.w.ExecContext(ctx, fmt.Sprintf("DROP TRIGGER events_days_ad; DROP TRIGGER events_days_au; DROP TABLE event_days; "+
		"DROP TRIGGER events_cells_ad; DROP TRIGGER events_cells_au; DROP TABLE event_cells; PRAGMA user_version = %d", step)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("after the migration: %v", err)
	}
	st, err := s.Stats(ctx, store.Filter{})
	if err != nil || st.Total != 5 {
		t.Fatalf("stats after the migration: %+v, %v; want 5 events", st, err)
	}
	cells, err := s.Aggregate(ctx, store.Filter{}, 4)
	if err != nil || len(cells) != 1 || cells[0].Count != 5 {
		t.Fatalf("aggregate after the migration: %+v, %v; want one cell of 5 events", cells, err)
	}
	if _, err := s.w.ExecContext(ctx, "UPDATE event_cells SET fatal = fatal + 1"); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err == nil || !strings.Contains(err.Error(), "cell sums") {
		t.Errorf("a cell's fatalities off by one: IntegrityCheck says %v", err)
	}
	if _, err := s.w.ExecContext(ctx, "UPDATE event_cells SET fatal = fatal - 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, "UPDATE event_days SET n = n + 1 WHERE rowid IN (SELECT rowid FROM event_days LIMIT 1)"); err == nil {
		t.Fatal("event_days has a rowid: it should be WITHOUT ROWID")
	}
	if _, err := s.w.ExecContext(ctx, "UPDATE event_days SET n = n + 1"); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err == nil || !strings.Contains(err.Error(), "day counts") {
		t.Errorf("a day count off by one: IntegrityCheck says %v", err)
	}
}
