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
	note := store.StartQuery(ctx, "stats", f)
	defer note.Done()
	f.Limit, f.Offset, f.Sort = 0, 0, ""
	if f.Near != nil {
		f.Sort = store.SortDateDesc
	}
	sp, err := newSpec(f)
	if err == nil {
		note.Plan(statsPlanName(f, sp))
	}
	if err != nil {
		return store.Stats{}, fmt.Errorf("stats: %w", err)
	}
	st := store.Stats{ByType: map[string]int64{}, ByCountry: map[string]int64{}, ByDay: []store.DayCount{}}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return store.Stats{}, fmt.Errorf("stats: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	if where, args, ok := daysWhere(f, sp); ok {
		note.Plan("day counts")
		if err := daysStats(ctx, tx, where, args, &st); err != nil {
			return store.Stats{}, fmt.Errorf("stats: %w", err)
		}
		return st, nil
	}
	rtx := cachedTx{tx: tx, cache: s.stmts}
	if st.Total, err = count(ctx, rtx, sp, s.est.get()); err != nil {
		return store.Stats{}, fmt.Errorf("stats total: %w", err)
	}
	from, args := matchFrom(sp)
	groups := []struct {
		sql string
		add func(k string, n int64)
	}{
		{"SELECT e.type, count(*)" + from + " GROUP BY e.type", func(k string, n int64) { st.ByType[k] = n }},
		{"SELECT coalesce(e.country_code, ''), count(*)" + from + " GROUP BY 1", func(k string, n int64) { st.ByCountry[k] = n }},
		// Grouping on the raw value lets SQLite walk the date index; dates
		// with a time of day are merged into their day here.
		{"SELECT e.date, count(*)" + from + " AND e.date IS NOT NULL GROUP BY e.date ORDER BY e.date",
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
	if indexStatsOK(f, sp) {
		// By type and country from events_agg alone; by day below.
		if err := indexStats(ctx, tx, sp, &st); err != nil {
			return store.Stats{}, fmt.Errorf("stats: %w", err)
		}
		groups = groups[2:]
	}
	for _, g := range groups {
		if err := groupCount(ctx, tx, g.sql, args, g.add); err != nil {
			return store.Stats{}, fmt.Errorf("stats: %w", err)
		}
	}
	return st, nil
}

// matchFrom is " FROM events e WHERE …" selecting the events matching s,
// through events_space when s has an area.
func matchFrom(s *spec) (string, []any) {
	src, args, ok := candidatesSQL("e.rowid", nil, s)
	if s.boxes == nil || !ok {
		where, args := rowWhere(s)
		return " FROM events e" + where, args
	}
	var extra query
	if s.text.match != "" {
		extra.add(textMatchSQL, s.text.matchArgs()...)
	}
	extra.where = append(extra.where, s.row.where...)
	extra.args = append(extra.args, s.row.args...)
	return " FROM events e WHERE e.rowid IN (" + src + ")" + extra.and(), append(args, extra.args...)
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

// Extent returns the number of events (plain mentions included), their
// bounding box (at the micro-degree precision of the served coordinates)
// and their date range (From is the earliest date, To the latest). The
// count comes from the count grid, the box from walking the grid down to
// the cells on each edge, the dates from the ends of the date index.
func (s *Store) Extent(ctx context.Context) (store.Extent, error) {
	var ext store.Extent
	var minDate, maxDate sql.NullInt64
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return ext, fmt.Errorf("extent: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	rtx := cachedTx{tx: tx, cache: s.stmts}
	all := &spec{kinds: allKinds, t: openTime}
	if ext.Count, err = gridCount(ctx, rtx, all); err != nil {
		return ext, fmt.Errorf("extent: %w", err)
	}
	// Separate queries so each is answered from an index.
	for _, q := range []struct {
		sql string
		dst any
	}{
		{"SELECT min(date) FROM events", &minDate},
		{"SELECT max(date) FROM events", &maxDate},
	} {
		if err := tx.QueryRowContext(ctx, q.sql).Scan(q.dst); err != nil {
			return ext, fmt.Errorf("extent: %w", err)
		}
	}
	if ext.Count > 0 {
		b, err := extentBox(ctx, rtx)
		if err != nil {
			return ext, fmt.Errorf("extent: %w", err)
		}
		ext.BBox = geo.BBox{MinLon: float64(b.MinX) / 1e6, MinLat: float64(b.MinY) / 1e6, MaxLon: float64(b.MaxX) / 1e6, MaxLat: float64(b.MaxY) / 1e6}
	}
	ext.From, ext.To = fromUnix(minDate), fromUnix(maxDate)
	return ext, nil
}
