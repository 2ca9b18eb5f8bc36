package geoparse

import (
	"math"
	"strings"

	"geoevents/gazetteer"
	"geoevents/geo"
)

// typeCue reads the words around span s for the kind of place meant:
// 'A' for "Idlib province", "the province of Idlib"; 'P' for "the city of
// Homs", "Homs city"; 0 for none.
func (p *Parser) typeCue(d *doc, s *span) byte {
	if n := s.last + 1; n < len(d.toks) && d.joined(n) {
		if c := placeTypeClass(d.lower(n)); c != 0 {
			return c
		}
	}
	// "<type> of <span>", but not "Hawary district of Benghazi": a type
	// word after a name is that name's, and the span is where it lies.
	if s.first >= 2 && d.joined(s.first) && string(d.lower(s.first-1)) == "of" && d.joined(s.first-1) &&
		(s.first < 3 || !d.toks[s.first-3].is(fCap) || !d.joined(s.first-2) || d.weak(s.first-3) && d.in(p.lex.stop, s.first-3)) {
		return placeTypeClass(d.lower(s.first - 2))
	}
	return 0
}

func placeTypeClass(w []byte) byte {
	switch string(w) {
	case "province", "governorate", "state", "region", "district", "county", "prefecture", "oblast", "countryside":
		return 'A'
	case "city", "town", "village", "capital", "suburb":
		return 'P'
	}
	return 0
}

// container returns the span named right after span si behind a comma
// ("Palmyra, New York", "Athens, Georgia"), whose countries and provinces
// may hold si's place, or nil.
func (p *Parser) container(d *doc, si int) *span {
	if si+1 >= len(d.spans) {
		return nil
	}
	s, n := &d.spans[si], &d.spans[si+1]
	if n.drop || n.first != s.last+1 || d.toks[n.first].sep != sepComma || p.listGoesOn(d, si+1) {
		return nil
	}
	return n
}

// listGoesOn reports whether the area named by span ni is followed by
// another area of its kind as the next item of a list ("Pennsylvania and
// California", "Syria, Iraq"): then the name before it, behind a comma, is
// an item of the same list ("Washington, Pennsylvania and California"), not
// a place inside it. "Aleppo, Syria, and Mosul, Iraq" stays two pairs, as
// Mosul is a city.
func (p *Parser) listGoesOn(d *doc, ni int) bool {
	if ni+1 >= len(d.spans) {
		return false
	}
	n, m := &d.spans[ni], &d.spans[ni+1]
	if m.drop || !listed(d, n.last, m.first) {
		return false
	}
	k := p.areaKind(n)
	return k != 0 && k == p.areaKind(m)
}

// contained returns the span named right before span si, before a comma,
// that si may contain ("Georgia" in "Athens, Georgia"), or nil.
func (p *Parser) contained(d *doc, si int) *span {
	if si == 0 {
		return nil
	}
	s, b := &d.spans[si], &d.spans[si-1]
	if b.drop || s.first != b.last+1 || d.toks[s.first].sep != sepComma || p.listGoesOn(d, si) {
		return nil
	}
	return b
}

// holds reports whether one of the country or province readings of span c
// contains pl.
func holds(c *span, pl *gazetteer.Place) bool {
	for _, cc := range c.cands {
		if cc.Place != nil && cc.Place != pl && !cc.Adjectival && isCountryOrAdmin1(cc.Place) && contains(cc.Place, pl) {
			return true
		}
	}
	return false
}

// heldBy reports whether region pl contains a reading of span b that b names
// by its own name ("Athens" in Georgia, US).
func (p *Parser) heldBy(b *span, pl *gazetteer.Place) bool {
	if !isCountryOrAdmin1(pl) {
		return false
	}
	for k, bc := range b.cands {
		if bc.Place != nil && bc.Place != pl && !isCountryOrAdmin1(bc.Place) && p.isOwn(b, k) && contains(pl, bc.Place) {
			return true
		}
	}
	return false
}

