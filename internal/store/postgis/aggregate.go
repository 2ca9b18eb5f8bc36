package postgis

import (
	"context"
	"fmt"
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
	if err := store.CheckAggregateLevel(level); err != nil {
		return nil, err
	}
	note := store.StartQuery(ctx, "aggregate", f)
	defer note.Done()
	f.Limit, f.Offset, f.Sort = 0, 0, store.SortDateDesc
	w, err := filterSQL(f)
	if err != nil {
		return nil, fmt.Errorf("aggregate: %w", err)
	}
	q := aggregateSQL(w, level)
	note.ExplainWith(s.explainer(q, w.args))
	acc := store.NewCellSums(level)
	err = s.readTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, q, w.args...)
		if err != nil {
			return err
		}
		var r cellTypeRow
		_, err = pgx.ForEachRow(rows, []any{&r.cx, &r.cy, &r.typ, &r.n, &r.sumX, &r.sumY, &r.fatal}, func() error {
			idx := hilbert.Index(r.cx, r.cy, level)
			acc.Add(idx, r.n, r.sumX, r.sumY, r.fatal)
			acc.AddType(idx, r.typ, r.n)
			return nil
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("aggregate: %w", err)
	}
	return acc.Cells(), nil
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
