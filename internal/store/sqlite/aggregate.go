package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"modernc.org/sqlite"

	"geoevents/internal/store"
)

// Aggregate groups the events matching f into the cells of the Hilbert
// grid at level (2^level × 2^level cells; see hilbert.go): a cell at a
// level is a contiguous range of h, so grouping is h >> shift. Schema 7's
// events_agg index (kind, h, type, date, x, y, fatalities) holds every
// value it sums, so an area, time, kind and type filter is answered
// without reading a row; other filters read the rows they test.
func (s *Store) Aggregate(ctx context.Context, f store.Filter, level int) ([]store.Cell, error) {
	if err := store.CheckAggregateLevel(level); err != nil {
		return nil, err
	}
	note := store.StartQuery(ctx, "aggregate", f)
	defer note.Done()
	note.Plan("events_agg index by Hilbert cell, rows only for row filters")
	f.Limit, f.Offset, f.Sort = 0, 0, ""
	if f.Near != nil {
		f.Sort = store.SortDateDesc
	}
	sp, err := newSpec(f)
	if err != nil {
		return nil, fmt.Errorf("aggregate: %w", err)
	}
	if sp.boxes != nil && len(sp.boxes) == 0 {
		return []store.Cell{}, nil
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("aggregate: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	// Through the statement cache: the map asks again at every move, in a
	// few shapes (one arm per box or border strip).
	rtx := cachedTx{tx: tx, cache: s.stmts}
	acc := store.NewCellSums(level)
	if cellSumsOK(f, sp, level) {
		note.Plan("cell sums inside the box, events_agg index along its border")
		// The whole cells from the cell sums; the walk below reads only
		// the strips along the boxes' borders (none without a box).
		var strips []microBox
		for i := range max(1, len(sp.boxes)) {
			var b *microBox
			if sp.boxes != nil {
				b = &sp.boxes[i]
			}
			st, err := addCellSums(ctx, rtx, sp, b, acc, level)
			if err != nil {
				return nil, fmt.Errorf("aggregate: cell sums: %w", err)
			}
			strips = append(strips, st...)
		}
		if len(strips) == 0 {
			return acc.Cells(), nil
		}
		walk := *sp
		walk.boxes = strips
		sp = &walk
	}
	q, args := aggregateSQL(sp, level)
	rows, err := rtx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("aggregate: %w", err)
	}
	defer rows.Close()
	// One row per arm (box): the two halves of a box across the
	// antimeridian, the strips along a box's border and the cell sums
	// can hold parts of one cell, so the sums fold them.
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, fmt.Errorf("aggregate: %w", err)
		}
		var cells []cellRow
		if err := json.Unmarshal([]byte(raw), &cells); err != nil {
			return nil, fmt.Errorf("aggregate: cell sums: %w", err)
		}
		for _, r := range cells {
			acc.Add(r.Cell, r.N, r.SumX, r.SumY, r.Fatal)
			for t, n := range r.Types {
				acc.AddType(r.Cell, t, n)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("aggregate: %w", err)
	}
	return acc.Cells(), nil
}

// aggregateSQL is the scan of events_agg for s at level: one arm per box
// (each its box's h ranges), or the whole kind without an area. Each arm
// sums its cells in cell_sums on the way (cell h >> shift, type, x, y,
// fatalities) and returns them as one value: no GROUP BY, so SQLite never
// sorts the entries. (A GROUP BY under the box's ranges, which SQLite
// cannot know are in h order, sorted every entry of the view in a temp
// B-tree, and spilled to temp files past the page cache: 1.3-1.4 s for
// Syria at zoom 7, 442,451 events, at load 7; see cellSums.)
func aggregateSQL(s *spec, level int) (string, []any) {
	shift := strconv.Itoa(2 * (hilbertLevel - level))
	cols := "cell_sums(e.h >> " + shift + ", e.type, e.x, e.y, event_fatalities(e.more))"
	var cond query
	if tsql, targs := timeSQL(s.t); tsql != "" {
		cond.add(strings.TrimPrefix(tsql, " AND "), targs...)
	}
	cond.where = append(cond.where, s.index.where...)
	cond.args = append(cond.args, s.index.args...)
	if s.text.match != "" {
		cond.add(textMatchSQL, s.text.matchArgs()...)
	}
	cond.where = append(cond.where, s.row.where...)
	cond.args = append(cond.args, s.row.args...)
	if s.boxes == nil {
		return "SELECT " + cols + " FROM events e INDEXED BY events_agg WHERE " + s.kindSQL() + cond.and(), cond.args
	}
	var arms []string
	var args []any
	for _, b := range s.boxes {
		arms = append(arms, "SELECT "+cols+" FROM json_each(?) r CROSS JOIN events e INDEXED BY events_agg WHERE "+s.kindSQL()+
			" AND e.h BETWEEN r.value ->> 0 AND r.value ->> 1 AND e.x BETWEEN ? AND ? AND e.y BETWEEN ? AND ?"+cond.and())
		args = append(args, rangesJSON(boxRanges(b, maxBoxCells)), b.MinX, b.MaxX, b.MinY, b.MaxY)
		args = append(args, cond.args...)
	}
	return strings.Join(arms, " UNION ALL "), args
}

// cellRow is one cell of one arm of the scan, as cell_sums returns it.
type cellRow struct {
	Cell  int64            `json:"c"`
	N     int64            `json:"n"`
	SumX  int64            `json:"x"`
	SumY  int64            `json:"y"`
	Fatal int64            `json:"f"`
	Types map[string]int64 `json:"t"`
}

// packedFatalities reads the fatalities field of a packed more column
// (0 when absent or malformed: the index must not fail a write).
func packedFatalities(b []byte) int64 {
	for len(b) > 0 {
		tag, n := binary.Uvarint(b)
		if n <= 0 {
			return 0
		}
		b = b[n:]
		size, n := binary.Uvarint(b)
		if n <= 0 || size > uint64(len(b)-n) {
			return 0
		}
		if tag == tagFatalities {
			return varint(b[n : n+int(size)])
		}
		b = b[n+int(size):]
	}
	return 0
}

// event_fatalities(more) is the fatalities of a packed more column, for
// schema 7's events_agg index. It is pure.
func init() {
	sqlite.MustRegisterFunction("event_fatalities", &sqlite.FunctionImpl{
		NArgs: 1, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, _ := args[0].([]byte)
			return packedFatalities(b), nil
		},
	})
}

