package postgis

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"geoevents/internal/store"
	"geoevents/internal/store/gridwalk"
	"geoevents/internal/store/hilbert"
)

// gridQuery is a filter the count grid can count: boxes (the whole world
// when none), a time range and kinds, nothing else.
type gridQuery struct {
	boxes []hilbert.Box
	t     gridwalk.Range
	kinds []int16
}

// gridQueryOf returns f as a gridQuery, or false when f filters on more
// than an area box, a time range and the kinds (Mentions); w is f's
// conditions (filterSQL), which say whether any row test was needed, so a
// new filter field is refused here without being listed.
func gridQueryOf(f store.Filter, w *where) (gridQuery, bool) {
	if w.rowTests || f.Near != nil || f.Within != nil || len(f.Types) > 0 {
		return gridQuery{}, false
	}
	q := gridQuery{t: gridwalk.Open, kinds: []int16{kindEvent}}
	if f.Mentions {
		q.kinds = []int16{kindEvent, kindMention}
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		q.t = gridwalk.Range{From: math.MinInt64 + 1, To: math.MaxInt64}
		if !f.From.IsZero() {
			q.t.From = f.From.Unix()
		}
		if !f.To.IsZero() {
			q.t.To = f.To.Unix()
		}
	}
	if f.BBox == nil {
		q.boxes = []hilbert.Box{{MinX: -180_000_000, MinY: -90_000_000, MaxX: 180_000_000, MaxY: 90_000_000}}
		return q, true
	}
	for _, p := range f.BBox.Split() {
		q.boxes = append(q.boxes, hilbert.Box{MinX: micro(p.MinLon), MinY: micro(p.MinLat), MaxX: micro(p.MaxLon), MaxY: micro(p.MaxLat)})
	}
	return q, true
}

// gridCount counts q's matches from the grid, in tx's snapshot.
func gridCount(ctx context.Context, tx pgx.Tx, q gridQuery) (int64, error) {
	c := gridCounter{tx: tx, kinds: q.kinds}
	var total int64
	for _, b := range q.boxes {
		n, err := gridwalk.Count(ctx, c, b, q.t)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// gridCounter reads the grid and the events for gridwalk.
type gridCounter struct {
	tx    pgx.Tx
	kinds []int16
}

// GridCounts implements gridwalk.Counter: one query, an index seek per
// cell, kind and span of periods.
func (c gridCounter) GridCounts(ctx context.Context, cells []gridwalk.Cell, split gridwalk.Split) ([]int64, error) {
	cx, cy := make([]int32, len(cells)), make([]int32, len(cells))
	for i, cl := range cells {
		cx[i], cy[i] = int32(cl.CX), int32(cl.CY)
	}
	spans := split.Spans
	if split.All {
		spans = []gridwalk.Span{{Gran: gridwalk.GranAll}}
	}
	gran, lo, hi := make([]int16, len(spans)), make([]int32, len(spans)), make([]int32, len(spans))
	for i, sp := range spans {
		gran[i], lo[i], hi[i] = int16(sp.Gran), int32(sp.Lo), int32(sp.Hi)
	}
	rows, err := c.tx.Query(ctx, `SELECT c.i, sum(g.n)
		FROM unnest($1::int4[], $2::int4[]) WITH ORDINALITY AS c(cx, cy, i)
		CROSS JOIN unnest($3::int2[], $4::int4[], $5::int4[]) AS s(gran, lo, hi)
		JOIN event_grid g ON g.kind = ANY($6::int2[]) AND g.level = $7 AND g.gran = s.gran
			AND g.cx = c.cx AND g.cy = c.cy AND g.period BETWEEN s.lo AND s.hi
		GROUP BY c.i`, cx, cy, gran, lo, hi, c.kinds, int16(cells[0].Level))
	if err != nil {
		return nil, err
	}
	out := make([]int64, len(cells))
	var i, n int64
	_, err = pgx.ForEachRow(rows, []any{&i, &n}, func() error {
		if i >= 1 && i <= int64(len(out)) {
			out[i-1] = n
		}
		return nil
	})
	return out, err
}

// CountEvents implements gridwalk.Counter with the page filter's own
// area test, one OR arm per rectangle (the border's strips are few), its
// values bound and planned for (plan_cache_mode, open.go): PostgreSQL then
// picks the GiST index per rectangle, or, for a time range, ANDs it with
// the date index before reading rows. A nested loop over the rectangles
// read every event of the border's cells of all time to test its date
// (measured: a Syria box's border through Damascus, a quarter: 0.6-1.2 s).
func (c gridCounter) CountEvents(ctx context.Context, rects []hilbert.Box, t gridwalk.Range) (int64, error) {
	var w where
	w.add("e.kind = ANY(" + w.arg(c.kinds) + ")")
	if !t.IsOpen() {
		w.add("e.date IS NOT NULL")
		if t.From > minSeconds {
			w.add("e.date >= " + w.arg(time.Unix(t.From, 0).UTC()))
		}
		if t.To < maxSeconds {
			w.add("e.date < " + w.arg(time.Unix(t.To, 0).UTC()))
		}
	}
	ors := make([]string, len(rects))
	for i, r := range rects {
		ors[i] = "(e.geom && ST_MakeEnvelope(" + w.arg(float64(r.MinX)/1e6-1e-6) + ", " + w.arg(float64(r.MinY)/1e6-1e-6) + ", " +
			w.arg(float64(r.MaxX)/1e6+1e-6) + ", " + w.arg(float64(r.MaxY)/1e6+1e-6) + ", 4326) AND e.x BETWEEN " +
			w.arg(int32(r.MinX)) + " AND " + w.arg(int32(r.MaxX)) + " AND e.y BETWEEN " + w.arg(int32(r.MinY)) + " AND " + w.arg(int32(r.MaxY)) + ")"
	}
	w.add("(" + strings.Join(ors, " OR ") + ")")
	var n int64
	err := c.tx.QueryRow(ctx, "SELECT count(*) FROM events e"+w.sql(), w.args...).Scan(&n)
	return n, err
}

// The time bounds a query passes on: beyond them no stored date lies
// (PostgreSQL keeps 4713 BC to 294276 AD), and time.Time could not say them.
var (
	minSeconds = time.Date(-4713, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	maxSeconds = time.Date(294276, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
)
