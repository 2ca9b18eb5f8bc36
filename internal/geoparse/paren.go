package geoparse

import (
	"strings"

	"geoevents/gazetteer"
)

// subPlaceKm is how far a part of a town may lie from the town's point
// ("Horseed neighbourhood (Jowhar)"): beyond it, a namesake of the part is
// some other place, whatever its name.
const subPlaceKm = 40.0

// parenContainer returns the span in brackets right after span si that
// says where si lies: "Horseed neighbourhood (Jowhar)", "Kafr Zita
// (Hama)", "Siigaale neighbourhood (Hodan District)", "Marea (Aleppo
// countryside)". One word for the kind of part may stand between the name
// and the bracket; one kind-of-area word (or "countryside") may follow the
// name inside it, which must then close, or go on after a comma or slash
// ("(Wadajir/Medina District)"). Nil when no such bracket follows.
//
// An alias in brackets ("Kobani (Ayn al-Arab)") is the same place, and
// within reach of itself: the cue only helps it.
func (p *Parser) parenContainer(d *doc, si int) *span {
	if si+1 >= len(d.spans) {
		return nil
	}
	s, n := &d.spans[si], &d.spans[si+1]
	if n.drop || n.first <= s.last {
		return nil
	}
	k := s.last + 1
	if k < n.first && d.joined(k) && subPlaceWord(d.lower(k)) {
		k++
	}
	if k != n.first || strings.TrimSpace(d.text[d.toks[k-1].end:d.toks[k].start]) != "(" {
		return nil
	}
	rest := d.text[n.end:]
	if m := n.last + 1; m < len(d.toks) && d.joined(m) && (placeTypeClass(d.lower(m)) == 'A' || string(d.lower(m)) == "area") {
		rest = d.text[d.toks[m].end:]
	}
	if rest = strings.TrimLeft(rest, " "); rest == "" || !strings.ContainsRune("),/", rune(rest[0])) {
		return nil
	}
	return n
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
		if cc.Place == pl {
			return true
		}
		if isCountryOrAdmin1(cc.Place) {
			if contains(cc.Place, pl) {
				return true
			}
		} else if withinKm(cc.Place, pl, subPlaceKm) {
			return true
		}
	}
	return false
}

// placeInBrackets gives a name the place of the bracket after it when none
// of the name's readings lies in or near that place: "Horseed
// neighbourhood (Jowhar)" is a part of Jowhar the gazetteer does not list
// (its only Horseed is a village 150 km away), so the mention stands at
// Jowhar, as ACLED codes a neighbourhood at its town, with half the score.
// A country or province named before a bracket is wider than what the
// bracket says and keeps its reading.
func (p *Parser) placeInBrackets(d *doc) {
	for si := range d.spans {
		s := &d.spans[si]
		if s.drop || s.choice < 0 || isCountryOrAdmin1(s.cands[s.choice].Place) {
			continue
		}
		c := p.parenContainer(d, si)
		if c == nil || c.choice < 0 {
			continue
		}
		if inChosen(c, s.cands[s.choice].Place) {
			continue
		}
		s.cands, s.choice, s.score, s.nalts = c.cands, c.choice, c.score/2, 0
	}
}

// inChosen reports whether pl lies in or near the chosen reading of span c,
// or in a province reading of c that holds the chosen one: "Abu Faraj
// (Hama)" is in the province Hama, 41 km from the city the bracket is read
// as. Other namesakes of c do not count: one of them always lies near
// somewhere.
func inChosen(c *span, pl *gazetteer.Place) bool {
	cp := c.cands[c.choice].Place
	if pl == cp || contains(cp, pl) || !isCountryOrAdmin1(cp) && withinKm(cp, pl, subPlaceKm) {
		return true
	}
	for k, cc := range c.cands {
		if k == maxCands {
			break
		}
		if cc.Place != nil && cc.Place != cp && !cc.Adjectival && isCountryOrAdmin1(cc.Place) && contains(cc.Place, cp) && contains(cc.Place, pl) {
			return true
		}
	}
	return false
}
