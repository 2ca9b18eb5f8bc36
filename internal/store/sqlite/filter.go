package sqlite

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// query is a WHERE clause over events (aliased e) with its bound values.
type query struct {
	where []string
	args  []any
	// soleCount counts the matches of the first condition from its own
	// index (R*Tree or FTS5) without touching events; it is used when that
	// condition is the only one.
	soleCount string
	soleArgs  []any
}

func (q *query) add(cond string, args ...any) {
	q.where = append(q.where, cond)
	q.args = append(q.args, args...)
}

// sql returns " WHERE a AND b …", or "" when nothing filters.
func (q *query) sql() string {
	if len(q.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(q.where, " AND ")
}

// countSQL returns the query counting the matches, and its arguments.
func (q *query) countSQL() (string, []any) {
	if len(q.where) == 1 && q.soleCount != "" {
		return q.soleCount, q.soleArgs
	}
	return "SELECT count(*) FROM events e" + q.sql(), q.args
}

// buildWhere turns a filter into SQL. Every user value is a bound
// parameter; the SQL text only ever contains our own fragments. With
// rtree false, areas are tested on the event columns instead of through
// the R*Tree (for plans that walk the date or score index).
func buildWhere(f store.Filter, rtree bool) (query, error) {
	var q query
	if f.BBox != nil {
		if err := f.BBox.Validate(); err != nil {
			return q, fmt.Errorf("%w: %w", store.ErrInvalidFilter, err)
		}
		addBox(&q, *f.BBox, rtree)
	}
	if f.Near != nil {
		if err := f.Near.Validate(); err != nil {
			return q, fmt.Errorf("%w: %w", store.ErrInvalidFilter, err)
		}
		addBox(&q, f.Near.Bound(), rtree)
		q.add("geo_distance_km(e.lon, e.lat, ?, ?) <= ?", f.Near.Lon, f.Near.Lat, f.Near.RadiusKm)
	}
	if f.Within != nil {
		mp, err := multiPolygon(f.Within)
		if err != nil {
			return q, err
		}
		// The bound crosses the antimeridian for polygons that do, so the
		// index pre-filter stays two narrow ranges, not the whole map.
		addBox(&q, geo.MultiPolygonBound(mp), rtree)
		q.add("geo_in_polygon(e.lon, e.lat, ?)", encodePolygon(mp))
	}
	if !f.From.IsZero() {
		q.add("e.date >= ?", f.From.Unix())
	}
	if !f.To.IsZero() {
		q.add("e.date < ?", f.To.Unix())
	}
	addIn(&q, "e.type", f.Types)
	if len(f.Types) == 0 && !f.Mentions {
		q.add("e.type <> ?", event.TypeMention)
	}
	addIn(&q, "e.subtype", f.SubTypes)
	upper := make([]string, len(f.Countries))
	for i, c := range f.Countries {
		upper[i] = strings.ToUpper(strings.TrimSpace(c))
	}
	addIn(&q, "e.country_code", upper)
	if f.Place != "" {
		q.add("(e.place_id = ? OR e.place_name = ? COLLATE NOCASE)", f.Place, f.Place)
	}
	if f.Article != "" {
		q.add("e.article_id = ?", f.Article)
	}
	if f.Text != "" {
		m := ftsQuery(f.Text)
		if m == "" {
			q.add("0") // only punctuation: no word can match
		} else {
			if len(q.where) == 0 {
				q.soleCount, q.soleArgs = "SELECT count(*) FROM events_fts WHERE events_fts MATCH ?", []any{m}
			}
			q.add("e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", m)
		}
	}
	if f.MinScore != 0 {
		if math.IsNaN(f.MinScore) {
			return q, fmt.Errorf("%w: min_score is NaN", store.ErrInvalidFilter)
		}
		q.add("e.score >= ?", f.MinScore)
	}
	addIn(&q, "e.id", f.IDs)
	return q, nil
}

// addBox restricts to a box. Boxes work at the precision of the served
// coordinates, integer micro-degrees: a point is inside when its rounded
// coordinates lie within the box's rounded edges. Through the R*Tree
// (which stores micro-degrees) that is exact; without it the same test
// runs on the event columns. A box crossing the antimeridian is two ranges.
func addBox(q *query, b geo.BBox, rtree bool) {
	parts := b.Split()
	if !rtree {
		lat := e6("e.lat") + " BETWEEN ? AND ?"
		if len(parts) == 1 {
			q.add(e6("e.lon")+" BETWEEN ? AND ? AND "+lat, micro(b.MinLon), micro(b.MaxLon), micro(b.MinLat), micro(b.MaxLat))
		} else {
			q.add("("+e6("e.lon")+" >= ? OR "+e6("e.lon")+" <= ?) AND "+lat, micro(b.MinLon), micro(b.MaxLon), micro(b.MinLat), micro(b.MaxLat))
		}
		return
	}
	subs := make([]string, len(parts))
	counts := make([]string, len(parts))
	var args []any
	for i, p := range parts {
		cond := "min_lon <= ? AND max_lon >= ? AND min_lat <= ? AND max_lat >= ?"
		subs[i] = "SELECT id FROM events_rtree WHERE " + cond
		counts[i] = "(SELECT count(*) FROM events_rtree WHERE " + cond + ")"
		args = append(args, micro(p.MaxLon), micro(p.MinLon), micro(p.MaxLat), micro(p.MinLat))
	}
	if len(q.where) == 0 {
		// The split parts are disjoint, so their counts add up.
		q.soleCount, q.soleArgs = "SELECT "+strings.Join(counts, " + "), args
	}
	q.add("e.rowid IN ("+strings.Join(subs, " UNION ALL ")+")", args...)
}

// micro converts degrees to integer micro-degrees as e6 does in SQL.
func micro(deg float64) int64 { return int64(math.Round(deg * 1e6)) }

// addIn adds "col IN (?,?,…)" for a non-empty list.
func addIn(q *query, col string, vals []string) {
	if len(vals) == 0 {
		return
	}
	ph := strings.Repeat(",?", len(vals))[1:]
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	q.add(col+" IN ("+ph+")", args...)
}

// ftsQuery turns user text into an FTS5 query of plain words: each
// whitespace-separated token becomes an FTS5 string (double quotes
// doubled), so no input can be an FTS syntax error or an operator. Tokens
// combine with AND. It returns "" when the text holds no word characters.
func ftsQuery(text string) string {
	// Control characters (NUL would cut the query short inside SQLite) and
	// invalid UTF-8 act as separators.
	text = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return ' '
		}
		return r
	}, text)
	var b strings.Builder
	for _, tok := range strings.Fields(text) {
		if !hasWordChar(tok) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(tok, `"`, `""`))
		b.WriteByte('"')
	}
	return b.String()
}

func hasWordChar(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 {
			return true
		}
	}
	return false
}

// multiPolygon accepts an orb.Polygon or orb.MultiPolygon with valid rings
// and returns it normalised by geo.NormalizePolygon (antimeridian-crossing
// rings made continuous), as geo_in_polygon and the bound expect.
func multiPolygon(g orb.Geometry) (orb.MultiPolygon, error) {
	var mp orb.MultiPolygon
	switch v := g.(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{v}
	case orb.MultiPolygon:
		mp = v
	default:
		return nil, fmt.Errorf("%w: within needs a Polygon or MultiPolygon, got %T", store.ErrInvalidFilter, g)
	}
	if len(mp) == 0 {
		return nil, fmt.Errorf("%w: empty MultiPolygon", store.ErrInvalidFilter)
	}
	out := make(orb.MultiPolygon, len(mp))
	for i, p := range mp {
		np, err := geo.NormalizePolygon(p)
		if err != nil {
			return nil, fmt.Errorf("%w: polygon %d: %w", store.ErrInvalidFilter, i+1, err)
		}
		out[i] = np
	}
	return out, nil
}
