package sqlite

import (
	"context"
	"fmt"
	"strings"

	"geoevents/internal/store"
)

// The planner picks, per query, how to count the matches and how to read
// the page. Counts come from the count grid when only an area, a time
// range and kinds filter; else from the index that narrows most (area:
// events_space; words: the full-text index; other filters: SQLite's
// choice). Pages come either from walking an index in the page's order
// (events_date, events_score), testing each row, which stops after the
// page, or from collecting the candidates (area or words), finding the
// sort key of the page's last event among them and reading only the rows
// up to it. Which is cheaper depends on how many events match (known from
// the count) against how many the walk passes: the rule table pagePlans
// says which applies.
//
// Every order ends with the event id, a total order: pages are disjoint
// and next links stay correct.

// orderSQL is the ORDER BY of the page for s's sort, with bound values.
func orderSQL(s *spec) (string, []any) {
	switch s.sort {
	case store.SortDateAsc:
		return " ORDER BY e.date IS NULL, e.date, e.id", nil
	case store.SortScore:
		return " ORDER BY e.score DESC, e.id", nil
	case store.SortDistance:
		return " ORDER BY geo_distance_km(e.x / 1000000.0, e.y / 1000000.0, ?, ?), e.id", []any{s.f.Near.Lon, s.f.Near.Lat}
	}
	// NULL sorts lowest in SQLite, so DESC puts unknown dates last.
	return " ORDER BY e.date DESC, e.id", nil
}

// walkArm is one part of a walk: the index walked, the condition that
// selects the part, and the order the index yields it in.
type walkArm struct{ index, cond, order string }

// walkArms are the parts that, walked one after the other, yield s's
// order; nil when no index does (date ascending puts unknown dates last,
// which the index does not).
func walkArms(s *spec) []walkArm {
	switch s.sort {
	case store.SortDateDesc:
		return []walkArm{{"events_date", "", " ORDER BY e.date DESC, e.id"}}
	case store.SortScore:
		// events_score holds only the events with a score (most imported
		// ones have none): those above zero, then the zeros by id, then
		// any below zero.
		return []walkArm{
			{"events_score", "e.score <> 0 AND e.score > 0", " ORDER BY e.score DESC, e.id"},
			{"events_id", "e.score = 0", " ORDER BY e.id"},
			{"events_score", "e.score <> 0 AND e.score < 0", " ORDER BY e.score DESC, e.id"},
		}
	}
	return nil
}

// rowWhere is every condition of s tested on the row (alias e): for plans
// that do not go through events_space or the full-text index.
func rowWhere(s *spec) (string, []any) {
	var q query
	q.add(s.kindSQL())
	if tsql, targs := timeSQL(s.t); tsql != "" {
		q.add(strings.TrimPrefix(tsql, " AND "), targs...)
	}
	if s.boxes != nil {
		var ors []string
		var args []any
		for _, b := range s.boxes {
			ors = append(ors, "e.x BETWEEN ? AND ? AND e.y BETWEEN ? AND ?")
			args = append(args, b.MinX, b.MaxX, b.MinY, b.MaxY)
		}
		if len(ors) == 0 {
			ors = []string{"0"}
		}
		q.add("("+strings.Join(ors, " OR ")+")", args...)
	}
	q.where = append(q.where, s.index.where...)
	q.args = append(q.args, s.index.args...)
	if s.text.match != "" {
		q.add(textMatchSQL, s.text.matchArgs()...)
	}
	q.where = append(q.where, s.row.where...)
	q.args = append(q.args, s.row.args...)
	return " WHERE " + strings.Join(q.where, " AND "), q.args
}

// candidateSource returns the SQL selecting (rowid, k) of every candidate
// for s's page, where k is the date (or haversine key for distance order),
// testing the row conditions too; rows reports whether it reads rows
// (else it is an index-only scan). ok is false when s has neither an area
// nor words to narrow by.
func candidateSource(s *spec) (q string, args []any, rows bool, ok bool) {
	key := "e.date"
	var keyArgs []any
	if s.sort == store.SortDistance {
		key, keyArgs = haversineSQL(s.f.Near.Lon, s.f.Near.Lat)
	}
	cols := "e.rowid AS rid, " + key + " AS k, e.date AS d, e.x AS x, e.y AS y"
	cq, cargs, areaOK := candidatesSQL(cols, keyArgs, s)
	switch {
	case s.boxes != nil && areaOK:
		if len(s.row.where) == 0 && s.text.match == "" {
			return cq, cargs, false, true
		}
		var extra query
		if s.text.match != "" {
			extra.add(textMatchSQL, s.text.matchArgs()...)
		}
		extra.where = append(extra.where, s.row.where...)
		extra.args = append(extra.args, s.row.args...)
		return "SELECT c.rid, c.k, c.d, c.x, c.y FROM (" + cq + ") c JOIN events e ON e.rowid = c.rid WHERE 1" + extra.and(), append(cargs, extra.args...), true, true
	case s.text.match != "":
		where, wargs := rowWhere(s)
		return "SELECT " + cols + " FROM events e" + where, append(append([]any{}, keyArgs...), wargs...), true, true
	}
	return "", nil, false, false
}

