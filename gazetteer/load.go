package gazetteer

import "fmt"

// Load decodes the embedded gazetteer (GeoNames cities, countries, admin1
// areas and the curated supplement) and builds its indexes. Each call
// returns a new, independent Gazetteer; load it once per process.
func Load() (*Gazetteer, error) {
	raw, err := gunzip(artefact)
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
	g.byID = make(map[int64]int32, len(g.places))
	g.country = map[string]int32{}
	for i, p := range g.places {
		g.byID[p.ID] = int32(i)
		if isCountry(p) {
			if j, ok := g.country[p.CountryCode]; !ok || p.Population > g.places[j].Population {
				g.country[p.CountryCode] = int32(i)
			}
		}
	}
	g.idx.rank(g.places)
	g.maxWords = g.idx.countMaxWords()
	g.grid = newGrid(g.places)
}
