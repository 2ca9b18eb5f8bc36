package postgis

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/jackc/pgx/v5"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// ImportEvents stores events without articles in one transaction: the
// rows stream through COPY into a temporary table (numbered in the order
// read), then one INSERT … SELECT moves the first of each id that is not
// stored yet into events, keeping an article id only when that article is
// stored. The first error from the sequence or the database rolls
// everything back. It returns how many events were new.
func (s *Store) ImportEvents(ctx context.Context, events iter.Seq2[event.Event, error]) (int, error) {
	progress := s.progress
	if progress == nil {
		progress = func(store.ImportProgress) {}
	}
	var n int
	err := s.writeTx(ctx, func(tx pgx.Tx) error {
		cols := strings.Join(insertColumns, ", ")
		if _, err := tx.Exec(ctx, `CREATE TEMP TABLE import_events ON COMMIT DROP AS
			SELECT 0::bigint AS seq, `+cols+` FROM events WITH NO DATA`); err != nil {
			return fmt.Errorf("temporary table: %w", err)
		}
		src := &copySource{progress: progress}
		next, stop := iter.Pull2(events)
		defer stop()
		src.next = next
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"import_events"}, append([]string{"seq"}, insertColumns...), src); err != nil {
			if src.err != nil {
				return src.err
			}
			return fmt.Errorf("copy: %w", err)
		}
		progress(store.ImportProgress{Step: "insert", Rows: src.rows})
		sel := make([]string, len(insertColumns))
		for i, c := range insertColumns {
			sel[i] = "i." + c
			if c == "article_id" {
				sel[i] = "a.id"
			}
		}
		tag, err := tx.Exec(ctx, `INSERT INTO events (`+cols+`, geom)
			SELECT `+strings.Join(sel, ", ")+`, `+geomSQL("i.x", "i.y")+`
			FROM (SELECT DISTINCT ON (id) * FROM import_events ORDER BY id, seq) i
			LEFT JOIN articles a ON a.id = i.article_id
			ORDER BY i.seq
			ON CONFLICT (id) DO NOTHING`)
		if err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		n = int(tag.RowsAffected())
		progress(store.ImportProgress{Step: "commit", Rows: src.rows})
		return nil
	})
	if err != nil {
		if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
			err = fmt.Errorf("%w (%w)", ctx.Err(), err)
		}
		return 0, fmt.Errorf("import events: %w", err)
	}
	if n >= analyzeAfter {
		// Fresh statistics now, not when autovacuum comes by: the planner
		// read 1M copied events with an empty table's statistics at 11
		// requests a second on the city-box benchmark, 560 after ANALYZE.
		if _, err := s.pool.Exec(ctx, "ANALYZE events"); err != nil {
			return n, fmt.Errorf("import events: analyze: %w", err)
		}
	}
	return n, nil
}

// analyzeAfter is the number of imported events from which ImportEvents
// refreshes the planner's statistics.
const analyzeAfter = 10_000

// copySource feeds COPY from an event sequence, validating each event;
// the sequence's first error (or an invalid event) ends the copy.
type copySource struct {
	next     func() (event.Event, error, bool)
	row      []any
	rows     int64
	err      error
	progress func(store.ImportProgress)
}

func (c *copySource) Next() bool {
	e, err, ok := c.next()
	if !ok {
		return false
	}
	if err != nil {
		c.err = err
		return false
	}
	c.rows++
	row, err := rowOf(&e)
	if err != nil {
		c.err = fmt.Errorf("event %d: %w", c.rows, err)
		return false
	}
	c.row = append([]any{c.rows}, row...)
	if c.rows%65536 == 0 {
		c.progress(store.ImportProgress{Step: "load", Rows: c.rows})
	}
	return true
}

func (c *copySource) Values() ([]any, error) { return c.row, nil }

func (c *copySource) Err() error { return c.err }
