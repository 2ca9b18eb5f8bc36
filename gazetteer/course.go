package gazetteer

import (
	"math"

	"github.com/paulmach/orb"
)

// Course returns the course of a river, source to mouth, as [lon, lat]
// points, or nil for a place that has none. A river's own point is a
// convention (GeoNames puts a stream at its mouth); its course lets a
// geoparser place a mention where the rest of the text puts it. The
// returned line is shared: callers must not modify it.
func (g *Gazetteer) Course(p *Place) orb.LineString {
	if p == nil || len(g.courses) == 0 {
		return nil
	}
	return g.courses[p]
}

// NearestOnCourse returns the point of a course nearest to (lat, lon) and
// its distance in km, by projecting on each segment in a local
// equirectangular frame (exact enough for segments of a few hundred km).
func NearestOnCourse(line orb.LineString, lat, lon float64) (plat, plon, km float64) {
	km = math.Inf(1)
	kx := math.Cos(lat * math.Pi / 180)
	for i := 0; i+1 < len(line); i++ {
		ax, ay := (line[i][0]-lon)*kx, line[i][1]-lat
		bx, by := (line[i+1][0]-lon)*kx, line[i+1][1]-lat
		dx, dy := bx-ax, by-ay
		t := 0.0
		if l2 := dx*dx + dy*dy; l2 > 0 {
			t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l2))
		}
		px, py := ax+t*dx, ay+t*dy
		if d := math.Hypot(px, py) * kmPerDeg; d < km {
			km, plat, plon = d, lat+py, lon+px/kx
		}
	}
	return plat, plon, km
}
