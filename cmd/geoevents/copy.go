package main

import (
	"context"
	"flag"
	"fmt"

	"geoevents/internal/store"
	"geoevents/internal/transfer"
)

func copyCommand() command {
	return command{
		name:    "copy",
		summary: "Copy a database into another, e.g. a SQLite file into PostgreSQL/PostGIS and back (streamed, resumable; rows failing the import rules are named, skipped, and make it exit 1)",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			from := fs.String("from", "", "source database: SQLite file or postgres:// URL (default --db)")
			to := fs.String("to", "", "destination database: SQLite file or postgres:// URL (created or migrated)")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("copy takes no arguments, got %q (use --from and --to)", args[0])
				}
				src := *from
				if src == "" {
					src = g.db
				}
				if *to == "" {
					return usagef("copy needs --to (a SQLite file or a postgres:// URL)")
				}
				if src == *to {
					return usagef("copy: --from and --to are the same database")
				}
				if !dbExists(src) {
					return fmt.Errorf("copy: no database at %s", src)
				}
				s, err := store.Open(ctx, src)
				if err != nil {
					return err
				}
				defer s.Close()
				d, err := store.Open(ctx, *to)
				if err != nil {
					return err
				}
				defer d.Close()
				sum, err := transfer.Copy(ctx, s, d, transfer.Options{Progress: g.io.err})
				if err != nil {
					return fmt.Errorf("copy (run it again to resume): %w", err)
				}
				fmt.Fprintf(g.io.out, "copied %s → %s: %s\n", store.Redact(src), store.Redact(*to), sum)
				if sum.Partial() {
					// Exit 1: the destination is not a full copy. Each
					// record left behind is named on stderr.
					return fmt.Errorf("copy: %d articles and %d events fail the import rules and were not copied (their ids and reasons are above)",
						sum.SkippedArticles, sum.SkippedEvents)
				}
				return nil
			}
		},
	}
}
