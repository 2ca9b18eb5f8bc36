package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// A bulk import fills an empty events table the way a database loads a
// dump: the secondary indexes are dropped, the rows streamed in through
// event_feed (parsed and packed on another goroutine, so parsing and
// SQLite's work overlap), then the indexes, the full-text index and the
// count grid are built in one pass each. Rows go in Hilbert order within
// chunks of bulkChunk rows, so an area's events share pages. It all runs
// in the caller's transaction: a crash or an error leaves nothing behind.

// bulkChunk is how many rows are sorted together (about 80 MB; up to
// three chunks are in memory at once).
const bulkChunk = 128 << 10

// bulkBatch is how many rows go through the feed's channel at a time.
const bulkBatch = 1024

// bulkRow is a row ready for the feed and its sort key (kind, h, then
// the order read).
type bulkRow struct {
	row eventRow
	seq int
}

// ImportProgress reports a bulk import's steps: Step names what runs
// ("load", "index events_id", "full-text index", "count grid", "commit"),
// Rows how many rows are loaded so far.
type ImportProgress = store.ImportProgress

// OnImportProgress sets a function told of a bulk import's progress
// (about once a second while rows load, and at each step); nil for none.
// Set it before importing, not during.
func (s *Store) OnImportProgress(fn func(ImportProgress)) { s.progress = fn }

