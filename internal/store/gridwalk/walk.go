// Package gridwalk counts the events of a box and a time range exactly
// from a count grid: the number of events per kind, per cell of a few
// levels of the shared world grid (package hilbert) and per time bucket
// (all time; calendar years and months on the coarser levels). A count
// sums the cells the box covers whole and counts only the events along
// its border (and in the parts of months at the ends of the range). The
// backend says how to read the grid and how to count events (Counter);
// the walk is the same for every backend.
//
// The SQLite store keeps its own copy of this walk (internal/store/sqlite,
// grid.go, gridcount.go, periods.go), which its planner's statistics and
// plans are woven into; the PostGIS store uses this one.
package gridwalk

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"geoevents/internal/store/hilbert"
)

// Level is one level of the count grid and whether it keeps years and
// months as well as all time.
type Level struct {
	Level   int
	Periods bool
}

// Levels are the grid's levels, coarse to fine, two apart (16 children
// per cell): periods on the coarser ones, which answer time-filtered
// counts; the finer ones only all time, where the border matters most.
// Changing this list needs a migration that rebuilds a backend's grid.
var Levels = []Level{
	{0, true}, {2, true}, {4, true}, {6, true}, {8, true}, {10, true},
	{12, false}, {14, false},
}

// Cell is one grid cell: its level, column and row.
type Cell struct {
	Level  int
	CX, CY int64
}

// Box is the micro-degree box the cell covers.
func (c Cell) Box() hilbert.Box { return hilbert.CellBox(c.CX, c.CY, c.Level) }

// Counter is what a backend provides to count from its grid.
type Counter interface {
	// GridCounts returns the grid's counts of cells (all of one level),
	// summed over split's spans (or all time), in the order of cells.
	GridCounts(ctx context.Context, cells []Cell, split Split) ([]int64, error)
	// CountEvents counts the events in the union of rects (disjoint
	// micro-degree boxes, edges included) within time range t.
	CountEvents(ctx context.Context, rects []hilbert.Box, t Range) (int64, error)
}

// exactMax is the count below which a cell on the border of an all-time
// count is counted from its events rather than split further.
const exactMax = 256

// startCells is the most cells a count starts with: it starts at the
// finest level where the box overlaps at most this many.
const startCells = 128

// Count counts the events in box b (micro-degrees, edges included, not
// crossing the antimeridian) within time range r, exactly.
func Count(ctx context.Context, c Counter, b hilbert.Box, r Range) (int64, error) {
	split := SplitTime(r)
	var total int64
	if split.All || len(split.Spans) > 0 {
		n, err := gridBox(ctx, c, b, split)
		if err != nil {
			return 0, fmt.Errorf("count grid: %w", err)
		}
		total += n
	}
	for _, sl := range split.Slivers {
		n, err := c.CountEvents(ctx, []hilbert.Box{b}, sl)
		if err != nil {
			return 0, fmt.Errorf("count time slivers: %w", err)
		}
		total += n
	}
	return total, nil
}

// levelsFor lists the grid levels usable for split, coarse to fine.
func levelsFor(split Split) []int {
	var ls []int
	for _, gl := range Levels {
		if split.All || gl.Periods {
			ls = append(ls, gl.Level)
		}
	}
	return ls
}

// gridBox counts b within the whole years and months of split (or all
// time): it walks the grid down from the start level, adding the cells
// inside b and splitting the large ones on its border, and counts the
// events of the small border cells (their parts inside b).
func gridBox(ctx context.Context, c Counter, b hilbert.Box, split Split) (int64, error) {
	levels := levelsFor(split)
	li := startLevel(levels, b)
	frontier := cellsOver(b, levels[li])
	var total int64
	var border []hilbert.Box
	for len(frontier) > 0 {
		counts, err := c.GridCounts(ctx, frontier, split)
		if err != nil {
			return 0, err
		}
		if len(counts) != len(frontier) {
			return 0, fmt.Errorf("%d counts for %d cells", len(counts), len(frontier))
		}
		var next []Cell
		finest := li == len(levels)-1
		for i, cl := range frontier {
			n := counts[i]
			if n == 0 {
				continue
			}
			cb := cl.Box()
			switch {
			case inside(cb, b):
				total += n
			case finest || split.All && n <= exactMax:
				border = append(border, intersect(cb, b))
			default:
				next = append(next, children(cl, levels[li+1]-cl.Level, b)...)
			}
		}
		frontier = next
		li++
	}
	if len(border) == 0 {
		return total, nil
	}
	t := Open
	if !split.All {
		t = split.Covered
	}
	n, err := c.CountEvents(ctx, mergeRects(border), t)
	return total + n, err
}

