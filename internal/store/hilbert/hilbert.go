// Package hilbert is the world grid the stores aggregate on: at level L,
// 2^L × 2^L cells over lon -180…180 × lat -90…90, addressed in integer
// micro-degrees (the precision stored and served) and numbered along a
// Hilbert curve, so that a cell of level L is one contiguous range of the
// indices of any finer level. store.Store.Aggregate groups events by these
// cells and returns them in this order; every backend computes them with
// this package (SQLite's own copy is held to it by its tests), so the same
// events give the same cells, bounds and order on each.
package hilbert

import "geoevents/geo"

// MaxLevel is the finest level: 2^16 × 2^16 cells of about 600 m × 300 m.
const MaxLevel = 16

// World extent in micro-degrees.
const (
	minX, maxX = -180_000_000, 180_000_000
	minY, maxY = -90_000_000, 90_000_000
	spanX      = maxX - minX
	spanY      = maxY - minY
)

// Column returns the column of micro-degree longitude x at level (0 …
// 2^level-1; the east edge, 180°, falls into the last column).
func Column(x int64, level int) int64 {
	c := (x - minX) << level / spanX
	return min(max(c, 0), 1<<level-1)
}

// Row returns the row of micro-degree latitude y at level (the north
// edge, 90°, falls into the last row).
func Row(y int64, level int) int64 {
	c := (y - minY) << level / spanY
	return min(max(c, 0), 1<<level-1)
}

// Index returns the index along the Hilbert curve of cell (cx, cy) at
// level (the classic xy→d algorithm).
func Index(cx, cy int64, level int) int64 {
	var d int64
	for s := int64(1) << level >> 1; s > 0; s >>= 1 {
		var rx, ry int64
		if cx&s != 0 {
			rx = 1
		}
		if cy&s != 0 {
			ry = 1
		}
		d += s * s * ((3 * rx) ^ ry)
		// Rotate the quadrant so the sub-curve has the right orientation.
		if ry == 0 {
			if rx == 1 {
				cx = s - 1 - cx&(s-1) + cx&^(s-1)
				cy = s - 1 - cy&(s-1) + cy&^(s-1)
			}
			cx, cy = cy, cx
		}
	}
	return d
}

// Cell returns the cell (column, row) at level of Hilbert index d, the
// inverse of Index.
func Cell(d int64, level int) (cx, cy int64) {
	for s := int64(1); s < 1<<level; s <<= 1 {
		rx := 1 & (d / 2)
		ry := 1 & (d ^ rx)
		if ry == 0 {
			if rx == 1 {
				cx, cy = s-1-cx, s-1-cy
			}
			cx, cy = cy, cx
		}
		cx += s * rx
		cy += s * ry
		d /= 4
	}
	return cx, cy
}

// PointIndex is the Hilbert index at level of the cell holding the point
// at micro-degrees (x, y).
func PointIndex(x, y int64, level int) int64 {
	return Index(Column(x, level), Row(y, level), level)
}

// Box is a cell's extent in integer micro-degrees, edges included: the
// least and greatest coordinates whose Column and Row are the cell's.
type Box struct{ MinX, MinY, MaxX, MaxY int64 }

// CellBox returns the micro-degree box of cell (cx, cy) at level. The
// boxes of one level tile the world without gaps or overlaps.
func CellBox(cx, cy int64, level int) Box {
	return Box{
		MinX: cellMin(cx, level, minX, spanX), MinY: cellMin(cy, level, minY, spanY),
		MaxX: cellMax(cx, level, minX, maxX, spanX), MaxY: cellMax(cy, level, minY, maxY, spanY),
	}
}

// Degrees is b in degrees.
func (b Box) Degrees() geo.BBox {
	return geo.BBox{MinLon: float64(b.MinX) / 1e6, MinLat: float64(b.MinY) / 1e6, MaxLon: float64(b.MaxX) / 1e6, MaxLat: float64(b.MaxY) / 1e6}
}

// cellMin is the least coordinate of column (or row) c at level on an
// axis starting at lo and spanning span micro-degrees.
func cellMin(c int64, level int, lo, span int64) int64 {
	if c <= 0 {
		return lo
	}
	n := int64(1) << level
	return (c*span+n-1)/n + lo
}

// cellMax is the greatest coordinate of column (or row) c: the next
// one's least, less one, or the axis's end for the last.
func cellMax(c int64, level int, lo, hi, span int64) int64 {
	if c >= 1<<level-1 {
		return hi
	}
	return cellMin(c+1, level, lo, span) - 1
}
