// Package validity decides whether a polygon is simple enough to search
// with: no ring crosses or touches itself, no two rings cross or touch,
// and every hole lies inside the outer ring and outside every other hole.
// It works in the plane of the coordinates it is given (lon/lat as
// straight lines, as RFC 7946 reads a ring), in O(n log n) time for n
// edges whatever their shape, by a Shamos–Hoey sweep over all edges of
// all rings at once.
//
// It is stricter than OGC Simple Features in one way: rings may not touch
// at all, where OGC lets a hole touch its shell or another hole at one
// point. For a search area nothing is lost (move the vertex a little), and
// refusing every contact is what keeps the sweep exact and short.
package validity

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// ErrInvalid is wrapped by every *Error.
var ErrInvalid = errors.New("polygon is not simple")

// Error says which rings are at fault and roughly where, in the
// coordinates given (longitudes as written, after any unwrapping the
// caller did). Rings and positions are 1-based, as a person counts them in
// the GeoJSON.
type Error struct {
	Ring, Position           int // the first ring at fault and its edge's first position
	OtherRing, OtherPosition int // the second, when two edges meet; 0 otherwise
	Near                     orb.Point
	Problem                  string // what is wrong, in words
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s near [%.6g, %.6g]", e.Problem, e.Near[0], e.Near[1])
}

// Unwrap makes errors.Is(err, ErrInvalid) hold.
func (e *Error) Unwrap() error { return ErrInvalid }

// Polygon checks p. Rings must be closed (first position equal to the
// last); repeated consecutive positions are allowed and ignored. A ring
// that spans 360° of longitude (a whole-world box or a polar cap bounded by
// the meridians -180 and 180) is a band around the globe: its edges along
// those two meridians are the same seam, so holes may cross them.
func Polygon(p orb.Polygon) error { return check(p, sweep) }

// check validates p, finding meeting edges with find (the sweep; tests
// compare it with testing every pair).
func check(p orb.Polygon, find func([]*segment) error) error {
	var rings []ring
	for i, r := range p {
		rg, err := newRing(i, r)
		if err != nil {
			return err
		}
		rings = append(rings, rg)
	}
	if len(rings) == 0 {
		return nil
	}
	seamLo, seamHi, band := bandSeam(rings[0])
	var segs []*segment
	for i := range rings {
		r := &rings[i]
		for j := range r.pts {
			a, b := r.pts[j], r.pts[(j+1)%len(r.pts)]
			if band && r.idx == 0 && a[0] == b[0] && (a[0] == seamLo || a[0] == seamHi) {
				continue // the seam of a band: not a boundary on the globe
			}
			segs = append(segs, newSegment(r, j))
		}
	}
	if err := uniqueVertices(rings); err != nil {
		return err
	}
	if err := find(segs); err != nil {
		return err
	}
	return holesInside(rings, band, seamLo)
}

// ring is one ring without its closing position or repeated positions.
type ring struct {
	idx  int         // 0-based index in the polygon
	pts  []orb.Point // distinct consecutive positions, not closed
	orig []int       // 1-based position in the input of each of pts
}

func newRing(idx int, r orb.Ring) (ring, error) {
	if len(r) == 0 {
		return ring{}, &Error{Ring: idx + 1, Problem: fmt.Sprintf("ring %d is empty", idx+1)}
	}
	if r[0] != r[len(r)-1] {
		return ring{}, &Error{Ring: idx + 1, Near: r[0], Problem: fmt.Sprintf("ring %d is not closed", idx+1)}
	}
	out := ring{idx: idx}
	for j, pt := range r[:len(r)-1] {
		if n := len(out.pts); n > 0 && out.pts[n-1] == pt {
			continue
		}
		out.pts = append(out.pts, pt)
		out.orig = append(out.orig, j+1)
	}
	for len(out.pts) > 1 && out.pts[len(out.pts)-1] == out.pts[0] {
		out.pts, out.orig = out.pts[:len(out.pts)-1], out.orig[:len(out.orig)-1]
	}
	if len(out.pts) < 3 {
		return ring{}, &Error{Ring: idx + 1, Near: r[0],
			Problem: fmt.Sprintf("ring %d has %d distinct positions; a ring needs at least 3 that enclose an area", idx+1, len(out.pts))}
	}
	return out, nil
}

