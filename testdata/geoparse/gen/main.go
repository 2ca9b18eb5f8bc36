// Command gen converts the hand-annotated geoparsing test set
// testdata/geoparse/gold.src.txt into testdata/geoparse/gold.jsonl, in the
// GeoVirus JSON Lines format, looking up the gold point of every annotated
// place id in the shared gazetteer data (GeoNames cities, countries and
// admin1 areas, the curated supplement) or in testdata/geoparse/extra.tsv.
//
// Markup in the source file: a paragraph is a block of non-blank lines (lines
// are joined with one space); lines starting with "#" are comments. A place
// mention is written [[surface|ref]] or [[surface|ref|adj]], where ref is a
// geonameid or x:key for a row of extra.tsv, and adj marks an adjectival
// form ("Syrian"). Run from the repository root:
//
//	go run ./testdata/geoparse/gen -shared ../shared          # write gold.jsonl
//	go run ./testdata/geoparse/gen -shared ../shared -check   # verify it is current
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

func main() {
	shared := flag.String("shared", "../shared", "folder holding the shared data (data/geonames, data/countries, ...)")
	dir := flag.String("dir", "testdata/geoparse", "folder holding gold.src.txt and extra.tsv")
	check := flag.Bool("check", false, "do not write: fail if gold.jsonl differs from what the source generates")
	flag.Parse()
	if err := run(context.Background(), *shared, *dir, *check); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// errStale reports a gold.jsonl that does not match its source.
var errStale = errors.New("gold.jsonl is stale: regenerate it")

func run(ctx context.Context, shared, dir string, check bool) error {
	gz, err := loadGazetteer(ctx, shared, filepath.Join(dir, "extra.tsv"))
	if err != nil {
		return err
	}
	src, err := os.ReadFile(filepath.Join(dir, "gold.src.txt"))
	if err != nil {
		return fmt.Errorf("read source: %w", err)
	}
	paras, err := parseSource(string(src))
	if err != nil {
		return err
	}
	docs, err := resolve(paras, gz)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := verify(d); err != nil {
			return err
		}
	}
	out, err := encode(docs)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "gold.jsonl")
	if check {
		old, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		if !bytes.Equal(old, out) {
			return fmt.Errorf("%s: %w", path, errStale)
		}
		if err := verifyFile(old); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fmt.Printf("%s is current: %d paragraphs, %d toponyms\n", path, len(docs), countToponyms(docs))
		return nil
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := verifyFile(out); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Printf("wrote %s: %d paragraphs, %d toponyms\n", path, len(docs), countToponyms(docs))
	return nil
}

func countToponyms(docs []document) int {
	n := 0
	for _, d := range docs {
		n += len(d.Toponyms)
	}
	return n
}
