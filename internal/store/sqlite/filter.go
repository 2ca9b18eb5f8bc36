package sqlite

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"geoevents/geo"
	"geoevents/internal/store"
)

// spec is a validated filter split by where each condition can be tested:
// on the events_space index (area, time, kind) or only on the row.
type spec struct {
	f store.Filter
	// boxes restrict to areas (a box, a circle's or polygon's bound; two
	// when crossing the antimeridian); nil: anywhere.
	boxes []microBox
	// index holds the index-testable conditions beyond box, time and kind
	// (the circle and polygon tests), on columns x and y (alias e).
	index query
	t     timeRange
	kinds []int // kinds that can match, ascending
	// row holds the conditions only a row can test (alias e).
	row  query
	text textQuery
	sort string
}

// query is a list of SQL conditions with their bound values.
type query struct {
	where []string
	args  []any
}

func (q *query) add(cond string, args ...any) {
	q.where = append(q.where, cond)
	q.args = append(q.args, args...)
}

// and returns " AND a AND b …", or "" when there are no conditions.
func (q query) and() string {
	if len(q.where) == 0 {
		return ""
	}
	return " AND " + strings.Join(q.where, " AND ")
}

// effectiveSort is f.Sort with its default filled in.
func effectiveSort(f store.Filter) string {
	if f.Sort != "" {
		return f.Sort
	}
	if f.Near != nil {
		return store.SortDistance
	}
	return store.SortDateDesc
}

// newSpec validates f. Every user value becomes a bound parameter; the
// SQL text only ever contains our own fragments.
func newSpec(f store.Filter) (*spec, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return nil, fmt.Errorf("%w: negative limit or offset", store.ErrInvalidFilter)
	}
	s := &spec{f: f, t: openTime, sort: effectiveSort(f)}
	switch s.sort {
	case store.SortDateDesc, store.SortDateAsc, store.SortScore:
	case store.SortDistance:
		if f.Near == nil {
			return nil, fmt.Errorf("%w: sort by distance needs a near point", store.ErrInvalidFilter)
		}
	default:
		return nil, fmt.Errorf("%w: unknown sort %q (want -date, date, score or distance)", store.ErrInvalidFilter, f.Sort)
	}
	if err := s.area(f); err != nil {
		return nil, err
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		s.t = timeRange{From: math.MinInt64 + 1, To: math.MaxInt64}
		if !f.From.IsZero() {
			s.t.From = f.From.Unix()
		}
		if !f.To.IsZero() {
			s.t.To = f.To.Unix()
		}
	}
	if err := s.typesAndKinds(f); err != nil {
		return nil, err
	}
	if err := s.rowFilters(f); err != nil {
		return nil, err
	}
	return s, nil
}

// area sets the boxes and the circle and polygon tests.
func (s *spec) area(f store.Filter) error {
	var parts []geo.BBox
	if f.BBox != nil {
		if err := f.BBox.Validate(); err != nil {
			return fmt.Errorf("%w: %w", store.ErrInvalidFilter, err)
		}
		parts = f.BBox.Split()
	}
	if f.Near != nil {
		if err := f.Near.Validate(); err != nil {
			return fmt.Errorf("%w: %w", store.ErrInvalidFilter, err)
		}
		parts = intersectParts(parts, f.BBox != nil, f.Near.Bound().Split())
		cond, args := nearCondition(*f.Near)
		s.index.add(cond, args...)
	}
	if f.Within != nil {
		mp, err := multiPolygon(f.Within)
		if err != nil {
			return err
		}
		// The bound crosses the antimeridian for polygons that do, so the
		// index pre-filter stays two narrow ranges, not the whole map.
		parts = intersectParts(parts, f.BBox != nil || f.Near != nil, geo.MultiPolygonBound(mp).Split())
		s.index.add("geo_in_polygon(e.x / 1000000.0, e.y / 1000000.0, ?)", encodePolygon(mp))
	}
	if f.BBox == nil && f.Near == nil && f.Within == nil {
		return nil
	}
	s.boxes = []microBox{} // an area was given: no parts means nothing matches
	for _, p := range parts {
		s.boxes = append(s.boxes, microBox{micro(p.MinLon), micro(p.MinLat), micro(p.MaxLon), micro(p.MaxLat)})
	}
	return nil
}

// intersectParts intersects two sets of non-crossing boxes (a is ignored
// unless set).
func intersectParts(a []geo.BBox, set bool, b []geo.BBox) []geo.BBox {
	if !set {
		return b
	}
	var out []geo.BBox
	for _, p := range a {
		for _, q := range b {
			r := geo.BBox{MinLon: max(p.MinLon, q.MinLon), MinLat: max(p.MinLat, q.MinLat), MaxLon: min(p.MaxLon, q.MaxLon), MaxLat: min(p.MaxLat, q.MaxLat)}
			if micro(r.MinLon) <= micro(r.MaxLon) && micro(r.MinLat) <= micro(r.MaxLat) {
				out = append(out, r)
			}
		}
	}
	return out
}