// walkSQL selects sel for one arm of a walk, testing rows.
func walkSQL(s *spec, sel string, arm walkArm, limit, offset int64) (string, []any) {
	where, args := rowWhere(s)
	if arm.cond != "" {
		where += " AND " + arm.cond
	}
	return "SELECT " + sel + " FROM events e INDEXED BY " + arm.index + where + arm.order + limitSQL + " OFFSET ?",
		append(args, limit, offset)
}

// scanSQL selects sel for the page, letting SQLite pick an index for the
// conditions and sort the matches.
func scanSQL(s *spec, sel string, limit, offset int64) (string, []any) {
	where, args := rowWhere(s)
	order, oargs := orderSQL(s)
	return "SELECT " + sel + " FROM events e" + where + order + limitSQL + " OFFSET ?",
		append(append(args, oargs...), limit, offset)
}

// cutoffSQL is the page read from the candidates: the sort key of the
// want-th candidate bounds the rows read (all when fewer); they are then
// sorted exactly. Keys never order two events against their exact order
// (dates are exact; a haversine key is within nearSlackKm of the distance).
func cutoffSQL(s *spec, sel, src string, srcArgs []any, rows bool, limit, offset int64) (string, []any) {
	order, oargs := orderSQL(s)
	mat := "NOT MATERIALIZED"
	if rows {
		mat = "MATERIALIZED"
	}
	var keyOrder, upTo string
	var upArgs []any
	switch s.sort {
	case store.SortDateAsc:
		keyOrder, upTo = " ORDER BY k IS NULL, k", "k IS NOT NULL AND k <= $v"
	case store.SortDistance:
		// haversineOf(distanceOf(v) + 2*nearSlackKm), in SQL.
		keyOrder, upTo = " ORDER BY k", "k <= pow(sin(min(asin(sqrt(max($v, 0))) + ?, pi() / 2)), 2)"
		upArgs = []any{nearSlackKm / earthRadiusKm}
	default:
		keyOrder, upTo = " ORDER BY k DESC", "k >= $v"
	}
	q := "WITH c AS " + mat + " (" + src + "), t(v) AS (SELECT k FROM c" + keyOrder + " LIMIT 1 OFFSET ?) " +
		"SELECT " + sel + " FROM events e WHERE e.rowid IN (SELECT rid FROM c WHERE (SELECT v FROM t) IS NULL OR " +
		strings.ReplaceAll(upTo, "$v", "(SELECT v FROM t)") + ")" + order + limitSQL + " OFFSET ?"
	args := append(append([]any{}, srcArgs...), max(limit+offset-1, 0))
	args = append(append(append(args, upArgs...), oargs...), limit, offset)
	return q, args
}

// pagePlan names a way to read a page.
type pagePlan string

const (
	planWalk   pagePlan = "walk"   // walk the sort index, test rows, stop after the page
	planCutoff pagePlan = "cutoff" // candidates, key of the page's last, rows up to it
	planAll    pagePlan = "all"    // all candidates' rows, sorted (no limit, or score order)
	planScan   pagePlan = "scan"   // SQLite's own plan
)

// planInput is what the rules decide on: the estimated costs (in costEntry
// units) of walking and of collecting the candidates, and the shape of s.
type planInput struct {
	walkable   bool // an index yields the order
	candidates bool // an area or words narrow the candidates
	limited    bool // the page has a limit
	keyed      bool // the sort key is known per candidate (date, distance)
	walkCost   int64
	candCost   int64
}

// pagePlans are the rules, tried in order; the first that holds decides.
var pagePlans = []struct {
	name string
	when func(planInput) bool
	plan pagePlan
}{
	{"walk when it passes fewer events than the candidates cost", func(p planInput) bool {
		return p.walkable && (!p.candidates || p.walkCost < p.candCost)
	}, planWalk},
	{"cut off candidates at the page's last key", func(p planInput) bool { return p.candidates && p.limited && p.keyed }, planCutoff},
	{"sort all candidates", func(p planInput) bool { return p.candidates }, planAll},
	{"otherwise SQLite decides", func(planInput) bool { return true }, planScan},
}

