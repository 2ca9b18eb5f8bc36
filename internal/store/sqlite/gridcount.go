package sqlite

import (
	"context"
	"fmt"
)

// world is the box of the whole map.
var world = microBox{minX, minY, maxX, maxY}

// gridExactMax is the count below which a cell on the border of a query
// is counted from its events rather than split further: a level down
// costs a query (tens of µs), a few hundred index entries cost as much.
var gridExactMax int64 = 256

// gridDirectMax is the most events the cells a count starts with may
// hold for the count to read them all (over the box's ranges) rather
// than walk the grid.
var gridDirectMax int64 = 3000

// sumCounts adds up cell counts.
func sumCounts(m map[int64]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

// gridStartCells is the most cells a count starts with: it starts at the
// finest grid level where the box overlaps at most this many (measured:
// starting a city box at level 14 rather than 12 saves a query, 25%).
const gridStartCells = 128

// gridCount counts the events of s's kinds in s's boxes (anywhere when
// none) within s's time range, exactly: whole cells from the count grid,
// the events of the cells on the border (and of the parts of months at
// the ends of the time range) from events_space or events_date.
func gridCount(ctx context.Context, tx cachedTx, s *spec) (int64, error) {
	return gridCountEst(ctx, tx, s, nil)
}

// gridCountEst is gridCount with the planner's statistics (nil: none),
// which tell when a box holds few enough events to count them directly.
func gridCountEst(ctx context.Context, tx cachedTx, s *spec, est *estimates) (int64, error) {
	split := splitTime(s.t)
	boxes := s.boxes
	if boxes == nil {
		boxes = []microBox{world}
	}
	var total int64
	for _, b := range boxes {
		if split.All || len(split.Spans) > 0 {
			n, err := gridBoxCount(ctx, tx, s, b, split, est)
			if err != nil {
				return 0, fmt.Errorf("count grid: %w", err)
			}
			total += n
		}
		for _, sl := range split.Slivers {
			n, err := sliverCount(ctx, tx, s, b, sl)
			if err != nil {
				return 0, fmt.Errorf("count time slivers: %w", err)
			}
			total += n
		}
	}
	return total, nil
}

// gridLevelsFor lists the grid levels usable for split, coarse to fine.
func gridLevelsFor(split timeSplit) []int {
	var ls []int
	for _, gl := range gridLevels {
		if split.All || gl.periods {
			ls = append(ls, gl.level)
		}
	}
	return ls
}

// startLevel is the index in levels of the finest level at which b
// overlaps at most gridStartCells cells.
func startLevel(levels []int, b microBox) int {
	i := 0
	for j, l := range levels {
		nx := cellX(b.MaxX, l) - cellX(b.MinX, l) + 1
		ny := cellY(b.MaxY, l) - cellY(b.MinY, l) + 1
		if nx*ny > gridStartCells {
			break
		}
		i = j
	}
	return i
}

// gridBoxCount counts box b within the whole years and months of split
// (or all time): it walks the grid down from the start level, adding the
// cells inside b and splitting the large ones on its border, and counts
// the events of the small border cells.
func gridBoxCount(ctx context.Context, tx cachedTx, s *spec, b microBox, split timeSplit, est *estimates) (int64, error) {
	t := openTime
	if !split.All {
		t = split.Covered
	}
	if est != nil {
		if n := est.inBox(s.kinds, b); n >= 0 && n*max(est.inTime(s.kinds, t), 1)/max(est.inTime(s.kinds, openTime), 1) <= gridDirectMax {
			if q, args, ok := areaSQL("count(*)", nil, s, b, t, query{}); ok {
				return tx.queryInt(ctx, q, args...)
			}
		}
	}
	levels := gridLevelsFor(split)
	li := startLevel(levels, b)
	frontier := cellsOver(b, levels[li])
	var total int64
	var exact []cell
	for depth := 0; len(frontier) > 0; depth++ {
		counts, err := cellCounts(ctx, tx, s.kinds, frontier, split)
		if err != nil {
			return 0, err
		}
		if depth == 0 && sumCounts(counts) <= gridDirectMax {
			// Few events around: counting them beats walking the grid.
			if q, args, ok := areaSQL("count(*)", nil, s, b, t, query{}); ok {
				return tx.queryInt(ctx, q, args...)
			}
		}
		var next []cell
		finest := li == len(levels)-1
		for _, c := range frontier {
			n := counts[c.index()]
			if n == 0 {
				continue
			}
			switch {
			case c.relate(b) == inside:
				total += n
			case finest || split.All && n <= gridExactMax:
				exact = append(exact, c)
			default:
				next = append(next, c.children(levels[li+1]-c.level, b)...)
			}
		}
		frontier = next
		li++
	}
	if len(exact) == 0 {
		return total, nil
	}
	var q string
	var args []any
	if split.All {
		q, args = spaceSQL("count(*)", nil, s, b, hRanges(exact), query{})
	} else {
		// Border cells of the finest level with periods: their events in
		// the months, cell by cell of events_cell.
		var cells []int64
		for _, c := range exact {
			for _, k := range c.children(cellLevel-c.level, b) {
				cells = append(cells, k.index())
			}
		}
		q, args = cellSQL("count(*)", nil, s, b, cells, t, query{})
	}
	n, err := tx.queryInt(ctx, q, args...)
	return total + n, err
}

// cellCounts returns the grid counts of cells (all of one level) summed
// over kinds and split's periods, by cell index: one key range per cell,
// kind and span of periods, summed in SQL.
func cellCounts(ctx context.Context, tx cachedTx, kinds []int, cells []cell, split timeSplit) (map[int64]int64, error) {
	ranges := make([][2]int64, 0, len(cells)*len(kinds)*max(1, len(split.Spans)))
	owner := make([]int64, 0, cap(ranges))
	for _, c := range cells {
		idx := c.index()
		for _, kind := range kinds {
			if split.All {
				k := gridKey(kind, c.level, granAll, 0, idx)
				ranges, owner = append(ranges, [2]int64{k, k}), append(owner, idx)
				continue
			}
			for _, sp := range split.Spans {
				ranges = append(ranges, [2]int64{gridKey(kind, c.level, sp.Gran, sp.Lo, idx), gridKey(kind, c.level, sp.Gran, sp.Hi, idx)})
				owner = append(owner, idx)
			}
		}
	}
	from, args := rangeRows(ranges)
	rows, err := tx.QueryContext(ctx, "SELECT r.i, sum(g.n) FROM "+from+" CROSS JOIN event_grid g "+
		"WHERE r.lo <= r.hi AND g.k BETWEEN r.lo AND r.hi GROUP BY r.i", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]int64, len(cells))
	for rows.Next() {
		var i, n int64
		if err := rows.Scan(&i, &n); err != nil {
			return nil, err
		}
		if i < 0 || i >= int64(len(owner)) {
			return nil, fmt.Errorf("count grid: range %d out of bounds", i)
		}
		out[owner[i]] += n
	}
	return out, rows.Err()
}

// sliverCount counts the events in box b within the part of a month (or
// beyond the grid's years) t: cell by cell of events_cell for a box of
// few cells, else from the date index (a sliver holds a few days).
func sliverCount(ctx context.Context, tx cachedTx, s *spec, b microBox, t timeRange) (int64, error) {
	if cells := cellsOf(b); cells != nil {
		q, args := cellSQL("count(*)", nil, s, b, cells, t, query{})
		return tx.queryInt(ctx, q, args...)
	}
	tsql, targs := timeSQL(t)
	q := "SELECT count(*) FROM events e INDEXED BY events_date WHERE 1" + tsql + " AND " + s.kindSQL() +
		" AND e.x BETWEEN ? AND ? AND e.y BETWEEN ? AND ?"
	return tx.queryInt(ctx, q, append(targs, b.MinX, b.MaxX, b.MinY, b.MaxY)...)
}

// Relative costs of reading one event row (by rowid, to test it) and one
// index entry in a range scan, measured on 1M events (about 1 µs and
// 0.1 µs).
const (
	costRow   = 10
	costEntry = 1
)
