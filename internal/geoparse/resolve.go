package geoparse

import (
	"math"
	"strings"

	"geoevents/gazetteer"
	"geoevents/geo"
)

// Weights of the resolution evidence, on the log-prior scale.
const (
	wCountry   = 1.5 // candidate lies in a country the text mentions
	wAdmin1    = 0.9 // candidate lies in a province the text mentions
	wContainer = 3.0 // "Palmyra, New York": the next name contains it
	wTypeCue   = 1.0 // "Idlib province", "the city of Homs"
	wNear      = 0.6 // near the text's other confidently placed names
	wOwnName   = 0.6 // the key is the place's own name, not an alternate
	wHolds     = 1.0 // a country or province holding the text's other places
	wSupport   = 1.0 // a province where other names of the text have namesakes
	wThe       = 0.8 // "the Red Sea", "the Euphrates": a natural feature or region
	nearKm     = 250.0
	nearDeg    = nearKm / 111.0 // latitude degrees: a cheap bound before the great circle
	maxCands   = 25             // candidates weighed per name, best prior first
)

// resolve chooses a candidate for every kept span and scores it, in two
// passes: first with what the names' priors say about the text's countries
// and provinces, then again with the places chosen in the first pass
// (their countries, provinces and positions).
func (p *Parser) resolve(d *doc) {
	ctx := d.ctx[0].reset()
	for si := range d.spans {
		if s := &d.spans[si]; !s.drop {
			pl, w := contextOf(s)
			s.ctxPlace, s.ctxW = pl, w
			ctx.add(pl, w)
		}
	}
	for si := range d.spans {
		if !d.spans[si].drop {
			p.choose(d, si, ctx)
		}
	}
	// Two more passes, each with the context of the last one's choices, so
	// that a province chosen late ("Georgia" the US state) still informs
	// the names inside it.
	for pass := 0; pass < 2; pass++ {
		ctx2 := d.ctx[1].reset()
		for si := range d.spans {
			s := &d.spans[si]
			if s.drop || s.choice < 0 {
				continue
			}
			pl := s.cands[s.choice].Place
			s.ctxPlace, s.ctxW = pl, s.score
			ctx2.add(pl, s.score)
			if s.score >= 0.7 && !isCountryOrAdmin1(pl) && pl.FeatureClass == "P" && len(ctx2.anchors) < maxAnchors {
				ctx2.anchors = append(ctx2.anchors, pl)
			}
		}
		for si := range d.spans {
			if !d.spans[si].drop {
				p.choose(d, si, ctx2)
			}
		}
	}
}

// maxAnchors bounds the places used for geographic coherence.
const maxAnchors = 32

// textContext is what the whole text says about where it is: how much each
// country and province is mentioned, and confidently placed names.
type textContext struct {
	countries map[string]float64
	total     float64            // sum of countries
	admin1    map[string]float64 // country code + "/" + admin1 name
	anchors   []*gazetteer.Place
}

// reset empties c for reuse and returns it.
func (c *textContext) reset() *textContext {
	if c.countries == nil {
		c.countries, c.admin1 = map[string]float64{}, map[string]float64{}
	}
	clear(c.countries)
	clear(c.admin1)
	c.total, c.anchors = 0, c.anchors[:0]
	return c
}

