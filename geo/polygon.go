package geo

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Polygons and the antimeridian.
//
// A GeoJSON ring is a list of lon/lat positions joined by straight lines in
// lon/lat space (RFC 7946 §3.1.1). A shape crossing the 180° meridian
// reaches us in one of three forms:
//
//  1. split at ±180 into a MultiPolygon, as RFC 7946 §3.1.9 asks: nothing
//     special is needed;
//  2. continuous, with longitudes beyond ±180 (177 … 182), as map clients
//     that repeat the world (Leaflet) draw it;
//  3. jumping across ±180 between consecutive positions (177 → -178), as
//     clients that wrap each position into [-180, 180] write it.
//
// NormalizePolygon turns form 3 into form 2: an edge spanning more than
// 180° of longitude is read as the short way across the antimeridian,
// because a straight edge longer than half the globe is almost never what
// was meant (a polygon that wide needs a vertex in between). The one
// exception is a ring that only makes sense as a full turn, such as the
// whole-world box -180 → 180: an edge of exactly 360° joins two positions
// on the same meridian, so it is first read as zero-width, and as a full
// turn only when that leaves no proper ring. Region.Contains then tests a
// point in every world copy the polygon reaches.

// MaxPolygonLon bounds polygon longitudes: one world copy either side of
// [-180, 180], which is as far as clients drawing on a repeated world go.
const MaxPolygonLon = 540

// ringError is a problem with one ring. It wraps ErrInvalid without
// repeating its text, so callers can prefix their own context.
type ringError struct {
	ring    int
	problem string
}

func (e *ringError) Error() string { return fmt.Sprintf("ring %d %s", e.ring, e.problem) }

func (e *ringError) Unwrap() error { return ErrInvalid }

// NormalizePolygon validates p and returns a copy in a canonical form for
// Region and MultiPolygonBound:
//
//   - every ring is continuous: no edge spans more than 180° of longitude
//     (see the rule above), so a ring crossing the antimeridian has
//     longitudes beyond 180;
//   - holes lie in the same world copy as the outer ring;
//   - the outer ring's westernmost longitude is in [-180, 180), so every
//     longitude is in [-180, 540).
//
// Rings must be closed, with at least 4 positions, latitudes in [-90, 90]
// and longitudes in [-MaxPolygonLon, MaxPolygonLon]. It rejects what has no
// single reading: a ring that winds around a pole (its longitudes do not
// come back to where they started), a ring wider than 360°, and an edge
// that spans exactly 180° after unwrapping (either way round is as short).
// Normalising a normalised polygon returns it unchanged.
func NormalizePolygon(p orb.Polygon) (orb.Polygon, error) {
	if len(p) == 0 {
		return nil, fmt.Errorf("%w: polygon has no rings", ErrInvalid)
	}
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		u, err := unwrapRing(r)
		if err != nil {
			return nil, &ringError{ring: i + 1, problem: err.Error()}
		}
		out[i] = u
	}
	// Holes move to the world copy nearest the outer ring. A hole about
	// 180° away stays put (the slack keeps a second normalisation from
	// moving it back after rounding); Region.Contains tests holes in every
	// copy anyway, so this is about a tidy result, not correctness.
	shellMin, shellMax := lonRange(out[0])
	mid := (shellMin + shellMax) / 2
	for _, h := range out[1:] {
		lo, hi := lonRange(h)
		if d := (lo+hi)/2 - mid; math.Abs(d) > 180+1e-9 {
			shiftRing(h, -360*math.Round(d/360))
		}
	}
	if shift := -360 * math.Floor((shellMin+180)/360); shift != 0 {
		for _, r := range out {
			shiftRing(r, shift)
		}
	}
	return out, nil
}

// unwrapRing validates r and returns it continuous in longitude. The
// error text is the problem alone; NormalizePolygon adds the ring number.
func unwrapRing(r orb.Ring) (orb.Ring, error) {
	if len(r) < 4 {
		return nil, fmt.Errorf("has %d positions; a closed ring needs at least 4", len(r))
	}
	for j, pt := range r {
		lon, lat := pt[0], pt[1]
		if math.IsNaN(lon) || math.IsNaN(lat) || math.Abs(lon) > MaxPolygonLon || math.Abs(lat) > 90 {
			return nil, fmt.Errorf("position %d [%v, %v] is out of range (lon -%d..%d, lat -90..90)", j+1, lon, lat, MaxPolygonLon, MaxPolygonLon)
		}
	}
	if r[0] != r[len(r)-1] {
		return nil, fmt.Errorf("is not closed: its first and last positions differ")
	}
	u, err := unwrap(r, false)
	if err == nil && !zeroWidth(u) {
		return u, nil
	}
	// A ring whose 360° edges only make sense as full turns: a
	// whole-world box, or a box bounding a polar cap.
	if full, ferr := unwrap(r, true); ferr == nil && !zeroWidth(full) {
		return full, nil
	}
	if err != nil {
		return nil, err
	}
	return u, nil
}