// planName names, for the slow-query log, how s is counted and how its
// page is read by plan: "count: grid; page: cutoff (area index)".
func planName(s *spec, plan pagePlan) string {
	var c string
	switch {
	case s.gridCountable():
		c = "grid"
	case s.boxes != nil:
		c = "area index"
	case s.text.match != "":
		c = "full-text index"
	default:
		c = "rows"
	}
	p := string(plan)
	switch {
	case plan == planWalk && len(walkArms(s)) > 0:
		p += " (" + walkArms(s)[0].index + ")"
	case (plan == planCutoff || plan == planAll) && s.boxes != nil:
		p += " (area index)"
	case plan == planCutoff || plan == planAll:
		p += " (full-text index)"
	}
	return "count: " + c + "; page: " + p
}

// statsPlanName names how Stats counts s, for the slow-query log.
func statsPlanName(f store.Filter, s *spec) string {
	groups := "groups: rows"
	if indexStatsOK(f, s) {
		groups = "groups: events_agg index"
	}
	return strings.TrimSuffix(planName(s, planScan), "; page: scan") + "; " + groups
}

// choosePlan applies pagePlans.
func choosePlan(p planInput) pagePlan {
	for _, r := range pagePlans {
		if r.when(p) {
			return r.plan
		}
	}
	return planScan
}

// planFor estimates the costs of s's page given how many match, from the
// planner's statistics (nil: from the database).
func planFor(ctx context.Context, tx cachedTx, s *spec, matched int64, est *estimates) (planInput, error) {
	want := matched
	if s.f.Limit > 0 {
		want = min(matched, int64(s.f.Offset)+int64(s.f.Limit))
	}
	p := planInput{walkable: len(walkArms(s)) > 0, candidates: s.boxes != nil || s.text.match != "", limited: s.f.Limit > 0,
		keyed: s.sort != store.SortScore}
	var passed, all int64
	if est != nil {
		passed, all = est.inTime(s.kinds, s.t), est.inTime(s.kinds, openTime)
	} else {
		var err error
		if passed, err = timeTotal(ctx, tx, s); err != nil {
			return p, err
		}
		if all, err = timeTotal(ctx, tx, &spec{kinds: s.kinds, t: openTime}); err != nil {
			return p, err
		}
	}
	// The walk reads rows until it has want matches, matches spread evenly.
	p.walkCost = costRow * want * max(passed, 1) / max(matched, 1)
	// The candidates: index entries (about twice the matches for an area
	// over all time; more when a time range is tested per entry), rows for
	// row conditions, and the rows read for the page.
	entries := 2 * matched
	if !s.t.IsOpen() && (len(s.boxes) == 0 || s.boxes != nil && cellsOf(s.boxes[0]) == nil) {
		// A time range tested per entry of events_space (or rows).
		entries = 2 * matched * max(all, 1) / max(passed, 1)
	}
	p.candCost = costEntry*entries + costRow*want
	if len(s.row.where) > 0 || s.text.match != "" || s.boxes == nil {
		p.candCost += costRow * entries / 2
	}
	return p, nil
}

// timeTotal estimates how many events of s's kinds lie in s's time range
// anywhere (a walk passes them): the grid's world counts for the months
// the range touches, or all.
func timeTotal(ctx context.Context, tx cachedTx, s *spec) (int64, error) {
	split := timeSplit{All: true}
	if !s.t.IsOpen() {
		m1, ok1 := monthPeriod(max(s.t.From, gridFirst))
		m2, ok2 := monthPeriod(min(s.t.To, gridEnd) - 1)
		if !ok1 || !ok2 || m1 > m2 {
			return 0, nil
		}
		split = timeSplit{Spans: []periodSpan{{Gran: granMonth, Lo: m1, Hi: m2}}}
	}
	n, err := cellCounts(ctx, tx, s.kinds, []cell{{}}, split)
	if err != nil {
		return 0, fmt.Errorf("estimate: %w", err)
	}
	return n[0], nil
}

// pageQueryFor returns the SQL selecting sel (eventColumns, or e.rowid
// for the page's rowids in order) for s's page by plan, except walks
// (see walkArms).
func pageQueryFor(s *spec, plan pagePlan, sel string, limit, offset int64) (string, []any) {
	switch plan {
	case planCutoff, planAll:
		src, args, rows, ok := candidateSource(s)
		if !ok {
			break
		}
		if plan == planCutoff && limit > 0 && s.sort != store.SortScore {
			return cutoffSQL(s, sel, src, args, rows, limit, offset)
		}
		order, oargs := orderSQL(s)
		q := "SELECT " + sel + " FROM events e WHERE e.rowid IN (SELECT rid FROM (" + src + "))" + order + limitSQL + " OFFSET ?"
		return q, append(append(args, oargs...), limit, offset)
	}
	return scanSQL(s, sel, limit, offset)
}
