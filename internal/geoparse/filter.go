package geoparse

import (
	"sort"
	"strings"

	"geoevents/gazetteer"
)

// filter drops the spans that name something other than a place: people,
// organisations and media, diseases named after places, common words
// capitalised by a sentence start, and names inside longer non-place names.
func (p *Parser) filter(d *doc) {
	if len(d.spans) == 0 {
		return
	}
	owner := make([]int32, len(d.toks)) // span index+1 covering each token, 0 for none
	for si := range d.spans {
		s := &d.spans[si]
		if s.spelled {
			continue // a guess by spelling key says nothing about its neighbours
		}
		for k := s.first; k <= s.last; k++ {
			owner[k] = int32(si + 1)
		}
	}
	surnames := p.surnames(d, owner)
	for si := range d.spans {
		s := &d.spans[si]
		if why := p.falsePlace(d, s, owner, surnames); why != "" {
			s.drop, s.why = true, why
		}
	}
}

// maxRunLook bounds how far back in a capitalised run the filters look, so
// that the work per name stays constant however long the run.
const maxRunLook = 8

// falsePlace returns why span s is not a place, or "".
func (p *Parser) falsePlace(d *doc, s *span, owner []int32, surnames map[string]bool) string {
	lex := p.lex
	toks := d.toks
	best := s.cands[0]
	adjectival := best.Adjectival
	single := s.first == s.last
	// A prominent place stays when its name is also a common word or a
	// first name, but only when the text writes its name: "Jordan", not
	// "Lane" for Lääne.
	strong := p.strongExact(d, s)
	next := s.last + 1
	if s.afterNoun > 0 {
		next = s.afterNoun // the feature noun read with the name is part of it
	}
	hasNext := next < len(toks) && d.joined(next)

	for _, r := range nameRules {
		if r.false(p, d, s) {
			return r.name
		}
	}
	if single {
		w := d.text[toks[s.first].start:toks[s.first].end]
		if len(w) == 1 {
			return "too short"
		}
		if contraction(w) {
			return "contraction"
		}
		if d.in(lex.neverAlone, s.first) || d.in(lex.titles, s.first) || d.in(lex.org, s.first) ||
			d.in(lex.directions, s.first) || d.in(lex.placeTypes, s.first) || d.in(lex.gov, s.first) {
			return "common word"
		}
	}
	if single && !adjectival && d.in(lex.ethnic, s.first) {
		return "people or language"
	}
	// A name ending in an organisation word: "Red Cross", "Red Crescent".
	if !single && !s.suffix && d.in(lex.org, s.last) {
		return "organisation"
	}
	if s.end < len(d.text) && d.text[s.end] == '$' {
		return "currency"
	}
	if s.start > 0 && s.end < len(d.text) && d.text[s.start-1] == '/' && d.text[s.end] == '/' {
		return "inside a code (A/California/7/2009)"
	}
	if hasNext && d.in(lex.disease, next) || hasNext && toks[next].is(fLower) && next+1 < len(toks) && d.joined(next+1) && d.in(lex.disease, next+1) && d.in(lex.disease, next) {
		return "disease name"
	}
	// Hyphenated with a capitalised non-place word: "Navarro-Valls",
	// "Redfern-Hardisty" are names; "Syria-US" (two places) is not.
	weakOwner := func(k int) bool { return owner[k] == 0 || !isStrong(d.spans[owner[k]-1].cands[0].Place) }
	if !strong && hasNext && toks[next].sep == sepHyphen && toks[next].is(fCap) && weakOwner(next) && !p.isArticle(d, next) && !d.in(lex.directions, next) &&
		!p.signed(d, s, hyphenSigns) {
		return "part of a hyphenated name"
	}
	if !strong && s.first > 0 && toks[s.first].sep == sepHyphen && toks[s.first-1].is(fCap) && weakOwner(s.first-1) && !p.isArticle(d, s.first-1) && !d.in(lex.directions, s.first-1) &&
		!p.signed(d, s, hyphenSigns) {
		return "part of a hyphenated name"
	}
	if hasNext && !adjectival {
		if toks[next].is(fCap) && d.in(lex.org, next) || toks[next].is(fLower) && d.in(lex.lowerOrg, next) {
			return "organisation"
		}
		// Followed by a capitalised word that is neither a place, a place
		// type nor a government body: "Buffalo Science Magnet School",
		// "King Nut", "Food and Drug Administration".
		if t := toks[next]; t.is(fCap) && !s.suffix && owner[next] == 0 && !t.is(fUpper) && !d.in(lex.placeTypes, next) &&
			!isCountryOrAdmin1(best.Place) && !d.in(lex.neverAlone, next) &&
			!d.in(lex.gov, next) && !d.in(lex.titles, next) && !d.in(lex.directions, next) && !d.weak(next) {
			return "inside a longer name (before " + d.text[t.start:t.end] + ")"
		}
	}
	// "University of California"
	if s.first >= 2 && d.joined(s.first) && string(d.lower(s.first-1)) == "of" && d.joined(s.first-1) && d.in(lex.orgOf, s.first-2) {
		return "organisation (X of place)"
	}
	// "the Temple of Bel": a monument's dedicatee; a strong place stays
	// ("the Church of England" still names England).
	if !strong && s.first >= 2 && d.joined(s.first) && string(d.lower(s.first-1)) == "of" && d.joined(s.first-1) &&
		toks[s.first-2].is(fCap) && d.in(lex.dedicationOf, s.first-2) {
		return "dedicatee (Temple of X)"
	}
	if single && !toks[s.first].is(fUpper) && !strong && !adjectival && !p.hasContainer(d, s) {
		// "Hays district", "the town of Hays": the kind of place said
		// makes the word a name.
		if d.in(lex.common, s.first) && p.typeCue(d, s) == 0 {
			return "common word (weak place)"
		}
		if d.in(lex.given, s.first) {
			s.person = true
			return "first name (weak place)"
		}
	}
	if single && !strong && !adjectival && p.spokenBy(d, s) {
		s.person = true
		return "person (speaker)"
	}
	if surnames[s.key] && !isCountryOrAdmin1(best.Place) {
		s.person = true
		return "surname of a person named in the text"
	}
	// Words before the span in the same capitalised run.
	for k := s.first - 1; k >= 0 && k >= s.first-maxRunLook && d.joined(k+1); k-- {
		d.work++
		t := toks[k]
		if owner[k] != 0 {
			break // another place: "Pandi, Bulacan", "Syrian Foreign Minister"
		}
		if d.in(lex.titles, k) {
			s.person = true
			return "person (title)"
		}
		if t.is(fLower) {
			if p.isArticle(d, k) {
				continue
			}
			break
		}
		if !t.is(fCap) || t.is(fDigit) {
			break
		}
		if d.in(lex.given, k) {
			s.person = true
			return "person (first name)"
		}
		if d.in(lex.directions, k) {
			continue
		}
		if d.weak(k) && (d.in(lex.stop, k) || d.in(lex.common, k)) {
			break // "Neighbouring Israel"
		}
		if t.is(fHeadline) {
			continue // title case says nothing
		}
		if !adjectival && !isCountryOrAdmin1(best.Place) {
			return "inside a longer name"
		}
	}
	// A first name followed by a capitalised word: "Jordan Miles",
	// "Assad al-Shibani".
	if hasNext && d.in(lex.given, s.last) && (owner[next] == 0 || !isStrong(d.spans[owner[next]-1].cands[0].Place)) {
		if t := toks[next]; t.is(fCap) && !t.is(fUpper) && !d.in(lex.placeTypes, next) && !d.in(lex.org, next) && !d.in(lex.gov, next) &&
			!d.in(lex.titles, next) && !d.in(lex.directions, next) && !d.in(lex.neverAlone, next) || p.isArticle(d, next) {
			s.person = true
			return "person (first name)"
		}
	}
	// A name followed by an Arabic nasab/article name part: "Assad al-Shibani".
	if hasNext && p.isArticle(d, next) && owner[next] == 0 && !adjectival {
		return "person (Arabic name)"
	}
	// A first name followed by a free-standing article or kinship word and a
	// capitalised name: "Hassan el Bushra", "Omar bin Laden".
	if hasNext && single && d.in(lex.given, s.first) && !strong && p.nasab(d, next) {
		s.person = true
		return "person (first name and nasab)"
	}
	// An article name glued to a capitalised word before it: "Bashar
	// al-Assad", "Hayat Tahrir al-Sham", "Ahmed Ash-Sharara".
	if p.isArticle(d, s.first) && s.first > 0 && d.joined(s.first) && toks[s.first-1].is(fCap) && owner[s.first-1] == 0 {
		return "person or organisation (… al-X)"
	}
	// Capitalised only by a sentence start or headline, and the word is
	// written in lower case elsewhere: a common word ("Reading", "Nice").
	if single && d.weak(s.first) && !toks[s.first].is(fUpper) {
		if d.in(lex.stop, s.first) {
			return "common word"
		}
		// "Human rights groups…": a common word that starts a sentence
		// names only a country, province or capital there.
		if d.in(lex.common, s.first) && !isCountryOrAdmin1(best.Place) && best.Place.FeatureCode != "PPLC" && !p.hasContainer(d, s) {
			return "common word at a sentence start"
		}
		if !isCountryOrAdmin1(best.Place) && d.appearsLower(toks[s.first]) {
			return "common word (lower case elsewhere)"
		}
	}
	return ""
}

