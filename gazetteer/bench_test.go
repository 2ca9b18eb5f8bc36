package gazetteer

import (
	"runtime"
	"syscall"
	"testing"
)

// BenchmarkLoad measures decoding the embedded artefact and building the
// indexes, and reports the live heap after a load.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var g *Gazetteer
	cpu0 := cpuSeconds()
	for b.Loop() {
		var err error
		if g, err = Load(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	// CPU seconds per load (GC included): the wall time of a loaded
	// machine overstates it.
	b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/load")
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heapMB")
	b.ReportMetric(float64(len(artefact))/(1<<20), "artefactMB")
	runtime.KeepAlive(g)
}

var benchNames = []string{"Aleppo", "Et-Tanf", "Damascus", "Syrian", "Idlib", "Palmyra", "London", "Paris",
	"Maʿarrat al-Nuʿmān", "حلب", "nowhereville", "the", "Russian", "Homs", "Deir ez-Zor", "Moscow"}

// BenchmarkLookup measures Lookup (Normalize + LookupKey) on a mix of names.
func BenchmarkLookup(b *testing.B) {
	g := loadT(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		g.Lookup(benchNames[i%len(benchNames)])
		i++
	}
}

// BenchmarkLookupKey measures the geoparser's hot path on pre-normalised
// keys, hits and misses.
func BenchmarkLookupKey(b *testing.B) {
	g := loadT(b)
	keys := make([]string, len(benchNames))
	for i, n := range benchNames {
		keys[i] = Normalize(n)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		g.LookupKey(keys[i%len(keys)])
		i++
	}
}

// cpuSeconds returns the user+system CPU time of the process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