// typeCounts is the SQL aggregate type_counts(type): how many rows hold
// each value, as a JSON object, so a cell's types are counted in one
// GROUP BY cell that streams in index order, without sorting by type.
type typeCounts struct{ n map[string]int64 }

func (m *typeCounts) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	switch v := args[0].(type) {
	case string:
		m.n[v]++
	case []byte:
		m.n[string(v)]++
	}
	return nil
}

func (m *typeCounts) WindowInverse(_ *sqlite.FunctionContext, args []driver.Value) error {
	if v, ok := args[0].(string); ok {
		m.n[v]--
	}
	return nil
}

func (m *typeCounts) WindowValue(_ *sqlite.FunctionContext) (driver.Value, error) {
	b, err := json.Marshal(m.n)
	return string(b), err
}

func (m *typeCounts) Final(_ *sqlite.FunctionContext) {}

func init() {
	sqlite.MustRegisterFunction("type_counts", &sqlite.FunctionImpl{
		NArgs: 1, Deterministic: true,
		MakeAggregate: func(sqlite.FunctionContext) (sqlite.AggregateFunction, error) {
			return &typeCounts{n: map[string]int64{}}, nil
		},
	})
}

// cellSums is the SQL aggregate cell_sums(cell, type, x, y, fatalities):
// the rows' count, coordinate sums, fatalities and counts by type per
// cell, as a JSON array of cellRow. It groups in a hash as it goes, so a
// scan in any order (the ranges of a box) needs no sort; consecutive
// entries of the index mostly share a cell, so the last one is kept at
// hand.
type cellSums struct {
	by       map[int64]*cellRow
	last     *cellRow
	lastCell int64
}

func (m *cellSums) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	cell, _ := args[0].(int64)
	c := m.last
	if c == nil || cell != m.lastCell {
		if c = m.by[cell]; c == nil {
			c = &cellRow{Cell: cell, Types: map[string]int64{}}
			m.by[cell] = c
		}
		m.last, m.lastCell = c, cell
	}
	c.N++
	x, _ := args[2].(int64)
	y, _ := args[3].(int64)
	f, _ := args[4].(int64)
	c.SumX += x
	c.SumY += y
	c.Fatal += f
	switch v := args[1].(type) {
	case string:
		c.Types[v]++
	case []byte:
		c.Types[string(v)]++
	}
	return nil
}

func (m *cellSums) WindowInverse(*sqlite.FunctionContext, []driver.Value) error {
	return fmt.Errorf("cell_sums is not a window function")
}

func (m *cellSums) WindowValue(*sqlite.FunctionContext) (driver.Value, error) {
	rows := make([]*cellRow, 0, len(m.by))
	for _, c := range m.by {
		rows = append(rows, c)
	}
	b, err := json.Marshal(rows)
	return string(b), err
}

func (m *cellSums) Final(*sqlite.FunctionContext) {}

func init() {
	sqlite.MustRegisterFunction("cell_sums", &sqlite.FunctionImpl{
		NArgs: 5, Deterministic: true,
		MakeAggregate: func(sqlite.FunctionContext) (sqlite.AggregateFunction, error) {
			return &cellSums{by: map[int64]*cellRow{}}, nil
		},
	})
}
