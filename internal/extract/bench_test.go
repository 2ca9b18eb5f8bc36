package extract

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/event"
	"geoevents/internal/geoparse"
	"geoevents/internal/testenv"
)

// BenchmarkBuildReports builds the events of ACLED's coder-written notes
// (../shared/eval, the dev set; skipped without it), geoparsed once
// outside the timer: extraction's own cost on real report wording.
func BenchmarkBuildReports(b *testing.B) {
	f, err := os.Open(filepath.Join(testenv.SharedDir(b, "eval"), "acled-africa-2016.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	gz, err := gazetteer.Load()
	if err != nil {
		b.Fatal(err)
	}
	p := geoparse.New(gz)
	type doc struct {
		a  event.Article
		ms []geoparse.Mention
	}
	var docs []doc
	seen := map[string]bool{}
	size := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() && len(docs) < 2000 {
		var row struct{ Text, Date string }
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil || seen[row.Text] {
			continue
		}
		seen[row.Text] = true
		pub, _ := time.Parse(time.DateOnly, row.Date)
		a := event.NewArticle("r", row.Text, "", "", pub)
		ms, err := p.Parse(context.Background(), a.Text)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc{a, ms})
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			Build(d.a, d.ms)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(docs)), "µs/report")
}
