package postgis

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"geoevents/internal/store"
)

// The day counts (table event_days) hold how many events there are per
// kind, geo_precision, day (UTC), type and country, as the SQLite store's
// do: what the map's timeline (Stats) and weekly chart (Weekly) count,
// for the filters that test nothing else (no area, no text, no other
// row test; whole days). Statement triggers keep them exact on every
// insert, delete, update and truncate, as the count grid's do; a count
// that drops to zero stays, holding 0, and the queries leave it out.

// undatedDay is the day of undated events (store.UndatedDay).
const undatedDay = store.UndatedDay

// dayRecountSQL counts every day bucket from the events.
const dayRecountSQL = "SELECT e.kind, e.geo_precision, " +
	"coalesce(floor(extract(epoch FROM e.date) / 86400)::bigint, -9223372036854775808) AS day, " +
	"e.type, coalesce(e.country_code, '') AS country, count(*) AS n FROM events e GROUP BY 1, 2, 3, 4, 5"

// dayCounts is the day counts as a table the triggers keep exact.
var dayCounts = countTable{table: "event_days", alias: "d", sub: "c", name: "days",
	keys: []string{"kind", "geo_precision", "day", "type", "country"}, recount: dayRecountSQL,
	cols: []string{"kind", "geo_precision", "date", "type", "country_code"}}

// daysMigration creates the day counts, their triggers, and fills them
// from the events stored.
func daysMigration() string {
	return `
CREATE TABLE event_days (
	kind          smallint NOT NULL,
	geo_precision integer NOT NULL,
	day           bigint NOT NULL,
	type          text NOT NULL,
	country       text NOT NULL,
	n             bigint NOT NULL,
	PRIMARY KEY (kind, geo_precision, day, type, country)
);
` + dayCounts.triggersSQL()
}

// daysCheckSQL counts the day buckets that disagree with a recount.
const daysCheckSQL = `SELECT count(*) FROM (` + dayRecountSQL + `) c
	FULL JOIN (SELECT * FROM event_days WHERE n <> 0) d USING (kind, geo_precision, day, type, country)
	WHERE c.n IS DISTINCT FROM d.n`

// daysWhere is the condition on event_days (alias d) selecting what f
// matches, with its values, and whether the day counts answer f at all:
// kinds, types, countries, a precision limit and whole days (UTC) only.
func daysWhere(f store.Filter) (*where, bool) {
	if f.BBox != nil || f.Near != nil || f.Within != nil || f.Text != "" || len(f.SubTypes) > 0 || f.Place != "" ||
		f.Article != "" || len(f.Actors) > 0 || f.MinScore != 0 || len(f.IDs) > 0 {
		return nil, false
	}
	if store.CheckPrecision(f.MaxPrecision) != nil {
		return nil, false // the row path gives the error
	}
	w := &where{}
	switch {
	case len(f.Types) > 0:
		w.add("d.type = ANY(" + w.arg(f.Types) + ")")
		w.add("d.kind <> " + strconv.Itoa(kindJoined))
	case !f.Mentions:
		w.add("d.kind = " + strconv.Itoa(kindEvent))
	default:
		w.add("d.kind <> " + strconv.Itoa(kindJoined)) // joined reports are counted apart, never listed
	}
	if len(f.Countries) > 0 {
		upper := make([]string, len(f.Countries))
		for i, c := range f.Countries {
			if upper[i] = strings.ToUpper(strings.TrimSpace(c)); upper[i] == "" {
				return nil, false // '' is a missing code here, never a match there
			}
		}
		w.add("d.country = ANY(" + w.arg(upper) + ")")
	}
	if f.MaxPrecision > 0 && f.MaxPrecision < store.MaxGeoPrecision {
		w.add("d.geo_precision <= " + w.arg(int64(f.MaxPrecision)))
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		from, to, ok := store.WholeDays(f.From, f.To)
		if !ok {
			return nil, false
		}
		w.add("d.day >= " + w.arg(from) + " AND d.day < " + w.arg(to))
	}
	return w, true
}

// daysStats counts Stats from the day counts.
func daysStats(ctx context.Context, tx pgx.Tx, w *where, st *store.Stats) error {
	dated := andOrWhere(w) + "d.day <> " + strconv.FormatInt(undatedDay, 10)
	for _, g := range []struct {
		sql string
		add func(k string, n int64)
	}{
		{"SELECT d.type, sum(d.n)::bigint FROM event_days d" + w.sql() + " GROUP BY 1 HAVING sum(d.n) > 0", func(k string, n int64) { st.ByType[k] = n }},
		{"SELECT d.country, sum(d.n)::bigint FROM event_days d" + w.sql() + " GROUP BY 1 HAVING sum(d.n) > 0", func(k string, n int64) { st.ByCountry[k] = n }},
		{"SELECT to_char(to_timestamp(d.day * 86400) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), sum(d.n)::bigint FROM event_days d" + w.sql() + dated +
			" GROUP BY d.day HAVING sum(d.n) > 0 ORDER BY d.day", func(k string, n int64) { st.ByDay = append(st.ByDay, store.DayCount{Day: k, Count: n}) }},
	} {
		rows, err := tx.Query(ctx, g.sql, w.args...)
		if err != nil {
			return err
		}
		var k string
		var n int64
		if _, err := pgx.ForEachRow(rows, []any{&k, &n}, func() error { g.add(k, n); return nil }); err != nil {
			return err
		}
	}
	return nil
}

// daysWeekly sums the day counts into weeks (store.MondayOf's rule,
// which date_trunc('week') also cuts).
func daysWeekly(ctx context.Context, tx pgx.Tx, w *where) ([]store.WeekCount, error) {
	q := "SELECT d.day - ((d.day % 7 + 7 + 3) % 7), d.type, sum(d.n)::bigint FROM event_days d" + w.sql() + andOrWhere(w) +
		"d.day <> " + strconv.FormatInt(undatedDay, 10) + " GROUP BY 1, 2 HAVING sum(d.n) > 0"
	rows, err := tx.Query(ctx, q, w.args...)
	if err != nil {
		return nil, err
	}
	sums := store.WeekSums{}
	var monday, n int64
	var typ string
	if _, err := pgx.ForEachRow(rows, []any{&monday, &typ, &n}, func() error { sums.Add(monday, typ, n); return nil }); err != nil {
		return nil, err
	}
	return sums.Weeks(), nil
}
