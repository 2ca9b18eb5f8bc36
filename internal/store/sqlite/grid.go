package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
)

// The count grid (table event_grid) answers "how many events match" without
// counting them: it holds the number of events per kind (event or plain
// mention), per grid cell at a few levels of the Hilbert grid, and per time
// bucket (all time; and for the coarser levels per calendar year and per
// calendar month). A count sums the cells a query covers whole and counts
// only the events of the cells along its border (see gridCount). Every
// write keeps it exact: inserts through addToGrid, deletes and updates
// through the events triggers (grid_keys).

// gridLevel is one level of the count grid and the time buckets it keeps.
type gridLevel struct {
	level   int
	periods bool // years and months as well as all time
}

// gridLevels are the grid's levels, coarse to fine, two Hilbert levels
// apart (16 children per cell). Levels with periods answer time-filtered
// counts; the finer ones only all-time counts, where the border matters
// most. Changing this list needs a migration that rebuilds the grid.
var gridLevels = []gridLevel{
	{0, true}, {2, true}, {4, true}, {6, true}, {8, true}, {10, true},
	{12, false}, {14, false},
}

// Event kinds: plain mentions are kept apart from events, so the default
// (events only) never looks at them; and country- or province-level
// places (geo_precision 3 and above, "coarse") apart from the others, so
// the map's default without them is counted by the grid and read from the
// indexes as the events are (the kind leads every space index). A kind
// is the mention bit or'ed with the coarse bit.
const (
	kindEvent   = 0
	kindMention = 1
	kindCoarse  = 2 // the bit: kindEvent|kindCoarse, kindMention|kindCoarse
	// kindJoined is the bit of a report that joined another article's
	// incident (incidents.go): no filter lists it, so every query, count
	// and aggregate sees an incident once, as its primary. numKinds and
	// allKinds leave these kinds out.
	kindJoined = 4
	numKinds   = 4
)

// allKinds are every kind, events and plain mentions at every precision.
var allKinds = []int{kindEvent, kindMention, kindEvent | kindCoarse, kindMention | kindCoarse}

// gridKey packs a grid row's key: kind (2 bits), level (5), granularity
// (2), the cell's Hilbert index at its level (2×level ≤ 32 bits) and the
// period (20). A cell's periods of one granularity are thus one key range.
func gridKey(kind, level, gran int, period, index int64) int64 {
	return int64(kind)<<59 | int64(level)<<54 | int64(gran)<<52 | index<<20 | period
}

// eventGridKeys appends the grid keys an event counts in: one per level
// for all time, and one per year and month bucket on levels with periods
// when it has a date in the grid's range.
func eventGridKeys(dst []int64, kind int, h int64, date sql.NullInt64) []int64 {
	var year, month int64
	dated := false
	if date.Valid {
		var ok1, ok2 bool
		year, ok1 = yearPeriod(date.Int64)
		month, ok2 = monthPeriod(date.Int64)
		dated = ok1 && ok2
	}
	for _, gl := range gridLevels {
		idx := h >> (2 * (hilbertLevel - gl.level))
		dst = append(dst, gridKey(kind, gl.level, granAll, 0, idx))
		if gl.periods && dated {
			dst = append(dst, gridKey(kind, gl.level, granYear, year, idx), gridKey(kind, gl.level, granMonth, month, idx))
		}
	}
	return dst
}

// gridKeysJSON is the SQL function grid_keys(kind, h, date): the event's
// grid keys as a JSON array, for the triggers that keep the grid exact when
// events are deleted or updated.
func gridKeysJSON(kind, h int64, date sql.NullInt64) string {
	keys := eventGridKeys(make([]int64, 0, 32), int(kind), h, date)
	b := make([]byte, 0, 16*len(keys))
	b = append(b, '[')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, k, 10)
	}
	return string(append(b, ']'))
}

// gridCounter accumulates grid increments in memory, then writes them.
type gridCounter map[int64]int64

// add counts one event.
func (g gridCounter) add(kind int, h int64, date sql.NullInt64, buf []int64) []int64 {
	buf = eventGridKeys(buf[:0], kind, h, date)
	for _, k := range buf {
		g[k]++
	}
	return buf
}

// flush adds the counts to event_grid, in key order (sequential B-tree
// writes), and empties g.
func (g gridCounter) flush(ctx context.Context, tx *sql.Tx) error {
	if len(g) == 0 {
		return nil
	}
	keys := make([]int64, 0, len(g))
	for k := range g {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	const batch = 100 // rows per statement
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, 2*batch)
	for len(keys) > 0 {
		n := min(batch, len(keys))
		args = args[:0]
		for _, k := range keys[:n] {
			args = append(args, k, g[k])
		}
		var err error
		if n == batch {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, gridUpsertSQL(batch)); err != nil {
					return fmt.Errorf("count grid: %w", err)
				}
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, gridUpsertSQL(n), args...)
		}
		if err != nil {
			return fmt.Errorf("count grid: %w", err)
		}
		keys = keys[n:]
	}
	clear(g)
	return nil
}

// gridUpsertSQL adds n (key, count) pairs to the grid.
func gridUpsertSQL(n int) string {
	b := []byte("INSERT INTO event_grid (k, n) VALUES (?,?)")
	for range n - 1 {
		b = append(b, ",(?,?)"...)
	}
	return string(append(b, " ON CONFLICT(k) DO UPDATE SET n = n + excluded.n"...))
}

// addToGrid counts the events inserted after rowid last.
func addToGrid(ctx context.Context, tx *sql.Tx, last int64) error {
	g, err := countEvents(ctx, tx, "SELECT kind, h, date FROM events WHERE rowid > ?", last)
	if err != nil {
		return fmt.Errorf("count grid: %w", err)
	}
	return g.flush(ctx, tx)
}

// countEvents returns the grid counts of the events the query selects
// (kind, h, date).
func countEvents(ctx context.Context, q queryer, query string, args ...any) (gridCounter, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	g := gridCounter{}
	var buf []int64
	for rows.Next() {
		var kind int
		var h int64
		var date sql.NullInt64
		if err := rows.Scan(&kind, &h, &date); err != nil {
			return nil, err
		}
		buf = g.add(kind, h, date, buf)
	}
	return g, rows.Err()
}

// rebuildGrid recomputes the whole grid from the events (after a bulk
// load or a migration), streaming them in index order.
func rebuildGrid(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM event_grid"); err != nil {
		return fmt.Errorf("rebuild count grid: %w", err)
	}
	return addToGrid(ctx, tx, 0)
}

// checkGrid compares the grid with one recomputed from the events and
// reports the first difference (for IntegrityCheck and tests).
func checkGrid(ctx context.Context, q queryer) error {
	want, err := countEvents(ctx, q, "SELECT kind, h, date FROM events")
	if err != nil {
		return err
	}
	rows, err := q.QueryContext(ctx, "SELECT k, n FROM event_grid")
	if err != nil {
		return err
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var k, n int64
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		if want[k] != n {
			return fmt.Errorf("count grid row %d holds %d, the events give %d", k, n, want[k])
		}
		seen++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if seen != len(want) {
		return fmt.Errorf("count grid has %d rows, the events give %d", seen, len(want))
	}
	return nil
}