// mergeRects joins rectangles that share a whole edge, first along rows,
// then along columns: the border cells along a box's side become a few
// strips, so a backend's border query has a few arms, not one per cell
// (a Middle East box: 12 instead of 43). It saves planning and SQL, not
// rows: on PostGIS with 1M events the strips read as many as the cells
// (measured at load 27-30, 12 strips 430-770 ms, 43 cells 380-510 ms).
func mergeRects(rs []hilbert.Box) []hilbert.Box {
	if len(rs) < 2 {
		return rs
	}
	rs = slices.Clone(rs)
	slices.SortFunc(rs, func(a, b hilbert.Box) int {
		return cmp.Or(cmp.Compare(a.MinY, b.MinY), cmp.Compare(a.MaxY, b.MaxY), cmp.Compare(a.MinX, b.MinX))
	})
	rs = joinRuns(rs, func(a, b hilbert.Box) bool { return a.MinY == b.MinY && a.MaxY == b.MaxY && a.MaxX+1 == b.MinX })
	slices.SortFunc(rs, func(a, b hilbert.Box) int {
		return cmp.Or(cmp.Compare(a.MinX, b.MinX), cmp.Compare(a.MaxX, b.MaxX), cmp.Compare(a.MinY, b.MinY))
	})
	return joinRuns(rs, func(a, b hilbert.Box) bool { return a.MinX == b.MinX && a.MaxX == b.MaxX && a.MaxY+1 == b.MinY })
}

// joinRuns joins each rectangle into the one before it when next says
// they adjoin (sorted so that adjoining ones are neighbours).
func joinRuns(rs []hilbert.Box, next func(a, b hilbert.Box) bool) []hilbert.Box {
	out := rs[:1]
	for _, r := range rs[1:] {
		last := &out[len(out)-1]
		if next(*last, r) {
			last.MaxX, last.MaxY = max(last.MaxX, r.MaxX), max(last.MaxY, r.MaxY)
			continue
		}
		out = append(out, r)
	}
	return out
}

// startLevel is the index in levels of the finest level at which b
// overlaps at most startCells cells.
func startLevel(levels []int, b hilbert.Box) int {
	i := 0
	for j, l := range levels {
		nx := hilbert.Column(b.MaxX, l) - hilbert.Column(b.MinX, l) + 1
		ny := hilbert.Row(b.MaxY, l) - hilbert.Row(b.MinY, l) + 1
		if nx*ny > startCells {
			break
		}
		i = j
	}
	return i
}

// cellsOver returns the cells of level that overlap b, row by row.
func cellsOver(b hilbert.Box, level int) []Cell {
	x0, x1 := hilbert.Column(b.MinX, level), hilbert.Column(b.MaxX, level)
	y0, y1 := hilbert.Row(b.MinY, level), hilbert.Row(b.MaxY, level)
	out := make([]Cell, 0, (x1-x0+1)*(y1-y0+1))
	for cy := y0; cy <= y1; cy++ {
		for cx := x0; cx <= x1; cx++ {
			out = append(out, Cell{level, cx, cy})
		}
	}
	return out
}

// children returns the cells step levels below c that overlap b.
func children(c Cell, step int, b hilbert.Box) []Cell {
	n := int64(1) << step
	out := make([]Cell, 0, n*n)
	for j := range n {
		for i := range n {
			k := Cell{c.Level + step, c.CX*n + i, c.CY*n + j}
			if overlaps(k.Box(), b) {
				out = append(out, k)
			}
		}
	}
	return out
}

func overlaps(a, b hilbert.Box) bool {
	return a.MaxX >= b.MinX && a.MinX <= b.MaxX && a.MaxY >= b.MinY && a.MinY <= b.MaxY
}

// inside reports whether a lies inside b.
func inside(a, b hilbert.Box) bool {
	return a.MinX >= b.MinX && a.MaxX <= b.MaxX && a.MinY >= b.MinY && a.MaxY <= b.MaxY
}

func intersect(a, b hilbert.Box) hilbert.Box {
	return hilbert.Box{MinX: max(a.MinX, b.MinX), MinY: max(a.MinY, b.MinY), MaxX: min(a.MaxX, b.MaxX), MaxY: min(a.MaxY, b.MaxY)}
}

// Keys calls fn with the grid buckets an event counts in: per level, all
// time, and its year and month on levels with periods when it has a date
// the grid buckets (dated false: none). For backends that keep the grid
// in Go, and for tests of those that keep it in SQL.
func Keys(x, y int64, date int64, dated bool, fn func(level, gran int, cx, cy, period int64)) {
	var year, month int64
	if dated {
		var ok1, ok2 bool
		year, ok1 = YearPeriod(date)
		month, ok2 = MonthPeriod(date)
		dated = ok1 && ok2
	}
	for _, gl := range Levels {
		cx, cy := hilbert.Column(x, gl.Level), hilbert.Row(y, gl.Level)
		fn(gl.Level, GranAll, cx, cy, 0)
		if gl.Periods && dated {
			fn(gl.Level, GranYear, cx, cy, year)
			fn(gl.Level, GranMonth, cx, cy, month)
		}
	}
}
