package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"

	"geoevents/internal/store"
	"geoevents/internal/store/hilbert"
)

// The cell sums (table event_cells, schema_cells migration) hold, per
// kind, cell of the Hilbert grid at cellSumsLevel and type, the events'
// count, coordinate sums and fatalities: what Aggregate sums per cell.
// An aggregate at that level or coarser, without a time filter or a row
// test but the type, reads the cells inside its box from them and walks
// the index only along the box's border (the strips the whole cells do
// not cover). At zoom 7 over Syria that is some thousands of rows where
// the walk read 442,451 index entries. Every write keeps them exact:
// inserts through addToCells, deletes and updates through the triggers
// of schemaCellsSQL.

// cellSumsLevel is the grid level of the cell sums: the map's zoom 8
// (aggregate level 10) and wider views read them; at level 10 the 1M
// benchmark events fill about 75,000 (cell, type) rows.
const cellSumsLevel = 10

// sumsShift turns an h (level hilbertLevel) into its cell at
// cellSumsLevel.
const sumsShift = 2 * (hilbertLevel - cellSumsLevel)

// cellSumsSQL selects the cell sums of the events a WHERE clause on
// events picks.
var cellSumsSQL = "SELECT kind, h >> " + strconv.Itoa(sumsShift) + ", type, count(*), sum(x), sum(y), sum(event_fatalities(more)) FROM events WHERE "

// schemaCellsSQL creates the cell sums and the triggers that keep them
// exact; schemaCellsRun fills them. It can run again on a database that
// has them.
var schemaCellsSQL = `
DROP TRIGGER IF EXISTS events_cells_ad;
DROP TRIGGER IF EXISTS events_cells_au;
CREATE TABLE IF NOT EXISTS event_cells (
	kind  INTEGER NOT NULL,
	cell  INTEGER NOT NULL,
	type  TEXT NOT NULL,
	n     INTEGER NOT NULL,
	sum_x INTEGER NOT NULL,
	sum_y INTEGER NOT NULL,
	fatal INTEGER NOT NULL,
	PRIMARY KEY (kind, cell, type)
) WITHOUT ROWID;
CREATE TRIGGER events_cells_ad AFTER DELETE ON events BEGIN
` + cellsSubtract + `
END;
CREATE TRIGGER events_cells_au AFTER UPDATE OF kind, h, x, y, type, more ON events BEGIN
` + cellsSubtract + `
	INSERT INTO event_cells (kind, cell, type, n, sum_x, sum_y, fatal)
		VALUES (new.kind, new.h >> ` + strconv.Itoa(sumsShift) + `, new.type, 1, new.x, new.y, event_fatalities(new.more))
		ON CONFLICT (kind, cell, type) DO UPDATE SET n = n + 1, sum_x = sum_x + excluded.sum_x,
			sum_y = sum_y + excluded.sum_y, fatal = fatal + excluded.fatal;
END;
`

// cellsSubtract takes an old row out of its cell sums.
var cellsSubtract = `
	UPDATE event_cells SET n = n - 1, sum_x = sum_x - old.x, sum_y = sum_y - old.y, fatal = fatal - event_fatalities(old.more)
		WHERE kind = old.kind AND cell = old.h >> ` + strconv.Itoa(sumsShift) + ` AND type = old.type;
	DELETE FROM event_cells WHERE n = 0 AND kind = old.kind AND cell = old.h >> ` + strconv.Itoa(sumsShift) + ` AND type = old.type;`

func schemaCellsRun(ctx context.Context, tx *sql.Tx) error { return rebuildCells(ctx, tx) }

// addToCells adds the events inserted after rowid last to the cell sums.
func addToCells(ctx context.Context, tx *sql.Tx, last int64) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO event_cells (kind, cell, type, n, sum_x, sum_y, fatal) "+cellSumsSQL+
		"rowid > ? GROUP BY 1, 2, 3 ON CONFLICT (kind, cell, type) DO UPDATE SET n = n + excluded.n, "+
		"sum_x = sum_x + excluded.sum_x, sum_y = sum_y + excluded.sum_y, fatal = fatal + excluded.fatal", last)
	if err != nil {
		return fmt.Errorf("cell sums: %w", err)
	}
	return nil
}

// rebuildCells recounts the cell sums from the events.
func rebuildCells(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM event_cells"); err != nil {
		return fmt.Errorf("rebuild cell sums: %w", err)
	}
	return addToCells(ctx, tx, math.MinInt64)
}

// checkCells compares the cell sums with a recount from the events.
func checkCells(ctx context.Context, q queryer) error {
	recount := cellSumsSQL + "true GROUP BY 1, 2, 3"
	stored := "SELECT kind, cell, type, n, sum_x, sum_y, fatal FROM event_cells"
	for _, c := range []struct{ a, b, what string }{{stored, recount, "holds"}, {recount, stored, "lacks"}} {
		rows, err := q.QueryContext(ctx, c.a+" EXCEPT "+c.b+" LIMIT 1")
		if err != nil {
			return fmt.Errorf("cell sums: %w", err)
		}
		var kind, cell, n int64
		var typ string
		found := rows.Next()
		if found {
			var sx, sy, f int64
			err = rows.Scan(&kind, &cell, &typ, &n, &sx, &sy, &f)
		}
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("cell sums: %w", err)
		}
		if found {
			return fmt.Errorf("cell sums %s kind %d, cell %d, type %q (%d events) unlike a recount from the events", c.what, kind, cell, typ, n)
		}
	}
	return nil
}

