package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Limits on polygon request bodies.
const (
	maxPolygonDepth     = 12 // JSON nesting: Feature > geometry > MultiPolygon needs 7
	maxPolygonPositions = 100000
	maxPolygonParts     = 1000
)

// ErrPolygon is wrapped by every ParsePolygon error.
var ErrPolygon = errors.New("invalid polygon")

// ParsePolygon parses a GeoJSON Polygon or MultiPolygon geometry, or a
// Feature holding one, and validates it: at most 12 levels of JSON nesting,
// every ring closed with at least 4 positions, finite WGS84 coordinates,
// bounded size. Heights are dropped. The result is an orb.Polygon or
// orb.MultiPolygon.
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

func toPolygon(raw [][][]float64, count *int) (orb.Polygon, error) {
	if len(raw) == 0 {
		return nil, fmt.Errorf("%w: polygon has no rings", ErrPolygon)
	}
	if len(raw) > maxPolygonParts {
		return nil, fmt.Errorf("%w: polygon has more than %d rings", ErrPolygon, maxPolygonParts)
	}
	p := make(orb.Polygon, 0, len(raw))
	for i, r := range raw {
		if len(r) < 4 {
			return nil, fmt.Errorf("%w: ring %d has %d positions; a closed ring needs at least 4", ErrPolygon, i+1, len(r))
		}
		*count += len(r)
		if *count > maxPolygonPositions {
			return nil, fmt.Errorf("%w: more than %d positions", ErrPolygon, maxPolygonPositions)
		}
		ring := make(orb.Ring, len(r))
		for j, pos := range r {
			if len(pos) < 2 || len(pos) > 3 {
				return nil, fmt.Errorf("%w: ring %d position %d has %d numbers; expected [lon, lat] or [lon, lat, height]", ErrPolygon, i+1, j+1, len(pos))
			}
			lon, lat := pos[0], pos[1]
			if math.IsNaN(lon) || math.IsNaN(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90 {
				return nil, fmt.Errorf("%w: ring %d position %d [%v, %v] is outside WGS84 (lon -180..180, lat -90..90)", ErrPolygon, i+1, j+1, lon, lat)
			}
			ring[j] = orb.Point{lon, lat}
		}
		if ring[0] != ring[len(ring)-1] {
			return nil, fmt.Errorf("%w: ring %d is not closed: its first and last positions differ", ErrPolygon, i+1)
		}
		p = append(p, ring)
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
