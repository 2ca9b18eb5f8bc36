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
	wFolded    = 0.7 // the text doubles a letter no name of the place doubles (see folded)
	wHolds     = 1.0 // a country or province holding the text's other places
	wSupport   = 1.0 // a province where other names of the text have namesakes
	wThe       = 0.8 // "the Red Sea", "the Euphrates": a natural feature or region
	nearKm     = 250.0
	maxCands   = 25 // candidates weighed per name, best prior first
	// groupWeight is how much an armed group of one country counts for
	// that country, as a share of a mention of it.
	groupWeight = 0.5
)

// resolve chooses a candidate for every kept span and scores it, in two
// passes: first with what the names' priors say about the text's countries
// and provinces, then again with the places chosen in the first pass
// (their countries, provinces and positions).
func (p *Parser) resolve(d *doc) {
	ctx := d.ctx[0].reset()
	for _, cc := range d.groups {
		ctx.addCountry(cc, groupWeight)
	}
	for si := range d.spans {
		if s := &d.spans[si]; !s.drop {
			pl, w := contextOf(s)
			if pl == nil && oneCountry(s) {
				// "Idleb": the city or the province, Syria either way.
				s.ctxPlace, s.ctxW = s.cands[0].Place, oneCountryWeight
				ctx.addCountry(s.cands[0].Place.CountryCode, oneCountryWeight)
				continue
			}
			s.ctxPlace, s.ctxW = pl, w
			ctx.add(s.key, pl, w)
		}
	}
	p.respell(d, ctx)
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
		for _, cc := range d.groups {
			ctx2.addCountry(cc, groupWeight)
		}
		for si := range d.spans {
			s := &d.spans[si]
			if s.drop || s.choice < 0 {
				continue
			}
			pl := s.cands[s.choice].Place
			s.ctxPlace, s.ctxW = pl, s.score
			ctx2.add(s.key, pl, s.score)
			if s.score >= 0.7 && !isCountryOrAdmin1(pl) && anchorKind(pl) && len(ctx2.anchors) < maxAnchors {
				ctx2.anchors = append(ctx2.anchors, pl)
			}
		}
		changed := false
		for si := range d.spans {
			if s := &d.spans[si]; !s.drop {
				before := s.choice
				p.choose(d, si, ctx2)
				changed = changed || s.choice != before
			}
		}
		if !changed {
			break // the context these choices make is the one they were made in
		}
	}
}

