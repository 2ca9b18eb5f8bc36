package geoparse

import (
	"strings"

	"geoevents/gazetteer"
)

// subPlaceKm is how far a part of a town may lie from the town's point
// ("Horseed neighbourhood (Jowhar)"): beyond it, a namesake of the part is
// some other place, whatever its name.
const subPlaceKm = 40.0

// districtKm is the same for a district, county or other area below a
// province, whose point is only its middle ("Doroba town in Girawa
// district").
const districtKm = 80.0

// majorTownPop is the population from which a town read for a name is
// not taken for an unlisted part of the place after it.
const majorTownPop = 50000

// partReach is how far from c a place in it may lie.
func partReach(c *gazetteer.Place) float64 {
	if c.FeatureClass == "A" {
		return districtKm
	}
	return subPlaceKm
}

// parenContainer returns the span in brackets right after span si that
// says where si lies: "Horseed neighbourhood (Jowhar)", "Kafr Zita
// (Hama)", "Siigaale neighbourhood (Hodan District)", "Marea (Aleppo
// countryside)"; or the one after a kind of part and "in" or "of": "Karat
// town in Konso". One word for the kind of part may stand between the name
// and the bracket; one kind-of-area word (or "countryside") may follow the
// name inside it, which must then close, or go on after a comma or slash
// ("(Wadajir/Medina District)"). Nil when no such bracket follows.
//
// An alias in brackets ("Kobani (Ayn al-Arab)") is the same place, and
// within reach of itself: the cue only helps it.
func (p *Parser) parenContainer(d *doc, si int) (c *span, of bool) {
	if si+1 >= len(d.spans) {
		return nil, false
	}
	s, n := &d.spans[si], &d.spans[si+1]
	if n.drop || n.first <= s.last {
		return nil, false
	}
	k := s.last + 1
	part := k < n.first && d.joined(k) && subPlaceWord(d.lower(k))
	if part {
		k++
	}
	// "Karat town in Konso", "the Ntuku area of Shabunda territory": the
	// kind of part said, then "in" or "of" the place holding it. ("of"
	// also reads the other way, "the Tripoli suburb of Qasr Ben Gashir":
	// then the city is in or near the suburb's reading, or too big to be
	// its part, and keeps its place.)
	if part && k+1 == n.first && d.joined(k) && d.joined(n.first) && (string(d.lower(k)) == "in" || string(d.lower(k)) == "of") {
		return n, string(d.lower(k)) == "of"
	}
	if k != n.first || strings.TrimSpace(d.text[d.toks[k-1].end:d.toks[k].start]) != "(" {
		return nil, false
	}
	rest := d.text[n.end:]
	if m := n.last + 1; m < len(d.toks) && d.joined(m) && (placeTypeClass(d.lower(m)) == 'A' || string(d.lower(m)) == "area") {
		rest = d.text[d.toks[m].end:]
	}
	if rest = strings.TrimLeft(rest, " "); rest == "" || !strings.ContainsRune("),/", rune(rest[0])) {
		return nil, false
	}
	return n, false
}

// subPlaceWord reports the words for a part of a town or an area that may
// stand between its name and the bracketed place holding it.
func subPlaceWord(w []byte) bool {
	switch string(w) {
	case "neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods", "quarter", "district",
		"area", "suburb", "village", "town", "street", "road", "market", "camp", "locality", "sector":
		return true
	}
	return false
}

// inOrNear reports whether one of the readings of span c (the place in
// brackets) holds pl (a country or province reading containing it) or
// lies within subPlaceKm of it (a town or district reading).
func inOrNear(c *span, pl *gazetteer.Place) bool {
	for k, cc := range c.cands {
		if k == maxCands {
			break
		}
		if cc.Place == nil || cc.Adjectival {
			continue
		}
		if holdsPart(cc.Place, pl) {
			return true
		}
	}
	return false
}

// holdsPart reports whether place c (a reading of the bracket) holds pl:
// pl itself, a country or province containing it, or a town or district
// within partReach of it.
func holdsPart(c, pl *gazetteer.Place) bool {
	if isCountryOrAdmin1(c) {
		return c == pl || contains(c, pl)
	}
	return c == pl || withinKm(c, pl, partReach(c))
}

// placeInBrackets gives a name the place of the bracket after it when none
// of the name's readings lies in or near that place: "Horseed
// neighbourhood (Jowhar)" is a part of Jowhar the gazetteer does not list
// (its only Horseed is a village 150 km away), so the mention stands at
// Jowhar, as ACLED codes a neighbourhood at its town, with half the score.
// A country or province named before a bracket is wider than what the
// bracket says and keeps its reading; so does a town of majorTownPop
// people or more before "of" ("the Tripoli suburb of Qasr Ben Gashir"),
// which is no unlisted part of the place after it.
func (p *Parser) placeInBrackets(d *doc) {
	for si := range d.spans {
		s := &d.spans[si]
		if s.drop || s.choice < 0 || isCountryOrAdmin1(s.cands[s.choice].Place) {
			continue
		}
		c, of := p.parenContainer(d, si)
		if c == nil || c.choice < 0 || of && s.cands[s.choice].Place.Population >= majorTownPop {
			continue
		}
		if inChosen(c, s.cands[s.choice].Place) {
			continue
		}
		s.takeReadingOf(c)
	}
}

// inChosen reports whether pl lies in or near the chosen reading of span c,
// or in a province reading of c that holds the chosen one or lies beside
// it: "Abu Faraj (Hama)" is in the province Hama, 41 km from the city the
// bracket is read as; "Nihm (Sanaa)" is in Sanaa Governorate, which rings
// the capital (a province of its own). Other namesakes of c do not count: one of them always lies near
// somewhere.
func inChosen(c *span, pl *gazetteer.Place) bool {
	cp := c.cands[c.choice].Place
	if holdsPart(cp, pl) {
		return true
	}
	for k, cc := range c.cands {
		if k == maxCands {
			break
		}
		if cc.Place != nil && cc.Place != cp && !cc.Adjectival && isCountryOrAdmin1(cc.Place) && contains(cc.Place, pl) &&
			(contains(cc.Place, cp) || withinKm(cc.Place, cp, districtKm)) {
			return true
		}
	}
	return false
}
