package gazetteer

import (
	"cmp"
	"slices"

	"geoevents/geo"
)

// townRank orders populated places for map labels: the capital, then the
// seats of first-, second- and lower-order admin areas, then the others.
var townRank = map[string]int{"PPLC": 0, "PPLG": 1, "PPLA": 1, "PPLA2": 2, "PPLA3": 3, "PPLA4": 3}

// rankOf is a place's townRank (4 for any other populated place).
func rankOf(p *Place) int {
	if r, ok := townRank[p.FeatureCode]; ok {
		return r
	}
	return 4
}

// Towns returns up to limit populated places (GeoNames class P: cities,
// towns, villages) inside box, the most important first: by rank (capital,
// admin seats, others), then population, then id. It reads the cells of
// Nearest's 1° grid the box overlaps, so its cost follows the box's area.
func (g *Gazetteer) Towns(box geo.BBox, limit int) []*Place {
	var out []*Place
	gr := &g.grid
	if limit <= 0 || len(gr.items) == 0 {
		return nil
	}
	for _, b := range box.Split() {
		r0, c0 := cellOf(b.MinLat, b.MinLon)
		r1, c1 := cellOf(b.MaxLat, b.MaxLon)
		if b.MaxLon >= 180 { // the last column holds lon 179…180
			c1 = gridCols - 1
		}
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				cell := r*gridCols + c
				for _, pi := range gr.items[gr.cellStart[cell]:gr.cellStart[cell+1]] {
					p := gr.places[pi]
					if p.FeatureClass == "P" && b.Contains(p.Lon, p.Lat) {
						out = append(out, p)
					}
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b *Place) int {
		return cmp.Or(cmp.Compare(rankOf(a), rankOf(b)), cmp.Compare(b.Population, a.Population), cmp.Compare(a.ID, b.ID))
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
