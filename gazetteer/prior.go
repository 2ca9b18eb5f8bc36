package gazetteer

import "math"

// Name kinds: how a key matched a place (stored in the artefact).
const (
	kindName uint8 = 0 // the place's own name or ASCII name
	kindAlt  uint8 = 1 // an alternate name, exonym or spelling
	kindAdj  uint8 = 2 // a demonym or adjectival form ("Syrian")
)

// Weights of the prior: how important the kind of feature is, and how big
// the place is. Both are in [0,1], so the prior is too.
const (
	featureWeight    = 0.45
	populationWeight = 0.55
	// populationScale is log10 of the population that scores 1 (10 M).
	populationScale = 7.0
)

// prior is how likely a place is meant by a name, knowing nothing else:
// feature importance (country > capital > admin1 seat > admin1 area >
// other seats > city > village), population on a log scale, and the match
// quality. Places without a population (curated sites, regions) get a size
// typical of their kind, so curated entries rank as real places. An admin1
// area's size is that of the places in it (areaPop), capped at the typical
// admin1 size so that a governorate never outranks its namesake seat while
// an empty one (Palmyra Atoll) ranks below real towns.
func prior(p *Place, kind uint8, areaPop int64) float64 {
	f, size := featureImportance(p)
	switch {
	case p.Population > 0:
		size = popSize(p.Population)
	case p.FeatureClass == "A" && p.FeatureCode == "ADM1":
		size = math.Min(size, popSize(areaPop))
	}
	return quality(kind) * (featureWeight*f + populationWeight*size)
}

// popSize maps a population to [0,1] on a log scale (10 M and up = 1).
func popSize(pop int64) float64 {
	return math.Min(1, math.Log10(float64(max(pop, 0))+1)/populationScale)
}

// quality scales the prior by how the name matched: the place's own name
// fully, an alternate name or a demonym a little less.
func quality(kind uint8) float64 {
	if kind == kindName {
		return 1.0
	}
	return 0.9
}

// featureImportance returns the importance of a place's feature type and
// the size score to assume when its population is unknown.
func featureImportance(p *Place) (importance, defaultSize float64) {
	switch p.FeatureClass {
	case "A":
		switch p.FeatureCode {
		case "PCLI", "PCLD", "PCLF", "PCLS", "PCL", "PCLIX", "TERR":
			return 1.0, 0.6
		case "ADM1":
			return 0.6, 0.55
		case "ADM2":
			return 0.5, 0.5
		}
		return 0.45, 0.45
	case "P":
		switch p.FeatureCode {
		case "PPLC":
			return 0.85, 0.6
		case "PPLA":
			return 0.7, 0.5
		case "PPLG", "PPLA2":
			return 0.55, 0.45
		case "PPLA3", "PPLA4", "PPLA5":
			return 0.5, 0.4
		case "PPLX", "PPLL", "STLMT":
			return 0.3, 0.3
		case "PPLH", "PPLQ", "PPLW", "PPLCH":
			return 0.2, 0.3
		}
		return 0.4, 0.35
	case "H", "L":
		switch p.FeatureCode {
		case "SEA", "OCN", "GULF", "RGN", "CONT", "STRT":
			return 0.8, 0.8
		}
		return 0.5, 0.45
	case "S", "T", "V", "R", "U":
		return 0.5, 0.5
	}
	return 0.4, 0.35
}
