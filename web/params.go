package web

import (
	"errors"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// Paging limits for /api/events and /collections/events/items.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
	maxOffset    = 1 << 30
	maxTextParam = 500
	crs84        = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
)

// filterParamNames are the event filters every event endpoint accepts.
func filterParamNames() []string {
	return []string{"bbox", "near", "radius", "datetime", "from", "to", "type", "subtype", "country",
		"place", "article", "q", "min_score", "mentions", "max_precision", "actor"}
}

// ogcParamNames are standard OGC API parameters accepted and checked but
// otherwise ignored (only CRS84 and JSON are served).
func ogcParamNames() []string { return []string{"f", "crs", "bbox-crs"} }

// pagingParamNames are the paging and ordering parameters.
func pagingParamNames() []string { return []string{"limit", "offset", "sortby"} }

// paramRules says what an endpoint accepts.
type paramRules struct {
	filters      bool // event filters
	paging       bool // limit/offset/sortby
	maxLimit     int  // 0: no maximum (exports)
	defaultLimit int  // 0: everything (exports)
	extra        []string
}

// checkParams rejects unknown, repeated single-valued, empty-named and
// non-UTF-8 parameters, naming the culprit.
func checkParams(q url.Values, r paramRules) error {
	for name, vals := range q {
		if !utf8.ValidString(name) {
			return paramErr(strings.ToValidUTF8(name, "\uFFFD"), "parameter name is not valid UTF-8")
		}
		known := slices.Contains(ogcParamNames(), name) || slices.Contains(r.extra, name) ||
			(r.filters && slices.Contains(filterParamNames(), name)) ||
			(r.paging && slices.Contains(pagingParamNames(), name))
		if !known {
			return paramErr(truncate(name, 80), "unknown parameter; this endpoint accepts %s", strings.Join(allowedNames(r), ", "))
		}
		for _, v := range vals {
			if !utf8.ValidString(v) {
				return paramErr(name, "value is not valid UTF-8")
			}
			if len(v) > 4096 {
				return paramErr(name, "value is longer than 4096 bytes")
			}
		}
		multi := name == "type" || name == "subtype" || name == "country" || name == "properties" || name == "actor"
		if len(vals) > 1 && !multi {
			return paramErr(name, "given %d times; give it once", len(vals))
		}
	}
	if f := q.Get("f"); f != "" && f != "json" && f != "geojson" && f != "html" {
		return paramErr("f", "format %q is not served; use json (or html for pages)", f)
	}
	for _, name := range []string{"crs", "bbox-crs"} {
		if v := q.Get(name); v != "" && v != crs84 {
			return paramErr(name, "only %s is supported", crs84)
		}
	}
	return nil
}

func allowedNames(r paramRules) []string {
	var names []string
	if r.filters {
		names = append(names, filterParamNames()...)
	}
	if r.paging {
		names = append(names, pagingParamNames()...)
	}
	names = append(names, r.extra...)
	return append(names, ogcParamNames()...)
}

