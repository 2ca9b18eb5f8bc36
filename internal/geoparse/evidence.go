package geoparse

import (
	"strings"

	"geoevents/gazetteer"
)

// A minor reading is one the parser keeps only with evidence that a place
// is meant: a village or district from the dense data of the conflict
// countries (Who's On First, half a million places, most without a
// population), whose names are also people's names, words and parts of
// organisations' names far more often than they are news.
func minorPlace(pl *gazetteer.Place) bool {
	return pl != nil && pl.Source == gazetteer.SourceWhosOnFirst && pl.Population == 0
}

// cueRule is one textual sign that a span names a location, whatever place
// it resolves to.
type cueRule struct {
	name  string
	holds func(p *Parser, d *doc, s *span) bool
}

// cueRules are the textual signs of a location. Each is tested in
// evidence_test.go.
var cueRules = []cueRule{
	{"a locative word before it (in Golo, near Kurmuk, outside Nyala)", func(p *Parser, d *doc, s *span) bool {
		return before(d, s, 1, p.lex.locativeStrong)
	}},
	{"a verb of striking or taking a place before it (shelled Rokoro, SAF bomb Jawa, captured Marea)", func(p *Parser, d *doc, s *span) bool {
		return before(d, s, 1, p.lex.strikeVerbs) || before(d, s, 2, p.lex.strikeVerbs) && d.in(p.lex.determiners, s.first-1)
	}},
	{"a place noun and of before it (the village of Dalo, the outskirts of Golo)", func(p *Parser, d *doc, s *span) bool {
		return s.first >= 2 && string(d.lower(s.first-1)) == "of" && d.in(p.lex.placeNouns, s.first-2)
	}},
	{"an office of local government and of before it (the town hall of El Ghomri, the wilaya of Biskra)", func(p *Parser, d *doc, s *span) bool {
		if s.first < 2 || string(d.lower(s.first-1)) != "of" || !d.joined(s.first) {
			return false
		}
		switch string(d.lower(s.first - 2)) {
		case "wilaya", "municipality", "commune", "prefecture", "mayoralty":
			return true
		case "hall":
			w := ""
			if s.first >= 3 {
				w = string(d.lower(s.first - 3))
			}
			return w == "town" || w == "city"
		}
		return false
	}},
	{"a compass point and of before it (38 km N of Iskushuban, 5km SW of Afmadow)", func(p *Parser, d *doc, s *span) bool {
		if s.first < 2 || string(d.lower(s.first-1)) != "of" || !d.joined(s.first) || !d.joined(s.first-1) {
			return false
		}
		t := d.toks[s.first-2]
		return compassPoints[d.text[t.start:t.end]]
	}},
	{"to before it after from and another name (from Kunde to Nertiti, travelling from Tabit to Tur)", func(p *Parser, d *doc, s *span) bool {
		if s.first < 3 || string(d.lower(s.first-1)) != "to" || !d.joined(s.first) {
			return false
		}
		for i := s.first - 2; i > 0 && i >= s.first-maxWindow-1 && d.toks[i+1].sep != sepOther; i-- {
			if d.toks[i].is(fCap) && string(d.lower(i-1)) == "from" && d.toks[i].sep != sepOther {
				return true
			}
		}
		return false
	}},
	{"a strike and on or against before it (a raid on Kolofata, an attack against Pulka, barrel bombs on Habeet)", func(p *Parser, d *doc, s *span) bool {
		return p.strikeOn(d, s)
	}},
	{"a place noun after it (Dana village, Kalma camp, Mayendit commissioner)", func(p *Parser, d *doc, s *span) bool {
		n := s.last + 1
		return n < len(d.toks) && d.toks[n].sep == sepSpace && (d.in(p.lex.placeNouns, n) || d.in(p.lex.placeAfter, n))
	}},
	{"its name carries a place type (Wadajir District, Amahlathi Municipality)", func(_ *Parser, _ *doc, s *span) bool {
		return s.suffix
	}},
	{"a direction word before it (West Wallaga, western Jebel Marra)", func(p *Parser, d *doc, s *span) bool {
		i := s.first - 1
		return i >= 0 && d.joined(s.first) && d.in(p.lex.directions, i)
	}},
}

// before reports whether the k-th word before span s, in the same clause,
// is on the word list c.
func before(d *doc, s *span, k int, c wordClass) bool {
	i := s.first - k
	if i < 0 {
		return false
	}
	for j := i + 1; j <= s.first; j++ {
		if d.toks[j].sep == sepOther {
			return false // a sentence end or other punctuation between
		}
	}
	return (d.toks[i].is(fLower) || d.weak(i)) && d.in(c, i)
}

