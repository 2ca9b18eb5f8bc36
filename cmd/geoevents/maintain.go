package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"geoevents/internal/store"
)

// errNotSupported says a database backend lacks a maintenance operation.
var errNotSupported = errors.New("not supported by this database backend")

func backupCommand() command {
	return command{
		name:    "backup",
		args:    "FILE",
		summary: "Write a consistent copy of the database to a new FILE while it is in use (serve and ingest go on); restore by opening the copy with --db",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return usagef("backup needs exactly one FILE to write")
				}
				if !dbExists(g.db) {
					return fmt.Errorf("backup: no database at %s (pass --db)", g.db)
				}
				a, err := g.openApp(ctx)
				if err != nil {
					return err
				}
				defer a.Close()
				var st store.Store = a.Store
				b, ok := st.(store.Backuper)
				if !ok {
					return fmt.Errorf("backup: %w (on PostgreSQL use pg_dump, or 'geoevents copy --to FILE.db' for a SQLite snapshot)", errNotSupported)
				}
				if err := b.Backup(ctx, args[0]); err != nil {
					return err
				}
				_, err = fmt.Fprintf(g.io.out, "backed up %s to %s\n", store.Redact(g.db), args[0])
				return err
			}
		},
	}
}

func checkCommand() command {
	return command{
		name:    "check",
		summary: "Verify the database: storage, full-text index and event counts; exit status 1 and what is wrong when a check fails",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("check takes no arguments, got %q", args[0])
				}
				if !dbExists(g.db) {
					return fmt.Errorf("check: no database at %s (pass --db)", g.db)
				}
				a, err := g.openApp(ctx)
				if err != nil {
					return err
				}
				defer a.Close()
				var st store.Store = a.Store
				c, ok := st.(store.Checker)
				if !ok {
					return fmt.Errorf("check: %w", errNotSupported)
				}
				if err := c.IntegrityCheck(ctx); err != nil {
					return fmt.Errorf("check %s: %w", store.Redact(g.db), err)
				}
				ext, err := st.Extent(ctx)
				if err != nil {
					return err
				}
				_, n, err := st.Articles(ctx, store.ArticleFilter{Limit: 1})
				if err != nil {
					return err
				}
				verified := "storage, full-text index and counts verified"
				if g.readOnly {
					verified = "read-only: storage, the full-text index's structure and counts verified"
				}
				_, err = fmt.Fprintf(g.io.out, "%s: ok (%d articles, %d events; %s)\n", store.Redact(g.db), n, ext.Count, verified)
				return err
			}
		},
	}
}
