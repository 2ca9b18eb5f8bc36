package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
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

// Extent returns the number of events, their bounding box (at the
// micro-degree precision of the served coordinates) and their date range
// (From is the earliest date, To the latest). The box is the union of the
// R*Tree root's cells, so it costs one page read however many events.
func (s *Store) Extent(ctx context.Context) (store.Extent, error) {
	var ext store.Extent
	var minDate, maxDate sql.NullInt64
	var root []byte
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return ext, fmt.Errorf("extent: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	// Separate queries so each is answered from an index.
	for _, q := range []struct {
		sql string
		dst any
	}{
		{"SELECT count(*) FROM events", &ext.Count},
		{"SELECT min(date) FROM events", &minDate},
		{"SELECT max(date) FROM events", &maxDate},
		{"SELECT data FROM events_rtree_node WHERE nodeno = 1", &root},
	} {
		if err := tx.QueryRowContext(ctx, q.sql).Scan(q.dst); err != nil {
			return ext, fmt.Errorf("extent: %w", err)
		}
	}
	if ext.Count > 0 {
		box, ok := rtreeRootBox(root)
		if !ok {
			return ext, fmt.Errorf("extent: malformed R*Tree root node")
		}
		ext.BBox = box
	}
	ext.From, ext.To = fromUnix(minDate), fromUnix(maxDate)
	return ext, nil
}

// rtreeRootBox unions the cells of an rtree_i32 node with 3 dimensions:
// a 4-byte header (depth, cell count), then per cell an 8-byte id and
// min_lon, max_lon, min_lat, max_lat as big-endian int32 micro-degrees,
// then min_day, max_day (not needed here).
func rtreeRootBox(node []byte) (geo.BBox, bool) {
	const cellSize = 8 + 6*4
	if len(node) < 4 {
		return geo.BBox{}, false
	}
	n := int(binary.BigEndian.Uint16(node[2:]))
	if n == 0 || len(node) < 4+n*cellSize {
		return geo.BBox{}, false
	}
	var b [4]int32
	for i := range n {
		c := node[4+i*cellSize+8:]
		for k := range 4 {
			v := int32(binary.BigEndian.Uint32(c[4*k:]))
			if i == 0 || k%2 == 0 && v < b[k] || k%2 == 1 && v > b[k] {
				b[k] = v
			}
		}
	}
	return geo.BBox{MinLon: float64(b[0]) / 1e6, MaxLon: float64(b[1]) / 1e6, MinLat: float64(b[2]) / 1e6, MaxLat: float64(b[3]) / 1e6}, true
}
