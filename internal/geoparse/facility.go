package geoparse

import (
	"strings"

	"geoevents/gazetteer"
)

// facilityNouns head the names of buildings and grounds that lie in the
// place they are named after: "Jimma University", "Benghazi Medical
// Centre", "Misrata Airport", "the University of Ilorin", "the
// Pietermaritzburg Magistrate's Court", "Durban City Hall", "Kalma camp".
const facilityNouns = `university college polytechnic school academy institute hospital clinic medical
airport airbase market prison stadium cinema hotel mosque cathedral campus barracks
court courthouse magistrate magistrates hall camp station`

// maxFacilityWords bounds the capitalised words between a place's name and
// its facility's head noun ("Jos University Teaching Hospital", "Alaba
// International Market").
const maxFacilityWords = 4

// placeOfFacility gives a text that names no place finer than a province
// the places its facilities are named after: "students protested at Jimma
// University" happened in Jimma. Elsewhere the place inside a facility's
// name stays unmentioned, as annotators of news leave it. With nothing
// else to go by, only a town or an area is believed (see facilityTown), no
// village and no spelling guess.
func (p *Parser) placeOfFacility(d *doc) {
	var cands []int
	for si := range d.spans {
		s := &d.spans[si]
		if !s.drop {
			if s.choice >= 0 && !s.cands[s.choice].Adjectival && finerThanProvince(s.cands[s.choice].Place) {
				return // the text names its place
			}
			continue
		}
		if p.namesFacility(d, s) {
			cands = append(cands, si)
		}
	}
	c := &d.ctx[1]
	for _, si := range cands {
		s := &d.spans[si]
		s.drop, s.why, s.cued = false, "", true
		p.choose(d, si, c)
		if s.choice < 0 || s.cands[s.choice].Spelling || !facilityTown(s.cands[s.choice].Place) {
			s.drop, s.why = true, "no town a facility is named after"
		}
	}
}

// namesFacility reports whether span s, dropped as part of a longer name,
// names the place of a facility.
func (p *Parser) namesFacility(d *doc, s *span) bool {
	switch {
	case s.why == "organisation (X of place)":
		return d.in(p.lex.facilities, s.first-2)
	case s.why == "organisation" || strings.HasPrefix(s.why, "inside a longer name"):
		for k := s.last + 1; k < len(d.toks) && k <= s.last+maxFacilityWords && d.joined(k) && d.toks[k].is(fCap); k++ {
			if d.in(p.lex.facilities, k) {
				return true
			}
		}
	}
	return false
}

// finerThanProvince reports a place below the first-level divisions: a
// town, a district, a site.
func finerThanProvince(pl *gazetteer.Place) bool {
	return pl != nil && !isCountryOrAdmin1(pl) && !wideArea(pl)
}

// facilityTownPop is the population from which a place without other
// standing may host a named facility.
const facilityTownPop = 10000

// facilityTown reports a place that hosts universities, hospitals and
// airports named after it: an area, a capital or seat, or a town of
// facilityTownPop people. "Ambo University" is not in Ambo, Peru (7,000).
func facilityTown(pl *gazetteer.Place) bool {
	if pl == nil || minorPlace(pl) {
		return false
	}
	switch pl.FeatureCode {
	case "PPLC", "PPLA", "PPLA2":
		return true
	}
	return pl.FeatureClass == "A" || pl.Population >= facilityTownPop
}
