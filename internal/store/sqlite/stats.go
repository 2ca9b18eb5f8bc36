package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"geoevents/geo"
	"geoevents/internal/store"
)

// Stats counts the events matching f in all, by type, by country and by
// day (ascending; events without a date are not in ByDay). Limit, Offset
// and Sort are ignored.
func (s *Store) Stats(ctx context.Context, f store.Filter) (store.Stats, error) {
	q, err := buildWhere(f, true)
	if err != nil {
		return store.Stats{}, fmt.Errorf("stats: %w", err)
	}
	st := store.Stats{ByType: map[string]int64{}, ByCountry: map[string]int64{}, ByDay: []store.DayCount{}}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return store.Stats{}, fmt.Errorf("stats: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	from := " FROM events e" + q.sql()
	if err := tx.QueryRowContext(ctx, "SELECT count(*)"+from, q.args...).Scan(&st.Total); err != nil {
		return store.Stats{}, fmt.Errorf("stats total: %w", err)
	}
	groups := []struct {
		sql string
		add func(k string, n int64)
	}{
		{"SELECT e.type, count(*)" + from + " GROUP BY e.type", func(k string, n int64) { st.ByType[k] = n }},
		{"SELECT coalesce(e.country_code, ''), count(*)" + from + " GROUP BY 1", func(k string, n int64) { st.ByCountry[k] = n }},
		// Grouping on the raw value lets SQLite walk the date index; dates
		// with a time of day are merged into their day here.
		{"SELECT e.date, count(*)" + from + andDate(q) + " GROUP BY e.date ORDER BY e.date",
			func(k string, n int64) {
				sec, _ := strconv.ParseInt(k, 10, 64)
				day := time.Unix(sec, 0).UTC().Format(time.DateOnly)
				if l := len(st.ByDay); l > 0 && st.ByDay[l-1].Day == day {
					st.ByDay[l-1].Count += n
					return
				}
				st.ByDay = append(st.ByDay, store.DayCount{Day: day, Count: n})
			}},
	}
	for _, g := range groups {
		if err := groupCount(ctx, tx, g.sql, q.args, g.add); err != nil {
			return store.Stats{}, fmt.Errorf("stats: %w", err)
		}
	}
	return st, nil
}

// andDate adds "date IS NOT NULL" to q's WHERE.
func andDate(q query) string {
	if len(q.where) == 0 {
		return " WHERE e.date IS NOT NULL"
	}
	return " AND e.date IS NOT NULL"
}

func groupCount(ctx context.Context, tx *sql.Tx, query string, args []any, add func(string, int64)) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		add(k, n)
	}
	return rows.Err()
}

// Extent returns the number of events, their bounding box and their date
// range (From is the earliest date, To the latest).
func (s *Store) Extent(ctx context.Context) (store.Extent, error) {
	var ext store.Extent
	var minLon, minLat, maxLon, maxLat sql.NullFloat64
	var minDate, maxDate sql.NullInt64
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return ext, fmt.Errorf("extent: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	err = tx.QueryRowContext(ctx, `SELECT count(*), min(lon), min(lat), max(lon), max(lat) FROM events`).
		Scan(&ext.Count, &minLon, &minLat, &maxLon, &maxLat)
	if err != nil {
		return ext, fmt.Errorf("extent: %w", err)
	}
	// Separate queries so each min/max is answered from the date index.
	if err := tx.QueryRowContext(ctx, `SELECT min(date) FROM events`).Scan(&minDate); err != nil {
		return ext, fmt.Errorf("extent: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT max(date) FROM events`).Scan(&maxDate); err != nil {
		return ext, fmt.Errorf("extent: %w", err)
	}
	if ext.Count > 0 {
		ext.BBox = geo.BBox{MinLon: minLon.Float64, MinLat: minLat.Float64, MaxLon: maxLon.Float64, MaxLat: maxLat.Float64}
	}
	ext.From, ext.To = fromUnix(minDate), fromUnix(maxDate)
	if !ext.From.IsZero() {
		ext.From = ext.From.In(time.UTC)
	}
	return ext, nil
}
