// Package prior computes how likely a gazetteer place is meant by a name,
// knowing nothing but the place and how the name matched it. It is shared
// by the gazetteer at run time and by its build-time generator, which
// writes every name's candidates already in this order.
package prior

import "math"

// Name kinds: how a key matched a place (stored in the artefact).
const (
	KindName uint8 = 0 // the place's own name or ASCII name
	KindAlt  uint8 = 1 // an alternate name, exonym or spelling
	KindAdj  uint8 = 2 // a demonym or adjectival form ("Syrian")
)

// Doubled flags a posting one of whose names doubles a letter its key
// writes once ("Saada" for Sa'dah, key "sada"): the kind is Flags&KindMask.
const (
	Doubled  uint8 = 4
	KindMask uint8 = 3
)

// Merge combines two postings of one place under one key: the better kind,
// and doubled if either name was.
func Merge(a, b uint8) uint8 {
	return min(a&KindMask, b&KindMask) | (a|b)&Doubled
}

// Flags returns the posting flags of a name of the given kind whose key is
// key and whose literal key (doubled letters kept) is literal.
func Flags(kind uint8, key, literal string) uint8 {
	if key != literal {
		return kind | Doubled
	}
	return kind
}

// Weights of the prior: how important the kind of feature is, and how big
// the place is. Both are in [0,1], so the prior is too.
const (
	featureWeight    = 0.45
	populationWeight = 0.55
	// populationScale is log10 of the population that scores 1 (10 M).
	populationScale = 7.0
	// denseVillageSize is the size of a populated place from the dense
	// village data (Who's On First) that gives no population: most are
	// hamlets and villages below the 500 people of GeoNames' cities500,
	// so they rank below its smallest places and far below towns.
	denseVillageSize = 0.3
)

// Place is what the prior needs to know of a place.
type Place struct {
	Class, Code string // GeoNames feature class and code
	Population  int64
	// AreaPop is, for a first-level admin area, the population of the
	// places in it.
	AreaPop int64
	// Dense is set for places from the dense village data.
	Dense bool
}

// Of is how likely a place is meant by a name, knowing nothing else:
// feature importance (country > capital > admin1 seat > admin1 area >
// other seats > city > village), population on a log scale, and the match
// quality. Places without a population (curated sites, regions) get a size
// typical of their kind, so curated entries rank as real places. An admin1
// area's size is that of the places in it, capped at the typical admin1
// size so that a governorate never outranks its namesake seat while an
// empty one (Palmyra Atoll) ranks below real towns.
func Of(p Place, kind uint8) float64 {
	f, size := featureImportance(p.Class, p.Code)
	switch {
	case p.Population > 0:
		size = popSize(p.Population)
	case p.Class == "A" && p.Code == "ADM1":
		size = math.Min(size, popSize(p.AreaPop))
	case p.Dense && p.Class == "P":
		size = denseVillageSize
	}
	return Quality(kind) * (featureWeight*f + populationWeight*size)
}

// popSize maps a population to [0,1] on a log scale (10 M and up = 1).
func popSize(pop int64) float64 {
	return math.Min(1, math.Log10(float64(max(pop, 0))+1)/populationScale)
}

// Quality scales the prior by how the name matched: the place's own name
// fully, an alternate name or a demonym a little less.
func Quality(kind uint8) float64 {
	if kind&KindMask == KindName {
		return 1.0
	}
	return 0.9
}

// featureImportance returns the importance of a place's feature type and
// the size score to assume when its population is unknown.
func featureImportance(class, code string) (importance, defaultSize float64) {
	switch class {
	case "A":
		switch code {
		case "PCLI", "PCLD", "PCLF", "PCLS", "PCL", "PCLIX", "TERR":
			return 1.0, 0.6
		case "ADM1":
			return 0.6, 0.55
		case "ADM2":
			return 0.5, 0.5
		}
		return 0.45, 0.45
	case "P":
		switch code {
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
		switch code {
		case "SEA", "OCN", "GULF", "RGN", "CONT", "STRT":
			return 0.8, 0.8
		}
		return 0.5, 0.45
	case "S", "T", "V", "R", "U":
		return 0.5, 0.5
	}
	return 0.4, 0.35
}
