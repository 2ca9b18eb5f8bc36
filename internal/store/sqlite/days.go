package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"modernc.org/sqlite"

	"geoevents/internal/store"
)

// The day counts (table event_days, schema_days migration) hold how many
// events there are per kind, day (UTC), type and country: what the map's
// timeline (Stats: in all, by type, by country, by day) and its chart of
// events per week (Weekly) count, for the filters that test nothing else
// (no area, no text, no row test; whole days). On the 1M-event benchmark
// database they are 60,000 rows where a count walked a million index
// entries. Every write keeps them exact: inserts through addToDays,
// deletes and updates through the triggers of schemaDaysSQL.

// undatedDay is the day of undated events (store.UndatedDay).
const undatedDay = store.UndatedDay

// eventDay is the day of a date column, undatedDay for NULL.
func eventDay(date sql.NullInt64) int64 {
	if !date.Valid {
		return undatedDay
	}
	return store.DayOf(date.Int64)
}

// dayCountsSQL selects the day counts of the events a WHERE clause on
// events picks: the one rule of what an event counts in.
const dayCountsSQL = "SELECT kind, event_day(date), type, coalesce(country_code, ''), count(*) FROM events WHERE "

// schemaDaysSQL creates the day counts and the triggers that keep them
// exact; schemaDaysRun fills them. It can run again on a database that
// has them (tests rewind the schema version to replay a step before it).
const schemaDaysSQL = `
DROP TRIGGER IF EXISTS events_days_ad;
DROP TRIGGER IF EXISTS events_days_au;
CREATE TABLE IF NOT EXISTS event_days (
	kind    INTEGER NOT NULL,
	day     INTEGER NOT NULL,
	type    TEXT NOT NULL,
	country TEXT NOT NULL,
	n       INTEGER NOT NULL,
	PRIMARY KEY (kind, day, type, country)
) WITHOUT ROWID;
CREATE TRIGGER events_days_ad AFTER DELETE ON events BEGIN
	UPDATE event_days SET n = n - 1
		WHERE kind = old.kind AND day = event_day(old.date) AND type = old.type AND country = coalesce(old.country_code, '');
	DELETE FROM event_days
		WHERE n = 0 AND kind = old.kind AND day = event_day(old.date) AND type = old.type AND country = coalesce(old.country_code, '');
END;
CREATE TRIGGER events_days_au AFTER UPDATE OF kind, date, type, country_code ON events BEGIN
	UPDATE event_days SET n = n - 1
		WHERE kind = old.kind AND day = event_day(old.date) AND type = old.type AND country = coalesce(old.country_code, '');
	DELETE FROM event_days
		WHERE n = 0 AND kind = old.kind AND day = event_day(old.date) AND type = old.type AND country = coalesce(old.country_code, '');
	INSERT INTO event_days (kind, day, type, country, n)
		VALUES (new.kind, event_day(new.date), new.type, coalesce(new.country_code, ''), 1)
		ON CONFLICT (kind, day, type, country) DO UPDATE SET n = n + 1;
END;
`

func schemaDaysRun(ctx context.Context, tx *sql.Tx) error { return rebuildDays(ctx, tx) }

// addToDays counts the events inserted after rowid last.
func addToDays(ctx context.Context, tx *sql.Tx, last int64) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO event_days (kind, day, type, country, n) "+dayCountsSQL+
		"rowid > ? GROUP BY 1, 2, 3, 4 ON CONFLICT (kind, day, type, country) DO UPDATE SET n = n + excluded.n", last)
	if err != nil {
		return fmt.Errorf("day counts: %w", err)
	}
	return nil
}

// rebuildDays recounts the day counts from the events.
func rebuildDays(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM event_days"); err != nil {
		return fmt.Errorf("rebuild day counts: %w", err)
	}
	return addToDays(ctx, tx, math.MinInt64)
}

// checkDays compares the day counts with a recount from the events.
func checkDays(ctx context.Context, q queryer) error {
	recount := dayCountsSQL + "true GROUP BY 1, 2, 3, 4"
	stored := "SELECT kind, day, type, country, n FROM event_days"
	for _, c := range []struct{ a, b, what string }{{stored, recount, "holds"}, {recount, stored, "lacks"}} {
		rows, err := q.QueryContext(ctx, c.a+" EXCEPT "+c.b+" LIMIT 1")
		if err != nil {
			return fmt.Errorf("day counts: %w", err)
		}
		var kind, day, n int64
		var typ, country string
		found := rows.Next()
		if found {
			err = rows.Scan(&kind, &day, &typ, &country, &n)
		}
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("day counts: %w", err)
		}
		if found {
			return fmt.Errorf("day counts %s kind %d, day %d, type %q, country %q: %d events (recounted from the events: they differ)", c.what, kind, day, typ, country, n)
		}
	}
	return nil
}

