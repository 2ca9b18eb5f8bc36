package ingest

import (
	"context"
	"strings"
	"testing"
	"time"

	"geoevents/internal/event"
)

// TestHostileArticlesAreBounded ingests texts built to blow up the work
// and storage of one article (issue 15): each must be stored within 5 s
// (gazetteer already loaded) and grow the database by less than 50 MB,
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
			start := time.Now()
			a := event.NewArticle(tc.name, tc.text, "", "test", time.Date(2016, 1, 2, 0, 0, 0, 0, time.UTC))
			_, events, err := in.IngestArticle(context.Background(), a)
			took := time.Since(start)
			if err != nil {
				t.Fatalf("ingest: %v", err)
			}
			grew := dbBytes(path) - before
			t.Logf("%d events in %v, database +%.1f MB", len(events), took.Round(time.Millisecond), float64(grew)/1e6)
			if took > 5*time.Second {
				t.Errorf("took %v, want < 5 s", took)
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
