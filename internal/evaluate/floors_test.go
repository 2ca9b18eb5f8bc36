package evaluate_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"geoevents/gazetteer"
	"geoevents/internal/evaluate"
	"geoevents/internal/event"
	"geoevents/internal/geoparse"
	"geoevents/internal/ingest"
	"geoevents/internal/testenv"
)

// The regression floors of event extraction: the real pipeline (embedded
// gazetteer, geoparser, Ingester.Events) scored on the project's gold set
// and on ACLED's notes. Each floor sits a little below what the main
// branch scored when it was set (the figure in the comment), so a change
// that loses ground fails; raise the floors as extraction improves.
// Figures measured on 2026-12-02, main at 885d756 (before the extraction
// rewrite of issue 11), 2-core machine.

// floor is one figure's bound: at least min, or at most max when max > 0.
type floor struct {
	figure   string
	min, max float64
}

// goldFloors: testdata/events/gold.jsonl (189 texts, 261 events).
var goldFloors = []floor{
	{figure: "detect", min: 0.84},             // 0.862
	{figure: "loc_recall25", min: 0.76},       // 0.782
	{figure: "any_place_within25", min: 0.88}, // 0.904
	{figure: "loc_recall25_named", min: 0.76}, // 0.782
	{figure: "loc_recall161", min: 0.81},      // 0.831
	{figure: "loc_precision25", min: 0.67},    // 0.696
	{figure: "loc_precision161", min: 0.80},   // 0.822
	{figure: "type_acc", min: 0.84},           // 0.864 over 147 texts
	{figure: "fatal_exact", min: 0.32},        // 0.349 (fatal_nonzero_found 0: no deaths extracted yet)
	{figure: "event_date_exact", min: 0.74},   // 0.764
}

// negativeFloors: testdata/events/negatives.jsonl (23 texts, no event).
var negativeFloors = []floor{
	{figure: "false_event_rate", max: 0.48}, // 0.435: 10 of 23 texts given 19 typed events
}

// acledFloors: ../shared/eval/acled-africa-2016.jsonl (6,470 texts).
var acledFloors = []floor{
	{figure: "detect", min: 0.49},             // 0.513
	{figure: "loc_recall25", min: 0.28},       // 0.303
	{figure: "any_place_within25", min: 0.35}, // 0.376
	{figure: "loc_recall25_named", min: 0.38}, // 0.401
	{figure: "loc_precision25", min: 0.48},    // 0.504
	{figure: "loc_precision161", min: 0.60},   // 0.629
	{figure: "type_acc", min: 0.70},           // 0.725 over 2,201 texts
	{figure: "fatal_exact", min: 0.67},        // 0.698 (fatal_nonzero_found 0)
	{figure: "date_exact", min: 0.95},         // 0.973
}

var (
	pipelineOnce sync.Once
	pipeline     *ingest.Ingester
	pipelineErr  error
)

// extract is the in-process pipeline: the embedded gazetteer, the
// geoparser and Ingester.Events, as `geoevents eval --events` runs it.
func extract(t *testing.T) evaluate.ExtractFunc {
	t.Helper()
	pipelineOnce.Do(func() {
		gz, err := gazetteer.Load()
		pipeline, pipelineErr = &ingest.Ingester{Parser: geoparse.New(gz)}, err
	})
	if pipelineErr != nil {
		t.Fatal(pipelineErr)
	}
	return func(ctx context.Context, a event.Article) ([]event.Event, error) {
		_, evs, err := pipeline.Events(ctx, a)
		return evs, err
	}
}

func checkFloors(t *testing.T, path string, floors []floor) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := evaluate.ScoreEvents(context.Background(), f, extract(t), evaluate.EventsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s:\n%s", filepath.Base(path), rep)
	figs, err := rep.Figures()
	if err != nil {
		t.Fatal(err)
	}
	for _, fl := range floors {
		got, ok := figs[fl.figure]
		switch {
		case !ok:
			t.Errorf("%s: no figure %s", path, fl.figure)
		case fl.max > 0 && got > fl.max:
			t.Errorf("%s = %.3f, above its ceiling %.3f", fl.figure, got, fl.max)
		case fl.max == 0 && got < fl.min:
			t.Errorf("%s = %.3f, below its floor %.3f", fl.figure, got, fl.min)
		}
	}
}

func TestEventFloorsOwnGold(t *testing.T) {
	checkFloors(t, filepath.Join(testenv.RepoRoot(t), "testdata", "events", "gold.jsonl"), goldFloors)
}

func TestEventFloorsNegatives(t *testing.T) {
	checkFloors(t, filepath.Join(testenv.RepoRoot(t), "testdata", "events", "negatives.jsonl"), negativeFloors)
}

// TestEventFloorsACLED scores the whole ACLED dev file (about 3 s of CPU).
func TestEventFloorsACLED(t *testing.T) {
	checkFloors(t, filepath.Join(testenv.SharedDir(t, "eval"), "acled-africa-2016.jsonl"), acledFloors)
}
