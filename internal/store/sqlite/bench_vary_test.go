package sqlite

import (
	"context"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"geoevents/geo"
	"geoevents/internal/store"
)

// The varied benchmarks send a fresh query of each shape of
// ../shared/bench/vary.lua on every iteration (no two alike), so they
// measure the planner and indexes, not a cache. They run on the -benchdb
// database (the 1M generated events by default; `make bench-http` builds
// the shared benchmark's data).

// varyCase draws one filter of a vary.lua case.
func varyCase(r *rand.Rand, name string) store.Filter {
	small := func(x1, y1, x2, y2 float64) *geo.BBox {
		const w, h = 0.12, 0.10
		x, y := x1+r.Float64()*(x2-x1-w), y1+r.Float64()*(y2-y1-h)
		return &geo.BBox{MinLon: x, MinLat: y, MaxLon: x + w, MaxLat: y + h}
	}
	month := func(k int) (time.Time, time.Time) {
		from := time.Date(2015+k/12, time.Month(k%12+1), 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(0, 1, 0)
	}
	switch name {
	case "a":
		return store.Filter{BBox: small(36, 34, 39, 37), Limit: 100}
	case "a-dense":
		return store.Filter{BBox: small(36.86, 35.90, 37.46, 36.50), Limit: 100}
	case "b":
		dx, dy := r.Float64()*6-3, r.Float64()*6-3
		return store.Filter{BBox: &geo.BBox{MinLon: 25 + dx, MinLat: 12 + dy, MaxLon: 60 + dx, MaxLat: 42 + dy}, Limit: 1000}
	case "c":
		from, to := month(r.IntN(132))
		return store.Filter{BBox: small(36, 34, 39, 37), From: from, To: to, Limit: 100}
	case "c2":
		dx, dy := r.Float64()*4-2, r.Float64()*4-2
		q := r.IntN(44)
		from, _ := month(3 * q)
		return store.Filter{BBox: &geo.BBox{MinLon: 35.5 + dx, MinLat: 32.3 + dy, MaxLon: 42.4 + dx, MaxLat: 37.3 + dy},
			From: from, To: from.AddDate(0, 3, 0), Limit: 100}
	}
	panic("unknown case " + name)
}

func benchVaried(b *testing.B, name string) {
	s := bigStore(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(42, uint64(len(name))))
	var matched, returned int64
	compiles := compilesOf(s.path)
	b.ResetTimer()
	cpu0, compiled0 := processCPU(), compiles.Load()
	for b.Loop() {
		p, err := s.Events(ctx, varyCase(r, name))
		if err != nil {
			b.Fatal(err)
		}
		matched += p.NumberMatched
		returned += int64(len(p.Events))
	}
	// CPU time per query: on a shared machine it varies less than the
	// wall time (other processes take turns on the cores, not on the work).
	b.ReportMetric(float64((processCPU()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
	// Column reads SQLite compiled per query: statements prepared or
	// re-prepared (countCompiles); near 0 once the cache holds the shapes.
	b.ReportMetric(float64(compiles.Load()-compiled0)/float64(b.N), "compiled/op")
	b.ReportMetric(float64(matched)/float64(b.N), "matched/op")
	b.ReportMetric(float64(returned)/float64(b.N), "returned/op")
}

func BenchmarkVariedA(b *testing.B)      { benchVaried(b, "a") }
func BenchmarkVariedADense(b *testing.B) { benchVaried(b, "a-dense") }
func BenchmarkVariedB(b *testing.B)      { benchVaried(b, "b") }
func BenchmarkVariedC(b *testing.B)      { benchVaried(b, "c") }
func BenchmarkVariedC2(b *testing.B)     { benchVaried(b, "c2") }

// processCPU is the CPU time (user and system) this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
