package gazetteer

import (
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"geoevents/gazetteer/internal/namekey"
)

// Gazetteer is the loaded, indexed gazetteer. Its look-up methods are safe
// for concurrent use; Add is not, and must be called before any look-up
// (at start-up, to merge imported places).
type Gazetteer struct {
	places   []*Place         // by place index
	byID     []int32          // place indexes in ascending id order
	country  map[string]int32 // ISO alpha-2 -> place index of the country
	idx      index
	grid     grid
	maxWords int                       // most words in a key
	courses  map[*Place]orb.LineString // rivers' courses, by place
	seats    seatIndex                 // provinces' seat towns, built on first use
}

// Normalize returns the matching key of a name, the form under which names
// are indexed: lower case, diacritics stripped (Ḩalab = Halab), apostrophes
// and ayn/hamza marks dropped (Maʿarrat = Ma'arrat = Maarrat), hyphens and
// spaces unified, the Arabic article dropped in its English renderings (al-,
// el-, ul-, and the sun-letter forms at-, et-, ad-, ar-, as-, ash-, az-,
// an- ... when assimilated to the next word, so "Et-Tanf" = "al-Tanf" =
// "At Tanf" = "Tanf", while "Anna", "An Giang" keep theirs) and in Arabic
// script (التنف = تنف), harakat stripped. Empty, whitespace-only, over-long
// (more than 512 bytes) and invalid UTF-8 input give "". It never panics.
func Normalize(s string) string { return namekey.Key(s) }

// Len returns the number of places.
func (g *Gazetteer) Len() int { return len(g.places) }

// ByID returns the place with a GeoNames id (or a curated supplement id,
// 900000001 and up).
func (g *Gazetteer) ByID(id int64) (*Place, bool) {
	i, ok := g.indexOf(id)
	if !ok {
		return nil, false
	}
	return g.places[i], true
}

// indexOf returns the place index of an id.
func (g *Gazetteer) indexOf(id int64) (int32, bool) {
	j := sort.Search(len(g.byID), func(j int) bool { return g.places[g.byID[j]].ID >= id })
	if j < len(g.byID) && g.places[g.byID[j]].ID == id {
		return g.byID[j], true
	}
	return 0, false
}

// Country returns the country place for an ISO 3166-1 alpha-2 code
// (case-insensitive), e.g. "SY" -> Syria (163843).
func (g *Gazetteer) Country(code string) (*Place, bool) {
	i, ok := g.country[strings.ToUpper(code)]
	if !ok {
		return nil, false
	}
	return g.places[i], true
}

// Lookup returns the candidate places for a name in any common spelling,
// best first, or nil when nothing matches (including for empty, over-long
// or invalid input). The slice is shared: callers must not modify it.
//
// A candidate's Prior is an absolute score in [0,1], comparable across
// names (not normalised to sum to 1): feature importance (country >
// capital > admin1 seat > admin1 area > city > village), population on a
// log scale, times 0.9 when the name is an alternate name or a demonym
// rather than the place's own name. Adjectival is set for demonyms
// ("Syrian", "Russians").
func (g *Gazetteer) Lookup(name string) []Candidate {
	return g.LookupKey(Normalize(name))
}

// isCountry reports whether a place is a country (GeoNames PCL* codes).
func isCountry(p *Place) bool {
	return p.FeatureClass == "A" && strings.HasPrefix(p.FeatureCode, "PCL")
}

// LiteralKey is Normalize with doubled letters kept as written: "Samarra"
// and "Samara" share a key but not a literal key. The geoparser uses it to
// tell a place whose own name a text spells from one whose name matched only
// once doubled letters were folded (Saada is Sa'dah, not Sada).
func LiteralKey(s string) string { return namekey.Literal(s) }
