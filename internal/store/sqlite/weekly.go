package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"

	"modernc.org/sqlite"

	"geoevents/internal/store"
)

// Weekly counts the dated events matching f per week and type. Filters
// the day counts answer (kinds, types, countries, whole days: daysWhere)
// are summed from them; filters the events_agg index holds (area as a box, time, kinds, types) are
// answered from it alone, one scan per box; the others read the rows
// they test, as Stats does. week_counts sums in a hash on the way, so
// neither path sorts.
func (s *Store) Weekly(ctx context.Context, f store.Filter) ([]store.WeekCount, error) {
	f.Limit, f.Offset, f.Sort = 0, 0, ""
	if f.Near != nil {
		f.Sort = store.SortDateDesc
	}
	sp, err := newSpec(f)
	if err != nil {
		return nil, fmt.Errorf("weekly: %w", err)
	}
	sums := store.WeekSums{}
	if sp.boxes != nil && len(sp.boxes) == 0 {
		return sums.Weeks(), nil
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("weekly: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	if where, args, ok := daysWhere(f, sp); ok {
		weeks, err := daysWeekly(ctx, tx, where, args)
		if err != nil {
			return nil, fmt.Errorf("weekly: %w", err)
		}
		return weeks, nil
	}
	const cols = "week_counts(e.date, e.type)"
	var arms []string
	var args [][]any
	if indexStatsOK(f, sp) {
		arms, args = indexArms(sp, cols, "e.date IS NOT NULL")
	} else {
		from, a := matchFrom(sp)
		arms, args = []string{"SELECT " + cols + from + " AND e.date IS NOT NULL"}, [][]any{a}
	}
	for i, arm := range arms {
		var raw string
		if err := tx.QueryRowContext(ctx, arm, args[i]...).Scan(&raw); err != nil {
			return nil, fmt.Errorf("weekly: %w", err)
		}
		var rows []weekRow
		if err := json.Unmarshal([]byte(raw), &rows); err != nil {
			return nil, fmt.Errorf("weekly: %w", err)
		}
		for _, r := range rows {
			sums.Add(r.Monday, r.Type, r.N)
		}
	}
	return sums.Weeks(), nil
}

// weekRow is one (week, type) count of week_counts.
type weekRow struct {
	Monday int64  `json:"d"`
	Type   string `json:"t"`
	N      int64  `json:"n"`
}

type weekKey struct {
	monday int64
	typ    string
}

// weekCounts is the SQL aggregate week_counts(date, type): how many rows
// fall in each week (store.WeekDay of the date) and type, as a JSON array
// of weekRow; rows without a date are not counted.
type weekCounts struct{ n map[weekKey]int64 }

func (m *weekCounts) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	sec, ok := args[0].(int64)
	if !ok {
		return nil
	}
	var typ string
	switch v := args[1].(type) {
	case string:
		typ = v
	case []byte:
		typ = string(v)
	}
	m.n[weekKey{store.WeekDay(sec), typ}]++
	return nil
}

func (m *weekCounts) WindowInverse(*sqlite.FunctionContext, []driver.Value) error {
	return fmt.Errorf("week_counts is not a window function")
}

func (m *weekCounts) WindowValue(*sqlite.FunctionContext) (driver.Value, error) {
	rows := make([]weekRow, 0, len(m.n))
	for k, n := range m.n {
		rows = append(rows, weekRow{k.monday, k.typ, n})
	}
	b, err := json.Marshal(rows)
	return string(b), err
}

func (m *weekCounts) Final(*sqlite.FunctionContext) {}

func init() {
	sqlite.MustRegisterFunction("week_counts", &sqlite.FunctionImpl{
		NArgs: 2, Deterministic: true,
		MakeAggregate: func(sqlite.FunctionContext) (sqlite.AggregateFunction, error) {
			return &weekCounts{n: map[weekKey]int64{}}, nil
		},
	})
}
