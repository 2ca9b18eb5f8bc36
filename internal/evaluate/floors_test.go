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
// Figures measured on 2026-12-02 on a 2-core machine, with the
// extraction rules "2026.12-4", the Who's On First villages and the
// geoparser of branch reach; the
// comments also give the figure before issue 11's rewrite (main at
// 885d756).

// floor is one figure's bound: at least min, or at most max when max > 0.
type floor struct {
	figure   string
	min, max float64
}

// goldFloors: testdata/events/gold.jsonl (189 texts, 261 events).
var goldFloors = []floor{
	{figure: "detect", min: 0.94},              // 0.968 (was 0.862)
	{figure: "loc_recall25", min: 0.87},        // 0.900 (0.782)
	{figure: "loc_recall25_named", min: 0.87},  // 0.900 (0.782)
	{figure: "loc_recall161", min: 0.91},       // 0.935 (0.831)
	{figure: "loc_precision25", min: 0.76},     // 0.791 (0.696)
	{figure: "loc_precision161", min: 0.86},    // 0.888 (0.822)
	{figure: "type_acc", min: 0.89},            // 0.915 over 177 texts (0.864 over 147)
	{figure: "fatal_exact", min: 0.87},         // 0.894 (0.349)
	{figure: "fatal_nonzero_found", min: 0.94}, // 0.967 (0)
	{figure: "fatal_mae", max: 1.6},            // 1.31
	{figure: "event_date_exact", min: 0.77},    // 0.792 (0.764)
	{figure: "geoparser_reach25", min: 0.93},   // 0.954
}

// negativeFloors: testdata/events/negatives.jsonl (23 texts, no event).
var negativeFloors = []floor{
	{figure: "false_event_rate", max: 0.10}, // 0.043: 1 of 23 texts given 1 typed event (was 0.435, 19 events)
}

// acledFloors: ../shared/eval/acled-africa-2016.jsonl (6,470 texts).
var acledFloors = []floor{
	{figure: "detect", min: 0.73},              // 0.758 (0.513)
	{figure: "loc_recall25", min: 0.49},        // 0.514 (0.303)
	{figure: "loc_recall25_named", min: 0.64},  // 0.670 (0.401)
	{figure: "loc_precision25", min: 0.55},     // 0.579 (0.504)
	{figure: "loc_precision161", min: 0.70},    // 0.724 (0.629)
	{figure: "type_acc", min: 0.80},            // 0.827 over 3,657 texts (0.725 over 2,201)
	{figure: "fatal_exact", min: 0.84},         // 0.864 (0.698)
	{figure: "fatal_nonzero_found", min: 0.68}, // 0.702 (0)
	{figure: "date_exact", min: 0.95},          // 0.964 (0.973)
	{figure: "geoparser_reach25", min: 0.53},   // 0.551
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
