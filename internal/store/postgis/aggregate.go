package postgis

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"

	"geoevents/internal/store"
	"geoevents/internal/store/hilbert"
)

// Aggregate groups the events matching f (Limit, Offset and Sort
// ignored) into the cells of the shared world grid at level (package
// hilbert): the server groups by column, row and type, summing the
// micro-degree coordinates and fatalities, so at most cells × types rows
// come back; the cells are then folded, ordered along the Hilbert curve
// and placed at their events' mean position with the same integer
// arithmetic as the SQLite store, so both give the same cells.
func (s *Store) Aggregate(ctx context.Context, f store.Filter, level int) ([]store.Cell, error) {
	if level < 0 || level > store.MaxAggregateLevel {
		return nil, fmt.Errorf("aggregate: %w: level %d is not within 0…%d", store.ErrInvalidFilter, level, store.MaxAggregateLevel)
	}
	f.Limit, f.Offset, f.Sort = 0, 0, store.SortDateDesc
	w, err := filterSQL(f)
	if err != nil {
		return nil, fmt.Errorf("aggregate: %w", err)
	}
	acc := cellSums{}
	err = s.readTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, aggregateSQL(w, level), w.args...)
		if err != nil {
			return err
		}
		var r cellTypeRow
		_, err = pgx.ForEachRow(rows, []any{&r.cx, &r.cy, &r.typ, &r.n, &r.sumX, &r.sumY, &r.fatal}, func() error {
			acc.add(r, level)
			return nil
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("aggregate: %w", err)
	}
	return acc.cells(level), nil
}

// aggregateSQL groups w's events by grid column, row and type at level:
// hilbert.Column and hilbert.Row in SQL (bigint arithmetic, so the shift
// cannot overflow), with sums of the integer columns (bigint sums).
func aggregateSQL(w *where, level int) string {
	l, last := strconv.Itoa(level), strconv.FormatInt(1<<level-1, 10)
	col := "least(greatest(((e.x::int8 + 180000000) << " + l + ") / 360000000, 0), " + last + ")"
	row := "least(greatest(((e.y::int8 + 90000000) << " + l + ") / 180000000, 0), " + last + ")"
	return "SELECT " + col + ", " + row + ", e.type, count(*), sum(e.x), sum(e.y), sum(e.fatalities)" +
		" FROM events e" + w.sql() + " GROUP BY 1, 2, 3"
}

// cellTypeRow is one row of aggregateSQL: one type's events in one cell.
type cellTypeRow struct {
	cx, cy, n, sumX, sumY, fatal int64
	typ                          string
}

// cellSum is one cell's running totals.
type cellSum struct {
	n, sumX, sumY, fatal int64
	types                map[string]int64
}

// cellSums are the cells by Hilbert index.
type cellSums map[int64]*cellSum

func (a cellSums) add(r cellTypeRow, level int) {
	idx := hilbert.Index(r.cx, r.cy, level)
	c := a[idx]
	if c == nil {
		c = &cellSum{types: map[string]int64{}}
		a[idx] = c
	}
	c.n += r.n
	c.sumX += r.sumX
	c.sumY += r.sumY
	c.fatal += r.fatal
	c.types[r.typ] += r.n
}

// cells returns the cells in Hilbert order, each at its events' mean
// position (integer micro-degrees, the mean truncated toward zero as the
// SQLite store truncates it).
func (a cellSums) cells(level int) []store.Cell {
	order := slices.Sorted(maps.Keys(a))
	out := make([]store.Cell, 0, len(order))
	for _, idx := range order {
		c := a[idx]
		cx, cy := hilbert.Cell(idx, level)
		out = append(out, store.Cell{
			Lon: float64(c.sumX/c.n) / 1e6, Lat: float64(c.sumY/c.n) / 1e6,
			Bounds: hilbert.CellBox(cx, cy, level).Degrees(),
			Count:  c.n, Fatalities: c.fatal, Type: dominantType(c.types), Types: c.types,
		})
	}
	return out
}

// dominantType is the type with the most events; ties go to the first by
// name (the store.Cell contract), so the answer does not depend on map
// order.
func dominantType(n map[string]int64) string {
	best, bestN := "", int64(-1)
	for t, k := range n {
		if k > bestN || (k == bestN && t < best) {
			best, bestN = t, k
		}
	}
	return best
}