// cellSumsOK reports whether the cell sums can answer an aggregate of s
// at level: no time filter and no test beyond area (as boxes), kinds and
// types.
func cellSumsOK(f store.Filter, s *spec, level int) bool {
	return level <= cellSumsLevel && s.t.IsOpen() && len(s.index.where) == 0 && s.text.match == "" &&
		f.Text == "" && len(f.SubTypes) == 0 && len(f.Countries) == 0 && f.Place == "" && f.Article == "" &&
		len(f.Actors) == 0 && f.MinScore == 0 && len(f.IDs) == 0 && f.MaxPrecision != 1
}

// innerCells splits b into the cells of cellSumsLevel it covers whole
// (columns cx0…cx1, rows cy0…cy1; ok false when none) and the strips
// around them, which the walk reads.
func innerCells(b microBox) (cx0, cy0, cx1, cy1 int64, strips []microBox, ok bool) {
	l := cellSumsLevel
	cx0, cy0 = hilbert.Column(b.MinX, l), hilbert.Row(b.MinY, l)
	cx1, cy1 = hilbert.Column(b.MaxX, l), hilbert.Row(b.MaxY, l)
	if hilbert.CellBox(cx0, cy0, l).MinX < b.MinX {
		cx0++
	}
	if hilbert.CellBox(cx0, cy0, l).MinY < b.MinY {
		cy0++
	}
	if hilbert.CellBox(cx1, cy1, l).MaxX > b.MaxX {
		cx1--
	}
	if hilbert.CellBox(cx1, cy1, l).MaxY > b.MaxY {
		cy1--
	}
	if cx0 > cx1 || cy0 > cy1 {
		return 0, 0, 0, 0, []microBox{b}, false
	}
	lo, hi := hilbert.CellBox(cx0, cy0, l), hilbert.CellBox(cx1, cy1, l)
	in := microBox{lo.MinX, lo.MinY, hi.MaxX, hi.MaxY}
	if in.MinY > b.MinY {
		strips = append(strips, microBox{b.MinX, b.MinY, b.MaxX, in.MinY - 1})
	}
	if in.MaxY < b.MaxY {
		strips = append(strips, microBox{b.MinX, in.MaxY + 1, b.MaxX, b.MaxY})
	}
	if in.MinX > b.MinX {
		strips = append(strips, microBox{b.MinX, in.MinY, in.MinX - 1, in.MaxY})
	}
	if in.MaxX < b.MaxX {
		strips = append(strips, microBox{in.MaxX + 1, in.MinY, b.MaxX, in.MaxY})
	}
	return cx0, cy0, cx1, cy1, strips, true
}

// addCellSums adds to acc (at level) the cell sums of the cells of s's
// kinds and types inside b (all cells without a box).
func addCellSums(ctx context.Context, tx queryer, s *spec, b *microBox, acc *store.CellSums, level int) ([]microBox, error) {
	var cond query
	cond.where = append(cond.where, s.row.where...) // the type test, on column type
	cond.args = append(cond.args, s.row.args...)
	from := " FROM event_cells e WHERE " + s.kindSQL()
	var args []any
	inCells := func(int64) bool { return true }
	var strips []microBox
	if b != nil {
		cx0, cy0, cx1, cy1, st, ok := innerCells(*b)
		strips = st
		if !ok {
			return strips, nil
		}
		in := microBox{hilbert.CellBox(cx0, cy0, cellSumsLevel).MinX, hilbert.CellBox(cx0, cy0, cellSumsLevel).MinY,
			hilbert.CellBox(cx1, cy1, cellSumsLevel).MaxX, hilbert.CellBox(cx1, cy1, cellSumsLevel).MaxY}
		rs := cellRanges(boxRanges(in, maxBoxCells))
		from = " FROM json_each(?) r CROSS JOIN event_cells e WHERE " + s.kindSQL() + " AND e.cell BETWEEN r.value ->> 0 AND r.value ->> 1"
		args = append(args, rangesJSON(rs))
		inCells = func(cell int64) bool {
			cx, cy := hilbert.Cell(cell, cellSumsLevel)
			return cx >= cx0 && cx <= cx1 && cy >= cy0 && cy <= cy1
		}
	}
	rows, err := tx.QueryContext(ctx, "SELECT e.cell, e.type, e.n, e.sum_x, e.sum_y, e.fatal"+from+cond.and(), append(args, cond.args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	shift := 2 * (cellSumsLevel - level)
	for rows.Next() {
		var cell, n, sx, sy, fatal int64
		var typ string
		if err := rows.Scan(&cell, &typ, &n, &sx, &sy, &fatal); err != nil {
			return nil, err
		}
		if !inCells(cell) {
			continue
		}
		acc.Add(cell>>shift, n, sx, sy, fatal)
		acc.AddType(cell>>shift, typ, n)
	}
	return strips, rows.Err()
}

// cellRanges turns h ranges into ranges of cells at cellSumsLevel,
// merged, so that no cell is read twice even if two ranges finer than a
// cell fell into it (a box of whole cells gives none such).
func cellRanges(hs [][2]int64) [][2]int64 {
	out := make([][2]int64, len(hs))
	for i, r := range hs {
		out[i] = [2]int64{r[0] >> sumsShift, r[1] >> sumsShift}
	}
	return mergeRanges(out)
}