// bandSeam reports whether the shell spans 360° of longitude, and the two
// meridians that bound it then.
func bandSeam(shell ring) (lo, hi float64, band bool) {
	lo, hi = shell.pts[0][0], shell.pts[0][0]
	for _, pt := range shell.pts {
		lo, hi = math.Min(lo, pt[0]), math.Max(hi, pt[0])
	}
	return lo, hi, hi-lo == 360
}

// uniqueVertices refuses a position shared by two vertices (a ring
// touching itself or another ring there). After it, each vertex belongs to
// exactly two edges, the ones before and after it in its ring, which the
// sweep relies on.
func uniqueVertices(rings []ring) error {
	type at struct{ ring, pos int }
	seen := make(map[orb.Point]at)
	for _, r := range rings {
		for j, pt := range r.pts {
			if prev, dup := seen[pt]; dup {
				e := &Error{Ring: prev.ring + 1, Position: rings[prev.ring].orig[prev.pos],
					OtherRing: r.idx + 1, OtherPosition: r.orig[j], Near: pt}
				if prev.ring == r.idx {
					e.Problem = fmt.Sprintf("ring %d touches itself: positions %d and %d are the same point", r.idx+1, e.Position, e.OtherPosition)
				} else {
					e.Problem = fmt.Sprintf("rings %d and %d touch: they share a position (ring %d position %d)", e.Ring, e.OtherRing, e.OtherRing, e.OtherPosition)
				}
				return e
			}
			seen[pt] = at{r.idx, j}
		}
	}
	return nil
}

// holesInside checks each hole against the shell and the other holes. The
// boundaries are known not to meet, so one position of a ring tells on
// which side of another ring all of it lies. The cost is the holes times
// the positions of the rings whose box holds that position.
func holesInside(rings []ring, band bool, seamLo float64) error {
	if len(rings) < 2 {
		return nil
	}
	closed := func(r ring) orb.Ring { return append(append(orb.Ring{}, r.pts...), r.pts[0]) }
	shell := closed(rings[0])
	holes := make([]orb.Ring, len(rings)-1)
	bounds := make([]orb.Bound, len(holes))
	for i, r := range rings[1:] {
		holes[i] = closed(r)
		bounds[i] = holes[i].Bound()
	}
	for i, h := range holes {
		pt := h[0]
		test := pt
		if band { // the hole's position in the shell's turn of the globe
			test[0] = seamLo + math.Mod(math.Mod(pt[0]-seamLo, 360)+360, 360)
		}
		if !planar.RingContains(shell, test) {
			return &Error{Ring: i + 2, Position: rings[i+1].orig[0], Near: pt,
				Problem: fmt.Sprintf("ring %d, a hole, lies outside ring 1, the outer ring", i+2)}
		}
		for k, g := range holes {
			if k != i && bounds[k].Contains(pt) && planar.RingContains(g, pt) {
				return &Error{Ring: i + 2, Position: rings[i+1].orig[0], OtherRing: k + 2, Near: pt,
					Problem: fmt.Sprintf("ring %d, a hole, lies inside ring %d, another hole", i+2, k+2)}
			}
		}
	}
	return nil
}

// sortEvents orders the sweep's events by position, west to east then
// south to north; at one position the edges ending there leave before
// those starting there enter.
func sortEvents(ev []event) {
	slices.SortFunc(ev, func(x, y event) int {
		if c := cmpPoint(x.at, y.at); c != 0 {
			return c
		}
		switch {
		case x.enter == y.enter:
			return 0
		case y.enter:
			return -1
		}
		return 1
	})
}

func cmpPoint(a, b orb.Point) int {
	switch {
	case a[0] < b[0]:
		return -1
	case a[0] > b[0]:
		return 1
	case a[1] < b[1]:
		return -1
	case a[1] > b[1]:
		return 1
	}
	return 0
}