// parseFilter turns query parameters into a store filter.
func parseFilter(q url.Values, r paramRules) (store.Filter, error) {
	var f store.Filter
	if err := checkParams(q, r); err != nil {
		return f, err
	}
	if v := q.Get("bbox"); v != "" {
		if strings.Trim(v, "0123456789.,+-eE ") != "" {
			return f, paramErr("bbox", "expected 4 comma-separated decimal numbers minLon,minLat,maxLon,maxLat, got %q", truncate(v, 80))
		}
		b, err := geo.ParseBBox(v)
		if err != nil {
			return f, paramErr("bbox", "%v", err)
		}
		f.BBox = &b
	}
	if err := parseNear(q, &f); err != nil {
		return f, err
	}
	if err := parseTime(q, &f); err != nil {
		return f, err
	}
	var err error
	if f.Types, err = parseTypes(q["type"]); err != nil {
		return f, err
	}
	f.SubTypes = splitMulti(q["subtype"])
	if f.Countries, err = parseCountries(q["country"]); err != nil {
		return f, err
	}
	for _, p := range []struct {
		name string
		dst  *string
	}{{"place", &f.Place}, {"article", &f.Article}, {"q", &f.Text}} {
		v := strings.TrimSpace(q.Get(p.name))
		if len(v) > maxTextParam {
			return f, paramErr(p.name, "longer than %d bytes", maxTextParam)
		}
		*p.dst = v
	}
	if v := q.Get("min_score"); v != "" {
		x, err := parseDecimal(v)
		if err != nil || x < 0 || x > 1 {
			return f, paramErr("min_score", "expected a number from 0 to 1, got %q", truncate(v, 40))
		}
		f.MinScore = x
	}
	if err := parseActors(q["actor"], &f); err != nil {
		return f, err
	}
	if v := q.Get("max_precision"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || store.CheckPrecision(n) != nil || n == 0 {
			return f, paramErr("max_precision", "expected 1, 2 or 3 (ACLED's geo_precision: 1 the place, 2 near it, 3 its province or country), got %q", truncate(v, 20))
		}
		f.MaxPrecision = n
	}
	if v := q.Get("mentions"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return f, paramErr("mentions", "expected true or false, got %q", truncate(v, 20))
		}
		f.Mentions = b
	}
	if r.paging {
		if err := parsePaging(q, r, &f); err != nil {
			return f, err
		}
	}
	return f, nil
}

// maxActors is the most actor parameters a request may give.
const maxActors = 20

// parseActors reads the repeated actor parameter: one ACLED-style name
// each (names may hold commas, so none are split).
func parseActors(vals []string, f *store.Filter) error {
	if len(vals) > maxActors {
		return paramErr("actor", "given %d times; at most %d actors", len(vals), maxActors)
	}
	for _, v := range vals {
		v = strings.TrimSpace(v)
		if v == "" {
			return paramErr("actor", "empty actor name")
		}
		if len(v) > maxTextParam {
			return paramErr("actor", "longer than %d bytes", maxTextParam)
		}
		f.Actors = append(f.Actors, v)
	}
	return nil
}

func parseNear(q url.Values, f *store.Filter) error {
	near, radius := q.Get("near"), q.Get("radius")
	if near == "" {
		if radius != "" {
			return paramErr("radius", "radius needs near=lon,lat")
		}
		return nil
	}
	parts := strings.Split(near, ",")
	if len(parts) != 2 {
		return paramErr("near", "expected lon,lat, got %q", truncate(near, 80))
	}
	lon, err1 := parseDecimal(parts[0])
	lat, err2 := parseDecimal(parts[1])
	if err1 != nil || err2 != nil || math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		return paramErr("near", "expected lon,lat in WGS84 degrees (lon -180..180, lat -90..90), got %q", truncate(near, 80))
	}
	if radius == "" {
		return paramErr("radius", "near needs radius=KM")
	}
	km, err := parseDecimal(radius)
	if err != nil {
		return paramErr("radius", "expected a distance in km, got %q", truncate(radius, 40))
	}
	c := geo.Circle{Lon: lon, Lat: lat, RadiusKm: km}
	if err := c.Validate(); err != nil {
		return paramErr("radius", "%v", err)
	}
	f.Near = &c
	return nil
}

