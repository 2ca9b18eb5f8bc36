package sqlite

import (
	"context"
	"fmt"
	"strconv"
)

// extentBox returns the exact bounding box of all events (every kind):
// for each edge, it walks the count grid down keeping the non-empty cells
// of the outermost column (or row), then reads the outermost coordinate
// among those cells' events from events_space.
func extentBox(ctx context.Context, tx cachedTx) (microBox, error) {
	var b microBox
	for _, e := range []struct {
		dst  *int64
		of   func(cell) int64 // the cell's column or row
		less func(a, b int64) bool
		agg  string
	}{
		{&b.MinX, func(c cell) int64 { return c.cx }, func(a, b int64) bool { return a < b }, "min(e.x)"},
		{&b.MaxX, func(c cell) int64 { return c.cx }, func(a, b int64) bool { return a > b }, "max(e.x)"},
		{&b.MinY, func(c cell) int64 { return c.cy }, func(a, b int64) bool { return a < b }, "min(e.y)"},
		{&b.MaxY, func(c cell) int64 { return c.cy }, func(a, b int64) bool { return a > b }, "max(e.y)"},
	} {
		cells, err := edgeCells(ctx, tx, e.of, e.less)
		if err != nil {
			return b, err
		}
		q := "SELECT " + e.agg + " FROM json_each(?) r CROSS JOIN events e INDEXED BY events_space WHERE e.kind IN (0, 1, 2, 3) AND e.h BETWEEN r.value ->> 0 AND r.value ->> 1"
		if *e.dst, err = tx.queryInt(ctx, q, rangesJSON(hRanges(cells))); err != nil {
			return b, err
		}
	}
	return b, nil
}

// edgeCells returns the non-empty cells of the finest grid level that
// lie in the outermost non-empty column or row (by of and less).
func edgeCells(ctx context.Context, tx cachedTx, of func(cell) int64, less func(a, b int64) bool) ([]cell, error) {
	all := timeSplit{All: true}
	kinds := allKinds
	cells := []cell{{}}
	for i, gl := range gridLevels {
		if i > 0 {
			var next []cell
			for _, c := range cells {
				next = append(next, c.children(gl.level-c.level, world)...)
			}
			cells = next
		}
		counts, err := cellCounts(ctx, tx, kinds, cells, all)
		if err != nil {
			return nil, err
		}
		var keep []cell
		for _, c := range cells {
			if counts[c.index()] == 0 {
				continue
			}
			switch {
			case len(keep) == 0 || less(of(c), of(keep[0])):
				keep = append(keep[:0], c)
			case of(c) == of(keep[0]):
				keep = append(keep, c)
			}
		}
		if len(keep) == 0 {
			return nil, fmt.Errorf("count grid empty at level %s", strconv.Itoa(gl.level))
		}
		cells = keep
	}
	return cells, nil
}
