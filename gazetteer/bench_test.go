package gazetteer

import (
	"runtime"
	"testing"
)

// BenchmarkLoad measures decoding the embedded artefact and building the
// indexes, and reports the live heap after a load.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var g *Gazetteer
	for b.Loop() {
		var err error
		if g, err = Load(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
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