// choose scores every candidate of span si and keeps the best.
func (p *Parser) choose(d *doc, si int, c *textContext) {
	s := &d.spans[si]
	prev, prevW := s.ctxPlace, s.ctxW // what this span added to c
	typeCue := p.typeCue(d, s)
	if typeCue == 0 {
		typeCue = p.listCue(d, si)
	}
	afterThe := s.first > 0 && d.joined(s.first) && string(d.lower(s.first-1)) == "the"
	container, contained := p.container(d, si), p.contained(d, si)
	inParen, _ := p.parenContainer(d, si)
	best, second := math.Inf(-1), math.Inf(-1)
	bestI := -1
	scores := d.scores[:0]
	defer func() { d.scores = scores[:0] }()
	logp := d.logPriors(s)
	doubled := p.doubles(s)
	capsOnly := doubled && d.allCaps(s)
	total := c.total // without this name's own first reading (for spelling guesses)
	if prev != nil {
		total -= prevW
	}
	for k, cand := range s.cands {
		d.work++
		if k == maxCands {
			break
		}
		pl := cand.Place
		if pl == nil || k > 0 && cand.Prior*outsiderRatio < s.cands[0].Prior && !c.holdsCountry(pl.CountryCode, prev, prevW) {
			// A far weaker namesake in a country the text does not name
			// cannot win: no cue outweighs its prior (log outsiderRatio >
			// wTypeCue), and every bonus that could comes with its country.
			scores = append(scores, math.Inf(-1))
			continue
		}
		// "Aleppo", "Hama", "New York": the city, not its namesake province,
		// unless the province is said; the province then gets none of the
		// bonuses of a province.
		twin := pl.FeatureCode == "ADM1" && typeCue != 'A' && p.hasCapitalTwin(s.key, s.cands, pl)
		v := logp[k]
		own := p.isOwn(s, k)
		if doubled && !cand.Doubled && capsOnly {
			// "UTT" is no spelling of Utah's "UT": capitals are written
			// letter for letter.
			scores = append(scores, math.Inf(-1))
			continue
		}
		if doubled && !cand.Doubled {
			// "Saada": Yemen's Sa'dah, so spelled among its names, not
			// Mayotte's Sada, whose key it shares.
			own = false
			v -= wFolded
		}
		if !twin {
			if typeCue != 'A' || pl.FeatureClass != "P" || !areaTwin(s.cands, pl) {
				// "Afrin district": a town's standing as a seat says
				// nothing for the district of its name beside it that
				// the text names.
				v += featureBonus(pl)
			}
			if own && !dwarfed(pl, s.cands) {
				v += wOwnName
			}
		}
		cw := c.countries[pl.CountryCode]
		if prev != nil && prev.CountryCode == pl.CountryCode {
			cw -= prevW
		}
		if tot := c.total; cw > 0.01 && tot > 0 {
			if cand.Spelling {
				// A spelling guess added because the exact readings
				// lie outside the text's countries (respell) is weighed
				// against the other names alone: "Syrian regime forces
				// shelled Busayra" is Syria's Al Busayrah, not Jordan's
				// Busayra, whose first reading diluted Syria's share.
				tot = total
			}
			v += wCountry * math.Sqrt(cw/tot)
		}
		// A province the text names backs the places in it that bear the
		// name read, not those that merely have it as an alternate.
		if pl.Admin1 != "" && pl.FeatureCode != "ADM1" && own {
			aw := c.admin1[admin1Key{pl.CountryCode, pl.Admin1}]
			if prev != nil && prev.CountryCode == pl.CountryCode && (prev.Name == pl.Admin1 || prev.Admin1 == pl.Admin1) {
				aw -= prevW
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
		if container != nil && own && holds(container, pl) {
			v += wContainer
		}
		if contained != nil && p.heldBy(contained, pl) {
			v += wContainer / 2
		}
		if inParen != nil && inOrNear(inParen, pl) {
			v += wContainer
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
		d.work += len(c.anchors)
		for _, a := range c.anchors {
			if a != pl && withinKm(a, pl, nearKm) {
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
	if bestI < 0 {
		s.choice = -1
		return
	}
	bestI = heaviestCluster(d, s, scores, best, bestI)
	// "in Baardheere", "Qardho": a district or county named like the town
	// that is its seat is the town, unless the district is said
	// ("Baardheere district", "Baardheere District").
	if typeCue != 'A' && !s.suffix && localArea(s.cands[bestI].Place) {
		if k := p.seatTwin(s, scores, bestI); k >= 0 {
			bestI = k
		}
	}
	// So is a province named like its capital ("Batna", "El Oued").
	if typeCue != 'A' && !s.suffix && s.cands[bestI].Place.FeatureCode == "ADM1" {
		if k := p.seatTwin(s, scores, bestI); k >= 0 && (s.cands[k].Place.FeatureCode == "PPLA" || s.cands[k].Place.FeatureCode == "PPLC") {
			bestI = k
		}
	}
	best = scores[bestI]
	s.choice = bestI
	// Score: under a softmax over the candidates, the probability that the
	// place meant lies within agreeKm of the chosen point. Candidates that
	// stand where the choice stands (Tadmur and the ancient site of Palmyra,
	// 4 km apart) do not make the location doubtful; a namesake elsewhere
	// does, and so does the place the gazetteer does not list (unlisted).
	chosen := s.cands[bestI].Place
	sum, agree := math.Exp(unlisted-best), 0.0
	for k, v := range scores {
		if math.IsInf(v, -1) {
			continue
		}
		w := math.Exp(v - best)
		sum += w
		if pl := s.cands[k].Place; k == bestI || withinKm(pl, chosen, agreeKm) {
			agree += w
		}
	}
	s.score = clamp01(agree / sum)
	if wideArea(chosen) {
		// A continent, world region or sea is far wider than the 161 km
		// the score speaks of: whichever point stands for it, the place
		// meant may lie anywhere in it.
		s.score = math.Min(s.score, wideAreaScore)
	}
	// The runners-up, best first, for the mention's alternatives.
	s.nalts = 0
	for k, v := range scores {
		if k == bestI || math.IsInf(v, -1) {
			continue
		}
		j := s.nalts
		if j < maxAlternatives {
			s.nalts++
		} else if v <= scores[s.alts[j-1]] {
			continue
		} else {
			j--
		}
		for j > 0 && scores[s.alts[j-1]] < v {
			s.alts[j] = s.alts[j-1]
			j--
		}
		s.alts[j] = k
	}
}

// logPriors returns the log priors of span s's candidates (the first
// maxCands), computed at the first of the resolution passes.
func (d *doc) logPriors(s *span) []float64 {
	n := min(len(s.cands), maxCands)
	if s.logp == 0 {
		s.logp = len(d.logp) + 1
		for _, c := range s.cands[:n] {
			d.logp = append(d.logp, math.Log(c.Prior+0.01))
		}
	}
	return d.logp[s.logp-1 : s.logp-1+n]
}

// heaviestCluster returns the candidate to choose: the best-scored member
// of the heaviest group of candidates that stand within samePlaceKm of one
// another, i.e. that are one place the gazetteer lists twice (a town and
// the ruins beside it). "Palmyra" alone is Tadmur and the ancient site of
// Palmyra 4 km away, which together outweigh the Palmyra in Missouri that
// scores higher than either. Namesakes farther apart are not pooled: many
// small towns of one name would then outweigh the one place meant.
func heaviestCluster(d *doc, s *span, scores []float64, best float64, bestI int) int {
	mass := func(i int) float64 {
		c := s.cands[i].Place
		if minorPlace(c) {
			// The dense village data lists many namesake hamlets, and the
			// same one twice: they make no group, or a cluster of them
			// would outweigh the one town meant.
			return math.Exp(scores[i] - best)
		}
		m := 0.0
		for k, v := range scores {
			d.work++
			if math.IsInf(v, -1) {
				continue
			}
			pl := s.cands[k].Place
			if k == i || !minorPlace(pl) && withinKm(pl, c, samePlaceKm) {
				m += math.Exp(v - best)
			}
		}
		return m
	}
	choice, heaviest := bestI, mass(bestI)
	for i, v := range scores {
		// A candidate far below the best cannot lead a heavier group
		// unless many stand with it; skipping it bounds the work.
		if i == bestI || math.IsInf(v, -1) || v < best-2 {
			continue
		}
		if m := mass(i); m > heaviest*1.0001 {
			// The group's best member, not necessarily candidate i.
			choice, heaviest = i, m
		}
	}
	if choice == bestI {
		return bestI
	}
	c := s.cands[choice].Place
	for k, v := range scores {
		if !math.IsInf(v, -1) && v > scores[choice] && withinKm(s.cands[k].Place, c, samePlaceKm) {
			choice = k
		}
	}
	return choice
}

// anchorKind reports the places that anchor the text's geography for the
// other names: towns and villages, and the districts named like them
// ("Baiji" the district), not wide areas.
func anchorKind(pl *gazetteer.Place) bool {
	return pl.FeatureClass == "P" || pl.FeatureCode == "ADM2" || pl.FeatureCode == "ADM3"
}

// outsiderRatio is how many times weaker than a name's best candidate a
// candidate outside the text's countries may be before it is not weighed.
const outsiderRatio = 8

// wideAreaScore caps the score of a mention of a wide area (wideArea).
const wideAreaScore = 0.5

// wideArea reports a continent, world region, ocean, sea or one of the
// great islands the gazetteer computes as regions (Java, Luzon).
func wideArea(pl *gazetteer.Place) bool {
	switch pl.FeatureCode {
	case "CONT", "RGN", "OCN", "SEA", "GULF", "ISL":
		return true
	}
	return false
}

// areaTwin reports whether an administrative area among cands lies within
// twinKm of town pl: the district or province named like it.
func areaTwin(cands []gazetteer.Candidate, pl *gazetteer.Place) bool {
	for k, c := range cands {
		if k == maxCands {
			break
		}
		if o := c.Place; o != nil && o.FeatureClass == "A" && !strings.HasPrefix(o.FeatureCode, "PCL") && withinKm(o, pl, twinKm) {
			return true
		}
	}
	return false
}

// samePlaceKm is how close two candidates must be to count as one place.
const samePlaceKm = 25

// unlisted is the weight, on the scale of the candidates' scores, of the
// reading that the place meant is none of the candidates: one of the
// villages, districts, islands and sites the gazetteer lacks. It is what a
// village of about 500 people (the smallest the gazetteer lists) named by
// its own name would weigh, with no cue or context for it. A lone weak
// candidate ("Java" read as a village in Georgia, the gazetteer having no
// islands) then scores about even, where a capital or a place the text's
// context backs keeps a high score.
const unlisted = -0.916 + wOwnName // ln 0.4: the prior of such a village

// agreeKm is how close two candidates must be for choosing either to put
// the mention in the same place: the 161 km (100 miles) within which
// geoparsing evaluations count a resolution as correct.
const agreeKm = 161

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
	case code == "PPLA" && !smallSeat(pl):
		return 0.5
	case code == "PPLA2" && !smallSeat(pl):
		return 0.2
	}
	return 0
}

// doubles reports whether span s's words, as written, double a letter
// that their key writes once: keys fold doubled letters (Raqqa = Raqa), so
// "Samarra" has the key of Russia's Samara and "Saada" that of Mayotte's
// Sada. A candidate none of whose names under the key doubles a letter
// (gazetteer.Candidate.Doubled) is then a folded reading: weaker, like a
// spelling variant. A text that writes a letter once says nothing: news
// drops the doubling of transliterations far more often than it adds one.
func (p *Parser) doubles(s *span) bool {
	if s.written == "" {
		return false
	}
	if s.lit == "" {
		s.lit = gazetteer.LiteralKey(s.written)
	}
	return s.lit != s.key
}

// allCaps reports whether every word of span s is in capitals.
func (d *doc) allCaps(s *span) bool {
	for i := s.first; i <= s.last; i++ {
		if !d.toks[i].is(fUpper) {
			return false
		}
	}
	return true
}

// isOwn reports whether candidate k of span s bears the name read as its
// own name, remembering the answers for the span's first 64 candidates.
func (p *Parser) isOwn(s *span, k int) bool {
	if k >= 64 {
		return p.ownName(s.key, s.cands[k].Place)
	}
	if s.ownKnown&(1<<k) == 0 {
		s.ownKnown |= 1 << k
		if p.ownName(s.key, s.cands[k].Place) {
			s.own |= 1 << k
		}
	}
	return s.own&(1<<k) != 0
}

// smallSeatPop is the population below which an admin seat's standing
// adds nothing to what its prior says.
const smallSeatPop = 10000

func smallSeat(pl *gazetteer.Place) bool { return pl.Population > 0 && pl.Population < smallSeatPop }

// ownTownPop is the population from which a town known by a name as its
// alternate outweighs a village of Who's On First (no population) that
// bears the name as its own.
const ownTownPop = 10000

// dwarfed reports a village of Who's On First among whose namesakes (the
// first maxCands candidates) is a town of ownTownPop people: its bearing
// the name as its own counts for nothing. "Ambo" is Hāgere Hiywet (99,900
// people, Ambo to everyone) before a hamlet called Ambo. (Extending this
// to small GeoNames places dwarfed by a city — Port Elizabeth, VC, 839
// people, by Gqeberha — cost GeoVirus .006 of acc@161km: a US town's own
// name read in US news is that town.)
func dwarfed(pl *gazetteer.Place, cands []gazetteer.Candidate) bool {
	if !minorPlace(pl) {
		return false
	}
	for k, c := range cands {
		if k == maxCands {
			break
		}
		if o := c.Place; o != nil && o.FeatureClass == "P" && o.Population >= ownTownPop {
			return true
		}
	}
	return false
}
