package geoparse

import "geoevents/gazetteer"

// lookup returns the gazetteer's candidates for key. Continents, world
// regions, seas and oceans are gazetteer rows like any place (its curated
// supplement), so nothing is added here.
func (p *Parser) lookup(key string) []gazetteer.Candidate {
	return withPlaces(p.g.LookupKey(key))
}

// withPlaces returns cands without any candidate lacking a place, so that
// the parser may rely on Place everywhere (copying only when needed).
func withPlaces(cands []gazetteer.Candidate) []gazetteer.Candidate {
	for i, c := range cands {
		if c.Place == nil {
			out := append([]gazetteer.Candidate(nil), cands[:i]...)
			for _, c := range cands[i+1:] {
				if c.Place != nil {
					out = append(out, c)
				}
			}
			return out
		}
	}
	return cands
}