// contains reports whether place pl lies in the country or province c.
func contains(c, pl *gazetteer.Place) bool {
	if pl.CountryCode != c.CountryCode {
		return false
	}
	if strings.HasPrefix(c.FeatureCode, "PCL") {
		return true
	}
	return c.FeatureCode == "ADM1" && pl.Admin1 == c.Name
}

// twinKm is how near its namesake province a capital of its own province
// must lie to be that province's twin.
const twinKm = 100

// hasCapitalTwin reports whether the candidates hold a main city of the
// province adm1 that the same name also names (Aleppo city and
// governorate).
func (p *Parser) hasCapitalTwin(key string, cands []gazetteer.Candidate, adm1 *gazetteer.Place) bool {
	for _, c := range cands {
		pl := c.Place
		if pl == nil || pl.FeatureClass != "P" || pl.CountryCode != adm1.CountryCode {
			continue
		}
		// A capital or a city of a million set apart as a province of its
		// own (Kyiv City beside Kyiv Oblast) is its namesake province's
		// twin all the same.
		if pl.Admin1 != adm1.Name {
			if (pl.FeatureCode == "PPLC" || pl.Population >= 1000000) && withinKm(pl, adm1, twinKm) {
				return true
			}
			continue
		}
		// The city's name has as many words as the name read: "Ar Raqqah"
		// for "Raqqa" is the twin, "Oklahoma City" for "Oklahoma" is not.
		if pl.Population >= 1000000 || (pl.FeatureCode == "PPLA" || pl.FeatureCode == "PPLC") && words(p.nameKey(pl)) == words(key) {
			return true
		}
	}
	return false
}

// localArea reports an area below a province: a district, a county.
func localArea(pl *gazetteer.Place) bool {
	return pl.FeatureClass == "A" && pl.FeatureCode != "ADM1" && !strings.HasPrefix(pl.FeatureCode, "PCL")
}

// seatTwin returns the candidate of span s that is the seat of its area
// candidate ai: a town of the area's country within twinKm that the text
// leaves weighable, one bearing the name read as its own first ("Baqim",
// not "Baqim as Suq"), the nearest first; or -1.
func (p *Parser) seatTwin(s *span, scores []float64, ai int) int {
	area, best, bestOwn, bestKm := s.cands[ai].Place, -1, false, math.Inf(1)
	for k, v := range scores {
		pl := s.cands[k].Place
		if math.IsInf(v, -1) || pl == nil || pl.FeatureClass != "P" || pl.CountryCode != area.CountryCode {
			continue
		}
		km := geo.DistanceKm(area.Lon, area.Lat, pl.Lon, pl.Lat)
		if km > twinKm {
			continue
		}
		if own := p.isOwn(s, k); own && !bestOwn || own == bestOwn && km < bestKm {
			best, bestOwn, bestKm = k, own, km
		}
	}
	return best
}

// nameKey returns the key of the place's own name.
func (p *Parser) nameKey(pl *gazetteer.Place) string {
	p.ownName("", pl) // fills the cache
	if v, ok := p.nameKeys.Load(pl); ok {
		return v.([2]string)[0]
	}
	return ""
}

// words counts the words of a key.
func words(key string) int {
	if key == "" {
		return 0
	}
	return strings.Count(key, " ") + 1
}

// ownName reports whether key is the place's own name rather than one of
// its alternate names (any name of a curated supplement row). The keys of place names are cached: places are
// immutable and shared, so the cache is bounded by the gazetteer.
func (p *Parser) ownName(key string, pl *gazetteer.Place) bool {
	if pl.Source == gazetteer.SourceSupplement && key != "" {
		// A curated row's names are all its own: each was chosen as a
		// name news uses ("Makhul" for the Makhul mountains).
		return true
	}
	if v, ok := p.nameKeys.Load(pl); ok {
		k := v.([2]string)
		return key == k[0] || key == k[1]
	}
	k := [2]string{gazetteer.Normalize(pl.Name), gazetteer.Normalize(pl.ASCIIName)}
	p.nameKeys.Store(pl, k)
	return key != "" && (key == k[0] || key == k[1])
}
