package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Query notes: a caller that wants to know what its queries cost (the web
// server's slow-query log) watches them with WatchQueries; a backend notes
// each query it runs with StartQuery, names the plan it chose, and calls
// Done, which tells the watcher. Without a watcher in the context every
// call here is a no-op, so the backends note unconditionally.

// QueryNote is one query a backend ran: which operation, on what filter,
// the plan it chose, and how long it took.
type QueryNote struct {
	Op     string // "events", "stats", "aggregate", "export"
	Filter Filter
	Took   time.Duration
	plan   string
	// explain, when set, names the plan on demand (a PostGIS EXPLAIN),
	// only for the queries the watcher asks about.
	explain func(context.Context) (string, error)
	start   time.Time
	watch   func(QueryNote)
}

// Plan names the plan the backend chose ("count: grid; page: walk").
// It is safe on a nil note.
func (q *QueryNote) Plan(plan string) {
	if q != nil {
		q.plan = plan
	}
}

// ExplainWith sets a function naming the plan when asked (PlanText), for
// backends whose planner decides inside the server. Safe on a nil note.
func (q *QueryNote) ExplainWith(fn func(context.Context) (string, error)) {
	if q != nil {
		q.explain = fn
	}
}

// Done records the query's duration and tells the watcher. It is safe on
// a nil note; call it once.
func (q *QueryNote) Done() {
	if q == nil {
		return
	}
	q.Took = time.Since(q.start)
	q.watch(*q)
}

// PlanText is the plan the backend named, or, when it left that to its
// explain function, what that says (an error's text if it fails).
func (q QueryNote) PlanText(ctx context.Context) string {
	if q.plan != "" || q.explain == nil {
		return q.plan
	}
	p, err := q.explain(ctx)
	if err != nil {
		return "explain failed: " + err.Error()
	}
	return p
}

type watchKey struct{}

// WatchQueries returns a context under which the backends tell fn of each
// query they finish, in the goroutine that ran it (fn must be safe for
// concurrent use if the context's queries run concurrently).
func WatchQueries(ctx context.Context, fn func(QueryNote)) context.Context {
	return context.WithValue(ctx, watchKey{}, fn)
}

// StartQuery notes the start of a query when ctx is watched, else returns
// nil (on which Plan, ExplainWith and Done do nothing).
func StartQuery(ctx context.Context, op string, f Filter) *QueryNote {
	fn, _ := ctx.Value(watchKey{}).(func(QueryNote))
	if fn == nil {
		return nil
	}
	return &QueryNote{Op: op, Filter: f, start: time.Now(), watch: fn}
}

// String is the filter's set fields, compactly, for logs: a polygon by its
// vertex count, not its coordinates.
func (f Filter) String() string {
	var b strings.Builder
	add := func(k string, v any) { fmt.Fprintf(&b, " %s=%v", k, v) }
	if f.BBox != nil {
		add("bbox", fmt.Sprintf("%g,%g,%g,%g", f.BBox.MinLon, f.BBox.MinLat, f.BBox.MaxLon, f.BBox.MaxLat))
	}
	if f.Near != nil {
		add("near", fmt.Sprintf("%g,%g,%gkm", f.Near.Lon, f.Near.Lat, f.Near.RadiusKm))
	}
	if f.Within != nil {
		add("within", fmt.Sprintf("%s(%d vertices)", f.Within.GeoJSONType(), vertices(f.Within)))
	}
	if !f.From.IsZero() {
		add("from", f.From.UTC().Format(time.RFC3339))
	}
	if !f.To.IsZero() {
		add("to", f.To.UTC().Format(time.RFC3339))
	}
	for _, kv := range []struct {
		k string
		v []string
	}{{"types", f.Types}, {"subtypes", f.SubTypes}, {"countries", f.Countries}, {"place", []string{f.Place}},
		{"article", []string{f.Article}}, {"sort", []string{f.Sort}}} {
		if v := strings.Join(kv.v, ","); v != "" {
			add(kv.k, v)
		}
	}
	if f.Text != "" {
		add("text", fmt.Sprintf("%q", f.Text))
	}
	if f.MinScore != 0 {
		add("min_score", f.MinScore)
	}
	if len(f.IDs) > 0 {
		add("ids", len(f.IDs))
	}
	if f.Mentions {
		add("mentions", true)
	}
	add("limit", f.Limit)
	if f.Offset > 0 {
		add("offset", f.Offset)
	}
	return strings.TrimPrefix(b.String(), " ")
}

// vertices counts the points of a polygon's rings.
func vertices(g orb.Geometry) int {
	n := 0
	switch g := g.(type) {
	case orb.Polygon:
		for _, r := range g {
			n += len(r)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			n += vertices(p)
		}
	}
	return n
}