// bulkImport loads events into the empty events table and returns how
// many it stored (events repeating an id already seen are skipped).
func bulkImport(ctx context.Context, tx *sql.Tx, events iter.Seq2[event.Event, error], progress func(ImportProgress)) (int, error) {
	if progress == nil {
		progress = func(ImportProgress) {}
	}
	articles, err := articleIDs(ctx, tx)
	if err != nil {
		return 0, err
	}
	titles, err := loadTitlePool(ctx, tx)
	if err != nil {
		return 0, fmt.Errorf("bulk import: %w", err)
	}
	for _, ix := range eventIndexes {
		if ix.sparse {
			continue
		}
		if _, err := tx.ExecContext(ctx, "DROP INDEX IF EXISTS "+ix.name); err != nil {
			return 0, fmt.Errorf("bulk import: %w", err)
		}
	}
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []*eventRow, 4)
	f := &feed{ctx: pctx, batches: batches}
	grid := gridCounter{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		f.err = produceRows(pctx, events, articles, titles, grid, batches)
		close(batches)
	}()
	stopTicks := tickProgress(f, progress)
	n, insertErr := loadFeed(ctx, tx, f)
	stopTicks()
	cancel()
	<-done
	if f.err != nil {
		return 0, f.err
	}
	if insertErr != nil {
		return 0, insertErr
	}
	step := func(name string) { progress(ImportProgress{Step: name, Rows: int64(n)}) }
	step("titles")
	if err := titles.flush(ctx, tx); err != nil {
		return 0, fmt.Errorf("bulk import: %w", err)
	}
	// Index builds sort: let the sorter use a second thread meanwhile.
	if _, err := tx.ExecContext(ctx, "PRAGMA threads = 2"); err != nil {
		return 0, fmt.Errorf("bulk import: %w", err)
	}
	defer tx.ExecContext(context.WithoutCancel(ctx), "PRAGMA threads = 0") //nolint:errcheck // best effort
	if err := createEventIndexes(ctx, tx, len(migrations), step); err != nil {
		return 0, fmt.Errorf("bulk import: %w", err)
	}
	step("full-text index")
	if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts (rowid, article_title, sentence)
		SELECT rowid, article_title, sentence FROM events_text ORDER BY rowid`); err != nil {
		return 0, fmt.Errorf("bulk import: full-text index: %w", err)
	}
	step("count grid")
	if _, err := tx.ExecContext(ctx, "DELETE FROM event_grid"); err != nil {
		return 0, fmt.Errorf("bulk import: %w", err)
	}
	if err := grid.flush(ctx, tx); err != nil {
		return 0, fmt.Errorf("bulk import: %w", err)
	}
	step("actors")
	if err := addActors(ctx, tx, 0); err != nil {
		return 0, fmt.Errorf("bulk import: %w", err)
	}
	step("day counts")
	if err := rebuildDays(ctx, tx); err != nil {
		return 0, fmt.Errorf("bulk import: %w", err)
	}
	step("cell sums")
	if err := rebuildCells(ctx, tx); err != nil {
		return 0, fmt.Errorf("bulk import: %w", err)
	}
	step("commit")
	return n, nil
}

// tickProgress reports the rows loaded about once a second until stopped.
func tickProgress(f *feed, progress func(ImportProgress)) (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				progress(ImportProgress{Step: "load", Rows: f.rows.Load()})
			case <-quit:
				return
			}
		}
	}()
	return func() {
		close(quit)
		<-done
		progress(ImportProgress{Step: "load", Rows: f.rows.Load()})
	}
}

// loadFeed inserts every row of f with one statement.
func loadFeed(ctx context.Context, tx *sql.Tx, f *feed) (int, error) {
	num, unregister := registerFeed(f)
	defer unregister()
	table := "temp.event_feed_" + strconv.FormatInt(num, 10)
	if _, err := tx.ExecContext(ctx, "CREATE VIRTUAL TABLE "+table+" USING event_feed("+strconv.FormatInt(num, 10)+")"); err != nil {
		return 0, fmt.Errorf("bulk import: %w", err)
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO events ("+feedColumns+") SELECT "+feedColumns+" FROM "+table)
	if _, derr := tx.ExecContext(context.WithoutCancel(ctx), "DROP TABLE "+table); derr != nil && err == nil {
		err = derr
	}
	if err != nil {
		if ctx.Err() != nil {
			return 0, fmt.Errorf("bulk import: %w", ctx.Err())
		}
		return 0, fmt.Errorf("bulk import: %w", err)
	}
	return int(f.rows.Load()), nil
}

// produceRows reads events, drops repeated ids, packs the rows, counts
// them in the grid and sends them sorted by (kind, h) chunk by chunk; a
// second goroutine sorts and sends a chunk while the next is read.
func produceRows(ctx context.Context, events iter.Seq2[event.Event, error], articles map[string]bool, titles *titlePool, grid gridCounter, out chan<- []*eventRow) error {
	chunks := make(chan []bulkRow, 1)
	sent := make(chan error, 1)
	go func() {
		var err error
		for chunk := range chunks {
			if err == nil {
				err = sendChunk(ctx, chunk, out)
			}
		}
		sent <- err
	}()
	err := readRows(ctx, events, articles, titles, grid, chunks)
	close(chunks)
	if serr := <-sent; err == nil {
		err = serr
	}
	return err
}

// readRows reads and packs the rows into chunks, giving each its title's
// id.
func readRows(ctx context.Context, events iter.Seq2[event.Event, error], articles map[string]bool, titles *titlePool, grid gridCounter, chunks chan<- []bulkRow) error {
	seen := make(map[string]struct{}, 1<<16)
	chunk := make([]bulkRow, 0, 4096)
	var keys []int64
	i := 0
	for e, err := range events {
		i++
		if err != nil {
			return err
		}
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if _, dup := seen[e.ID]; dup {
			continue
		}
		if e.ArticleID != "" && !articles[e.ArticleID] {
			// Imported events have no stored article; keep the id only
			// if that article exists, else the foreign key would fail.
			e.ArticleID = ""
		}
		row, err := rowOf(&e)
		if err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
		seen[e.ID] = struct{}{}
		row.titleID = titles.id(row.articleTitle)
		row.articleTitle = "" // the pool keeps the text, once
		keys = grid.add(row.kind, row.h, row.date, keys)
		chunk = append(chunk, bulkRow{row: row, seq: i})
		if len(chunk) >= bulkChunk {
			select {
			case chunks <- chunk:
			case <-ctx.Done():
				return ctx.Err()
			}
			chunk = make([]bulkRow, 0, bulkChunk)
		}
	}
	if len(chunk) > 0 {
		select {
		case chunks <- chunk:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// sendChunk sorts a chunk by (kind, h) and sends it in batches.
func sendChunk(ctx context.Context, chunk []bulkRow, out chan<- []*eventRow) error {
	slices.SortFunc(chunk, func(a, b bulkRow) int {
		return cmp.Or(cmp.Compare(a.row.kind, b.row.kind), cmp.Compare(a.row.h, b.row.h), cmp.Compare(a.seq, b.seq))
	})
	for len(chunk) > 0 {
		k := min(bulkBatch, len(chunk))
		batch := make([]*eventRow, k)
		for i := range batch {
			batch[i] = &chunk[i].row
		}
		select {
		case out <- batch:
		case <-ctx.Done():
			return ctx.Err()
		}
		chunk = chunk[k:]
	}
	return nil
}

// articleIDs returns the ids of the stored articles.
func articleIDs(ctx context.Context, tx *sql.Tx) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM articles")
	if err != nil {
		return nil, fmt.Errorf("bulk import: %w", err)
	}
	defer rows.Close()
	ids := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids[id] = true
	}
	return ids, rows.Err()
}

// nullInt is a date as the grid takes it.
func nullInt(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.Unix(), Valid: true}
}
