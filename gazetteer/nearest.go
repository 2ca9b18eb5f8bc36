package gazetteer

import (
	"math"

	"geoevents/geo"
)

// grid is a 1°×1° bucket index of the places Nearest may return: populated
// places, sites and other point features, not countries, admin areas,
// seas or regions (their points are only representative).
type grid struct {
	cellStart []uint32 // cell c holds items[cellStart[c]:cellStart[c+1]]
	items     []int32  // place indexes
	places    []*Place
}

const (
	gridRows   = 180
	gridCols   = 360
	kmPerDeg   = math.Pi * geo.EarthRadiusKm / 180
	maxRingDeg = 180
)

// nearestKind reports whether Nearest may return p.
func nearestKind(p *Place) bool {
	switch p.FeatureClass {
	case "A", "H", "L":
		return false
	}
	return true
}

func cellOf(lat, lon float64) (row, col int) {
	row = int(math.Floor(lat)) + 90
	col = int(math.Floor(lon)) + 180
	row = min(max(row, 0), gridRows-1)
	col = ((col % gridCols) + gridCols) % gridCols
	return row, col
}

func newGrid(places []*Place) grid {
	g := grid{cellStart: make([]uint32, gridRows*gridCols+1), places: places}
	for _, p := range places {
		if nearestKind(p) {
			r, c := cellOf(p.Lat, p.Lon)
			g.cellStart[r*gridCols+c+1]++
		}
	}
	for i := 1; i < len(g.cellStart); i++ {
		g.cellStart[i] += g.cellStart[i-1]
	}
	g.items = make([]int32, g.cellStart[len(g.cellStart)-1])
	fill := make([]uint32, gridRows*gridCols)
	copy(fill, g.cellStart[:gridRows*gridCols])
	for i, p := range places {
		if nearestKind(p) {
			r, c := cellOf(p.Lat, p.Lon)
			cell := r*gridCols + c
			g.items[fill[cell]] = int32(i)
			fill[cell]++
		}
	}
	return g
}

// Nearest returns the nearest populated place or point feature (not a
// country, admin area, sea or region) to a WGS84 point, and its distance
// in km; nil when the point is invalid or the gazetteer has none.
func (g *Gazetteer) Nearest(lat, lon float64) (*Place, float64) {
	if math.IsNaN(lat) || math.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return nil, 0
	}
	gr := &g.grid
	if len(gr.items) == 0 {
		return nil, 0
	}
	r0, c0 := cellOf(lat, lon)
	best, bestD := -1, math.Inf(1)
	scan := func(row, col int) {
		if row < 0 || row >= gridRows {
			return
		}
		col = ((col % gridCols) + gridCols) % gridCols
		cell := row*gridCols + col
		for _, pi := range gr.items[gr.cellStart[cell]:gr.cellStart[cell+1]] {
			p := gr.places[pi]
			if d := geo.DistanceKm(lon, lat, p.Lon, p.Lat); d < bestD || (d == bestD && p.ID < gr.places[best].ID) {
				best, bestD = int(pi), d
			}
		}
	}
	for ring := 0; ring <= maxRingDeg; ring++ {
		if best >= 0 && ringMinKm(ring, lat) > bestD {
			break
		}
		if ring == 0 {
			scan(r0, c0)
			continue
		}
		w := min(ring, gridCols/2)
		for dc := -w; dc <= w; dc++ { // top and bottom rows of the ring
			scan(r0-ring, c0+dc)
			scan(r0+ring, c0+dc)
		}
		if ring <= gridCols/2 { // left and right columns
			for dr := -ring + 1; dr <= ring-1; dr++ {
				scan(r0+dr, c0-ring)
				if ring < gridCols/2 {
					scan(r0+dr, c0+ring)
				}
			}
		}
	}
	if best < 0 {
		return nil, 0
	}
	return gr.places[best], bestD
}

// ringMinKm is a lower bound on the distance from a point at latitude lat
// to any place in cells ring or more cells away, which differ from it by at
// least d = ring-1 whole degrees of latitude or of longitude. Latitude: d
// degrees of arc. Longitude: the distance to the meridian d degrees away
// (sin dist = cos lat · sin d, for d up to 90°; that meridian passes the
// poles, so the bound holds for every point beyond it).
func ringMinKm(ring int, lat float64) float64 {
	if ring <= 1 {
		return 0
	}
	const rad = math.Pi / 180
	d := float64(ring - 1)
	lonArc := math.Asin(math.Min(1, math.Cos(lat*rad)*math.Sin(math.Min(d, 90)*rad)))
	return math.Min(d*kmPerDeg, lonArc*geo.EarthRadiusKm)
}
