package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"geoevents/internal/ingest"
	"geoevents/internal/store"
)

// importProgress prints a bulk import's progress for path to w: the rows
// loaded and their rate while they load, then each step after.
func importProgress(w io.Writer, path string) func(store.ImportProgress) {
	start := time.Now()
	var loaded time.Duration
	return func(p store.ImportProgress) {
		el := time.Since(start)
		switch {
		case p.Step == "load":
			loaded = el
			fmt.Fprintf(w, "%s: %d rows loaded, %.0f rows/s\n", path, p.Rows, float64(p.Rows)/max(el.Seconds(), 1e-3))
		case p.Step == "commit":
			fmt.Fprintf(w, "%s: indexes built in %s; committing\n", path, (el - loaded).Round(time.Millisecond))
		default:
			fmt.Fprintf(w, "%s: %s (%s)\n", path, p.Step, el.Round(time.Millisecond))
		}
	}
}

func ingestCommand() command {
	return command{
		name:    "ingest",
		args:    "PATH…|-",
		summary: "Geoparse articles (.txt/.md with front matter, .json, .jsonl; directories recursively; - for stdin) into events",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			date := fs.String("date", "", "publication date (YYYY-MM-DD) for articles that carry none; without it their date stays unknown")
			return func(ctx context.Context, args []string) error {
				if len(args) == 0 {
					return usagef("ingest needs at least one file, directory or -")
				}
				var opts ingest.Options
				if *date != "" {
					d, err := time.Parse(time.DateOnly, *date)
					if err != nil {
						return usagef("ingest --date %q: want YYYY-MM-DD", *date)
					}
					opts.Date = d
				}
				a, err := g.openApp(ctx)
				if err != nil {
					return err
				}
				defer a.Close()
				opts.Stdin = g.io.in
				opts.Progress = g.io.err
				in, err := a.Ingester()
				if err != nil {
					return err
				}
				sum, err := in.IngestPaths(ctx, args, opts)
				if err != nil {
					return err
				}
				for _, f := range sum.Failed {
					fmt.Fprintf(g.io.err, "geoevents: %v\n", f)
				}
				fmt.Fprintf(g.io.out, "%s\n", sum)
				if len(sum.Failed) > 0 {
					return fmt.Errorf("ingest: %d inputs failed (the others were stored)", len(sum.Failed))
				}
				return nil
			}
		},
	}
}

func importCommand() command {
	return command{
		name:    "import",
		args:    "FILE…",
		summary: "Import already geocoded events: CSV (ACLED columns, or lon,lat,time,place,type,title,sentence,url), GeoJSON, GeoJSON Lines",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			return func(ctx context.Context, args []string) error {
				if len(args) == 0 {
					return usagef("import needs at least one file")
				}
				a, err := g.openApp(ctx)
				if err != nil {
					return err
				}
				defer a.Close()
				// The gazetteer turns ACLED country names into codes,
				// loaded for the first file that names a country.
				im := &ingest.Importer{Store: a.Store, LoadGazetteer: a.Gazetteer, Logger: a.Logger}
				failed := 0
				for _, path := range args {
					if pr, ok := a.Store.(store.ProgressReporter); ok {
						pr.OnImportProgress(importProgress(g.io.err, path))
					}
					sum, err := im.ImportFile(ctx, path)
					if err != nil {
						if ctx.Err() != nil {
							return ctx.Err()
						}
						fmt.Fprintf(g.io.err, "geoevents: %v (nothing of this file was stored)\n", err)
						failed++
						continue
					}
					fmt.Fprintf(g.io.out, "%s: %s\n", path, sum)
				}
				if failed > 0 {
					return fmt.Errorf("import: %d of %d files failed", failed, len(args))
				}
				return nil
			}
		},
	}
}
