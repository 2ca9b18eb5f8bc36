package sqlite

import (
	"database/sql"
	"math"
	"strconv"
	"strings"

	"geoevents/geo"
	"geoevents/internal/store"
)

// nearSlackKm bounds how far an event's distance computed from its
// micro-degree R*Tree position can be from the exact one (at most half a
// micro-degree on each axis, under 0.08 m, plus rounding), with room to spare.
const nearSlackKm = 0.001

// rtreePlan answers a box or near filter (optionally limited to whole days)
// sorted by date or distance from the R*Tree, whose cells hold each
// event's micro-degree position and day key: it counts there, finds the
// sort key (day, or haversine term of the R*Tree position) of the last event
// the page needs, and reads from events only the candidates up to that
// key, which are then sorted exactly. A day key never orders two events
// against their dates, and an R*Tree distance is within nearSlackKm of the
// exact one, so every event of the page is among the candidates. Near
// filters read an event's exact position only when its R*Tree distance is
// within nearSlackKm of the radius.
type rtreePlan struct {
	cond   string // R*Tree condition per split box part
	args   [][]any
	lo, hi int64  // day key range (inclusive) of the filter
	near   string // near only: " AND <within the radius>", with its bound values
	nargs  []any
	sort   string // effective sort: -date, date or distance
	dist   string // near only: haversine term of the R*Tree position, with its bound values
	dargs  []any
}

// newRtreePlan returns the R*Tree plan for f, or nil when f filters on more
// than one box or circle and whole days, or sorts by score. The R*Tree
// does not know an event from a plain mention, so it serves only filters
// that include mentions.
func newRtreePlan(f store.Filter) *rtreePlan {
	if (f.BBox == nil) == (f.Near == nil) || f.Within != nil || !f.Mentions || len(f.Types) > 0 || len(f.SubTypes) > 0 ||
		len(f.Countries) > 0 || len(f.IDs) > 0 || f.Place != "" || f.Article != "" || f.Text != "" || f.MinScore != 0 {
		return nil
	}
	d := &rtreePlan{lo: noDay, hi: math.MaxInt32, sort: effectiveSort(f)}
	if d.sort == store.SortScore {
		return nil
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		d.lo++ // a date range excludes events without a date
	}
	if !f.From.IsZero() {
		day, ok := wholeDay(f.From.Unix())
		if !ok {
			return nil
		}
		d.lo = max(d.lo, day)
	}
	if !f.To.IsZero() {
		day, ok := wholeDay(f.To.Unix())
		if !ok {
			return nil
		}
		d.hi = min(d.hi, day-1) // exclusive end
	}
	box := f.BBox
	if f.Near != nil {
		b := f.Near.Bound()
		box = &b
		c := *f.Near
		d.dist, d.dargs = haversineSQL(c.Lon, c.Lat)
		// Surely inside, or else not surely outside and inside exactly.
		d.near = " AND (" + d.dist + " <= ? OR " + d.dist + " <= ? AND (SELECT geo_distance_km(e.lon, e.lat, ?, ?) <= ? FROM events e WHERE e.rowid = events_rtree.id))"
		d.nargs = append(append(append(append([]any{}, d.dargs...), haversineOf(c.RadiusKm-nearSlackKm)), d.dargs...), haversineOf(c.RadiusKm+nearSlackKm), c.Lon, c.Lat, c.RadiusKm)
	}
	for _, p := range box.Split() {
		d.args = append(d.args, []any{micro(p.MaxLon), micro(p.MinLon), micro(p.MaxLat), micro(p.MinLat)})
	}
	d.cond = "min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ?"
	return d
}

// wholeDay returns the day key of a time given in Unix seconds when it is
// a midnight (UTC) well inside the key's range.
func wholeDay(sec int64) (int64, bool) {
	if sec%86400 != 0 {
		return 0, false
	}
	day := sec / 86400
	return day, day > noDay+1 && day < math.MaxInt32-1
}

// parts returns the R*Tree selections of column col for the day range
// [lo, hi], with extra conditions, joined by UNION ALL, with their bound
// values (col's first).
func (d *rtreePlan) parts(col string, colArgs []any, lo, hi int64, extra string, extraArgs ...any) (string, []any) {
	days, dayArgs := "", []any(nil)
	if lo > noDay || hi < math.MaxInt32 { // else no test: each costs time per cell
		days, dayArgs = " AND min_day >= ? AND max_day <= ?", []any{lo, hi}
	}
	subs := make([]string, len(d.args))
	var args []any
	for i, a := range d.args {
		subs[i] = "SELECT " + col + " FROM events_rtree WHERE " + d.cond + days + d.near + extra
		args = append(append(append(append(append(args, colArgs...), a...), dayArgs...), d.nargs...), extraArgs...)
	}
	return strings.Join(subs, " UNION ALL "), args
}

// keyColumn returns the R*Tree expression of the sort key, its bound
// values, and the ORDER BY of the key.
func (d *rtreePlan) keyColumn() (string, []any, string) {
	switch d.sort {
	case store.SortDateAsc:
		return "min_day", nil, " ORDER BY k = -2147483648, k"
	case store.SortDistance:
		return d.dist, d.dargs, " ORDER BY k"
	}
	return "min_day", nil, " ORDER BY k DESC"
}

// rtreeSortCap is how many matches the R*Tree plan's count collects to
// also find the page's last sort key in one R*Tree search; past it, a
// plain count is quicker, and usually the date index is walked instead.
const rtreeSortCap = 5000

