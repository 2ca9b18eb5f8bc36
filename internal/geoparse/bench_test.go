package geoparse_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"geoevents/internal/testenv"
)

// benchCorpusBytes is how much article text one benchmark iteration parses.
const benchCorpusBytes = 50 << 20

// sampleArticles returns the sample corpus (examples/articles/*.md), or the
// two shared source articles when the samples are absent.
func sampleArticles(b *testing.B) []string {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(b), "examples", "articles", "*.md"))
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join(testenv.SharedDir(b, "articles"), "*.txt"))
	}
	if len(files) == 0 {
		b.Skip("no sample articles")
	}
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, string(data))
	}
	return out
}

// BenchmarkParse parses the sample corpus, article by article, repeated to
// 50 MB per iteration. MB/s is per core (one goroutine); allocs/KB is
// reported as a metric.
func BenchmarkParse(b *testing.B) {
	p := parser(b)
	arts := sampleArticles(b)
	var corpus []string
	total := 0
	for total < benchCorpusBytes {
		for _, a := range arts {
			corpus = append(corpus, a)
			total += len(a)
		}
	}
	ctx := context.Background()
	b.SetBytes(int64(total))
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := cpuSeconds()
	mentions := 0
	for b.Loop() {
		for _, a := range corpus {
			ms, err := p.Parse(ctx, a)
			if err != nil {
				b.Fatal(err)
			}
			mentions += len(ms)
		}
	}
	runtime.ReadMemStats(&after)
	cpu := cpuSeconds() - cpu0
	kb := float64(total) / 1024 * float64(b.N)
	// MB per CPU second: the per-core rate even on a loaded machine, where
	// wall-clock MB/s understates it.
	if cpu > 0 {
		b.ReportMetric(float64(total)*float64(b.N)/1e6/cpu, "MB/cpu-s")
	}
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/kb, "allocs/KB")
	b.ReportMetric(float64(mentions)/kb, "mentions/KB")
}

// cpuSeconds returns the user+system CPU time of the process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