// markCues sets cued on every span a cue rule holds for, and on the other
// items of a list that holds one ("in Guldo and Kotrong", "shelled Golo,
// Rokoro and Rowata").
func (p *Parser) markCues(d *doc) {
	for si := range d.spans {
		s := &d.spans[si]
		if s.drop {
			continue
		}
		for _, r := range cueRules {
			d.work++
			if r.holds(p, d, s) {
				s.cued = true
				break
			}
		}
	}
	for pass := 0; pass < 2; pass++ { // forwards, then backwards
		for k := 1; k < len(d.spans); k++ {
			i, j := k-1, k
			if pass == 1 {
				i, j = len(d.spans)-k, len(d.spans)-k-1
			}
			a, b := &d.spans[min(i, j)], &d.spans[max(i, j)]
			if a.drop || b.drop || !listed(d, a.last, b.first) {
				continue
			}
			if d.spans[i].cued {
				d.spans[j].cued = true
			}
		}
	}
}

// cueReachKm is how far from every place the text names for sure a cued
// minor reading may lie: a report that names Akita Prefecture does not
// mean a village in Congo.
const cueReachKm = 1500

// nearEvidenceKm is how close another place of the text must lie to vouch
// for a minor reading.
const nearEvidenceKm = 100

// contextRule is one thing the rest of the text says for a reading.
type contextRule struct {
	name  string
	holds func(d *doc, si int, pl *gazetteer.Place, ev *evidenceContext) bool
}

// contextRules vouch for a minor reading from the places the text names
// for sure. Each is tested in evidence_test.go.
var contextRules = []contextRule{
	{"its country is named in the text (by name, by a place in it, a demonym or an armed group of it)", func(_ *doc, _ int, pl *gazetteer.Place, ev *evidenceContext) bool {
		return hasString(ev.countries, pl.CountryCode)
	}},
	{"another place of the text lies within 100 km", func(d *doc, si int, pl *gazetteer.Place, ev *evidenceContext) bool {
		for _, o := range ev.places {
			d.work++
			if o.span != si && withinKm(o.pl, pl, nearEvidenceKm) {
				return true
			}
		}
		return false
	}},
}

// spellingRules vouch for a reading found by its spelling key only: a
// skeleton is shared by many names, so only the place's own surroundings
// make it believable, not a mere mention of its country.
var spellingRules = []contextRule{
	{"another place of the text lies within 100 km", contextRules[1].holds},
	{"its province is named in the text", func(_ *doc, _ int, pl *gazetteer.Place, ev *evidenceContext) bool {
		if pl.Admin1 == "" {
			return false
		}
		for _, k := range ev.provinces {
			if k == (admin1Key{pl.CountryCode, pl.Admin1}) {
				return true
			}
		}
		return false
	}},
	{"its country is named and a cue says it is a location, and it opens with no title", func(d *doc, si int, pl *gazetteer.Place, ev *evidenceContext) bool {
		// A name opening with a title ("Abu", "Sheikh") needs a place
		// near it or the rule below: "the Abu Shouk camp on the edge of
		// El Fasher" is no Abu Shuk of Sudan 700 km off.
		return d.spans[si].cued && hasString(ev.countries, pl.CountryCode) && !d.spans[si].titled && nearSolid(pl, ev)
	}},
	{"a cued name of two words or more under a generic head of Arabic names, read as a town of some thousand people, in a text that names no place elsewhere (Kafr Zeita, Sheikh Meskin)", func(d *doc, si int, pl *gazetteer.Place, ev *evidenceContext) bool {
		s := &d.spans[si]
		if !s.cued || s.last == s.first || !d.in(d.lex.arabicHeads, s.first) || pl.Population < minHeadedTownPop {
			return false
		}
		if len(ev.countries) > 0 && !hasString(ev.countries, pl.CountryCode) {
			return false
		}
		return nearSolid(pl, ev)
	}},
}

// spellingReachKm is how near a place the text names for sure a guess by
// spelling must lie when the text names such places.
const spellingReachKm = 150

// nearSolid reports whether pl lies within spellingReachKm of a place the
// text names for sure, or the text names none: a guess by spelling far
// from all of them ("the Amouri neighbourhood" of a march in Bejaia is no
// Amoura 250 km off) is another name's.
func nearSolid(pl *gazetteer.Place, ev *evidenceContext) bool {
	for _, o := range ev.solid {
		if withinKm(o, pl, spellingReachKm) {
			return true
		}
	}
	return len(ev.solid) == 0
}