// countSQL counts the matches from the R*Tree.
func (d *rtreePlan) countSQL() (string, []any) {
	sub, args := d.parts("count(*)", nil, d.lo, d.hi, "")
	return "SELECT (" + strings.ReplaceAll(sub, " UNION ALL ", ") + (") + ")", args
}

// countKeySQL counts up to rtreeSortCap + 1 matches from the R*Tree and
// returns, from that one R*Tree search, the sort key of the want-th (NULL
// when fewer match) and the JSON array of the rowids of the candidates
// for the page (those up to that key, all when it is NULL).
func (d *rtreePlan) countKeySQL(want int64) (string, []any) {
	col, colArgs, keyOrder := d.keyColumn()
	sub, args := d.parts("id, "+col, colArgs, d.lo, d.hi, "")
	args = append(args, rtreeSortCap+1, want-1)
	var upTo string
	switch d.sort {
	case store.SortDateAsc:
		upTo = "(v = -2147483648 OR k <= v AND k > -2147483648)"
	case store.SortDistance:
		// haversineOf(distanceOf(v) + 2*nearSlackKm), in SQL.
		upTo = "k <= pow(sin(min(asin(sqrt(max(v, 0))) + ?, pi() / 2)), 2)"
		args = append(args, nearSlackKm/geo.EarthRadiusKm)
	default:
		upTo = "k >= v"
	}
	return "WITH c(id, k) AS MATERIALIZED (" + sub + " LIMIT ?), t(v) AS MATERIALIZED (SELECT k FROM c" + keyOrder + " LIMIT 1 OFFSET ?) " +
		"SELECT (SELECT count(*) FROM c), (SELECT v FROM t), " +
		"(SELECT json_group_array(id) FROM c, (SELECT (SELECT v FROM t) AS v) WHERE v IS NULL OR " + upTo + ")", args
}

// pageByIDsSQL returns the query for the page of f among the candidates
// whose rowids countKeySQL returned.
func pageByIDsSQL(f store.Filter, order string, orderArgs []any, ids string) (string, []any) {
	args := append(append([]any{ids}, orderArgs...), f.Limit, f.Offset)
	return "SELECT " + eventColumns + " FROM events e WHERE e.rowid IN (SELECT value FROM json_each(?))" + order + " LIMIT ? OFFSET ?", args
}

// keySQL returns the sort key of the want-th match (no row when fewer match).
func (d *rtreePlan) keySQL(want int64) (string, []any) {
	col, colArgs, keyOrder := d.keyColumn()
	sub, args := d.parts(col+" AS k", colArgs, d.lo, d.hi, "")
	return "SELECT k FROM (" + sub + ")" + keyOrder + " LIMIT 1 OFFSET ?", append(args, want-1)
}

// pageSQL returns the query for the page of f, given the sort key of its
// last event (from countSQL; NULL: all matches are needed); order and
// orderArgs are the plan's exact ORDER BY.
func (d *rtreePlan) pageSQL(f store.Filter, order string, orderArgs []any, last sql.NullFloat64) (string, []any) {
	lo, hi := d.lo, d.hi
	extra, extraArgs := "", []any(nil)
	switch {
	case !last.Valid:
	case d.sort == store.SortDistance:
		extra, extraArgs = " AND "+d.dist+" <= ?", append(append([]any{}, d.dargs...), haversineOf(distanceOf(last.Float64)+2*nearSlackKm))
	case d.sort == store.SortDateDesc:
		lo = max(lo, int64(last.Float64))
	case int64(last.Float64) != noDay:
		lo, hi = max(lo, noDay+1), min(hi, int64(last.Float64))
	}
	sub, args := d.parts("id", nil, lo, hi, extra, extraArgs...)
	limit := int64(f.Limit)
	if limit == 0 {
		limit = -1
	}
	args = append(append(args, orderArgs...), limit, f.Offset)
	return "SELECT " + eventColumns + " FROM events e WHERE e.rowid IN (" + sub + ")" + order + " LIMIT ? OFFSET ?", args
}

// microRad converts R*Tree micro-degrees to radians.
const microRad = math.Pi / 180 / 1e6

// haversineSQL returns the SQL, with its bound values, of the haversine
// term (geo.DistanceKm's, which grows with the distance) between an R*Tree
// position and (lon, lat), in SQLite's own math functions: no call into Go
// per event.
func haversineSQL(lon, lat float64) (string, []any) {
	const rad = math.Pi / 180
	k := strconv.FormatFloat(microRad, 'g', -1, 64)
	return "(pow(sin((min_lat * " + k + " - ?) / 2), 2) + ? * cos(min_lat * " + k + ") * pow(sin((min_lon * " + k + " - ?) / 2), 2))",
		[]any{lat * rad, math.Cos(lat * rad), lon * rad}
}

// haversineOf is the haversine term of a distance in km: below 0 for a
// negative distance, 1 from half the earth's circumference on.
func haversineOf(km float64) float64 {
	if km < 0 {
		return -1
	}
	x := math.Sin(min(km/(2*geo.EarthRadiusKm), math.Pi/2))
	return x * x
}

// distanceOf is the distance in km of a haversine term (geo.DistanceKm).
func distanceOf(h float64) float64 {
	return 2 * geo.EarthRadiusKm * math.Asin(math.Min(1, math.Sqrt(max(0, h))))
}
