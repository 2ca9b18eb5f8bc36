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
	// Measured 2026-12-02 (issue 17): P 0.891 R 0.951 F1 0.920, acc@161
	// 0.856, mean 151 km, median 31 km, AUC 0.295; by scale of the place
	// chosen: countries and larger 0.784 (1,081), admin areas 0.936 (470),
	// settlements and sites 0.933 (510). Countries now stand at GeoNames'
	// points (United States 39.76,-98.5) where the gold uses others for
	// some (China 35,103, Canada 60,-95, Australia -25,133).
	scoreFile(t, path, floors{f1: 0.91, acc161: 0.84, settlement: 0.92})
}

// TestGoldSet scores the parser on the project's own annotated paragraphs
// (Syria and the region, with namesake traps).
func TestGoldSet(t *testing.T) {
	path := filepath.Join(testenv.RepoRoot(t), "testdata", "geoparse", "gold.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("gold set not present: %v", err)
	}
	// Measured 2026-12-02: P 1.000 R 0.989 F1 0.994, acc@161 0.989, mean
	// 4 km, median 0 km, AUC 0.021; settlements and sites 1.000 (172).
	// (Its country points follow GeoNames since issue 17, as the data
	// README prescribes.)
	scoreFile(t, path, floors{f1: 0.97, acc161: 0.97, settlement: 0.97})
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
