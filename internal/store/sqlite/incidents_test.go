package sqlite

import (
	"context"
	"strings"
	"testing"

	"geoevents/internal/event"
)

// TestWithIncident: the source count and toll replace their fields and
// leave every other packed field as it was, also when absent before.
func TestWithIncident(t *testing.T) {
	cases := []struct {
		name  string
		e     event.Event
		fatal int64
		n     int64
	}{
		{"all fields", event.Event{Source: "w", Fatalities: 9, Notes: "n", DatePrecision: event.PrecisionDay, Sources: 2,
			Explain: []event.Reason{{Field: event.FieldType, Rule: "r"}}}, 4, 3},
		{"none before", event.Event{Source: "w"}, 4, 2},
		{"cleared", event.Event{Fatalities: 9, Sources: 5, Notes: "n"}, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := withIncident(packEvent(nil, &tc.e), tc.fatal, tc.n)
			if err != nil {
				t.Fatal(err)
			}
			var got event.Event
			if err := unpackEvent(b, &got); err != nil {
				t.Fatal(err)
			}
			want := tc.e
			want.Fatalities, want.Sources = int(tc.fatal), int(tc.n)
			if string(packEvent(nil, &got)) != string(packEvent(nil, &want)) {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
	if _, err := withIncident([]byte{1, 200}, 1, 2); err == nil {
		t.Error("malformed packed fields accepted")
	}
}

// TestCheckIncidentsFails: the integrity check notices an incident whose
// primary holds another count or toll than its reports give.
func TestCheckIncidentsFails(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for i, toll := range []int{6, 3} {
		a, evs := article("https://example.org/c"+string(rune('a'+i)), "check "+string(rune('a'+i)), 1, 37, 36)
		evs[0].PlaceID, evs[0].Fatalities = "town", toll
		a.Source = "outlet " + string(rune('a'+i)) // two outlets: one incident
		if _, err := s.SaveArticle(ctx, a, evs); err != nil {
			t.Fatal(err)
		}
	}
	if err := checkIncidents(ctx, s.r); err != nil {
		t.Fatalf("a sound incident: %v", err)
	}
	for _, bad := range []struct{ name, sql, want string }{
		{"toll", `UPDATE events SET own_fatal = 1 WHERE kind & 4`, "toll 3 (its reports give 1)"},
		{"orphan", `UPDATE events SET incident = NULL WHERE kind & 4`, "belongs to no incident"},
	} {
		t.Run(bad.name, func(t *testing.T) {
			tx, err := s.w.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback() //nolint:errcheck // the damage is undone
			if _, err := tx.ExecContext(ctx, bad.sql); err != nil {
				t.Fatal(err)
			}
			if err := checkIncidents(ctx, tx); err == nil || !strings.Contains(err.Error(), bad.want) {
				t.Errorf("check: %v, want %q", err, bad.want)
			}
		})
	}
}
