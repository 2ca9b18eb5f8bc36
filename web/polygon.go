package web

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/paulmach/orb"

	"geoevents/geo"
	"geoevents/geo/validity"
)

// Limits on polygon request bodies.
const (
	maxPolygonDepth = 12 // JSON nesting: Feature > geometry > MultiPolygon needs 7
	// maxPolygonPositions caps vertices. With the cost rule
	// (polygoncost.go) the worst accepted 10,000-vertex polygon answers in
	// 0.7 s on 1M events (2-core machine); at 20,000 the time per vertex
	// grows and it took 1.3 s.
	maxPolygonPositions = 10000
	maxPolygonParts     = 1000
)

// ErrPolygon is wrapped by every ParsePolygon error.
var ErrPolygon = errors.New("invalid polygon")

// ParsePolygon parses a GeoJSON Polygon or MultiPolygon geometry, or a
// Feature holding one, and validates it: at most 12 levels of JSON nesting,
// every ring closed with at least 4 positions, latitudes in [-90, 90],
// bounded size, and each polygon simple (validity.Polygon: no ring crosses
// or touches itself or another ring, holes inside the outer ring; checked
// in O(n log n), ~15 ms of CPU for 10,000 positions of any shape). The
// parts of a MultiPolygon may overlap: the search takes their union. Heights are dropped. The result is an orb.Polygon or
// orb.MultiPolygon, each polygon normalised by geo.NormalizePolygon.
//
// Polygons may cross the antimeridian in any of the usual forms: split
// into a MultiPolygon at ±180 (RFC 7946 §3.1.9), with longitudes beyond
// ±180 (up to ±540, e.g. 177 … 182, as Leaflet draws), or with an edge
// jumping across ±180 (177 → -178): an edge spanning more than 180° of
// longitude is read as the short way across. Whole-world boxes with edges
// from -180 to 180 keep their meaning. Rings winding around a pole are
// rejected, as they have no single reading.
func ParsePolygon(data []byte) (orb.Geometry, error) {
	if err := checkDepth(data, maxPolygonDepth); err != nil {
		return nil, err
	}
	var obj struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
		Geometry    json.RawMessage `json:"geometry"`
	}
	if err := json.Unmarshal(data, &obj); err != nil {
		return nil, fmt.Errorf("%w: body is not a JSON object: %v", ErrPolygon, err)
	}
	switch obj.Type {
	case "Feature":
		if len(obj.Geometry) == 0 || string(obj.Geometry) == "null" {
			return nil, fmt.Errorf("%w: the Feature has no geometry", ErrPolygon)
		}
		var g struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		}
		if err := json.Unmarshal(obj.Geometry, &g); err != nil {
			return nil, fmt.Errorf("%w: the Feature's geometry is not a JSON object: %v", ErrPolygon, err)
		}
		return parsePolygonGeometry(g.Type, g.Coordinates)
	case "Polygon", "MultiPolygon":
		return parsePolygonGeometry(obj.Type, obj.Coordinates)
	case "":
		return nil, fmt.Errorf(`%w: missing "type"; send a GeoJSON Polygon, MultiPolygon or a Feature holding one`, ErrPolygon)
	}
	return nil, fmt.Errorf("%w: type %q is not supported; send a GeoJSON Polygon, MultiPolygon or a Feature holding one", ErrPolygon, obj.Type)
}

func parsePolygonGeometry(typ string, coords json.RawMessage) (orb.Geometry, error) {
	if len(coords) == 0 || string(coords) == "null" {
		return nil, fmt.Errorf("%w: %s has no coordinates", ErrPolygon, typ)
	}
	count := 0
	switch typ {
	case "Polygon":
		var raw [][][]float64
		if err := json.Unmarshal(coords, &raw); err != nil {
			return nil, fmt.Errorf("%w: Polygon coordinates must be an array of rings of [lon, lat] positions: %v", ErrPolygon, err)
		}
		p, err := toPolygon(raw, &count)
		if err != nil {
			return nil, err
		}
		return p, nil
	case "MultiPolygon":
		var raw [][][][]float64
		if err := json.Unmarshal(coords, &raw); err != nil {
			return nil, fmt.Errorf("%w: MultiPolygon coordinates must be an array of polygons: %v", ErrPolygon, err)
		}
		if len(raw) == 0 {
			return nil, fmt.Errorf("%w: MultiPolygon has no polygons", ErrPolygon)
		}
		if len(raw) > maxPolygonParts {
			return nil, fmt.Errorf("%w: more than %d polygons", ErrPolygon, maxPolygonParts)
		}
		mp := make(orb.MultiPolygon, 0, len(raw))
		for i, r := range raw {
			p, err := toPolygon(r, &count)
			if err != nil {
				return nil, fmt.Errorf("polygon %d: %w", i+1, err)
			}
			mp = append(mp, p)
		}
		return mp, nil
	}
	return nil, fmt.Errorf("%w: geometry type %q is not supported; send a Polygon or MultiPolygon", ErrPolygon, typ)
}

// toPolygon converts decoded coordinates and normalises them with
// geo.NormalizePolygon, which also checks the rings and their ranges.
func toPolygon(raw [][][]float64, count *int) (orb.Polygon, error) {
	if len(raw) == 0 {
		return nil, fmt.Errorf("%w: polygon has no rings", ErrPolygon)
	}
	if len(raw) > maxPolygonParts {
		return nil, fmt.Errorf("%w: polygon has more than %d rings", ErrPolygon, maxPolygonParts)
	}
	p := make(orb.Polygon, 0, len(raw))
	for i, r := range raw {
		*count += len(r)
		if *count > maxPolygonPositions {
			return nil, fmt.Errorf("%w: more than %d positions", ErrPolygon, maxPolygonPositions)
		}
		ring := make(orb.Ring, len(r))
		for j, pos := range r {
			if len(pos) < 2 || len(pos) > 3 {
				return nil, fmt.Errorf("%w: ring %d position %d has %d numbers; expected [lon, lat] or [lon, lat, height]", ErrPolygon, i+1, j+1, len(pos))
			}
			ring[j] = orb.Point{pos[0], pos[1]}
		}
		p = append(p, ring)
	}
	p, err := geo.NormalizePolygon(p)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPolygon, err)
	}
	// In the unwrapped plane, so a ring crossing the antimeridian is
	// checked as the continuous ring it is.
	if err := validity.Polygon(p); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPolygon, err)
	}
	return p, nil
}

// checkDepth rejects JSON nested deeper than limit before decoding, so a
// hostile body costs one linear scan.
func checkDepth(data []byte, limit int) error {
	depth, inString, escaped := 0, false, false
	for _, b := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case b == '\\':
				escaped = true
			case b == '"':
				inString = false
			}
		case b == '"':
			inString = true
		case b == '[' || b == '{':
			depth++
			if depth > limit {
				return fmt.Errorf("%w: JSON nested deeper than %d levels", ErrPolygon, limit)
			}
		case b == ']' || b == '}':
			depth--
		}
	}
	return nil
}
