package store

import (
	"maps"
	"slices"

	"geoevents/internal/store/hilbert"
)

// CellSums adds up matching events per cell of the shared world grid
// (package hilbert) at one level and turns the sums into Aggregate's
// cells. Backends group in their own SQL and fold the rows here, so the
// cells' order, mean position, bounds and dominant type are one rule.
type CellSums struct {
	level int
	by    map[int64]*cellSum
}

type cellSum struct {
	n, sumX, sumY, fatal int64
	types                map[string]int64
}

// NewCellSums returns empty sums for the grid at level.
func NewCellSums(level int) *CellSums {
	return &CellSums{level: level, by: map[int64]*cellSum{}}
}

func (a *CellSums) cell(idx int64) *cellSum {
	c := a.by[idx]
	if c == nil {
		c = &cellSum{types: map[string]int64{}}
		a.by[idx] = c
	}
	return c
}

// Add counts n events of the cell with Hilbert index idx, whose
// micro-degree coordinates sum to sumX, sumY and whose fatalities sum to
// fatal.
func (a *CellSums) Add(idx, n, sumX, sumY, fatal int64) {
	c := a.cell(idx)
	c.n += n
	c.sumX += sumX
	c.sumY += sumY
	c.fatal += fatal
}

// AddType counts n of the cell's events as of type typ.
func (a *CellSums) AddType(idx int64, typ string, n int64) { a.cell(idx).types[typ] += n }

// Cells returns the cells in Hilbert order, each at its events' mean
// position (integer micro-degrees, the mean truncated toward zero).
func (a *CellSums) Cells() []Cell {
	order := slices.Sorted(maps.Keys(a.by))
	out := make([]Cell, 0, len(order))
	for _, idx := range order {
		c := a.by[idx]
		cx, cy := hilbert.Cell(idx, a.level)
		out = append(out, Cell{
			Lon: float64(c.sumX/c.n) / 1e6, Lat: float64(c.sumY/c.n) / 1e6,
			Bounds: hilbert.CellBox(cx, cy, a.level).Degrees(),
			Count:  c.n, Fatalities: c.fatal, Type: dominantType(c.types), Types: c.types,
		})
	}
	return out
}

// dominantType is the type with the most events; ties go to the first by
// name (the Cell contract), so the answer does not depend on map order.
func dominantType(n map[string]int64) string {
	best, bestN := "", int64(-1)
	for t, k := range n {
		if k > bestN || (k == bestN && t < best) {
			best, bestN = t, k
		}
	}
	return best
}
