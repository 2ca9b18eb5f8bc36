package validity

import (
	"fmt"

	"github.com/google/btree"
	"github.com/paulmach/orb"
)

// The Shamos–Hoey sweep: a vertical line moves west to east over the
// edges' end points, keeping the edges it cuts ordered south to north in
// a B-tree. If any two edges meet, then at the westernmost meeting point
// two of them were neighbours in that order just before it, so it is
// enough to test each edge against its neighbours when it enters and the
// two edges that become neighbours when one leaves: O(n log n) for n
// edges, where testing every pair (or every pair whose boxes overlap, as
// an R-tree does) is O(n²) for hostile shapes such as a comb of long
// thin teeth. The sweep stops at the first meeting found.

// segment is one edge, with a west of b (or south of it, when vertical).
type segment struct {
	a, b  orb.Point
	ring  *ring
	edge  int // index of its first position in ring.pts
	id    int // tie-break for collinear edges, so the order is total
	edges int // how many edges its ring has, to tell neighbours
}

func newSegment(r *ring, j int) *segment {
	a, b := r.pts[j], r.pts[(j+1)%len(r.pts)]
	if cmpPoint(a, b) > 0 {
		a, b = b, a
	}
	return &segment{a: a, b: b, ring: r, edge: j, edges: len(r.pts), id: r.idx<<32 | j}
}

// event is an edge entering or leaving the sweep line.
type event struct {
	at    orb.Point
	enter bool
	seg   *segment
}

func sweep(segs []*segment) error {
	ev := make([]event, 0, 2*len(segs))
	for _, s := range segs {
		ev = append(ev, event{s.a, true, s}, event{s.b, false, s})
	}
	sortEvents(ev)
	line := btree.NewG(16, below)
	for _, e := range ev {
		lo, hi := neighbours(line, e.seg)
		if e.enter {
			line.ReplaceOrInsert(e.seg)
			if err := meet(e.seg, lo); err != nil {
				return err
			}
			if err := meet(e.seg, hi); err != nil {
				return err
			}
			continue
		}
		line.Delete(e.seg)
		if err := meet(lo, hi); err != nil {
			return err
		}
	}
	return nil
}

// neighbours returns the edges just south and just north of s on the line
// (s itself need not be on it yet); nil where there is none.
func neighbours(line *btree.BTreeG[*segment], s *segment) (lo, hi *segment) {
	line.DescendLessOrEqual(s, func(t *segment) bool {
		if t == s {
			return true
		}
		lo = t
		return false
	})
	line.AscendGreaterOrEqual(s, func(t *segment) bool {
		if t == s {
			return true
		}
		hi = t
		return false
	})
	return lo, hi
}

// below orders two edges the sweep line cuts at once: it compares them
// where both are cut, at the later of their west ends, by which side of
// one the other lies on. Edges that meet are never both on the line for
// long (the sweep stops at the first meeting), so for the others this is
// the order along the line wherever the line cuts both.
func below(s, t *segment) bool {
	if s == t {
		return false
	}
	var o float64
	if cmpPoint(s.a, t.a) >= 0 {
		if o = orient(t.a, t.b, s.a); o == 0 {
			o = orient(t.a, t.b, s.b)
		}
		o = -o // s.a north of t means s is above
	} else if o = orient(s.a, s.b, t.a); o == 0 {
		o = orient(s.a, s.b, t.b)
	}
	if o != 0 {
		return o > 0
	}
	return s.id < t.id
}

// orient is positive when c lies left of (north of, for an eastward edge)
// the line from a to b, negative right of it, zero on it.
func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// adjacent reports whether s and t are consecutive edges of one ring,
// which share one vertex and may meet there only.
func adjacent(s, t *segment) bool {
	if s.ring.idx != t.ring.idx {
		return false
	}
	d := s.edge - t.edge
	return d == 1 || d == -1 || d == s.edges-1 || d == 1-s.edges
}

// meet returns an *Error when s and t (either may be nil) share a point
// they must not: any point for edges of different rings or distant edges
// of one ring, any point but their common vertex for consecutive edges.
func meet(s, t *segment) error {
	if s == nil || t == nil {
		return nil
	}
	if adjacent(s, t) {
		if folds(s, t) {
			return meeting(s, t, shared(s, t), "ring %d turns back on itself: edges from positions %d and %d overlap")
		}
		return nil
	}
	if at, ok := intersection(s, t); ok {
		if s.ring.idx == t.ring.idx {
			return meeting(s, t, at, "ring %d crosses or touches itself: edges from positions %d and %d meet")
		}
		return meeting(s, t, at, "")
	}
	return nil
}

func meeting(s, t *segment, at orb.Point, format string) error {
	if t.ring.idx < s.ring.idx || (t.ring.idx == s.ring.idx && t.edge < s.edge) {
		s, t = t, s
	}
	e := &Error{Ring: s.ring.idx + 1, Position: s.ring.orig[s.edge],
		OtherRing: t.ring.idx + 1, OtherPosition: t.ring.orig[t.edge], Near: at}
	if format != "" {
		e.Problem = fmt.Sprintf(format, e.Ring, e.Position, e.OtherPosition)
	} else {
		e.Problem = fmt.Sprintf("rings %d and %d cross or touch: ring %d's edge from position %d meets ring %d's edge from position %d",
			e.Ring, e.OtherRing, e.Ring, e.Position, e.OtherRing, e.OtherPosition)
	}
	return e
}

// shared is the vertex two consecutive edges share.
func shared(s, t *segment) orb.Point {
	if s.a == t.a || s.a == t.b {
		return s.a
	}
	return s.b
}

// folds reports whether consecutive edges s and t overlap beyond their
// shared vertex v: they are collinear and leave v the same way.
func folds(s, t *segment) bool {
	v := shared(s, t)
	p, q := s.a, t.a
	if p == v {
		p = s.b
	}
	if q == v {
		q = t.b
	}
	if orient(v, p, q) != 0 {
		return false
	}
	return (p[0]-v[0])*(q[0]-v[0])+(p[1]-v[1])*(q[1]-v[1]) > 0
}

// intersection reports whether segments s and t share a point, and one
// such point (where they cross, or an end point lying on the other).
func intersection(s, t *segment) (orb.Point, bool) {
	d1, d2 := orient(t.a, t.b, s.a), orient(t.a, t.b, s.b)
	d3, d4 := orient(s.a, s.b, t.a), orient(s.a, s.b, t.b)
	if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) {
		f := d1 / (d1 - d2)
		return orb.Point{s.a[0] + f*(s.b[0]-s.a[0]), s.a[1] + f*(s.b[1]-s.a[1])}, true
	}
	switch {
	case d1 == 0 && within(t.a, t.b, s.a):
		return s.a, true
	case d2 == 0 && within(t.a, t.b, s.b):
		return s.b, true
	case d3 == 0 && within(s.a, s.b, t.a):
		return t.a, true
	case d4 == 0 && within(s.a, s.b, t.b):
		return t.b, true
	}
	return orb.Point{}, false
}

// within reports whether c, on the line through a and b, lies between
// them (inclusive).
func within(a, b, c orb.Point) bool {
	return min(a[0], b[0]) <= c[0] && c[0] <= max(a[0], b[0]) &&
		min(a[1], b[1]) <= c[1] && c[1] <= max(a[1], b[1])
}
