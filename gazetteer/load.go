package gazetteer

import (
	"fmt"
	"sort"
	"sync"

	"github.com/paulmach/orb"
)

// Load decodes the embedded gazetteer (GeoNames cities, countries, admin1
// areas and the curated supplement) and builds its indexes. Each call
// returns a new, independent Gazetteer; load it once per process.
func Load() (*Gazetteer, error) {
	raw, err := decompress(artefact)
	releaseArtefact()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	places, ix, err := decode(raw)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	g := &Gazetteer{places: places, idx: ix}
	g.finish()
	return g, nil
}

// finish (re)builds everything derived from places and the raw index:
// id and country maps, ranking, hash table, spatial grid.
func (g *Gazetteer) finish() {
	g.byID = make([]int32, len(g.places))
	g.country = map[string]int32{}
	inOrder := true
	for i, p := range g.places {
		g.byID[i] = int32(i)
		inOrder = inOrder && (i == 0 || g.places[i-1].ID < p.ID)
		if isCountry(p) {
			if j, ok := g.country[p.CountryCode]; !ok || p.Population > g.places[j].Population {
				g.country[p.CountryCode] = int32(i)
			}
		}
	}
	if !inOrder { // places added after the artefact's, in any order
		sort.SliceStable(g.byID, func(a, b int) bool { return g.places[g.byID[a]].ID < g.places[g.byID[b]].ID })
	}
	g.courses = make(map[*Place]orb.LineString, len(g.idx.courses))
	for i, line := range g.idx.courses {
		g.courses[g.places[i]] = line
	}
	// The hash table and the spatial grid need only the keys and the
	// points: they are built while the candidates are ranked (two cores
	// halve the load).
	var wg sync.WaitGroup
	wg.Go(func() {
		g.idx.buildTable()
		g.maxWords = g.idx.countMaxWords()
	})
	wg.Go(func() { g.grid = newGrid(g.places) })
	g.idx.rank(g.places, inOrder)
	wg.Wait()
}
