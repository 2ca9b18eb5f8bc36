package ingest

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"geoevents/internal/event"
)

// TestHostileArticlesAreBounded ingests texts built to blow up the work
// and storage of one article (issue 15): each must be stored within 5 s of
// CPU (gazetteer already loaded; CPU rather than wall time, as CI runs
// packages side by side on two cores) and grow the database by less than 50 MB,
// with at most DefaultMaxEventsPerArticle events. Before the limits, the
// first made 100,000 events of a 700 KB sentence each (a WAL of 24 GB).
func TestHostileArticlesAreBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB articles: not in -short")
	}
	const size = DefaultMaxArticleBytes - 1024
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	names := []string{"Aleppo", "Homs", "Idlib", "Hama", "Douma", "Raqqa", "Palmyra", "Deir ez-Zor"}
	tests := []struct{ name, text string }{
		{"one place name repeated, no punctuation", fill("Aleppo ")},
		{"one word", fill("x")},
		{"one sentence of place names", "Shelling killed 3 in " + fill(strings.Join(names, ", ")+", ") + "Aleppo."},
		{"sentences that each report a happening", fill("Rebels shelled Aleppo and killed 3 people in Homs. ")},
	}
	st, path := openStore(t)
	in := &Ingester{Parser: testParser(t), Store: st}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := dbBytes(path)
			start, cpu0 := time.Now(), cpuTime()
			a := event.NewArticle(tc.name, tc.text, "", "test", time.Date(2016, 1, 2, 0, 0, 0, 0, time.UTC))
			_, events, err := in.IngestArticle(context.Background(), a)
			took, cpu := time.Since(start), cpuTime()-cpu0
			if err != nil {
				t.Fatalf("ingest: %v", err)
			}
			grew := dbBytes(path) - before
			t.Logf("%d events in %v (%v of CPU), database +%.1f MB", len(events), took.Round(time.Millisecond), cpu.Round(time.Millisecond), float64(grew)/1e6)
			if cpu > 5*time.Second {
				t.Errorf("took %v of CPU, want < 5 s", cpu)
			}
			if grew > 50<<20 {
				t.Errorf("database grew by %d bytes, want < 50 MB", grew)
			}
			if len(events) > DefaultMaxEventsPerArticle {
				t.Errorf("%d events, want at most %d", len(events), DefaultMaxEventsPerArticle)
			}
		})
	}
}

// TestPartReadIsLogged: an article read in part (more places than the
// event cap) says so in the log; an ordinary one does not.
func TestPartReadIsLogged(t *testing.T) {
	tests := []struct {
		name, text string
		logged     bool
	}{
		{"an ordinary report", "Rebels shelled Aleppo on Monday, killing 3 people in Homs.", false},
		{"a list of 1,200 places", strings.Repeat("Aleppo. ", 1200), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var log strings.Builder
			in := &Ingester{Parser: testParser(t), Logger: slog.New(slog.NewTextHandler(&log, nil))}
			a := event.NewArticle(tc.name, tc.text, "", "test", time.Date(2016, 1, 2, 0, 0, 0, 0, time.UTC))
			if _, _, err := in.Events(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(log.String(), "read in part"); got != tc.logged {
				t.Errorf("logged %v, want %v:\n%s", got, tc.logged, log.String())
			}
		})
	}
}
