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
// settlement is the floor of acc@161 over places below admin-area scale
// (0 for none).
type floors struct{ f1, acc161, settlement float64 }

// TestGeoVirus scores the parser on the GeoVirus development set.
func TestGeoVirus(t *testing.T) {
	if testing.Short() {
		t.Skip("GeoVirus evaluation is long")
	}
	path := filepath.Join(testenv.SharedDir(t, "eval"), "GeoVirus.jsonl")
	// Measured 2026-11-21: P 0.892 R 0.940 F1 0.916, acc@161 0.782, mean
	// 162 km, median 16 km, AUC 0.278; by scale of the place chosen:
	// countries and larger 0.652 (1,082), admin areas 0.940 (449),
	// settlements and sites 0.919 (507). 332 of the 444 misses beyond
	// 161 km are countries whose gold point lies inside the country chosen
	// but differs from its reference point (United States 38,-97 in the
	// gazetteer, 40,-100 in the gold; China 35,105 vs 35,103).
	scoreFile(t, path, floors{f1: 0.90, acc161: 0.76, settlement: 0.89})
}

// TestGoldSet scores the parser on the project's own annotated paragraphs
// (Syria and the region, with namesake traps).
func TestGoldSet(t *testing.T) {
	path := filepath.Join(testenv.RepoRoot(t), "testdata", "geoparse", "gold.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("gold set not present: %v", err)
	}
	// Measured 2026-11-21: P 1.000 R 0.970 F1 0.985, acc@161 0.973, mean
	// 94 km, median 0 km, AUC 0.025; settlements and sites 0.966 (175).
	scoreFile(t, path, floors{f1: 0.95, acc161: 0.95, settlement: 0.94})
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
	for _, s := range rep.ByScale {
		if s.Scale == evaluate.ScaleSettlement && s.Acc161 < min.settlement {
			t.Errorf("acc@161km of settlements and sites %.3f below floor %.3f", s.Acc161, min.settlement)
		}
	}
}