// typesAndKinds sets the kinds that can match and, when the types listed
// say more than their kinds, a row test on the type; then keeps the
// kinds of the precisions asked for (precision).
func (s *spec) typesAndKinds(f store.Filter) error {
	if len(f.Types) == 0 {
		s.kinds = []int{kindEvent}
		if f.Mentions {
			s.kinds = []int{kindEvent, kindMention}
		}
		return s.precision(f.MaxPrecision)
	}
	onlyMention := true
	for _, t := range f.Types {
		k := kindOf(t, 0)
		if !slices.Contains(s.kinds, k) {
			s.kinds = append(s.kinds, k)
		}
		onlyMention = onlyMention && k == kindMention
	}
	if !onlyMention { // type = 'Mention' is exactly the mention kinds
		addIn(&s.row, "e.type", f.Types)
	}
	return s.precision(f.MaxPrecision)
}

// precision adds the coarse kinds of s's kinds unless max (a
// Filter.MaxPrecision) leaves them out, and the row test that tells
// precision 1 from 2, which no kind does.
func (s *spec) precision(max int) error {
	if err := store.CheckPrecision(max); err != nil {
		return err
	}
	if max == 0 || max >= coarsePrecision {
		for _, k := range s.kinds {
			s.kinds = append(s.kinds, k|kindCoarse)
		}
	}
	if max == 1 {
		s.row.add("event_precision(e.more) <= 1")
	}
	slices.Sort(s.kinds)
	return nil
}

// rowFilters adds the conditions only rows can test.
func (s *spec) rowFilters(f store.Filter) error {
	addIn(&s.row, "e.subtype", f.SubTypes)
	upper := make([]string, len(f.Countries))
	for i, c := range f.Countries {
		upper[i] = strings.ToUpper(strings.TrimSpace(c))
	}
	addIn(&s.row, "e.country_code", upper)
	if f.Place != "" {
		s.row.add("(e.place_id = ? OR e.place_name = ? COLLATE NOCASE)", f.Place, f.Place)
	}
	if f.Article != "" {
		s.row.add("e.article_id = ?", f.Article)
	}
	if len(f.Actors) > 0 {
		actorCondition(&s.row, f.Actors)
	}
	if f.Text != "" {
		s.text = parseText(f.Text)
		if s.text.match == "" {
			s.row.add("0") // only punctuation: no word can match
		}
		for i := range s.text.phrases {
			s.row.add("geo_phrase("+titleSQL+", "+sentenceSQL+", ?)", s.text.phraseArg(i))
		}
	}
	if f.MinScore != 0 {
		if math.IsNaN(f.MinScore) {
			return fmt.Errorf("%w: min_score is NaN", store.ErrInvalidFilter)
		}
		s.row.add("e.score >= ?", f.MinScore)
	}
	addIn(&s.row, "e.id", f.IDs)
	return nil
}

// gridCountable reports whether the count grid can count the matches:
// only a box (or none), a time range and kinds filter.
func (s *spec) gridCountable() bool {
	return len(s.index.where) == 0 && len(s.row.where) == 0 && s.text.match == ""
}

// kindSQL is the kind condition on alias e.
func (s *spec) kindSQL() string {
	if len(s.kinds) == 1 {
		return fmt.Sprintf("e.kind = %d", s.kinds[0])
	}
	b := []byte("e.kind IN (")
	for i, k := range s.kinds {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendInt(b, int64(k), 10)
	}
	return string(append(b, ')'))
}

// timeSQL is the condition for time range r on alias e, with its values.
func timeSQL(r timeRange) (string, []any) {
	switch {
	case r.IsOpen():
		return "", nil
	case r.To == math.MaxInt64:
		return " AND e.date >= ?", []any{r.From}
	}
	return " AND e.date >= ? AND e.date < ?", []any{r.From, r.To}
}

// micro converts degrees to integer micro-degrees, rounded half away from
// zero (as math.Round).
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

// multiPolygon accepts an orb.Polygon or orb.MultiPolygon with valid rings
// and returns it normalised by geo.NormalizePolygon (antimeridian-crossing
// rings made continuous), as geo_in_polygon and the bound expect.
func multiPolygon(g orb.Geometry) (orb.MultiPolygon, error) {
	mp, ok := geo.MultiPolygonOf(g)
	if !ok {
		return nil, fmt.Errorf("%w: within needs a Polygon or MultiPolygon, got %T", store.ErrInvalidFilter, g)
	}
	if len(mp) == 0 {
		return nil, fmt.Errorf("%w: empty MultiPolygon", store.ErrInvalidFilter)
	}
	out, err := geo.NormalizeMultiPolygon(mp)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", store.ErrInvalidFilter, err)
	}
	return out, nil
}
