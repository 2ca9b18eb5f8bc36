// Command build generates the gazetteer's embedded artefact from the source
// data (GeoNames, Natural Earth, world-countries) and the curated supplement
// kept in the repository. It is run by `go generate ./gazetteer`:
//
//	go run ./gazetteer/internal/build [-src ../shared/data] [-out gazetteer/data]
//
// Relative paths are taken from the repository root (the folder holding
// go.mod). The output is deterministic: the same inputs give the same bytes.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
)

func main() {
	src := flag.String("src", "../shared/data", "source data directory (relative to the repository root)")
	out := flag.String("out", "gazetteer/data", "output directory for the artefact (relative to the repository root)")
	curated := flag.String("curated", "", "directory of supplement.txt and aliases.txt (default: -out)")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if *curated == "" {
		*curated = *out
	}
	if err := run(context.Background(), log, *src, *curated, *out); err != nil {
		log.Error("gazetteer build failed", "err", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, log *slog.Logger, src, curated, out string) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(root, p)
	}
	src, curated, out = abs(src), abs(curated), abs(out)
	db, err := assemble(ctx, src, curated)
	if err != nil {
		return err
	}
	st, err := writeArtefacts(db, out)
	if err != nil {
		return err
	}
	log.Info("gazetteer built", "places", st.places, "keys", st.keys, "postings", st.postings, "spelling_keys", st.spellings,
		"raw_bytes", st.rawBytes, "zstd_bytes", st.zBytes, "out", out)
	log.Info("Who's On First", "rows", db.wof.rows, "added", db.wof.added, "merged_into_geonames", db.wof.merged)
	for _, why := range sortedKeys(db.wof.skipped) {
		log.Info("Who's On First rows skipped", "rule", why, "rows", db.wof.skipped[why])
	}
	return nil
}

// repoRoot walks up from the working directory to the folder holding go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("getwd: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above %s", dir)
		}
		dir = parent
	}
}
