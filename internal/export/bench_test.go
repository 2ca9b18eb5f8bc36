package export

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"geoevents/internal/store"
	"geoevents/internal/store/sqlite"
)

var benchDB = flag.String("benchdb", "", "reuse (or build) the 1M-event export benchmark database at this path")

const bigN = 1_000_000

// bigStore opens the 1,000,000-event benchmark database, building it on
// first use.
func bigStore(b *testing.B) *sqlite.Store {
	b.Helper()
	path := *benchDB
	if path == "" {
		path = filepath.Join(os.TempDir(), "geoevents-export-bench-1m.db")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	ext, err := st.Extent(ctx)
	if err != nil {
		b.Fatal(err)
	}
	switch ext.Count {
	case bigN:
	case 0:
		if _, err := st.ImportEvents(ctx, events(bigN)); err != nil {
			b.Fatal(err)
		}
		if err := st.Checkpoint(ctx); err != nil {
			b.Fatal(err)
		}
	default:
		b.Fatalf("%s holds %d events, not %d: remove it", path, ext.Count, bigN)
	}
	return st
}

// countWriter counts bytes and drops them.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkExport writes all 1,000,000 events in each format and reports
// MB/s, the Go heap's peak while exporting (sampled every 5 ms) and the
// process's peak RSS (VmHWM, which includes SQLite's page cache and any
// earlier database build in this process).
func BenchmarkExport(b *testing.B) {
	st := bigStore(b)
	for _, f := range []Format{GeoJSON, GeoJSONSeq, CSV} {
		b.Run(string(f), func(b *testing.B) {
			runtime.GC()
			peak, stop := heapPeak()
			var w countWriter
			for b.Loop() {
				w.n = 0
				n, err := Write(context.Background(), &w, f, st, store.Filter{})
				if err != nil || n != bigN {
					b.Fatalf("exported %d, %v", n, err)
				}
			}
			stop()
			b.SetBytes(w.n)
			b.ReportMetric(float64(*peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(w.n)/bigN, "bytes/event")
			if hwm := vmHWM(); hwm > 0 {
				b.ReportMetric(float64(hwm)/(1<<20), "peak-rss-MiB")
			}
		})
	}
}

// heapPeak samples HeapInuse until stop is called.
func heapPeak() (*uint64, func()) {
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return &peak, func() { close(done); wg.Wait() }
}

// vmHWM returns the process's peak resident set size in bytes (Linux), or 0.
func vmHWM() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range bytes.Lines(b) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			kb, err := strconv.ParseInt(string(bytes.TrimSuffix(bytes.TrimSpace(rest), []byte(" kB"))), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