// minHeadedTownPop is the population from which a town read by the
// spelling of a name under an Arabic generic head stands without context:
// "Kafr Zeita" in a text naming nothing else is Kafr Zaytā (21,845
// people), the head and the skeleton of the rest agreeing; a hamlet of
// that skeleton is too likely another name's.
const minHeadedTownPop = 1000

// evidenceContext is what the text names for sure: the countries and the
// points of its trusted readings (not minor, or minor with a cue).
type evidenceContext struct {
	solid     []*gazetteer.Place // places below country scale the solid readings name
	countries []string           // countries of the trusted readings and armed groups
	provinces []admin1Key
	places    []placeOfSpan
}

type placeOfSpan struct {
	span int
	pl   *gazetteer.Place
}

// maxEvidencePlaces bounds the places weighed per reading.
const maxEvidencePlaces = 64

// confirm drops the minor readings nothing vouches for: a minor reading
// stays when a cue says it is a location, or when the rest of the text
// names its country or a place near it; a reading found by its spelling key
// only stays only in the second case.
func (p *Parser) confirm(d *doc) {
	solid := func(s *span) bool { // a reading the text vouches for without context
		return !s.drop && s.choice >= 0 && !s.cands[s.choice].Spelling && !minorPlace(s.cands[s.choice].Place)
	}
	doubtful := false
	for si := range d.spans {
		if s := &d.spans[si]; !s.drop && s.choice >= 0 && !solid(s) {
			doubtful = true
			break
		}
	}
	if !doubtful {
		return
	}
	ev := d.evidence()
	// The places below country scale the text names for sure, from its
	// solid readings: a cue vouches for a minor reading only where it lies
	// within reach of one of them ("the city of Kitaakita in the Akita
	// Prefecture" is no village in Congo; "Saudi-led airstrikes hit Baqim
	// in Saada" names no such place, and the cue stands).
	for si := range d.spans {
		if s := &d.spans[si]; solid(s) && !strings.HasPrefix(s.cands[s.choice].Place.FeatureCode, "PCL") &&
			!wideArea(s.cands[s.choice].Place) && s.score >= 0.5 && len(ev.solid) < maxEvidencePlaces {
			ev.solid = append(ev.solid, s.cands[s.choice].Place)
		}
	}
	trusted := func(s *span) bool {
		if solid(s) {
			return true
		}
		if s.drop || s.choice < 0 || !s.cued || s.cands[s.choice].Spelling {
			return false // a spelling key is trusted only with context
		}
		pl := s.cands[s.choice].Place
		for _, o := range ev.solid {
			if withinKm(o, pl, cueReachKm) {
				return true
			}
		}
		return len(ev.solid) == 0
	}
	for si := range d.spans {
		s := &d.spans[si]
		if !trusted(s) {
			continue
		}
		pl := s.cands[s.choice].Place
		if pl.CountryCode != "" && (s.score >= 0.3 || isCountryOrAdmin1(pl)) {
			ev.countries = appendUniqueString(ev.countries, pl.CountryCode)
		}
		if pl.FeatureCode == "ADM1" {
			ev.provinces = append(ev.provinces, admin1Key{pl.CountryCode, pl.Name})
		}
		if !isCountryOrAdmin1(pl) && len(ev.places) < maxEvidencePlaces && !s.cands[s.choice].Adjectival {
			ev.places = append(ev.places, placeOfSpan{si, pl})
		}
	}
	for _, cc := range d.groups {
		ev.countries = appendUniqueString(ev.countries, cc)
	}
	for si := range d.spans {
		s := &d.spans[si]
		if s.drop || s.choice < 0 || trusted(s) {
			continue
		}
		pl := s.cands[s.choice].Place
		spelled := s.cands[s.choice].Spelling
		rules := contextRules
		if spelled {
			rules = spellingRules
		}
		ok := false
		for _, r := range rules {
			if r.holds(d, si, pl, ev) {
				ok = true
				break
			}
		}
		if !ok {
			s.drop, s.why = true, "minor place without evidence"
			if spelled {
				s.why = "spelling-key match without context"
			}
		}
	}
}

// evidence returns the doc's evidence context, emptied for reuse.
func (d *doc) evidence() *evidenceContext {
	ev := d.ev
	ev.solid, ev.countries, ev.provinces, ev.places = ev.solid[:0], ev.countries[:0], ev.provinces[:0], ev.places[:0]
	return ev
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
