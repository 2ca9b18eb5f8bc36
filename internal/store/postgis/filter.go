package postgis

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"geoevents/geo"
	"geoevents/internal/store"
)

// where is a Filter turned into SQL conditions on alias e, every user
// value a bound parameter ($1…): the SQL text only holds our fragments.
type where struct {
	conds []string
	args  []any
	// rowTests: a condition beyond area, date and kind (rowFilters), which
	// the count grid cannot answer.
	rowTests bool
}

// arg binds v and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

// sql is " WHERE a AND b …", or "" without conditions.
func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
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

// filterSQL validates f and returns its conditions.
func filterSQL(f store.Filter) (*where, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return nil, fmt.Errorf("%w: negative limit or offset", store.ErrInvalidFilter)
	}
	switch effectiveSort(f) {
	case store.SortDateDesc, store.SortDateAsc, store.SortScore:
	case store.SortDistance:
		if f.Near == nil {
			return nil, fmt.Errorf("%w: sort by distance needs a near point", store.ErrInvalidFilter)
		}
	default:
		return nil, fmt.Errorf("%w: unknown sort %q (want -date, date, score or distance)", store.ErrInvalidFilter, f.Sort)
	}
	w := &where{}
	if err := w.area(f); err != nil {
		return nil, err
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		w.add("e.date IS NOT NULL")
	}
	if !f.From.IsZero() {
		w.add("e.date >= " + w.arg(seconds(f.From)))
	}
	if !f.To.IsZero() {
		w.add("e.date < " + w.arg(seconds(f.To)))
	}
	w.types(f)
	n := len(w.conds)
	if err := w.rowFilters(f); err != nil {
		return nil, err
	}
	w.rowTests = len(w.conds) > n
	return w, nil
}

// area adds the box, circle and polygon conditions: the GiST index finds
// the candidates in the area's bounding boxes (two when it crosses the
// antimeridian), the micro-degree columns test the boxes exactly, and
// the circle and polygon are tested on each candidate.
func (w *where) area(f store.Filter) error {
	if f.BBox == nil && f.Near == nil && f.Within == nil {
		return nil
	}
	var parts []geo.BBox
	if f.BBox != nil {
		if err := f.BBox.Validate(); err != nil {
			return fmt.Errorf("%w: %w", store.ErrInvalidFilter, err)
		}
		parts = f.BBox.Split()
	}
	var tests []string
	if f.Near != nil {
		if err := f.Near.Validate(); err != nil {
			return fmt.Errorf("%w: %w", store.ErrInvalidFilter, err)
		}
		parts = intersectParts(parts, f.BBox != nil, f.Near.Bound().Split())
		tests = append(tests, w.distanceSQL(*f.Near)+" <= "+w.arg(f.Near.RadiusKm))
	}
	if f.Within != nil {
		mp, err := multiPolygon(f.Within)
		if err != nil {
			return err
		}
		parts = intersectParts(parts, f.BBox != nil || f.Near != nil, geo.MultiPolygonBound(mp).Split())
		cond, err := w.polygonSQL(mp)
		if err != nil {
			return err
		}
		tests = append(tests, cond)
	}
	var ors []string
	for _, p := range parts {
		// The envelope is widened by a micro-degree so that float
		// rounding in the index never drops a point the exact test keeps.
		ors = append(ors, fmt.Sprintf("(e.geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326) AND e.x BETWEEN %s AND %s AND e.y BETWEEN %s AND %s)",
			w.arg(p.MinLon-1e-6), w.arg(p.MinLat-1e-6), w.arg(p.MaxLon+1e-6), w.arg(p.MaxLat+1e-6),
			w.arg(int32(micro(p.MinLon))), w.arg(int32(micro(p.MaxLon))), w.arg(int32(micro(p.MinLat))), w.arg(int32(micro(p.MaxLat)))))
	}
	if len(ors) == 0 {
		w.add("false") // the areas given do not overlap
		return nil
	}
	w.add("(" + strings.Join(ors, " OR ") + ")")
	for _, t := range tests {
		w.add(t)
	}
	return nil
}

// intersectParts intersects two sets of non-crossing boxes (a is ignored
// unless set), keeping those non-empty at micro-degree precision.
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

// distanceSQL is geo.DistanceKm from the event's served position to c's
// centre, written with the same operations in the same order (and Go's
// constants bound as values), so both stores measure alike.
func (w *where) distanceSQL(c geo.Circle) string {
	rad := w.arg(math.Pi / 180)
	lon, lat := "(e.x::float8 / 1e6::float8)", "(e.y::float8 / 1e6::float8)"
	clon, clat := w.arg(c.Lon)+"::float8", w.arg(c.Lat)+"::float8"
	dLat := "((" + clat + " - " + lat + ") * " + rad + ")"
	dLon := "((" + clon + " - " + lon + ") * " + rad + ")"
	s := "(sin(" + dLat + " / 2) * sin(" + dLat + " / 2) + cos(" + lat + " * " + rad + ") * cos(" + clat + " * " + rad + ") * sin(" + dLon + " / 2) * sin(" + dLon + " / 2))"
	return "(2 * " + w.arg(geo.EarthRadiusKm) + "::float8 * asin(least(1::float8, sqrt(" + s + "))))"
}

