package postgis

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestIntegrityCheck: a clean store passes; each broken invariant is
// named with how many events break it.
func TestIntegrityCheck(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.ImportEvents(ctx, benchEvents(50)); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("clean store: %v", err)
	}
	for _, q := range []string{
		`UPDATE events SET geom = ST_SetSRID(ST_MakePoint(0, 0), 4326) WHERE id IN ('b00000001', 'b00000002')`,
		`UPDATE events SET kind = 1 WHERE id = 'b00000003'`,
		`UPDATE events SET date = date + interval '0.5 seconds' WHERE id = 'b00000004'`,
	} {
		if _, err := s.pool.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	err := s.IntegrityCheck(ctx)
	if err == nil {
		t.Fatal("broken store passed")
	}
	for _, want := range []string{"2 events whose geometry", "1 events whose kind", "1 events dated"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	// The updates moved an event to the other kind and one to another
	// second: the triggers kept the count grid exact.
	if strings.Contains(err.Error(), "count grid") {
		t.Errorf("the grid is off after updates: %v", err)
	}
	if _, err := s.pool.Exec(ctx, `UPDATE event_grid SET n = n + 1 WHERE (kind, level, gran) = (0, 14, 0)`); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err == nil || !strings.Contains(err.Error(), "count grid buckets") {
		t.Errorf("a grid bucket off by one: %v", err)
	}
	if strings.Contains(err.Error(), "day counts") {
		t.Errorf("the day counts are off after updates: %v", err)
	}
	if _, err := s.pool.Exec(ctx, `UPDATE event_days SET n = n + 1 WHERE n > 0`); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err == nil || !strings.Contains(err.Error(), "day counts that disagree") {
		t.Errorf("day counts off by one: %v", err)
	}
}

// TestIntegrityCheckIncidents: the check notices an incident whose
// primary holds another count or toll than its reports give, and a
// joined report outside any incident.
func TestIntegrityCheckIncidents(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for n := range 2 {
		a, evs := benchArticle(n, fmt.Sprintf("Outlet %d", n), func(int) string { return "town" })
		if _, err := s.SaveArticle(ctx, a, evs[:1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("clean store: %v", err)
	}
	var sources int
	if err := s.pool.QueryRow(ctx, `SELECT max(sources) FROM events`).Scan(&sources); err != nil || sources != 2 {
		t.Fatalf("the two reports are not one incident: %d sources, %v", sources, err)
	}
	for _, tc := range []struct{ name, breaks, repairs, want string }{
		{"count", `UPDATE events SET sources = 3 WHERE sources = 2`, `UPDATE events SET sources = 2 WHERE sources = 3`, "incidents whose"},
		{"toll", `UPDATE events SET fatalities = fatalities + 1 WHERE sources = 2`, `UPDATE events SET fatalities = fatalities - 1 WHERE sources = 2`, "incidents whose"},
		{"lost report", `UPDATE events SET incident = NULL WHERE kind = 2`, ``, "1 joined reports in no incident"},
	} {
		if _, err := s.pool.Exec(ctx, tc.breaks); err != nil {
			t.Fatal(err)
		}
		if err := s.IntegrityCheck(ctx); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
		if tc.repairs != "" {
			if _, err := s.pool.Exec(ctx, tc.repairs); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestCountsFollowUpdates: the update triggers (schema 5: only rows whose
// counted columns changed) keep the count grid and the day counts exact
// for updates of uncounted columns, of counted ones, of several rows at
// once, of an id, and of rows swapping their values.
func TestCountsFollowUpdates(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.ImportEvents(ctx, benchEvents(50)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE events SET fatalities = 3, sources = 2`,
		`UPDATE events SET date = date + interval '40 days', fatalities = 4 WHERE id < 'b00000010'`,
		`UPDATE events SET id = 'renamed', type = 'Protests' WHERE id = 'b00000011'`,
		`UPDATE events SET country_code = NULL WHERE id BETWEEN 'b00000020' AND 'b00000025'`,
		`UPDATE events e SET date = o.date FROM events o
			WHERE (e.id, o.id) IN (('b00000030', 'b00000031'), ('b00000031', 'b00000030'))`,
		`UPDATE events SET kind = 1, type = 'Mention' WHERE id = 'b00000040'`,
	} {
		if _, err := s.pool.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if err := s.IntegrityCheck(ctx); err != nil {
			t.Errorf("after %s: %v", q, err)
		}
	}
}
