package sqlite

import (
	"strconv"
	"strings"
)

// Two indexes find the events of an area without reading rows:
//
//   - events_space (kind, h, x, y, date): a box is a few h ranges (the
//     cells of the coarsest level at which it overlaps at most maxBoxCells
//     cells), each one seek; the entries' x, y and date are tested.
//   - events_cell (kind, h >> cellShift, date, x, y): per cell of level
//     cellLevel (about 8 × 5 km), events in date order, so a time range is
//     one seek per cell, and the newest of a few cells merge in order.

// cellLevel is the level of events_cell's cells, cellShift the shift that
// turns h into a cell index at that level.
const (
	cellLevel = 12
	cellShift = 2 * (hilbertLevel - cellLevel)
)

// maxBoxCells bounds the cells a box is covered with when scanned whole
// (adjacent ones merge into one range): a box's cells then cover at most
// about twice its area.
const maxBoxCells = 64

// maxCellSeeks bounds the cells of level cellLevel a box may overlap for
// events_cell to serve it.
const maxCellSeeks = 256

// maxMergeArms bounds the arms of a merge (one per cell and kind).
const maxMergeArms = 16

// cellsOf returns the level-cellLevel cells overlapping b, or nil when
// there are more than maxCellSeeks.
func cellsOf(b microBox) []int64 {
	nx := cellX(b.MaxX, cellLevel) - cellX(b.MinX, cellLevel) + 1
	ny := cellY(b.MaxY, cellLevel) - cellY(b.MinY, cellLevel) + 1
	if nx*ny > maxCellSeeks {
		return nil
	}
	cs := cellsOver(b, cellLevel)
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.index()
	}
	return out
}

// spaceSQL selects cols from events_space (alias e) for the events of s's
// kinds in box whose h lies in the given ranges, with further index
// conditions: one seek per range and kind. It returns the SQL and its
// bound values (colArgs first).
func spaceSQL(cols string, colArgs []any, s *spec, box microBox, ranges [][2]int64, extra query) (string, []any) {
	from, rargs := rangeRows(ranges)
	q := "SELECT " + cols + " FROM " + from + " CROSS JOIN events e INDEXED BY events_space WHERE r.lo <= r.hi AND " + s.kindSQL() +
		" AND e.h BETWEEN r.lo AND r.hi AND e.x BETWEEN ? AND ? AND e.y BETWEEN ? AND ?" + extra.and()
	args := append(append(append([]any{}, colArgs...), rargs...), box.MinX, box.MaxX, box.MinY, box.MaxY)
	return q, append(args, extra.args...)
}

// cellSQL selects cols from events_cell (alias e) for the events of s's
// kinds in box, in the given cells, within time range t: one seek per
// cell and kind.
func cellSQL(cols string, colArgs []any, s *spec, box microBox, cells []int64, t timeRange, extra query) (string, []any) {
	tsql, targs := timeSQL(t)
	q := "SELECT " + cols + " FROM json_each(?) r CROSS JOIN events e INDEXED BY events_cell WHERE " + s.kindSQL() +
		" AND e.h >> " + strconv.Itoa(cellShift) + " = r.value" + tsql + " AND e.x BETWEEN ? AND ? AND e.y BETWEEN ? AND ?" + extra.and()
	args := append(append(append(append([]any{}, colArgs...), intsJSON(cells)), targs...), box.MinX, box.MaxX, box.MinY, box.MaxY)
	return q, append(args, extra.args...)
}

// areaSQL selects cols for the events of s's kinds in box within time t,
// never reading a row: over all time through events_space (fine ranges,
// little scanned outside box); for a time range through events_cell when
// box overlaps few cells (one seek per cell to the range). ok is false
// when neither fits (a time range over a large box).
func areaSQL(cols string, colArgs []any, s *spec, box microBox, t timeRange, extra query) (string, []any, bool) {
	if t.IsOpen() {
		q, a := spaceSQL(cols, colArgs, s, box, boxRanges(box, maxBoxCells), extra)
		return q, a, true
	}
	if cells := cellsOf(box); cells != nil {
		q, a := cellSQL(cols, colArgs, s, box, cells, t, extra)
		return q, a, true
	}
	return "", nil, false
}

