package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"geoevents/internal/event"
)

// TestBuildBudgetStopsReading: event building that runs out of its time
// budget (Ingester.BuildBudget) keeps the events of the part it read,
// reads no sentence past the first batch it checks the clock after, and
// says so in the log; with the default budget the same article is read to
// the end and nothing is logged.
func TestBuildBudgetStopsReading(t *testing.T) {
	towns := []string{"Aleppo", "Homs", "Idlib", "Hama", "Raqqa", "Palmyra", "Douma", "Daraa"}
	var b strings.Builder
	var starts []int // where each sentence starts
	for i := range 300 {
		starts = append(starts, b.Len())
		day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i) // a day each: no two reports of one incident
		fmt.Fprintf(&b, "Rebels shelled %s on %s, killing %d people. ", towns[i%len(towns)], day.Format("2 January 2006"), i%7+2)
	}
	text := b.String()
	cases := []struct {
		name   string
		budget time.Duration
		whole  bool
	}{
		{"default budget", 0, true},
		{"budget already spent", time.Nanosecond, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var log strings.Builder
			in := &Ingester{Parser: testParser(t), BuildBudget: tc.budget, Logger: slog.New(slog.NewTextHandler(&log, nil))}
			a := event.NewArticle("Shelling", text, "", "test", time.Date(2016, 1, 4, 0, 0, 0, 0, time.UTC))
			_, evs, err := in.Events(context.Background(), a)
			if err != nil {
				t.Fatal(err)
			}
			last := -1
			for _, e := range evs {
				last = max(last, e.SentenceStart)
			}
			logged := strings.Contains(log.String(), "longer than the build budget")
			t.Logf("%d events, the last in the sentence at byte %d of %d", len(evs), last, len(text))
			switch {
			case len(evs) == 0:
				t.Fatal("no events")
			case tc.whole && (logged || last < starts[len(starts)-1]):
				t.Errorf("read to byte %d of %d, logged %v: want the whole article, nothing logged", last, len(text), logged)
			case !tc.whole && (!logged || last >= starts[64]):
				t.Errorf("read to byte %d (the 65th sentence starts at %d), logged %v: want the first 64 sentences at most, and a warning", last, starts[64], logged)
			}
		})
	}
}