// nasab reports a lower-case article or kinship word at token i followed
// by a capitalised word that no span owns as a strong place: the rest of an
// Arabic name ("el Bushra", "bin Laden", "al Assad").
func (p *Parser) nasab(d *doc, i int) bool {
	if i+1 >= len(d.toks) || !d.toks[i].is(fLower) || !d.joined(i+1) || !d.toks[i+1].is(fCap) {
		return false
	}
	switch string(d.lower(i)) {
	case "al", "el", "bin", "ibn", "bint", "abu", "ould", "ag":
		return true
	}
	return false
}

// surnames collects the keys of the last words of people's names: a title or
// a first name followed by capitalised words ("President Bashar al-Assad" →
// "assad", "Jake Sullivan" → "sullivan").
func (p *Parser) surnames(d *doc, owner []int32) map[string]bool {
	var out map[string]bool
	toks := d.toks
	for i := 0; i+1 < len(toks); i++ {
		if !toks[i+1].is(fCap) || !d.joined(i+1) {
			continue // a name must follow
		}
		if !(d.in(p.lex.titles, i) || toks[i].is(fCap) && d.in(p.lex.given, i)) || p.placeArticle(d, i, owner) {
			continue
		}
		last := -1
		for k := i + 1; k < len(toks) && k-i <= 5 && d.joined(k); k++ {
			if toks[k].is(fCap) && !toks[k].is(fDigit) {
				if d.in(p.lex.titles, k) {
					last = -1 // "Maj. Gen. Pat Ryder": the name starts later
					continue
				}
				last = k
			} else if !p.isArticle(d, k) {
				break
			}
		}
		if last < 0 {
			continue
		}
		if out == nil {
			out = make(map[string]bool)
		}
		// Every name word but the first: "Jose A. Cordova Villalobos" →
		// cordova, villalobos; a lone word after a title is a surname.
		first := true
		for k := i + 1; k <= last; k++ {
			if !toks[k].is(fCap) || d.in(p.lex.titles, k) || toks[k].end-toks[k].start < 2 {
				continue
			}
			if first && k < last {
				first = false
				continue
			}
			out[gazetteer.Normalize(d.text[toks[k].start:toks[k].end])] = true
		}
		i = last
	}
	return out
}

