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
	q, args := aggregateSQL(sp, level)
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("aggregate: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("aggregate: %w", err)
	}
	defer rows.Close()
	// Only the two halves of a box across the antimeridian can both hold a
	// cell (at levels 0 and 1): the sums fold the arms' rows into cells.
	acc := store.NewCellSums(level)
	for rows.Next() {
		var r cellRow
		if err := rows.Scan(&r.cell, &r.types, &r.n, &r.sumX, &r.sumY, &r.fatal); err != nil {
			return nil, fmt.Errorf("aggregate: %w", err)
		}
		var types map[string]int64
		if err := json.Unmarshal([]byte(r.types), &types); err != nil {
			return nil, fmt.Errorf("aggregate: type counts: %w", err)
		}
		acc.Add(r.cell, r.n, r.sumX, r.sumY, r.fatal)
		for t, n := range types {
			acc.AddType(r.cell, t, n)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("aggregate: %w", err)
	}
	return acc.Cells(), nil
}

// aggregateSQL is the grouped scan of events_agg for s at level: one arm
// per box (each its box's h ranges), or the whole kind without an area.
// Grouping by cell alone follows the index order (h), so SQLite streams
// the groups instead of sorting a million entries; type_counts counts each
// cell's types on the way.
func aggregateSQL(s *spec, level int) (string, []any) {
	shift := strconv.Itoa(2 * (hilbertLevel - level))
	cols := "e.h >> " + shift + ", type_counts(e.type), count(*), sum(e.x), sum(e.y), sum(event_fatalities(e.more))"
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
	const group = " GROUP BY 1"
	if s.boxes == nil {
		return "SELECT " + cols + " FROM events e INDEXED BY events_agg WHERE " + s.kindSQL() + cond.and() + group, cond.args
	}
	var arms []string
	var args []any
	for _, b := range s.boxes {
		arms = append(arms, "SELECT "+cols+" FROM json_each(?) r CROSS JOIN events e INDEXED BY events_agg WHERE "+s.kindSQL()+
			" AND e.h BETWEEN r.value ->> 0 AND r.value ->> 1 AND e.x BETWEEN ? AND ? AND e.y BETWEEN ? AND ?"+cond.and()+group)
		args = append(args, rangesJSON(boxRanges(b, maxBoxCells)), b.MinX, b.MaxX, b.MinY, b.MaxY)
		args = append(args, cond.args...)
	}
	return strings.Join(arms, " UNION ALL "), args
}

// cellRow is one cell of one arm of the scan, with its types' counts (the
// JSON object type_counts returns).
type cellRow struct {
	cell       int64
	types      string
	n          int64
	sumX, sumY int64
	fatal      int64
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
