package main

import (
	"encoding/json"
	"errors"
	"fmt"
)

// topology is the part of a TopoJSON document the generator reads: quantised,
// delta-encoded arcs and one GeometryCollection of country polygons.
type topology struct {
	Type      string                `json:"type"`
	Transform *transform            `json:"transform"`
	Arcs      [][][2]float64        `json:"arcs"`
	Objects   map[string]collection `json:"objects"`
}

type transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

type collection struct {
	Type       string     `json:"type"`
	Geometries []geometry `json:"geometries"`
}

type geometry struct {
	Type       string            `json:"type"`
	Arcs       json.RawMessage   `json:"arcs"`
	ID         string            `json:"id"`
	Properties map[string]string `json:"properties"`
}

// errFormat marks input that is not the TopoJSON the generator expects.
var errFormat = errors.New("unexpected topojson")

// decodeArcs returns every arc as absolute lon/lat points, undoing the
// quantisation transform and delta encoding.
func decodeArcs(t *topology) ([][][2]float64, error) {
	if t.Type != "Topology" {
		return nil, fmt.Errorf("%w: type %q", errFormat, t.Type)
	}
	out := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		pts := make([][2]float64, len(arc))
		var x, y float64
		for j, p := range arc {
			if t.Transform != nil {
				x += p[0]
				y += p[1]
				pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		out[i] = pts
	}
	return out, nil
}

// ring joins the arcs of one ring; a negative index ~i means arc i reversed.
// Consecutive arcs share their joining point, which is kept once.
func ring(arcs [][][2]float64, idx []int) ([][2]float64, error) {
	var out [][2]float64
	for k, i := range idx {
		rev := i < 0
		if rev {
			i = ^i
		}
		if i >= len(arcs) {
			return nil, fmt.Errorf("%w: arc %d of %d", errFormat, i, len(arcs))
		}
		a := arcs[i]
		pts := make([][2]float64, len(a))
		for j := range a {
			if rev {
				pts[j] = a[len(a)-1-j]
			} else {
				pts[j] = a[j]
			}
		}
		if k > 0 && len(pts) > 0 {
			pts = pts[1:]
		}
		out = append(out, pts...)
	}
	return out, nil
}

// polygons returns a geometry's polygons, each a list of rings.
func polygons(arcs [][][2]float64, g geometry) ([][][][2]float64, error) {
	var polys [][][]int
	switch g.Type {
	case "Polygon":
		var p [][]int
		if err := json.Unmarshal(g.Arcs, &p); err != nil {
			return nil, fmt.Errorf("%w: polygon arcs: %v", errFormat, err)
		}
		polys = [][][]int{p}
	case "MultiPolygon":
		if err := json.Unmarshal(g.Arcs, &polys); err != nil {
			return nil, fmt.Errorf("%w: multipolygon arcs: %v", errFormat, err)
		}
	case "", "null":
		return nil, nil
	default:
		return nil, fmt.Errorf("%w: geometry type %q", errFormat, g.Type)
	}
	out := make([][][][2]float64, 0, len(polys))
	for _, p := range polys {
		rings := make([][][2]float64, 0, len(p))
		for _, r := range p {
			pts, err := ring(arcs, r)
			if err != nil {
				return nil, err
			}
			rings = append(rings, pts)
		}
		out = append(out, rings)
	}
	return out, nil
}