// unwrap shifts positions by multiples of 360° so no edge spans more than
// 180° of longitude. With fullTurns, an edge of exactly 360° is kept as it
// is (all the way round) instead of joining the same meridian.
func unwrap(r orb.Ring, fullTurns bool) (orb.Ring, error) {
	u := make(orb.Ring, len(r))
	u[0] = r[0]
	// offset is a whole number of turns, tracked apart from the positions
	// so rounding cannot accumulate along a long ring.
	offset := 0.0
	for j := 1; j < len(r); j++ {
		d := r[j][0] - r[j-1][0]
		if math.Abs(d) > 180 && !(fullTurns && math.Abs(d) == 360) {
			turns := math.Round(d / 360)
			if math.Abs(d-360*turns) == 180 {
				return nil, fmt.Errorf("edge from position %d to %d (lon %v → %v) is ambiguous: it could go either way round the globe; add a position between them",
					j, j+1, r[j-1][0], r[j][0])
			}
			offset -= 360 * turns
		}
		u[j] = orb.Point{r[j][0] + offset, r[j][1]}
	}
	if offset != 0 {
		return nil, fmt.Errorf("goes all the way round the globe, around a pole, which is not supported; " +
			"to cover a polar cap, bound it with edges along -180 and 180, e.g. [[-180,60],[180,60],[180,90],[-180,90],[-180,60]]")
	}
	if lo, hi := lonRange(u); hi-lo > 360 {
		return nil, fmt.Errorf("spans %v° of longitude, more than the whole globe", hi-lo)
	}
	return u, nil
}

func zeroWidth(r orb.Ring) bool {
	lo, hi := lonRange(r)
	return lo == hi
}

func lonRange(r orb.Ring) (lo, hi float64) {
	lo, hi = r[0][0], r[0][0]
	for _, pt := range r[1:] {
		lo, hi = math.Min(lo, pt[0]), math.Max(hi, pt[0])
	}
	return lo, hi
}

func shiftRing(r orb.Ring, by float64) {
	if by == 0 {
		return
	}
	for i := range r {
		r[i][0] += by
	}
}

// MultiPolygonOf returns g as a MultiPolygon when it is a Polygon or a
// MultiPolygon; ok is false for any other geometry.
func MultiPolygonOf(g orb.Geometry) (mp orb.MultiPolygon, ok bool) {
	switch p := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{p}, true
	case orb.MultiPolygon:
		return p, true
	}
	return nil, false
}

// NormalizeMultiPolygon returns the polygons of mp normalised by
// NormalizePolygon, the form MultiPolygonBound and Region expect; the
// error names the first invalid polygon (1-based).
func NormalizeMultiPolygon(mp orb.MultiPolygon) (orb.MultiPolygon, error) {
	out := make(orb.MultiPolygon, len(mp))
	for i, p := range mp {
		np, err := NormalizePolygon(p)
		if err != nil {
			return nil, fmt.Errorf("polygon %d: %w", i+1, err)
		}
		out[i] = np
	}
	return out, nil
}

// MultiPolygonBound returns the smallest box enclosing the normalised
// polygons of mp, for an index pre-filter. It crosses the antimeridian
// (MinLon > MaxLon) when that is the narrower choice, e.g. for a polygon
// over Fiji, or for one split at ±180 as RFC 7946 asks, whose plain bound
// would be the whole width of the map. mp must not be empty.
func MultiPolygonBound(mp orb.MultiPolygon) BBox {
	// Each outer ring covers the longitude arc [lo, hi], lo in [-180, 180).
	type arc struct{ lo, hi float64 }
	arcs := make([]arc, len(mp))
	minLat, maxLat := math.Inf(1), math.Inf(-1)
	for i, p := range mp {
		lo, hi := lonRange(p[0])
		arcs[i] = arc{lo, hi}
		for _, pt := range p[0] {
			minLat, maxLat = math.Min(minLat, pt[1]), math.Max(maxLat, pt[1])
		}
	}
	// The smallest arc covering them all starts where one of them starts
	// (just after the widest gap): try each start, placing every other
	// arc in the turn that begins there. A start inside some arc only
	// overestimates, and the right start is among those tried.
	best, bestWidth := 0.0, math.Inf(1)
	for _, s := range arcs {
		end := s.lo
		for _, a := range arcs {
			hi := a.hi
			if a.lo < s.lo {
				hi += 360
			}
			end = math.Max(end, hi)
		}
		if w := end - s.lo; w < bestWidth {
			best, bestWidth = s.lo, w
		}
	}
	if bestWidth >= 360 {
		return BBox{MinLon: -180, MinLat: minLat, MaxLon: 180, MaxLat: maxLat}
	}
	maxLon := best + bestWidth
	if maxLon > 180 {
		maxLon -= 360
	}
	return BBox{MinLon: best, MinLat: minLat, MaxLon: maxLon, MaxLat: maxLat}
}