// add counts place pl with weight w.
func (c *textContext) add(pl *gazetteer.Place, w float64) {
	if pl == nil || w <= 0 {
		return
	}
	if pl.CountryCode != "" {
		c.countries[pl.CountryCode] += w
		c.total += w
	}
	if pl.FeatureCode == "ADM1" {
		c.admin1[pl.CountryCode+"/"+pl.Name] += w
	} else if pl.Admin1 != "" {
		c.admin1[pl.CountryCode+"/"+pl.Admin1] += w / 2
	}
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

// choose scores every candidate of span si and keeps the best.
func (p *Parser) choose(d *doc, si int, c *textContext) {
	s := &d.spans[si]
	own, ownW := s.ctxPlace, s.ctxW
	typeCue := p.typeCue(d, s)
	if typeCue == 0 {
		typeCue = p.listCue(d, si)
	}
	afterThe := s.first > 0 && d.joined(s.first) && string(d.lower(s.first-1)) == "the"
	container, contained := p.container(d, si), p.contained(d, si)
	best, second := math.Inf(-1), math.Inf(-1)
	bestI := -1
	scores := d.scores[:0]
	defer func() { d.scores = scores[:0] }()
	for k, cand := range s.cands {
		if k == maxCands {
			break
		}
		pl := cand.Place
		if pl == nil {
			scores = append(scores, math.Inf(-1))
			continue
		}
		// "Aleppo", "Hama", "New York": the city, not its namesake province,
		// unless the province is said; the province then gets none of the
		// bonuses of a province.
		twin := pl.FeatureCode == "ADM1" && typeCue != 'A' && p.hasCapitalTwin(s.key, s.cands, pl)
		v := math.Log(cand.Prior + 0.01)
		if !twin {
			v += featureBonus(pl)
			if p.ownName(s.key, pl) {
				v += wOwnName
			}
		}
		cw := c.countries[pl.CountryCode]
		if own != nil && own.CountryCode == pl.CountryCode {
			cw -= ownW
		}
		if cw > 0.01 && c.total > 0 {
			v += wCountry * math.Sqrt(cw/c.total)
		}
		if pl.Admin1 != "" && pl.FeatureCode != "ADM1" {
			aw := c.admin1[pl.CountryCode+"/"+pl.Admin1]
			if own != nil && own.CountryCode == pl.CountryCode && (own.Name == pl.Admin1 || own.Admin1 == pl.Admin1) {
				aw -= ownW
			}
			if aw > 0.2 {
				v += wAdmin1
			}
		}
		if pl.FeatureCode == "ADM1" && !twin {
			v += wSupport * math.Min(1, float64(p.support(d, si, pl))/2)
		}
		if isCountryOrAdmin1(pl) && !twin {
			held := 0
			for _, a := range c.anchors {
				if a != pl && contains(pl, a) {
					held++
				}
			}
			v += wHolds * math.Min(1, float64(held)/2)
		}
		if container != nil && p.ownName(s.key, pl) && holds(container, pl) {
			v += wContainer
		}
		if contained != nil && p.heldBy(contained, pl) {
			v += wContainer / 2
		}
		if afterThe && (pl.FeatureClass == "H" || pl.FeatureClass == "T" || pl.FeatureClass == "L") {
			v += wThe
		}
		switch typeCue {
		case 'C':
			if strings.HasPrefix(pl.FeatureCode, "PCL") {
				v += wTypeCue
			}
		case 'A':
			if pl.FeatureClass == "A" {
				v += wTypeCue
			}
		case 'P':
			if pl.FeatureClass == "P" {
				v += wTypeCue
			}
		}
		for _, a := range c.anchors {
			if a != pl && math.Abs(a.Lat-pl.Lat) < nearDeg && math.Abs(a.Lon-pl.Lon) < 4*nearDeg && distKm(a, pl) < nearKm {
				v += wNear
				break
			}
		}
		scores = append(scores, v)
		if v > best {
			best, second, bestI = v, best, k
		} else if v > second {
			second = v
		}
	}
	s.choice = bestI
	if bestI < 0 {
		return
	}
	// Score: the chosen candidate's share of a softmax over all candidates.
	sum := 0.0
	for _, v := range scores {
		if !math.IsInf(v, -1) {
			sum += math.Exp(v - best)
		}
	}
	s.score = clamp01(1 / sum)
}

// typeCue reads the words around span s for the kind of place meant:
// 'A' for "Idlib province", "the province of Idlib"; 'P' for "the city of
// Homs", "Homs city"; 0 for none.
func (p *Parser) typeCue(d *doc, s *span) byte {
	if n := s.last + 1; n < len(d.toks) && d.joined(n) {
		if c := placeTypeClass(d.lower(n)); c != 0 {
			return c
		}
	}
	// "<type> of <span>"
	if s.first >= 2 && d.joined(s.first) && string(d.lower(s.first-1)) == "of" && d.joined(s.first-1) {
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
	if n.drop || n.first != s.last+1 || d.toks[n.first].sep != sepComma {
		return nil
	}
	return n
}

// contained returns the span named right before span si, before a comma,
// that si may contain ("Georgia" in "Athens, Georgia"), or nil.
func (p *Parser) contained(d *doc, si int) *span {
	if si == 0 {
		return nil
	}
	s, b := &d.spans[si], &d.spans[si-1]
	if b.drop || s.first != b.last+1 || d.toks[s.first].sep != sepComma {
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
	for _, bc := range b.cands {
		if bc.Place != nil && bc.Place != pl && !isCountryOrAdmin1(bc.Place) && p.ownName(b.key, bc.Place) && contains(pl, bc.Place) {
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

func distKm(a, b *gazetteer.Place) float64 {
	return geo.DistanceKm(a.Lon, a.Lat, b.Lon, b.Lat)
}

func clamp01(x float64) float64 {
	if math.IsNaN(x) || x < 0 {
		return 0
	}
	return math.Min(1, x)
}

// featureBonus is the a-priori weight of a kind of place, on the log scale:
// news names countries, provinces and capitals far more often than
// namesake villages.
func featureBonus(pl *gazetteer.Place) float64 {
	switch code := pl.FeatureCode; {
	case code == "CONT":
		return 2.5
	case strings.HasPrefix(code, "PCL"):
		return 2.0
	case code == "ADM1":
		return 1.3
	case code == "OCN" || code == "SEA":
		return 1.6
	case code == "RGN":
		return 1.2
	case code == "PPLC":
		return 1.0
	case code == "PPLA":
		return 0.5
	case code == "PPLA2":
		return 0.2
	}
	return 0
}

// hasCapitalTwin reports whether the candidates hold a main city of the
// province adm1 that the same name also names (Aleppo city and
// governorate).
func (p *Parser) hasCapitalTwin(key string, cands []gazetteer.Candidate, adm1 *gazetteer.Place) bool {
	for _, c := range cands {
		pl := c.Place
		if pl == nil || pl.FeatureClass != "P" || pl.CountryCode != adm1.CountryCode || pl.Admin1 != adm1.Name {
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
// its alternate names. The keys of place names are cached: places are
// immutable and shared, so the cache is bounded by the gazetteer.
func (p *Parser) ownName(key string, pl *gazetteer.Place) bool {
	if v, ok := p.nameKeys.Load(pl); ok {
		k := v.([2]string)
		return key == k[0] || key == k[1]
	}
	k := [2]string{gazetteer.Normalize(pl.Name), gazetteer.Normalize(pl.ASCIIName)}
	p.nameKeys.Store(pl, k)
	return key != "" && (key == k[0] || key == k[1])
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
		o := &d.spans[j]
		if j == si || o.drop || o.key == self {
			continue
		}
		for k, c := range o.cands {
			if k == supportCands {
				break
			}
			if c.Place != nil && c.Place.FeatureClass == "P" && contains(adm1, c.Place) && p.ownName(o.key, c.Place) {
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
		o := &d.spans[j]
		c := o.cands[0]
		if c.Place == nil || c.Adjectival || !p.ownName(o.key, c.Place) {
			continue
		}
		switch {
		case strings.HasPrefix(c.Place.FeatureCode, "PCL"):
			kinds[n] = 'C'
		case c.Place.FeatureCode == "ADM1":
			kinds[n] = 'A'
		}
	}
	if kinds[0] != 0 && (kinds[1] == 0 || kinds[1] == kinds[0]) {
		return kinds[0]
	}
	return kinds[1]
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
