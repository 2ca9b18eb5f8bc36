package sqlite

import (
	"cmp"
	"slices"

	"geoevents/internal/store/hilbert"
)

// The store orders events along a Hilbert curve over a grid of the world
// (lon -180…180 × lat -90…90, micro-degrees): neighbours on the map are
// neighbours in the events_space index and, after a bulk import, on disk.
// A cell of level L is one of 2^L × 2^L; the finest level, hilbertLevel,
// has cells of about 600 m × 300 m. The curve is hierarchical: the index
// of a point's level-L cell is its level-hilbertLevel index shifted right
// by 2(hilbertLevel-L) bits, so every cell at every level is one
// contiguous range of the finest indices.

// hilbertLevel is the level of the h column: 2^16 × 2^16 cells.
const hilbertLevel = hilbert.MaxLevel

// World extent in micro-degrees.
const (
	minX, maxX = -180_000_000, 180_000_000
	minY, maxY = -90_000_000, 90_000_000
	spanX      = maxX - minX
	spanY      = maxY - minY
)

// The grid's arithmetic is internal/store/hilbert's, shared with the
// PostGIS store's aggregates and the contract suite's reference; these
// name it as the planner reads it.

// cellX returns the column of micro-degree longitude x at level L
// (0 … 2^L-1; the east edge, 180°, falls into the last column).
func cellX(x int64, level int) int64 { return hilbert.Column(x, level) }

// cellY returns the row of micro-degree latitude y at level L.
func cellY(y int64, level int) int64 { return hilbert.Row(y, level) }

// cellMinX is the smallest micro-degree longitude in column c at level L:
// the least x with cellX(x, L) == c.
func cellMinX(c int64, level int) int64 { return hilbert.CellBox(c, 0, level).MinX }

// cellMaxX is the largest micro-degree longitude in column c at level L.
func cellMaxX(c int64, level int) int64 { return hilbert.CellBox(c, 0, level).MaxX }

// cellMinY is the smallest micro-degree latitude in row c at level L.
func cellMinY(c int64, level int) int64 { return hilbert.CellBox(0, c, level).MinY }

// cellMaxY is the largest micro-degree latitude in row c at level L.
func cellMaxY(c int64, level int) int64 { return hilbert.CellBox(0, c, level).MaxY }

// hilbertIndex returns the index along the Hilbert curve of cell (cx, cy)
// on a 2^L × 2^L grid.
func hilbertIndex(cx, cy int64, level int) int64 { return hilbert.Index(cx, cy, level) }

// hilbertCell returns the cell (column, row) at level L of Hilbert index d
// (the inverse of hilbertIndex).
func hilbertCell(d int64, level int) (cx, cy int64) { return hilbert.Cell(d, level) }

// pointHilbert is the h column of an event at micro-degrees (x, y).
func pointHilbert(x, y int64) int64 { return hilbert.PointIndex(x, y, hilbertLevel) }

// microBox is a box in integer micro-degrees, edges included, not crossing
// the antimeridian (MinX ≤ MaxX).
type microBox struct{ MinX, MinY, MaxX, MaxY int64 }

// contains reports whether (x, y) is in b.
func (b microBox) contains(x, y int64) bool {
	return x >= b.MinX && x <= b.MaxX && y >= b.MinY && y <= b.MaxY
}

// cell is one grid cell: its level and column and row at that level.
type cell struct {
	level  int
	cx, cy int64
}

// bounds returns the micro-degree box the cell covers.
func (c cell) bounds() microBox {
	return microBox{cellMinX(c.cx, c.level), cellMinY(c.cy, c.level), cellMaxX(c.cx, c.level), cellMaxY(c.cy, c.level)}
}

// index is the cell's Hilbert index at its level.
func (c cell) index() int64 { return hilbertIndex(c.cx, c.cy, c.level) }

// hRange returns the range of the h column (inclusive) the cell covers.
func (c cell) hRange() (lo, hi int64) {
	shift := 2 * (hilbertLevel - c.level)
	d := c.index()
	return d << shift, (d+1)<<shift - 1
}

// relation of a cell to a box.
type relation int

const (
	disjoint relation = iota
	partial
	inside
)

// relate tells whether the cell lies inside b, overlaps it or not.
func (c cell) relate(b microBox) relation {
	cb := c.bounds()
	switch {
	case cb.MaxX < b.MinX || cb.MinX > b.MaxX || cb.MaxY < b.MinY || cb.MinY > b.MaxY:
		return disjoint
	case cb.MinX >= b.MinX && cb.MaxX <= b.MaxX && cb.MinY >= b.MinY && cb.MaxY <= b.MaxY:
		return inside
	}
	return partial
}

// cellsOver returns the cells of level L that overlap b, row by row.
func cellsOver(b microBox, level int) []cell {
	x0, x1 := cellX(b.MinX, level), cellX(b.MaxX, level)
	y0, y1 := cellY(b.MinY, level), cellY(b.MaxY, level)
	out := make([]cell, 0, (x1-x0+1)*(y1-y0+1))
	for cy := y0; cy <= y1; cy++ {
		for cx := x0; cx <= x1; cx++ {
			out = append(out, cell{level, cx, cy})
		}
	}
	return out
}

// children returns the cells of level c.level+step inside c that overlap b.
func (c cell) children(step int, b microBox) []cell {
	n := int64(1) << step
	out := make([]cell, 0, n*n)
	for j := range n {
		for i := range n {
			k := cell{c.level + step, c.cx*n + i, c.cy*n + j}
			if k.relate(b) != disjoint {
				out = append(out, k)
			}
		}
	}
	return out
}

// hRanges returns the h ranges covering cells, sorted, with adjacent and
// overlapping ranges merged.
func hRanges(cells []cell) [][2]int64 {
	rs := make([][2]int64, 0, len(cells))
	for _, c := range cells {
		lo, hi := c.hRange()
		rs = append(rs, [2]int64{lo, hi})
	}
	return mergeRanges(rs)
}

// mergeRanges sorts inclusive ranges and merges those that touch.
func mergeRanges(rs [][2]int64) [][2]int64 {
	if len(rs) < 2 {
		return rs
	}
	sortRanges(rs)
	out := rs[:1]
	for _, r := range rs[1:] {
		last := &out[len(out)-1]
		if r[0] <= last[1]+1 {
			last[1] = max(last[1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// boxRanges covers b with h ranges: the cells of the coarsest level at
// which b overlaps at most maxCells cells, so the ranges are few and scan
// little outside b (at most about twice b's area for maxCells of 16).
func boxRanges(b microBox, maxCells int) [][2]int64 {
	level := hilbertLevel
	for l := 1; l <= hilbertLevel; l++ {
		nx := cellX(b.MaxX, l) - cellX(b.MinX, l) + 1
		ny := cellY(b.MaxY, l) - cellY(b.MinY, l) + 1
		if nx*ny > int64(maxCells) {
			level = max(l-1, 0)
			break
		}
	}
	if level == 0 {
		return [][2]int64{{0, 1<<(2*hilbertLevel) - 1}}
	}
	return hRanges(cellsOver(b, level))
}

// sortRanges sorts ranges by their start.
func sortRanges(rs [][2]int64) {
	slices.SortFunc(rs, func(a, b [2]int64) int { return cmp.Compare(a[0], b[0]) })
}