// placeArticle reports a first name that is also an Arabic article and
// starts a place name the gazetteer reads with that article: "Ed" in "Ed
// Damazin" (Ad-Damazin), "El" in "El Fasher", not a person's "Ed".
func (p *Parser) placeArticle(d *doc, i int, owner []int32) bool {
	if owner[i] == 0 || d.toks[i].end-d.toks[i].start > 3 || !d.in(p.lex.connectors, i) {
		return false
	}
	s := &d.spans[owner[i]-1]
	return s.first == i && s.last > i && !strings.HasPrefix(s.key, string(d.lower(i))+" ")
}

// isCountryOrAdmin1 reports a country or first-level division.
func isCountryOrAdmin1(pl *gazetteer.Place) bool {
	if pl == nil {
		return false
	}
	return strings.HasPrefix(pl.FeatureCode, "PCL") || pl.FeatureCode == "ADM1" || pl.FeatureCode == "TERR"
}

// lowerWindow bounds the search for a lower-case use of a word, keeping the
// work per word constant.
const lowerWindow = 8000

// appearsLower reports whether the word of token t occurs in lower case
// near it, remembering the answer per word so that a long text costs one
// bounded search per distinct word.
func (d *doc) appearsLower(t token) bool {
	w := d.text[t.start:t.end]
	if v, ok := d.lowerSeen[w]; ok {
		return v
	}
	if d.lowerSeen == nil {
		d.lowerSeen = make(map[string]bool)
	}
	v := appearsLower(d.text, w, t.start)
	d.work += 2 * lowerWindow / 1024 // the bytes searched, in KB
	d.lowerSeen[w] = v
	return v
}

