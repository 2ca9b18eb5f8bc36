package geoparse_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"geoevents/internal/evaluate"
	"geoevents/internal/testenv"
)

// floors are the levels the parser reached when the test was written, a
// little below the measured values so that only a real regression fails.
type floors struct{ f1, acc161 float64 }

// TestGeoVirus scores the parser on the GeoVirus development set.
func TestGeoVirus(t *testing.T) {
	if testing.Short() {
		t.Skip("GeoVirus evaluation is long")
	}
	path := filepath.Join(testenv.SharedDir(t, "eval"), "GeoVirus.jsonl")
	// Measured 2026-11-21: P 0.891 R 0.931 F1 0.911, acc@161 0.770, mean
	// 234 km, median 17 km, AUC 0.284. 339 of the 464 misses beyond 161 km
	// are countries resolved to the right country whose reference point
	// differs from GeoVirus's (United States 38,-97 in the gazetteer,
	// 40,-100 in the gold; China 35,105 vs 35,103): with the gold's points
	// acc@161 would be 0.938.
	scoreFile(t, path, floors{f1: 0.89, acc161: 0.75})
}

// TestGoldSet scores the parser on the project's own annotated paragraphs
// (Syria and the region, with namesake traps).
func TestGoldSet(t *testing.T) {
	path := filepath.Join(testenv.RepoRoot(t), "testdata", "geoparse", "gold.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("gold set not present: %v", err)
	}
	// Measured 2026-11-21: P 1.000 R 0.970 F1 0.985, acc@161 0.973, mean
	// 94 km, median 0 km, AUC 0.025.
	scoreFile(t, path, floors{f1: 0.95, acc161: 0.95})
}

func scoreFile(t *testing.T, path string, min floors) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := evaluate.Score(context.Background(), f, parser(t).Parse)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s:\n%s", filepath.Base(path), rep)
	if rep.F1 < min.f1 {
		t.Errorf("F1 %.3f below floor %.3f", rep.F1, min.f1)
	}
	if rep.Acc161 < min.acc161 {
		t.Errorf("acc@161km %.3f below floor %.3f", rep.Acc161, min.acc161)
	}
}
