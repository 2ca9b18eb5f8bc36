package postgis

import (
	"strconv"
	"strings"

	"geoevents/internal/store/gridwalk"
)

// The count grid (table event_grid) answers "how many events match"
// without reading them, as the SQLite store's does: events per kind, per
// cell of the levels of gridwalk.Levels (column and row of the shared
// world grid, package hilbert) and per time bucket (all time; calendar
// years and months, UTC, on the levels with periods). Statement triggers
// on events keep it exact on every insert, delete, update and truncate,
// whoever writes (SaveArticle, ImportEvents, a cascade from articles,
// psql). Buckets that drop to zero stay, holding 0: they count nothing,
// and they are bounded by the cells and months that ever held events.

// gridKeysSQL is the SQL function geoevents_grid_keys(kind, x, y, date):
// the buckets an event counts in, as gridwalk.Keys gives them.
func gridKeysSQL() string {
	var levels []string
	for _, l := range gridwalk.Levels {
		levels = append(levels, "("+strconv.Itoa(l.Level)+", "+strconv.FormatBool(l.Periods)+")")
	}
	bias := strconv.Itoa(gridwalk.PeriodBias)
	year := "(extract(year FROM $4 AT TIME ZONE 'UTC')::integer - 1970)"
	month := "(extract(month FROM $4 AT TIME ZONE 'UTC')::integer - 1)"
	return `
CREATE FUNCTION geoevents_grid_keys(smallint, integer, integer, timestamptz)
RETURNS TABLE (kind smallint, level smallint, gran smallint, cx integer, cy integer, period integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT $1, l.level::smallint, t.gran::smallint,
	least(greatest((($2::int8 + 180000000) << l.level) / 360000000, 0), (1::int8 << l.level) - 1)::integer,
	least(greatest((($3::int8 + 90000000) << l.level) / 180000000, 0), (1::int8 << l.level) - 1)::integer,
	t.period
FROM (VALUES ` + strings.Join(levels, ", ") + `) AS l(level, periods)
CROSS JOIN LATERAL (
	SELECT 0 AS gran, 0 AS period
	UNION ALL
	SELECT p.gran, p.period FROM (VALUES (1, ` + year + ` + ` + bias + `), (2, ` + year + ` * 12 + ` + month + ` + ` + bias + `)) AS p(gran, period)
	WHERE l.periods AND $4 >= '0001-01-01 00:00:00+00' AND $4 < '10000-01-01 00:00:00+00'
) AS t
$$;
`
}

// gridRecountSQL counts every bucket of the grid from the events.
const gridRecountSQL = "SELECT k.kind, k.level, k.gran, k.cx, k.cy, k.period, count(*) AS n FROM events e " +
	"CROSS JOIN LATERAL geoevents_grid_keys(e.kind, e.x, e.y, e.date) k GROUP BY 1, 2, 3, 4, 5, 6"

// gridCounts is the count grid as a table the triggers keep exact.
var gridCounts = countTable{table: "event_grid", alias: "g", sub: "d", name: "grid",
	keys: []string{"kind", "level", "gran", "cx", "cy", "period"}, recount: gridRecountSQL,
	cols: []string{"kind", "x", "y", "date"}}

// gridMigration creates the grid, its triggers, and fills it from the
// events stored.
func gridMigration() string {
	return `
CREATE TABLE event_grid (
	kind   smallint NOT NULL,
	level  smallint NOT NULL,
	gran   smallint NOT NULL,
	cx     integer NOT NULL,
	cy     integer NOT NULL,
	period integer NOT NULL,
	n      bigint NOT NULL,
	PRIMARY KEY (kind, level, gran, cx, cy, period)
);
` + gridKeysSQL() + gridCounts.triggersSQL()
}
