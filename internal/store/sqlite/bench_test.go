package sqlite

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"geoevents/geo"
	"geoevents/internal/store"
)

var benchDB = flag.String("benchdb", "", "reuse (or build) the 1M-event benchmark database at this path")

const bigN = 1_000_000

// bigStore opens the benchmark database of 1,000,000 generated events,
// building it first when it does not exist yet.
func bigStore(b *testing.B) *Store {
	b.Helper()
	path := *benchDB
	if path == "" {
		path = filepath.Join(os.TempDir(), "geoevents-bench-1m.db")
	}
	ctx := context.Background()
	countCompiles(b, path) // for benchmarks that report what SQLite compiles
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	ext, err := s.Extent(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if ext.Count == bigN {
		return s
	}
	if ext.Count != 0 {
		b.Fatalf("%s holds %d events, not %d: remove it", path, ext.Count, bigN)
	}
	start := time.Now()
	if _, err := s.ImportEvents(ctx, genEvents(bigN, 11)); err != nil {
		b.Fatal(err)
	}
	if err := s.Checkpoint(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %s: %d events in %v", path, bigN, time.Since(start).Round(time.Millisecond))
	return s
}

// BenchmarkImportEvents imports 1,000,000 generated events into a fresh
// database per iteration (run with -benchtime=1x) and reports rows/s and
// database bytes per event.
func BenchmarkImportEvents(b *testing.B) {
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), fmt.Sprintf("import-%d.db", i))
		s, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		n, err := s.ImportEvents(ctx, genEvents(bigN, 11))
		if err != nil || n != bigN {
			b.Fatalf("import = %d, %v", n, err)
		}
		el, cpu := time.Since(start), cpuTime()-cpu0
		b.StopTimer()
		if err := s.Checkpoint(ctx); err != nil {
			b.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(bigN)/el.Seconds(), "rows/s")
		b.ReportMetric(float64(bigN)/cpu.Seconds(), "rows/cpu-s")
		b.ReportMetric(float64(fi.Size())/bigN, "bytes/event")
		s.Close()
		b.StartTimer()
	}
}

// cpuTime is the process's user+system CPU time: on a shared, loaded
// machine rows per CPU-second is the steadier figure.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSaveArticle saves articles of 5 events each, one transaction
// per article as ingest does.
func BenchmarkSaveArticle(b *testing.B) {
	s := openTemp(b)
	ctx := context.Background()
	start := time.Now()
	n := 0
	for b.Loop() {
		a, evs := article(fmt.Sprintf("https://example.org/%d", n), fmt.Sprintf("Article %d about Aleppo and Idlib.", n), 5, 37, 36)
		if _, err := s.SaveArticle(ctx, a, evs); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
}

// BenchmarkSaveArticleJoins saves articles whose 5 events each join one
// of the same 5 incidents (other articles' events of the same type,
// place and day), which grow to b.N sources: what a join costs beside a
// plain save (BenchmarkSaveArticle), and that it stays flat as the
// incidents grow (compare -benchtime 200x with 2000x).
func BenchmarkSaveArticleJoins(b *testing.B) {
	s := openTemp(b)
	ctx := context.Background()
	start := time.Now()
	n := 0
	for b.Loop() {
		a, evs := article(fmt.Sprintf("https://example.org/%d", n), fmt.Sprintf("Article %d about Aleppo and Idlib.", n), 5, 37, 36)
		for i := range evs {
			evs[i].PlaceID, evs[i].Fatalities = fmt.Sprintf("incident-place-%d", i), n%7
		}
		if _, err := s.SaveArticle(ctx, a, evs); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
	if p, err := s.Events(ctx, store.Filter{}); err != nil || p.NumberMatched != 5 {
		b.Fatalf("%d incidents, %v; want 5", p.NumberMatched, err)
	}
}

func benchQuery(b *testing.B, f store.Filter) {
	s := bigStore(b)
	ctx := context.Background()
	var matched, returned int64
	b.ResetTimer()
	for b.Loop() {
		p, err := s.Events(ctx, f)
		if err != nil {
			b.Fatal(err)
		}
		matched, returned = p.NumberMatched, int64(len(p.Events))
	}
	b.ReportMetric(float64(matched), "matched")
	b.ReportMetric(float64(returned), "returned")
}

// aleppoBox is a small box (about 11 × 9 km) around Aleppo's centre.
var aleppoBox = geo.BBox{MinLon: 37.10, MinLat: 36.16, MaxLon: 37.22, MaxLat: 36.24}

func BenchmarkEventsSmallBBox(b *testing.B) {
	benchQuery(b, store.Filter{BBox: &aleppoBox, Limit: 100})
}

func BenchmarkEventsLargeBBox(b *testing.B) {
	benchQuery(b, store.Filter{BBox: &geo.BBox{MinLon: 35, MinLat: 32, MaxLon: 42, MaxLat: 37.5}, Limit: 1000})
}

func BenchmarkEventsBBoxDatetime(b *testing.B) {
	benchQuery(b, store.Filter{BBox: &aleppoBox, From: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC),
		To: time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC), Limit: 100})
}

func BenchmarkEventsNear(b *testing.B) {
	benchQuery(b, store.Filter{Near: &geo.Circle{Lon: 37.16, Lat: 36.2, RadiusKm: 5}, Limit: 100})
}

func BenchmarkEventsNoFilter(b *testing.B) {
	benchQuery(b, store.Filter{Limit: 100})
}

func BenchmarkEventsText(b *testing.B) {
	benchQuery(b, store.Filter{Text: "Tadmur", Limit: 100})
}

func BenchmarkEventByID(b *testing.B) {
	s := bigStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := s.Event(ctx, fmt.Sprintf("gen-11-%07d", i%bigN)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStats(b *testing.B) {
	s := bigStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Stats(ctx, store.Filter{BBox: &aleppoBox}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExtent(b *testing.B) {
	s := bigStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Extent(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEventsPolygon searches a detailed polygon (2,000 vertices, a
// circle of about 280 km radius over Syria): every event in its bound is
// tested against it.
func BenchmarkEventsPolygon(b *testing.B) {
	ring := make(orb.Ring, 0, 2001)
	for i := 0; i < 2000; i++ {
		a := 2 * math.Pi * float64(i) / 2000
		ring = append(ring, orb.Point{38 + 2.5*math.Cos(a), 35 + 2.5*math.Sin(a)})
	}
	ring = append(ring, ring[0])
	benchQuery(b, store.Filter{Within: orb.Polygon{ring}, Limit: 1000})
}