// parseTime reads datetime and the from/to shorthand; when both are given
// the ranges intersect.
func parseTime(q url.Values, f *store.Filter) error {
	if v := q.Get("datetime"); v != "" {
		iv, err := ParseDatetime(v)
		if err != nil {
			return paramErr("datetime", "%v", err)
		}
		f.From, f.To = iv.From, iv.To
	}
	if v := q.Get("from"); v != "" {
		t, open, err := parseInstant(v, false)
		if err != nil || open {
			return paramErr("from", "expected a date YYYY-MM-DD or an RFC 3339 date-time, got %q", truncate(v, 40))
		}
		if f.From.IsZero() || t.After(f.From) {
			f.From = t
		}
	}
	if v := q.Get("to"); v != "" {
		t, open, err := parseInstant(v, true)
		if err != nil || open {
			return paramErr("to", "expected a date YYYY-MM-DD or an RFC 3339 date-time, got %q", truncate(v, 40))
		}
		if f.To.IsZero() || t.Before(f.To) {
			f.To = t
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return paramErr("to", "the time range ends before it starts")
	}
	return nil
}

// splitMulti flattens repeated and comma-separated values.
func splitMulti(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// parseTypes canonicalises event types case-insensitively.
func parseTypes(vals []string) ([]string, error) {
	var out []string
	for _, v := range splitMulti(vals) {
		i := slices.IndexFunc(event.Types, func(t string) bool { return strings.EqualFold(t, v) })
		if i < 0 {
			return nil, paramErr("type", "unknown event type %q; expected one of %s", v, strings.Join(event.Types, ", "))
		}
		out = append(out, event.Types[i])
	}
	return out, nil
}

func parseCountries(vals []string) ([]string, error) {
	out := splitMulti(vals)
	for i, c := range out {
		if len(c) != 2 || !isASCIILetter(c[0]) || !isASCIILetter(c[1]) {
			return nil, paramErr("country", "expected ISO 3166-1 alpha-2 codes such as SY, got %q", c)
		}
		out[i] = strings.ToUpper(c)
	}
	return out, nil
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func parsePaging(q url.Values, r paramRules, f *store.Filter) error {
	f.Limit = r.defaultLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil && r.maxLimit > 0 && isAllDigits(v):
			return paramErr("limit", "must be at most %d", r.maxLimit)
		case (err != nil || n < 1) && r.maxLimit > 0:
			return paramErr("limit", "expected a whole number from 1 to %d, got %q", r.maxLimit, truncate(v, 40))
		case err != nil || n < 1:
			return paramErr("limit", "expected a whole number of at least 1, got %q", truncate(v, 40))
		case r.maxLimit > 0 && n > r.maxLimit:
			return paramErr("limit", "%d is more than the maximum of %d; page with offset or use /api/export.geojson", n, r.maxLimit)
		}
		f.Limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxOffset {
			return paramErr("offset", "expected a whole number from 0 to %d, got %q", maxOffset, v)
		}
		f.Offset = n
	}
	f.Sort = store.SortDateDesc
	if f.Near != nil {
		f.Sort = store.SortDistance
	}
	if v := strings.TrimSpace(q.Get("sortby")); v != "" {
		switch v {
		case "-date":
			f.Sort = store.SortDateDesc
		case "date", "+date":
			f.Sort = store.SortDateAsc
		case "score", "-score":
			f.Sort = store.SortScore
		case "distance", "+distance":
			if f.Near == nil {
				return paramErr("sortby", "distance needs near=lon,lat&radius=KM")
			}
			f.Sort = store.SortDistance
		default:
			return paramErr("sortby", "expected -date, date, score or distance, got %q", truncate(v, 40))
		}
	}
	return nil
}

func isAllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Parameter rules of the endpoints.
func eventsRules() paramRules {
	return paramRules{filters: true, paging: true, maxLimit: MaxLimit, defaultLimit: DefaultLimit, extra: []string{"properties"}}
}

// featureRules are the parameters of one event or feature.
func featureRules() paramRules { return paramRules{extra: []string{"properties"}} }

func exportRules() paramRules { return paramRules{filters: true, paging: true} }

func statsRules() paramRules { return paramRules{filters: true} }

// errNotDecimal is parseDecimal's error.
var errNotDecimal = errors.New("not a decimal number")

// parseDecimal parses a plain finite decimal number ("-12.5", "3e2"),
// refusing what strconv also accepts but no user means: NaN, Inf, hex,
// underscores, out-of-range values.
func parseDecimal(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return 0, errNotDecimal
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return 0, errNotDecimal
		}
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, errNotDecimal
	}
	return x, nil
}