// daysWhere is the condition on event_days selecting what f matches, and
// whether the day counts answer f at all: only kinds, types, countries
// and whole days (UTC) filter; an area, text or any other row test, a
// precision the kinds do not tell (1), or a time that is not midnight
// needs the events.
func daysWhere(f store.Filter, s *spec) (string, []any, bool) {
	if s.boxes != nil || len(s.index.where) > 0 || f.Text != "" || len(f.SubTypes) > 0 || f.Place != "" ||
		f.Article != "" || len(f.Actors) > 0 || f.MinScore != 0 || len(f.IDs) > 0 || f.MaxPrecision == 1 {
		return "", nil, false
	}
	var q query
	kinds := make([]string, len(s.kinds))
	for i, k := range s.kinds {
		kinds[i] = fmt.Sprint(k)
	}
	q.add("kind IN (" + strings.Join(kinds, ", ") + ")")
	addIn(&q, "type", f.Types)
	countries := make([]string, len(f.Countries))
	for i, c := range f.Countries {
		if countries[i] = strings.ToUpper(strings.TrimSpace(c)); countries[i] == "" {
			return "", nil, false // '' is a missing code here, never a match there
		}
	}
	addIn(&q, "country", countries)
	if !s.t.IsOpen() {
		from, to, ok := store.WholeDays(f.From, f.To)
		if !ok {
			return "", nil, false
		}
		q.add("day >= ? AND day < ?", from, to)
	}
	return " WHERE " + strings.Join(q.where, " AND "), q.args, true
}

// daysStats fills st from the day counts (where and args from daysWhere).
func daysStats(ctx context.Context, tx *sql.Tx, where string, args []any, st *store.Stats) error {
	for _, g := range []struct {
		sql string
		dst map[string]int64
	}{
		{"SELECT type, sum(n) FROM event_days" + where + " GROUP BY type", st.ByType},
		{"SELECT country, sum(n) FROM event_days" + where + " GROUP BY country", st.ByCountry},
	} {
		if err := groupCount(ctx, tx, g.sql, args, func(k string, n int64) { g.dst[k] = n }); err != nil {
			return err
		}
	}
	for _, n := range st.ByType {
		st.Total += n
	}
	rows, err := tx.QueryContext(ctx, "SELECT day, sum(n) FROM event_days"+where+" AND day <> ? GROUP BY day ORDER BY day", append(slices.Clone(args), int64(undatedDay))...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var day, n int64
		if err := rows.Scan(&day, &n); err != nil {
			return err
		}
		st.ByDay = append(st.ByDay, store.DayCount{Day: time.Unix(day*86400, 0).UTC().Format(time.DateOnly), Count: n})
	}
	return rows.Err()
}

// daysWeekly sums the day counts into weeks (where and args from
// daysWhere).
func daysWeekly(ctx context.Context, tx *sql.Tx, where string, args []any) ([]store.WeekCount, error) {
	rows, err := tx.QueryContext(ctx, "SELECT week_monday(day), type, sum(n) FROM event_days"+where+" AND day <> ? GROUP BY 1, 2",
		append(slices.Clone(args), int64(undatedDay))...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	sums := store.WeekSums{}
	for rows.Next() {
		var monday, n int64
		var typ string
		if err := rows.Scan(&monday, &typ, &n); err != nil {
			return nil, err
		}
		sums.Add(monday, typ, n)
	}
	return sums.Weeks(), rows.Err()
}

// event_day(date) is eventDay; week_monday(day) is store.MondayOf. Pure.
func init() {
	sqlite.MustRegisterFunction("event_day", &sqlite.FunctionImpl{
		NArgs: 1, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			d, ok := args[0].(int64)
			return eventDay(sql.NullInt64{Int64: d, Valid: ok}), nil
		},
	})
	sqlite.MustRegisterFunction("week_monday", &sqlite.FunctionImpl{
		NArgs: 1, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			d, _ := args[0].(int64)
			return store.MondayOf(d), nil
		},
	})
}
