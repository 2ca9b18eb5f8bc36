package geoparse

import (
	"strings"

	"geoevents/gazetteer"
)

// maxAnchors bounds the places used for geographic coherence.
const maxAnchors = 32

// admin1Key names a province: country code and admin1 name.
type admin1Key struct{ country, name string }

// textContext is what the whole text says about where it is: how much each
// country and province is mentioned, and confidently placed names.
type textContext struct {
	countries map[string]float64
	total     float64 // sum of countries
	admin1    map[admin1Key]float64
	keys      map[string]bool // names already counted for admin1
	anchors   []*gazetteer.Place
}

// reset empties c for reuse and returns it.
func (c *textContext) reset() *textContext {
	if c.countries == nil {
		c.countries, c.admin1, c.keys = map[string]float64{}, map[admin1Key]float64{}, map[string]bool{}
	}
	clear(c.countries)
	clear(c.admin1)
	clear(c.keys)
	c.total, c.anchors = 0, c.anchors[:0]
	return c
}

// add counts place pl, read for the name key, with weight w. A name
// repeated in the text counts once for its province, so that its
// repetitions do not vouch for each other's reading.
func (c *textContext) add(key string, pl *gazetteer.Place, w float64) {
	if pl == nil || w <= 0 {
		return
	}
	if pl.CountryCode != "" {
		c.countries[pl.CountryCode] += w
		c.total += w
	}
	if c.keys[key] {
		return
	}
	c.keys[key] = true
	if pl.FeatureCode == "ADM1" {
		c.admin1[admin1Key{pl.CountryCode, pl.Name}] += w
	} else if pl.Admin1 != "" {
		c.admin1[admin1Key{pl.CountryCode, pl.Admin1}] += w / 2
	}
}

// holdsCountry reports whether the context names country cc, beyond what
// the name weighed itself put there (prev, prevW).
func (c *textContext) holdsCountry(cc string, prev *gazetteer.Place, prevW float64) bool {
	w := c.countries[cc]
	if prev != nil && prev.CountryCode == cc {
		w -= prevW
	}
	return w > 0.01
}

// addCountry counts a country the text names without a place: the
// country of an armed group.
func (c *textContext) addCountry(cc string, w float64) {
	c.countries[cc] += w
	c.total += w
}

// contextOf returns the place span s most likely names, for context, and how
// much it counts: countries and provinces fully, other names when their
// prior clearly dominates.
func contextOf(s *span) (*gazetteer.Place, float64) {
	best := s.cands[0]
	if best.Place == nil {
		return nil, 0
	}
	if isCountryOrAdmin1(best.Place) {
		return best.Place, 1
	}
	if len(s.cands) == 1 || best.Prior >= 2*s.cands[1].Prior && best.Prior >= 0.5 {
		return best.Place, 0.5
	}
	return nil, 0
}

// oneCountryWeight is what a name whose readings all lie in one country
// adds to that country's weight in the first pass: as much as a name whose
// prior dominates, for the country only (its provinces may differ).
const oneCountryWeight = 0.5

// oneCountry reports whether every reading of span s (the first maxCands)
// lies in one country, which then holds the text whichever is meant.
func oneCountry(s *span) bool {
	if len(s.cands) < 2 || s.cands[0].Place == nil || s.cands[0].Place.CountryCode == "" || s.cands[0].Adjectival {
		return false
	}
	cc := s.cands[0].Place.CountryCode
	for k, c := range s.cands {
		if k == maxCands {
			break
		}
		if c.Place == nil || c.Place.CountryCode != cc {
			return false
		}
	}
	return true
}

// supportWindow and supportCands bound the work of support per span.
const (
	supportWindow = 20
	supportCands  = 12
)

// support counts the other names near span si that have a namesake, by its
// own name, inside province adm1: "Georgia" with "Atlanta", "Savannah" and
// "Athens" around it is the US state.
func (p *Parser) support(d *doc, si int, adm1 *gazetteer.Place) int {
	n := 0
	self := d.spans[si].key
	for j := max(0, si-supportWindow); j < min(len(d.spans), si+supportWindow+1); j++ {
		d.work++
		o := &d.spans[j]
		if j == si || o.drop || o.key == self {
			continue
		}
		for k, c := range o.cands {
			if k == supportCands {
				break
			}
			if c.Place != nil && c.Place.FeatureClass == "P" && contains(adm1, c.Place) && p.isOwn(o, k) {
				n++
				break
			}
		}
	}
	return n
}

// listCue reads the kind of place meant from the names listed with span si:
// "Michigan, Oregon, New York, Indiana" are provinces ('A'), "Syria, Iraq,
// and Jordan" countries ('C'); 0 when the neighbours say nothing.
func (p *Parser) listCue(d *doc, si int) byte {
	kinds := [2]byte{}
	for n, j := range [2]int{si - 1, si + 1} {
		if j < 0 || j >= len(d.spans) || d.spans[j].drop {
			continue
		}
		a, b := &d.spans[si], &d.spans[j]
		if j < si {
			a, b = b, a
		}
		if !listed(d, a.last, b.first) {
			continue
		}
		kinds[n] = p.areaKind(&d.spans[j])
	}
	if kinds[0] != 0 && (kinds[1] == 0 || kinds[1] == kinds[0]) {
		return kinds[0]
	}
	return kinds[1]
}

// areaKind is the kind of area span o names by its best candidate's own
// name: 'C' a country, 'A' a province, 0 anything else.
func (p *Parser) areaKind(o *span) byte {
	c := o.cands[0]
	if c.Place == nil || c.Adjectival || !p.isOwn(o, 0) {
		return 0
	}
	switch {
	case strings.HasPrefix(c.Place.FeatureCode, "PCL"):
		return 'C'
	case c.Place.FeatureCode == "ADM1":
		return 'A'
	}
	return 0
}

// listed reports whether the names ending at token a and starting at token
// b are items of one list: "X, Y", "X and Y", "X, and Y", "X or Y".
func listed(d *doc, a, b int) bool {
	switch {
	case b == a+1:
		return d.toks[b].sep == sepComma
	case b == a+2:
		w := string(d.lower(a + 1))
		return (w == "and" || w == "or") && d.toks[b].sep == sepSpace
	}
	return false
}
