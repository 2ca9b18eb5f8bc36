package ingest

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"geoevents/internal/store/sqlite"
)

// cpuTime is the process's user+system CPU time so far: on a shared,
// loaded machine CPU per article is a steadier figure than wall-clock rate.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// dbBytes is the size of the database file with its WAL.
func dbBytes(path string) int64 {
	var n int64
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// BenchmarkIngest ingests 10,000 generated articles (JSON Lines) into a
// fresh database per iteration, with the real gazetteer and parser.
// Run: go test -run '^$' -bench BenchmarkIngest -benchtime 1x ./internal/ingest
func BenchmarkIngest(b *testing.B) {
	n := 10000
	if s := os.Getenv("GEOEVENTS_BENCH_ARTICLES"); s != "" {
		n, _ = strconv.Atoi(s) // a smaller run for profiling
	}
	dir := b.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	writeCorpusJSONL(b, corpus, n, 42)
	parser := testParser(b)
	ctx := context.Background()
	var arts, evs int
	var elapsed, cpu time.Duration
	var size int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(dir, "bench"+strconv.Itoa(i)+".db")
		st, err := sqlite.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		in := &Ingester{Parser: parser, Store: st}
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		sum, err := in.IngestPaths(ctx, []string{corpus}, Options{})
		elapsed += time.Since(start)
		cpu += cpuTime() - cpu0
		b.StopTimer()
		if err != nil || sum.Created != n || len(sum.Failed) != 0 {
			b.Fatalf("ingest: %v %v", sum, err)
		}
		arts += sum.Articles
		evs += sum.Events
		if err := st.Checkpoint(ctx); err != nil {
			b.Fatal(err)
		}
		st.Close()
		size = dbBytes(path)
		b.StartTimer()
	}
	b.ReportMetric(float64(arts)/elapsed.Seconds(), "articles/s")
	b.ReportMetric(float64(evs)/elapsed.Seconds(), "events/s")
	b.ReportMetric(float64(evs)/float64(arts), "events/article")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(arts), "cpu-ms/article")
	b.ReportMetric(float64(size)/float64(evs/b.N), "dbbytes/event")
}

// writeACLEDCSV writes n varied ACLED-style rows.
func writeACLEDCSV(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities")
	types := [][2]string{
		{"Battles", "Armed clash"}, {"Explosions/Remote violence", "Air/drone strike"}, {"Explosions/Remote violence", "Shelling/artillery/missile attack"},
		{"Violence against civilians", "Attack"}, {"Protests", "Peaceful protest"}, {"Strategic developments", "Arrests"},
	}
	countries := []string{"Syria", "Iraq", "Lebanon", "Turkey", "Jordan"}
	r := rand.New(rand.NewPCG(9, 9))
	base := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		ty := types[r.IntN(len(types))]
		place := genPlaces[r.IntN(len(genPlaces))]
		d := base.AddDate(0, 0, r.IntN(3650))
		fmt.Fprintf(w, "SYR%d,%s,%s,%s,%s,%s,%s,%s,%s,%.4f,%.4f,%d,Generated source,\"Generated event %d near %s, with a note of moderate length.\",%d\n",
			i, d.Format("02 January 2006"), ty[0], ty[1], genActors[r.IntN(len(genActors))], "Civilians (Syria)",
			countries[r.IntN(len(countries))], place, place, 32+r.Float64()*5, 35+r.Float64()*7, 1+r.IntN(3), i, place, r.IntN(10))
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkImportCSV imports 1,000,000 ACLED-style CSV rows into a fresh
// database per iteration (one transaction).
// Run: go test -run '^$' -bench BenchmarkImportCSV -benchtime 1x ./internal/ingest
func BenchmarkImportCSV(b *testing.B) {
	n := 1_000_000
	if s := os.Getenv("GEOEVENTS_BENCH_ROWS"); s != "" {
		n, _ = strconv.Atoi(s) // a smaller run for profiling
	}
	dir := b.TempDir()
	csvPath := filepath.Join(dir, "events.csv")
	writeACLEDCSV(b, csvPath, n)
	fi, _ := os.Stat(csvPath)
	ctx := context.Background()
	var rows int
	var elapsed, cpu time.Duration
	var size int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(dir, "import"+strconv.Itoa(i)+".db")
		st, err := sqlite.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		sum, err := ImportFile(ctx, st, csvPath)
		elapsed += time.Since(start)
		cpu += cpuTime() - cpu0
		b.StopTimer()
		if err != nil || sum.Imported != n {
			b.Fatalf("import: %v %v", sum, err)
		}
		rows += sum.Rows
		if err := st.Checkpoint(ctx); err != nil {
			b.Fatal(err)
		}
		st.Close()
		size = dbBytes(path)
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
	b.ReportMetric(float64(fi.Size())/elapsed.Seconds()*float64(b.N)/1e6, "csvMB/s")
	b.ReportMetric(float64(size)/float64(n), "dbbytes/event")
	b.ReportMetric(float64(cpu.Nanoseconds())/1000/float64(rows), "cpu-µs/row")
}
