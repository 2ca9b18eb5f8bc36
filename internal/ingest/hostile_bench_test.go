package ingest

import (
	"context"
	"strings"
	"testing"
	"time"

	"geoevents/internal/event"
)

// hostileBenchTexts are the hostile articles of web's sweep at their
// largest (the 1 MB body limit of POST /api/articles) and of issue 15's
// point 2 (10 MB), named for the benchmark.
func hostileBenchTexts() []struct{ name, text string } {
	names := []string{"Aleppo", "Homs", "Idlib", "Hama", "Douma", "Raqqa", "Palmyra", "Deir ez-Zor"}
	fill := func(unit string, size int) string { return strings.Repeat(unit, size/len(unit)) }
	return []struct{ name, text string }{
		{"aleppo-700KB", strings.Repeat("Aleppo ", 100_000)},
		{"aleppo-homs-1.4MB", "Shelling hit " + strings.Repeat("Aleppo, Homs, ", 100_000) + "Idlib."},
		{"x-500KB", strings.Repeat("x", 500_000)},
		{"aleppo-7KB", strings.Repeat("Aleppo ", 1000)}, // the sweep's typical hostile article
		{"aleppo-10MB", fill("Aleppo ", 10<<20)},
		{"names-10MB", "Shelling killed 3 in " + fill(strings.Join(names, ", ")+", ", 10<<20) + "Aleppo."},
		{"happenings-10MB", fill("Rebels shelled Aleppo and killed 3 people in Homs. ", 10<<20)},
	}
}

// BenchmarkHostileEvents geoparses and builds the events of one hostile
// article (no store): the work an ingest does before it takes the writer.
// CPU per article is reported beside wall time, as the machine is shared.
// Run: go test -run '^$' -bench BenchmarkHostileEvents -benchtime 3x ./internal/ingest
func BenchmarkHostileEvents(b *testing.B) {
	in := &Ingester{Parser: testParser(b)}
	warmUp(b, in)
	for _, tc := range hostileBenchTexts() {
		b.Run(tc.name, func(b *testing.B) {
			a := event.NewArticle(tc.name, tc.text, "", "bench", time.Date(2016, 1, 2, 0, 0, 0, 0, time.UTC))
			b.SetBytes(int64(len(tc.text)))
			b.ReportAllocs()
			cpu0 := cpuTime()
			var n int
			for b.Loop() {
				_, events, err := in.Events(context.Background(), a)
				if err != nil {
					b.Fatal(err)
				}
				n = len(events)
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
			b.ReportMetric(float64(n), "events")
		})
	}
}

// warmUp reads one small article, so that the rules' expressions, compiled
// on first use, are not counted in the first case.
func warmUp(b *testing.B, in *Ingester) {
	a := event.NewArticle("warm-up", "Rebels shelled Aleppo on Monday, killing 3.", "", "bench", time.Date(2016, 1, 2, 0, 0, 0, 0, time.UTC))
	if _, _, err := in.Events(context.Background(), a); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkHostileIngest is BenchmarkHostileEvents with the store: each
// iteration saves the article anew (another publication day) into one
// SQLite database, as POST /api/articles does; the writer is held only
// for the save.
// Run: go test -run '^$' -bench BenchmarkHostileIngest -benchtime 3x ./internal/ingest
func BenchmarkHostileIngest(b *testing.B) {
	st, _ := openStore(b)
	in := &Ingester{Parser: testParser(b), Store: st}
	warmUp(b, in)
	day := time.Date(2016, 1, 2, 0, 0, 0, 0, time.UTC)
	for _, tc := range hostileBenchTexts() {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			cpu0 := cpuTime()
			var save time.Duration
			for b.Loop() {
				day = day.AddDate(0, 0, 1)
				a, events, err := in.Events(context.Background(), event.NewArticle(tc.name, tc.text, "", "bench", day))
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				if _, err := st.SaveArticle(context.Background(), a, events); err != nil {
					b.Fatal(err)
				}
				save += time.Since(start)
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
			b.ReportMetric(float64(save)/float64(b.N)/1e6, "save-ms/op")
		})
	}
}
