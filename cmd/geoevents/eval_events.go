package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"geoevents/internal/evaluate"
	"geoevents/internal/event"
	"geoevents/internal/geoparse"
	"geoevents/internal/ingest"
)

// eventsEval holds the flags of `eval --events`.
type eventsEval struct {
	on      bool
	country string
	limit   int
}

func eventsEvalFlags(fs *flag.FlagSet) *eventsEval {
	ev := &eventsEval{}
	fs.BoolVar(&ev.on, "events", false, "score event extraction against an ACLED-style gold file (the figures of ../shared/eval/score_events.py)")
	fs.StringVar(&ev.country, "country", "", "with --events: only gold rows of this country (as written in the file, e.g. Syria)")
	fs.IntVar(&ev.limit, "limit", 0, "with --events: only the first N texts (0: all)")
	return ev
}

// set reports whether an --events-only flag was given.
func (ev *eventsEval) set() bool { return ev.country != "" || ev.limit != 0 }

// evalEvents ingests every gold text as an article (without storing it)
// and prints the event figures.
func evalEvents(ctx context.Context, g *globals, path string, ev *eventsEval, asJSON bool) error {
	if ev.limit < 0 {
		return usagef("eval --limit: want 0 or more, got %d", ev.limit)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open input: %w", err)
	}
	defer f.Close()
	gz, err := gazetteerFor(ctx, g)
	if err != nil {
		return err
	}
	in := &ingest.Ingester{Parser: geoparse.New(gz)}
	extract := func(ctx context.Context, a event.Article) ([]event.Event, error) {
		_, evs, err := in.Events(ctx, a)
		return evs, err
	}
	rep, err := evaluate.ScoreEvents(ctx, f, extract, evaluate.EventsOptions{Country: ev.country, Limit: ev.limit})
	if err != nil {
		return fmt.Errorf("eval %s: %w", path, err)
	}
	if asJSON {
		return json.NewEncoder(g.io.out).Encode(rep)
	}
	_, err = fmt.Fprint(g.io.out, rep.String())
	return err
}
