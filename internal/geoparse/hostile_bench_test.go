package geoparse_test

import (
	"context"
	"strings"
	"testing"
)

// hostileTexts are issue 15's hostile articles: the web sweep's largest
// (near the 1 MB body limit) and point 2's 10 MB ones.
func hostileTexts() []struct{ name, text string } {
	names := "Aleppo, Homs, Idlib, Hama, Douma, Raqqa, Palmyra, Deir ez-Zor, "
	fill := func(unit string, size int) string { return strings.Repeat(unit, size/len(unit)) }
	return []struct{ name, text string }{
		{"aleppo-700KB", strings.Repeat("Aleppo ", 100_000)},
		{"aleppo-homs-1.4MB", "Shelling hit " + strings.Repeat("Aleppo, Homs, ", 100_000) + "Idlib."},
		{"aleppo-10MB", fill("Aleppo ", 10<<20)},
		{"names-10MB", "Shelling killed 3 in " + fill(names, 10<<20) + "Aleppo."},
		{"happenings-10MB", fill("Rebels shelled Aleppo and killed 3 people in Homs. ", 10<<20)},
		{"x-10MB", fill("x", 10<<20)},
	}
}

// BenchmarkHostileParse geoparses one hostile article per iteration; CPU
// per article is reported beside wall time, as the machine is shared.
// Run: go test -run '^$' -bench BenchmarkHostileParse -benchtime 3x ./internal/geoparse
func BenchmarkHostileParse(b *testing.B) {
	p := parser(b)
	for _, tc := range hostileTexts() {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			cpu0 := cpuSeconds()
			n := 0
			for b.Loop() {
				ms, err := p.Parse(context.Background(), tc.text)
				if err != nil {
					b.Fatal(err)
				}
				n = len(ms)
			}
			b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N)*1e3, "cpu-ms/op")
			b.ReportMetric(float64(n), "mentions")
		})
	}
}
