package geoparse

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
		s.cands, s.choice, s.score, s.nalts = c.cands, c.choice, c.score/2, 0
	}
}