// maxRangeRows is the most ranges rangeRows binds as values (three per
// range, within SQLite's 32,766); more travel as one JSON array.
const maxRangeRows = 4096

// rangeRows returns a FROM item r holding the ranges as rows (columns i,
// their position; lo and hi), and its bound values. The ranges are bound
// as the rows of a VALUES list, padded to a power of two with empty ranges
// (lo > hi; callers skip them with r.lo <= r.hi before any seek), so a
// few statement shapes serve every count. Reading each range out of a
// JSON array instead cost more than the seek it starts (measured: 60 grid
// keys, 175 µs by json_each and ->>, 100 µs as values).
func rangeRows(rs [][2]int64) (string, []any) {
	if len(rs) > maxRangeRows {
		return "(SELECT key AS i, value ->> 0 AS lo, value ->> 1 AS hi FROM json_each(?)) r", []any{rangesJSON(rs)}
	}
	n := 1
	for n < len(rs) {
		n *= 2
	}
	var b strings.Builder
	b.Grow(len("(SELECT column1 AS i, column2 AS lo, column3 AS hi FROM (VALUES )) r") + 8*n)
	b.WriteString("(SELECT column1 AS i, column2 AS lo, column3 AS hi FROM (VALUES ")
	args := make([]any, 0, 3*n)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(?,?,?)")
		if i < len(rs) {
			args = append(args, i, rs[i][0], rs[i][1])
		} else {
			args = append(args, -1, 1, 0)
		}
	}
	b.WriteString(")) r")
	return b.String(), args
}

// rangesJSON encodes ranges as a JSON array of [lo, hi] pairs.
func rangesJSON(rs [][2]int64) string {
	b := make([]byte, 0, 24*len(rs)+2)
	b = append(b, '[')
	for i, r := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, r[0], 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, r[1], 10)
		b = append(b, ']')
	}
	return string(append(b, ']'))
}

// candidatesSQL selects cols (on alias e) for every event the index
// conditions of s admit within its boxes and time range: the UNION ALL of
// one area scan per box (the boxes are disjoint). ok is false when a box
// is too large for a time-range scan.
func candidatesSQL(cols string, colArgs []any, s *spec) (string, []any, bool) {
	var parts []string
	var args []any
	for _, b := range s.boxes {
		q, a, ok := areaSQL(cols, colArgs, s, b, s.t, s.index)
		if !ok {
			return "", nil, false
		}
		parts = append(parts, q)
		args = append(args, a...)
	}
	if len(parts) == 0 {
		return "SELECT " + cols + " FROM events e WHERE 0", nil, true
	}
	return strings.Join(parts, " UNION ALL "), args, true
}

// mergeSQL selects (rid, k) of the newest events of s's kinds in its
// boxes by date, merging each cell's date-ordered entries: SQLite merges
// the arms of a compound SELECT, each read in its index's order, and stops
// at the limit, so it reads little more than the page (the entries of the
// cells outside the boxes). The caller appends the LIMIT value. ok is
// false when the boxes need more than maxMergeArms arms.
func mergeSQL(s *spec) (string, []any, bool) {
	tsql, targs := timeSQL(s.t)
	var arms []string
	var args []any
	for _, b := range s.boxes {
		cells := cellsOf(b)
		if cells == nil || len(arms)+len(cells)*len(s.kinds) > maxMergeArms {
			return "", nil, false
		}
		for _, kind := range s.kinds {
			for _, c := range cells {
				arms = append(arms, "SELECT e.rowid AS rid, e.date AS k, e.date AS d, e.x AS x, e.y AS y FROM events e INDEXED BY events_cell WHERE e.kind = ? AND e.h >> "+
					strconv.Itoa(cellShift)+" = ?"+tsql+" AND e.x BETWEEN ? AND ? AND e.y BETWEEN ? AND ?"+s.index.and())
				args = append(append(append(args, kind, c), targs...), b.MinX, b.MaxX, b.MinY, b.MaxY)
				args = append(args, s.index.args...)
			}
		}
	}
	if len(arms) == 0 {
		return "", nil, false
	}
	return strings.Join(arms, " UNION ALL ") + " ORDER BY k DESC" + limitSQL, args, true
}
