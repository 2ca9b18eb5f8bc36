package geoparse

import (
	"strings"

	"geoevents/gazetteer"
)

// nameRule is one reason a capitalised word that matches a gazetteer name
// is not a place.
type nameRule struct {
	name  string
	false func(p *Parser, d *doc, s *span) bool
}

// nameRules are checked before the other filters; each is tested in
// precision_test.go.
var nameRules = []nameRule{
	{"an adjective heading the name of a village the gazetteer lacks (Arab Saeed village, Kurdish Hill camp)", func(p *Parser, d *doc, s *span) bool {
		if s.first != s.last || len(s.cands) == 0 || !s.cands[0].Adjectival {
			return false
		}
		n := s.last + 1
		if n >= len(d.toks) || !d.joined(n) || !p.capitalNeighbour(d, n) {
			return false
		}
		for k := n + 1; k < len(d.toks) && k <= n+2; k++ {
			if !d.joined(k) {
				return false
			}
			if d.toks[k].is(fLower) {
				return subPlaceWord(d.lower(k))
			}
		}
		return false
	}},
	{"a generic head of Arabic names read alone before the name it heads (Wadi Hadramawt, Jabal Zayn al-Abidin)", func(p *Parser, d *doc, s *span) bool {
		n := s.last + 1
		return s.first == s.last && !s.spelled && d.in(p.lex.arabicHeads, s.first) && n < len(d.toks) && d.joined(n) &&
			d.toks[n].sep == sepSpace && d.toks[n].is(fCap) && !d.in(p.lex.placeTypes, n) && !d.in(p.lex.directions, n)
	}},
	{"a spelling-key guess beside another capitalised word (Huseyin Avni Sahin)", func(p *Parser, d *doc, s *span) bool {
		if !s.spelled {
			return false
		}
		return p.capitalNeighbour(d, s.first-1) && d.joined(s.first) || p.capitalNeighbour(d, s.last+1) && d.joined(s.last+1)
	}},
	{"an acronym that names no country, province or world region (CNN, WHO), unless it heads a dateline", func(p *Parser, d *doc, s *span) bool {
		t := d.toks[s.first]
		if s.first != s.last || !t.is(fUpper) || t.is(fDateline) || t.is(fState) {
			return false
		}
		pl := s.cands[0].Place
		return !isCountryOrAdmin1(pl) && pl.FeatureCode != "RGN" && pl.FeatureCode != "CONT"
	}},
	{"a state's abbreviation neither after a comma nor in a dateline (Calif. alone, Miss. Smith)", func(p *Parser, d *doc, s *span) bool {
		t := d.toks[s.first]
		return s.first == s.last && t.is(fState) && t.sep != sepComma && !t.is(fDateline)
	}},
	{"a two-letter word that is not the place's own name (Co, Al, Ga without its period), unless read with its feature noun (the T4 airbase)", func(p *Parser, d *doc, s *span) bool {
		t := d.toks[s.first]
		w := d.text[t.start:t.end]
		return s.first == s.last && len(w) == 2 && !t.is(fUpper) && s.afterNoun == 0 && !p.exactName(d, s)
	}},
	{"a compass point in capitals before of or after a distance (63km NE of Beledweyne, 5 km N of Goma), no Nebraska", func(p *Parser, d *doc, s *span) bool {
		t := d.toks[s.first]
		if s.first != s.last || !compassPoints[d.text[t.start:t.end]] {
			return false
		}
		if n := s.last + 1; n < len(d.toks) && d.joined(n) && string(d.lower(n)) == "of" {
			return true
		}
		return s.first > 0 && d.joined(s.first) && distanceWord(d.lower(s.first-1))
	}},
	{"a US state's postal code right after the name of a place outside the US, without a comma (Baraawe DC: its district commissioner)", func(p *Parser, d *doc, s *span) bool {
		t := d.toks[s.first]
		if s.first != s.last || t.end-t.start != 2 || !t.is(fUpper) || t.sep != sepSpace || s.cands[0].Place.CountryCode != "US" {
			return false
		}
		for k := len(d.spans) - 1; k >= 0; k-- {
			if o := &d.spans[k]; o.last == s.first-1 {
				return !hasCountry(o.cands, "US")
			}
		}
		return false
	}},
	{"a model designation joined to its number by a hyphen (AK-47, F-16, Su-24, BM-21)", func(p *Parser, d *doc, s *span) bool {
		n := s.last + 1
		return s.first == s.last && n < len(d.toks) && d.toks[n].sep == sepHyphen && d.toks[n].is(fDigit) &&
			d.toks[s.first].end-d.toks[s.first].start <= 3
	}},
	{"a first name, common word or title that matches only an alternate name (Morris → Mauritius, Sam → Damascus, Lane → Lääne)", func(p *Parser, d *doc, s *span) bool {
		if s.first != s.last || s.cands[0].Adjectival || p.exactName(d, s) || p.hasContainer(d, s) {
			return false
		}
		lex := p.lex
		return (d.in(lex.given, s.first) || d.in(lex.common, s.first) || d.in(lex.titles, s.first)) && !p.anyOwn(s)
	}},
}

