package geoparse

// suffixPhrases are the place types of several words that follow a name
// as part of it, in lower case: the local government areas of Nigeria, the
// sub-divisions of Cameroon, the sub-districts of Syria and Iraq, the
// sub-counties of Uganda. A single capitalised type word is on
// nameSuffixes.
var suffixPhrases = [][]string{
	{"local", "government", "area"},
	{"local", "government", "council"},
	{"local", "government", "authority"},
	{"local", "government"},
	{"sub", "division"},
	{"sub", "district"},
	{"sub", "county"},
	{"sub", "prefecture"},
}

// suffixLen returns how many words from token n on, joined to the name
// before them and capitalised, name its place type ("County", "LGA",
// "Local Government Area", "Sub-division"), or 0.
func (p *Parser) suffixLen(d *doc, n int) int {
	if n >= len(d.toks) || !d.joined(n) || !d.toks[n].is(fCap) {
		return 0
	}
	if d.in(p.lex.suffixes, n) {
		return 1
	}
phrases:
	for _, ph := range suffixPhrases {
		if n+len(ph) > len(d.toks) {
			continue
		}
		for k, w := range ph {
			if k > 0 && !d.joined(n+k) || string(d.lower(n+k)) != w {
				continue phrases
			}
		}
		return len(ph)
	}
	return 0
}

// localAreaSuffix are the type words of local areas the gazetteer mostly
// lacks (townships, most counties and parishes): "ALEPPO TOWNSHIP, Pa." is
// no Aleppo the gazetteer knows.
var localAreaSuffix = map[string]bool{"township": true, "county": true, "parish": true, "borough": true, "municipality": true}

// countyKm is how far from a county's point a place may lie and still be
// in it (GeoNames gives counties no outline).
const countyKm = 60

// placeInContainer resolves a local area the gazetteer lacks to the area
// the text says holds it: when a span carries a local-area type word
// ("ALEPPO TOWNSHIP") and is followed by its container ("Pa."), but none
// of its candidates lies in that container, the mention is of a place in
// the container, so it takes the container's place (with half its score),
// rather than a namesake 9,000 km away.
func (p *Parser) placeInContainer(d *doc) {
	for si := range d.spans {
		s := &d.spans[si]
		if s.drop || s.choice < 0 || !s.suffix || !d.in(p.lex.suffixes, s.last) || !localAreaSuffix[string(d.lower(s.last))] {
			continue
		}
		c := p.container(d, si)
		if c == nil || c.choice < 0 {
			continue
		}
		cp := c.cands[c.choice].Place
		county := cp.FeatureCode == "ADM2"
		if !isCountryOrAdmin1(cp) && !county {
			continue
		}
		inside := false
		for _, cand := range s.cands {
			if cand.Place != nil && (contains(cp, cand.Place) || county && withinKm(cp, cand.Place, countyKm)) {
				inside = true
				break
			}
		}
		if inside {
			continue
		}
		s.takeReadingOf(c)
	}
}

// takeReadingOf gives span s the reading of the place c that holds it, at
// half c's score: s names a part of c the gazetteer does not list.
func (s *span) takeReadingOf(c *span) {
	s.cands, s.choice, s.score, s.nalts = c.cands, c.choice, c.score/2, 0
}
