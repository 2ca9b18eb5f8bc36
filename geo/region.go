package geo

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Region is a normalised MultiPolygon (NormalizePolygon) prepared for
// testing many points: every ring's bounding box is computed once, so a
// point outside a ring's box is rejected without walking its edges. A
// polygon search tests each event in the query's bound against one Region.
type Region struct {
	polys []regionPolygon
}

type regionPolygon struct {
	shell boundedRing
	holes []boundedRing
}

type boundedRing struct {
	ring  orb.Ring
	bound orb.Bound
}

func (b boundedRing) contains(pt orb.Point) bool {
	return b.bound.Contains(pt) && planar.RingContains(b.ring, pt)
}

// NewRegion prepares mp, whose polygons must be normalised. It keeps
// references to mp's rings, which must not change afterwards.
func NewRegion(mp orb.MultiPolygon) *Region {
	r := &Region{polys: make([]regionPolygon, len(mp))}
	for i, p := range mp {
		rp := regionPolygon{shell: boundedRing{p[0], p[0].Bound()}}
		for _, h := range p[1:] {
			rp.holes = append(rp.holes, boundedRing{h, h.Bound()})
		}
		r.polys[i] = rp
	}
	return r
}

// Contains reports whether the point (lon in [-180, 180]) lies in or on
// the edge of an outer ring and not inside a hole. The point is tried in
// each world copy, as a normalised polygon crossing the antimeridian lies
// partly beyond 180, and so is a hole (which may straddle the edge of a
// whole-world ring). Points on a hole's edge count as in it, as orb's
// planar test has it.
func (r *Region) Contains(lon, lat float64) bool {
	for _, p := range r.polys {
		for _, l := range [...]float64{lon, lon + 360, lon - 360} {
			pt := orb.Point{l, lat}
			if !p.shell.contains(pt) {
				continue
			}
			if !p.inHole(lon, lat) {
				return true
			}
		}
	}
	return false
}

// inHole reports whether any hole holds the point in any world copy.
func (p regionPolygon) inHole(lon, lat float64) bool {
	for _, h := range p.holes {
		for _, l := range [...]float64{lon, lon + 360, lon - 360} {
			if h.contains(orb.Point{l, lat}) {
				return true
			}
		}
	}
	return false
}