// appearsLower reports whether w occurs in lower case as a whole word in
// text near offset at.
func appearsLower(text, w string, at int) bool {
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	lo, hi := max(0, at-lowerWindow), min(len(text), at+lowerWindow)
	region := text[lo:hi]
	lw := strings.ToLower(w)
	for off := 0; ; {
		i := strings.Index(region[off:], lw)
		if i < 0 {
			return false
		}
		i += off
		if (i == 0 || !isWordByte(region[i-1])) && (i+len(lw) == len(region) || !isWordByte(region[i+len(lw)])) {
			return true
		}
		off = i + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// isStrong reports a place prominent enough to be meant even when its name
// is also a common word or a first name: countries, provinces, capitals,
// continents and seas, and cities of 100,000 people or more.
func isStrong(pl *gazetteer.Place) bool {
	if pl == nil {
		return false
	}
	switch pl.FeatureCode {
	case "PPLC", "CONT", "RGN", "OCN", "SEA":
		return true
	}
	return isCountryOrAdmin1(pl) || pl.Population >= 100000
}

// spokenBy reports a single name that speaks or is aged like a person:
// "Hartl said", "said Clifford.", "Campbell, 42, was".
func (p *Parser) spokenBy(d *doc, s *span) bool {
	toks := d.toks
	// "A doctor in Sarmada said", "traders in Ramadi and Rutba said": a
	// place after a preposition or in a list is where the speaker is.
	if s.first > 0 && toks[s.first-1].is(fLower) && d.in(p.lex.locative, s.first-1) {
		return false
	}
	n := s.last + 1
	if n < len(toks) && toks[n].sep == sepSpace && toks[n].is(fLower) && d.in(p.lex.speech, n) {
		return true
	}
	if s.first > 0 && toks[s.first].sep == sepSpace && toks[s.first-1].is(fLower) && d.in(p.lex.speech, s.first-1) &&
		(n >= len(toks) || toks[n].sep != sepSpace) {
		return true
	}
	// apposition of an age: "Campbell, 42,"
	if n+1 < len(toks) && toks[n].sep == sepComma && toks[n].is(fDigit) && toks[n].end-toks[n].start <= 3 &&
		toks[n+1].sep == sepComma {
		return true
	}
	return false
}

// contraction reports "I've", "We'll", "They're": not names.
func contraction(w string) bool {
	for _, suf := range []string{"'ve", "'ll", "'re", "'m", "'d", "n't", "’ve", "’ll", "’re", "’m", "’d", "n’t"} {
		if len(w) > len(suf) && strings.EqualFold(w[len(w)-len(suf):], suf) {
			return true
		}
	}
	return false
}

// hasContainer reports "Frederick, Maryland": the next name, after a comma,
// is a country or province that holds one of span s's candidates.
func (p *Parser) hasContainer(d *doc, s *span) bool {
	n := s.last + 1
	if n >= len(d.toks) || d.toks[n].sep != sepComma {
		return false
	}
	i := sort.Search(len(d.spans), func(i int) bool { return d.spans[i].first >= n })
	if i < len(d.spans) && d.spans[i].first == n {
		c := &d.spans[i]
		for _, cc := range c.cands {
			if cc.Place == nil || !isCountryOrAdmin1(cc.Place) || cc.Adjectival {
				continue
			}
			for _, sc := range s.cands {
				if sc.Place != nil && contains(cc.Place, sc.Place) {
					return true
				}
			}
		}
	}
	return false
}