// polygonSQL is the test of a normalised MultiPolygon, as geo.Region
// reads it: a point is in when a polygon's outer ring covers it (edges
// included) in some world copy (normalised rings crossing the
// antimeridian reach beyond 180) and none of that polygon's holes covers
// it in any copy.
func (w *where) polygonSQL(mp orb.MultiPolygon) (string, error) {
	var ors []string
	for _, p := range mp {
		shell, err := wkb.Marshal(orb.Polygon{p[0]})
		if err != nil {
			return "", fmt.Errorf("%w: %w", store.ErrInvalidFilter, err)
		}
		cond := coversSQL("ST_GeomFromWKB(" + w.arg(shell) + ", 4326)")
		if len(p) > 1 {
			holes := make(orb.MultiPolygon, 0, len(p)-1)
			for _, h := range p[1:] {
				holes = append(holes, orb.Polygon{h})
			}
			hb, err := wkb.Marshal(holes)
			if err != nil {
				return "", fmt.Errorf("%w: %w", store.ErrInvalidFilter, err)
			}
			cond += " AND NOT " + coversSQL("ST_GeomFromWKB("+w.arg(hb)+", 4326)")
		}
		ors = append(ors, "("+cond+")")
	}
	return "(" + strings.Join(ors, " OR ") + ")", nil
}

// coversSQL tests whether geometry g covers the event in any world copy.
func coversSQL(g string) string {
	return "(ST_Covers(" + g + ", e.geom) OR ST_Covers(" + g + ", ST_Translate(e.geom, 360, 0)) OR ST_Covers(" + g + ", ST_Translate(e.geom, -360, 0)))"
}

// multiPolygon accepts an orb.Polygon or orb.MultiPolygon with valid rings
// and returns it normalised (geo.NormalizeMultiPolygon).
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

// types adds the type and kind conditions: without types, events only
// (plain mentions too with Mentions); with types, the types listed.
// Reports joined to another article's incident are never listed
// (incidents.go).
func (w *where) types(f store.Filter) {
	switch {
	case len(f.Types) > 0:
		w.add("e.type = ANY(" + w.arg(f.Types) + ")")
		w.add("e.kind <> " + strconv.Itoa(kindJoined))
	case !f.Mentions:
		w.add("e.kind = " + strconv.Itoa(kindEvent))
	default:
		w.add("e.kind <> " + strconv.Itoa(kindJoined))
	}
}

// rowFilters adds the remaining field conditions.
func (w *where) rowFilters(f store.Filter) error {
	if len(f.SubTypes) > 0 {
		w.add("e.subtype = ANY(" + w.arg(f.SubTypes) + ")")
	}
	if len(f.Countries) > 0 {
		upper := make([]string, len(f.Countries))
		for i, c := range f.Countries {
			upper[i] = strings.ToUpper(strings.TrimSpace(c))
		}
		w.add("e.country_code = ANY(" + w.arg(upper) + ")")
	}
	if f.Place != "" {
		p := w.arg(f.Place)
		w.add("(e.place_id = " + p + " OR " + asciiLower("e.place_name") + " = " + asciiLower(p+"::text") + ")")
	}
	if f.Article != "" {
		w.add("e.article_id = " + w.arg(f.Article))
	}
	if len(f.Actors) > 0 {
		keys := make([]string, len(f.Actors))
		for i, a := range f.Actors {
			keys[i] = strings.ToLower(strings.TrimSpace(a))
		}
		w.add("EXISTS (SELECT 1 FROM unnest(e.actors) a WHERE lower(btrim(a)) = ANY(" + w.arg(keys) + "))")
	}
	if f.Text != "" {
		w.text(f.Text)
	}
	if f.MinScore != 0 {
		if math.IsNaN(f.MinScore) {
			return fmt.Errorf("%w: min_score is NaN", store.ErrInvalidFilter)
		}
		w.add("e.score >= " + w.arg(f.MinScore))
	}
	if len(f.IDs) > 0 {
		w.add("e.id = ANY(" + w.arg(f.IDs) + ")")
	}
	if err := store.CheckPrecision(f.MaxPrecision); err != nil {
		return err
	}
	if f.MaxPrecision > 0 && f.MaxPrecision < store.MaxGeoPrecision {
		w.add("e.geo_precision <= " + w.arg(int64(f.MaxPrecision)))
	}
	return nil
}

// orderSQL is the page order of f: the store contract's total order.
func (w *where) orderSQL(f store.Filter) string {
	switch effectiveSort(f) {
	case store.SortDateAsc:
		return " ORDER BY e.date ASC NULLS LAST, e.id"
	case store.SortScore:
		return " ORDER BY e.score DESC, e.id"
	case store.SortDistance:
		return " ORDER BY " + w.distanceSQL(*f.Near) + ", e.id"
	}
	return " ORDER BY e.date DESC NULLS LAST, e.id"
}

// pageSQL is the LIMIT/OFFSET of f (Limit 0: no limit).
func (w *where) pageSQL(f store.Filter) string {
	s := ""
	if f.Limit > 0 {
		s += " LIMIT " + w.arg(int64(f.Limit))
	}
	if f.Offset > 0 {
		s += " OFFSET " + w.arg(int64(f.Offset))
	}
	return s
}
