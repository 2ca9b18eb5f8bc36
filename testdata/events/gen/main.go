// Command gen converts the hand-written event test set
// testdata/events/gold.src.txt into testdata/events/gold.jsonl (one row per
// coded event, the format of ../shared/eval/acled-africa-2016.jsonl plus
// event_date, style, traps and place_ref) and testdata/events/negatives.jsonl
// (one row per text that reports no event), looking up every gold point in
// the shared GeoNames and Who's On First tables or in testdata/events/extra.tsv.
// Run from the repository root:
//
//	go run ./testdata/events/gen -shared ../shared           # write the files
//	go run ./testdata/events/gen -shared ../shared -check    # fail if they are stale
//	go run ./testdata/events/gen -shared ../shared -stats    # coverage counts
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// defaultSource is the "source" of a paragraph whose header names none.
const defaultSource = "geoevents test set (fictional)"

func main() {
	shared := flag.String("shared", "../shared", "folder holding the shared data (data/geonames, data/whosonfirst)")
	dir := flag.String("dir", "testdata/events", "folder holding gold.src.txt and extra.tsv")
	check := flag.Bool("check", false, "do not write: fail if the JSON Lines files differ from what the source generates")
	stats := flag.Bool("stats", false, "print coverage counts (traps, countries, years, styles, types)")
	flag.Parse()
	if err := run(context.Background(), *shared, *dir, *check, *stats); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// errStale reports an output file that does not match its source.
var errStale = errors.New("stale: regenerate it")

func run(ctx context.Context, shared, dir string, check, stats bool) error {
	src, err := os.ReadFile(filepath.Join(dir, "gold.src.txt"))
	if err != nil {
		return fmt.Errorf("read source: %w", err)
	}
	paras, err := parseSource(string(src))
	if err != nil {
		return err
	}
	refs := map[string]bool{}
	for _, p := range paras {
		for _, e := range p.events {
			refs[e.ref] = true
		}
	}
	ps, err := loadPlaces(ctx, shared, filepath.Join(dir, "extra.tsv"), refs)
	if err != nil {
		return err
	}
	gold, negs, err := buildRows(paras, ps)
	if err != nil {
		return err
	}
	if stats {
		printStats(os.Stdout, paras, gold)
	}
	for name, rows := range map[string][]row{"gold.jsonl": gold, "negatives.jsonl": negs} {
		out, err := encode(rows)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, name)
		if !check {
			if err := os.WriteFile(path, out, 0o644); err != nil {
				return err
			}
			continue
		}
		old, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		if !bytes.Equal(old, out) {
			return fmt.Errorf("%s: %w", path, errStale)
		}
	}
	fmt.Printf("%d texts (%d negative), %d gold events\n", len(paras), len(negs), len(gold))
	return nil
}
