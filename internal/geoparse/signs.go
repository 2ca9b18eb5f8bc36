package geoparse

// placeSign is one sign, read from the words around a name, that the name
// is a place even though it looks like part of another name. Each is
// tested in signs_test.go.
type placeSign struct {
	name  string
	holds func(p *Parser, d *doc, s *span) bool
}

// hyphenSigns keep a name that a hyphen joins to another capitalised word
// ("Navarro-Valls" is a person, "Syria-US" two places): the ends of a route.
var hyphenSigns = []placeSign{
	{"an end of a route: names joined by hyphens before a route noun (the Yambio-Nzara road, the Aleppo-Damascus highway, the Mbau-Kamango axis)", func(p *Parser, d *doc, s *span) bool {
		last := s.last
		for k := 0; k < maxRouteEnds && last+1 < len(d.toks) && d.toks[last+1].sep == sepHyphen && d.toks[last+1].is(fCap); k++ {
			last++
		}
		n := last + 1
		return n < len(d.toks) && d.toks[n].sep == sepSpace && d.toks[n].is(fLower) && d.in(p.lex.routeNouns, n)
	}},
}

// maxRouteEnds bounds the names of one route ("the Maiduguri-Bulabulin-Damboa road").
const maxRouteEnds = 4

// signed reports whether one of the signs holds for span s.
func (p *Parser) signed(d *doc, s *span, signs []placeSign) bool {
	for _, r := range signs {
		if r.holds(p, d, s) {
			return true
		}
	}
	return false
}