// exactName reports whether span s is written exactly as the name of its
// best candidate (ignoring case): "Jordan" is Jordan, "Lane" is not Lääne
// (whose key it shares), nor "Morris" Mauritius (an alternate name).
func (p *Parser) exactName(d *doc, s *span) bool {
	return named(d.text[s.start:s.end], s.cands[0].Place)
}

// named reports whether w is written exactly as the name of pl, ignoring
// case and a leading "the".
func named(w string, pl *gazetteer.Place) bool {
	w = withoutThe(w)
	return strings.EqualFold(w, withoutThe(pl.Name)) || strings.EqualFold(w, withoutThe(pl.ASCIIName))
}

func withoutThe(s string) string {
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		return s[4:]
	}
	return s
}

// anyOwn reports whether some candidate bears the name read as its own.
func (p *Parser) anyOwn(s *span) bool {
	for k := range s.cands {
		if k == 64 {
			break
		}
		if p.isOwn(s, k) {
			return true
		}
	}
	return false
}

// strongLook is how many of a name's candidates strongExact looks at.
const strongLook = 8

// strongExact reports whether span s names exactly a prominent place
// among its candidates (see isStrong): only such a place is meant when its name is also a first name
// or a common word ("Jordan", "Chad", but not "Lane" for Lääne).
func (p *Parser) strongExact(d *doc, s *span) bool {
	w := d.text[s.start:s.end]
	// "US", "U.S.", "UK", "EU": a country's, province's or region's code in
	// capitals is its name as surely as the name itself.
	code := s.first == s.last && d.toks[s.first].flags&(fUpper|fAbbrev) != 0
	for k, c := range s.cands {
		if k == strongLook {
			break // candidates come best prior first: prominent places lead
		}
		if isStrong(c.Place) && named(w, c.Place) || code && (isCountryOrAdmin1(c.Place) || wideArea(c.Place)) {
			return true
		}
	}
	return false
}

// compassPoints are the abbreviations of directions that reports put
// between a distance and a place ("63km NE of Beledweyne").
var compassPoints = map[string]bool{
	"N": true, "S": true, "E": true, "W": true, "NE": true, "NW": true, "SE": true, "SW": true,
	"NNE": true, "ENE": true, "ESE": true, "SSE": true, "SSW": true, "WSW": true, "WNW": true, "NNW": true,
}

// distanceWord reports a distance or its unit: "63km", "km", "miles".
func distanceWord(w []byte) bool {
	switch string(w) {
	case "km", "kms", "kilometres", "kilometers", "mile", "miles":
		return true
	}
	return len(w) > 2 && w[0] >= '0' && w[0] <= '9' && (string(w[len(w)-2:]) == "km" || string(w[len(w)-3:]) == "kms")
}

// hasCountry reports whether one of the candidates lies in country cc.
func hasCountry(cands []gazetteer.Candidate, cc string) bool {
	for _, c := range cands {
		if c.Place != nil && c.Place.CountryCode == cc {
			return true
		}
	}
	return false
}
