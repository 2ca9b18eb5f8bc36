package gazetteer

import "geoevents/gazetteer/internal/prior"

// Name kinds: how a key matched a place (stored in the artefact).
const (
	kindName = prior.KindName // the place's own name or ASCII name
	kindAlt  = prior.KindAlt  // an alternate name, exonym or spelling
	kindAdj  = prior.KindAdj  // a demonym or adjectival form ("Syrian")
	// kindDoubled flags a kind whose name doubles a letter its key writes
	// once (see Candidate.Doubled).
	kindDoubled = prior.Doubled
	kindMask    = prior.KindMask // the kind without its flags
)

// priorOf is how likely a place is meant by a name, knowing nothing else
// (see prior.Of); areaPop is the population of the places in an admin1
// area.
func priorOf(p *Place, kind uint8, areaPop int64) float64 {
	return prior.Of(priorPlace(p, areaPop), kind)
}

// priorPlace is what the prior needs of a place.
func priorPlace(p *Place, areaPop int64) prior.Place {
	return prior.Place{Class: p.FeatureClass, Code: p.FeatureCode, Population: p.Population,
		AreaPop: areaPop, Dense: p.Source == SourceWhosOnFirst}
}

// quality scales a prior by how the name matched.
func quality(kind uint8) float64 { return prior.Quality(kind) }
