package geoparse

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"geoevents/gazetteer"
)

// span is a candidate place mention: words first..last of the text.
type span struct {
	first, last   int // token indices, inclusive
	start, end    int // byte offsets
	key           string
	written       string // the words as written, when key is their key (see isOwn)
	lit           string // gazetteer.LiteralKey(written), once isOwn needs it
	cands         []gazetteer.Candidate
	drop          bool
	why           string // why it was dropped (for tests and debugging)
	person        bool   // dropped as (part of) a person's name
	cued          bool   // a cue says it names a location (see cueRules)
	spelled       bool   // found by its spelling key only (gazetteer.LookupSpelling); see also respell
	titled        bool   // spelled under a head that is a title or article too ("Sheikh Meskin", "Abu Shouk")
	suffix        bool   // the last word is a place type ("County") outside the key
	afterNoun     int    // read with the feature noun after it ("T4 airbase", outside the span): the token after the noun; 0 if none
	choice        int    // chosen candidate, -1 for none
	score         float64
	own, ownKnown uint64               // isOwn's answers for the first 64 candidates
	alts          [maxAlternatives]int // runners-up by score, best first
	nalts         int
	ctxPlace      *gazetteer.Place // what the span adds to the text's context
	located       *gazetteer.Place // a river placed on its course where the text is (see locateCourses)
	ctxW          float64
	logp          int // 1 + where its candidates' log priors start in doc.logp; 0 before choose
}

// doc is one text under analysis.
type doc struct {
	lex     *lexicon
	classes []wordClass // per token, filled by in
	text    string
	toks    []token
	spans   []span
	buf     []byte
	scores  []float64
	logp    []float64       // the spans' log priors (span.logp), computed once for the passes of resolve
	ctx     *[2]textContext // reused contexts of the two resolution passes
	// lowerSeen caches appearsLower per word.
	lowerSeen map[string]bool
	keys      map[string]string                // window text → gazetteer key
	groups    []string                         // countries of the armed groups the text names
	unmatched [][2]int                         // capitalised runs (first, last word) no name matched
	ev        *evidenceContext                 // reused by confirm
	spelled   map[string][]gazetteer.Candidate // key → its spelling-key candidates
	// work counts inner-loop steps, for the test that work grows linearly
	// with the text.
	work int
	// read is the byte offset up to which names were looked for:
	// len(text), or where MaxCandidates stopped recognition.
	read int
}

// key returns the gazetteer key of a window of the text, remembering the
// keys of the windows already seen: names repeat within an article.
func (d *doc) key(w string) string {
	if k, ok := d.keys[w]; ok {
		return k
	}
	k := gazetteer.Normalize(w)
	d.keys[w] = k
	return k
}

// lower returns token i folded to ASCII lower case in d.buf (valid until the
// next call). Non-ASCII bytes are kept, so they never match an ASCII word.
func (d *doc) lower(i int) []byte {
	t := d.toks[i]
	d.buf = d.buf[:0]
	for j := t.start; j < t.end; j++ {
		c := d.text[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		d.buf = append(d.buf, c)
	}
	return d.buf
}

// in reports whether token i, folded to lower case, is on one of the word
// lists c (looked up once per token).
func (d *doc) in(c wordClass, i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	k := d.classes[i]
	if k&classKnown == 0 {
		k = classKnown
		if d.toks[i].end-d.toks[i].start <= 24 {
			k |= d.lex.class[string(d.lower(i))]
		}
		d.classes[i] = k
	}
	return k&c != 0
}

// weak reports whether token i is capitalised for a reason other than being
// a name: it starts a sentence or sits in a title-case headline.
func (d *doc) weak(i int) bool {
	return d.toks[i].flags&(fSentStart|fHeadline) != 0
}

// joined reports whether token i continues the name of token i-1: only
// white space or a hyphen between them, and no possessive before.
func (d *doc) joined(i int) bool {
	if i <= 0 || i >= len(d.toks) {
		return false
	}
	t := d.toks[i]
	return (t.sep == sepSpace || t.sep == sepHyphen) && !d.toks[i-1].is(fPossess)
}

// isArticle reports a lower- or title-case Arabic article glued by a hyphen
// to the capitalised word after it: "al-Tanf", "Et-Tanf", "ez-Zor".
func (p *Parser) isArticle(d *doc, i int) bool {
	if i+1 >= len(d.toks) || d.toks[i+1].sep != sepHyphen || !d.toks[i+1].is(fCap) {
		return false
	}
	n := d.toks[i].end - d.toks[i].start
	return n >= 2 && n <= 3 && d.in(p.lex.connectors, i)
}

// nameWord reports whether token i can be part of a place name: capitalised
// (and not a common word that is only capitalised because a sentence or
// headline starts), or an article/connector inside a name.
func (p *Parser) nameWord(d *doc, i int) bool {
	t := d.toks[i]
	if t.is(fDigit) {
		return false
	}
	return t.is(fCap) || elided(d.text[t.start:t.end])
}

// elided reports a lower-case elided article before a capital, which is
// part of a name: "d'Ivoire", "l'Aquila".
func elided(w string) bool {
	if len(w) < 3 || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	r, n := decode(w, 1)
	if !isApos(r) || 1+n >= len(w) {
		return false
	}
	c := w[1+n]
	return c >= 'A' && c <= 'Z'
}

// weakStop reports a common word capitalised only by its position ("New",
// "The", "In" at a sentence start): it may begin a longer name ("New
// Zealand") but is never a name alone.
func (p *Parser) weakStop(d *doc, i int) bool {
	return (d.weak(i) || afterPeriod(d, i)) && !d.toks[i].is(fUpper) && d.in(p.lex.stop, i)
}

// afterPeriod reports a word right after a period, which an initial ("M.
// N. and O. We propose") may have hidden from the sentence splitter.
func afterPeriod(d *doc, i int) bool {
	j := d.toks[i].start - 1
	for j >= 0 && d.text[j] == ' ' {
		j--
	}
	return j >= 0 && d.text[j] == '.'
}

// MaxCandidates bounds the work of one text: names found after this many
// candidate mentions are not looked at. A long news report has a few
// hundred; a hostile text of 100,000 place names would otherwise cost
// seconds of resolution per megabyte and, downstream, an event each.
const MaxCandidates = 5000

// recognize finds the longest gazetteer names among runs of name words,
// left to right, into d.spans.
func (p *Parser) recognize(ctx context.Context, d *doc) error {
	text, toks, dst := d.text, d.toks, d.spans[:0]
	defer func() { d.spans = dst }()
	d.read = len(text)
	for i := 0; i < len(toks); {
		if len(dst) >= MaxCandidates {
			d.read = toks[i].start // the names of the rest are not looked at
			break
		}
		if i&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("geoparse: %w", err)
			}
		}
		if sp, next, ok := p.codeWithFeatureNoun(d, i); ok {
			dst = append(dst, sp)
			i = next
			continue
		}
		article := p.isArticle(d, i)
		if !article && !p.nameWord(d, i) || !article && d.in(p.lex.noStart, i) {
			i++
			continue
		}
		// The furthest word the name may reach.
		last := i
		// A possessive goes on into the next word: "Martha's Vineyard",
		// "King William's Town".
		for k := i + 1; k < len(toks) && k-i < maxWindow && (d.joined(k) || toks[k-1].is(fPossess) && toks[k].sep == sepSpace); k++ {
			if !p.nameWord(d, k) && !(toks[k].is(fLower) && d.in(p.lex.connectors, k)) {
				break
			}
			last = k
		}
		// "Rukban camp", "the Makhul mountains", "Bab al-Hawa crossing":
		// a landmark named with its generic word in lower case. The word
		// stays outside the mention, as annotators keep it, but the name is
		// read with it: "Makhul" alone is a village elsewhere.
		if sp, ok := p.withFeatureNoun(d, i, last); ok {
			dst = append(dst, sp)
			i = sp.last + 1
			continue
		}
		matched := false
		for j := last; j >= i; j-- {
			d.work++
			if !toks[j].is(fCap) && !elided(text[toks[j].start:toks[j].end]) || (article || p.weakStop(d, i)) && j == i {
				continue
			}
			key := d.key(text[toks[i].start:toks[j].end])
			if key == "" {
				continue
			}
			if cands := p.lookup(key); len(cands) > 0 {
				sp := span{first: i, last: j, start: toks[i].start, end: toks[j].end,
					key: key, written: text[toks[i].start:toks[j].end], cands: cands, choice: -1}
				// "Dallas County", "Nyanza Province": the capitalised type
				// word is part of the name.
				// So are the words of a local government's type: "Kaga
				// Local Government Area", "Kolofata Sub-division".
				// A direction alone takes none: "Samburu North Sub County"
				// is no "North" sub-county.
				if k := p.suffixLen(d, j+1); k > 0 && !toks[j].is(fPossess) && !(i == j && d.in(p.lex.directions, i)) {
					j += k
					sp.last, sp.end, sp.suffix = j, toks[j].end, true
				}
				// "Bosra al-Sham": an Arabic article name glued to a place
				// name (not a first name) belongs to it. After a generic
				// head ("Bab al-Salama", "Ras al-Ain") the compound is
				// another place the gazetteer lacks: no mention.
				if n := j + 1; n+1 < len(toks) && d.joined(n) && toks[n].sep == sepSpace && p.isArticle(d, n) && !d.in(p.lex.given, j) && !toks[j].is(fPossess) {
					sp.last, sp.end = n+1, toks[n+1].end
					if i == j && d.in(p.lex.arabicHeads, j) {
						sp.drop, sp.why = true, "unknown compound of a generic head"
					}
					j = n + 1
				}
				// "Kafr Zeita": a generic head ("Kafr") matched alone while
				// the run goes on with words that match nothing; the whole
				// run may be a name under another spelling (spellUnmatched).
				if j < last && sp.last == j && d.in(p.lex.arabicHeads, i) && p.spellableWord(d, j+1) && p.wordCue(d, i, last) {
					d.unmatched = append(d.unmatched, [2]int{i, last})
				}
				dst = append(dst, sp)
				i = j + 1
				matched = true
				break
			}
		}
		if !matched {
			if (p.spellableWord(d, i) || p.spellableHead(d, i, last)) && p.wordCue(d, i, last) {
				d.unmatched = append(d.unmatched, [2]int{i, last})
			}
			i++
		}
	}
	dst = p.abbreviations(d, dst)
	return nil
}

// strikeOn reports a strike and "on" or "against" before the span: "a
// raid on Kolofata", "barrel bombs on Habeet".
func (p *Parser) strikeOn(d *doc, s *span) bool {
	if s.first < 2 || !d.joined(s.first) {
		return false
	}
	w := string(d.lower(s.first - 1))
	return (w == "on" || w == "against") && before(d, s, 2, p.lex.strikeVerbs)
}

// wordCue reports a cue (see cueRules) around the capitalised run i..last,
// read from the words alone, before any span exists: a locative or a
// striking verb before it, a place noun and "of" before it or a place noun
// after it, or a list it continues ("in Golo and Rokerro"). Only such runs
// are tried by spelling key: a skeleton is too loose a match for a word
// nothing says is a place.
func (p *Parser) wordCue(d *doc, i, last int) bool {
	lex := p.lex
	s := span{first: i, last: last}
	if before(d, &s, 1, lex.locativeStrong) || before(d, &s, 1, lex.strikeVerbs) ||
		before(d, &s, 2, lex.strikeVerbs) && d.in(lex.determiners, i-1) || p.strikeOn(d, &s) {
		return true
	}
	if i >= 2 && string(d.lower(i-1)) == "of" && d.in(lex.placeNouns, i-2) {
		return true
	}
	for k := i + 1; k <= min(last+1, len(d.toks)-1); k++ {
		if d.toks[k].sep == sepSpace && (d.in(lex.placeNouns, k) || d.in(lex.placeAfter, k)) {
			return true
		}
	}
	// An item of a list: "and" or a comma before, a capitalised word before that.
	if i >= 2 && (d.toks[i].sep == sepComma || d.toks[i].sep == sepSpace && (string(d.lower(i-1)) == "and" || string(d.lower(i-1)) == "or")) {
		j := i - 1
		if d.toks[i].sep != sepComma {
			j = i - 2
		}
		return j >= 0 && d.toks[j].is(fCap)
	}
	return false
}

// spellUnmatched tries the capitalised runs no name matched by their
// spelling key (spelledSpan), when the text is set where names are
// romanised in many ways: it names a place or an armed group of
// spellingCountries. Elsewhere ("Centers", "Reuters" in a story on Ohio)
// the guesses would only be noise, and cost time. A run that opens with a
// generic head of Arabic names and goes on ("Kafr Zeita", "Sheikh Meskin")
// says so itself: it is tried in any text.
func (p *Parser) spellUnmatched(d *doc) {
	if len(d.unmatched) == 0 {
		return
	}
	anyRun := p.spellingText(d)
	n := len(d.spans)
	next := 0 // the first token a new span may use
	replaced := false
	for _, u := range d.unmatched {
		i, last := u[0], u[1]
		if i < next || !anyRun && (last == i || !d.in(p.lex.arabicHeads, i)) {
			continue
		}
		head := -1 // the span of a generic head the run starts with ("Kafr")
		if k := sort.Search(n, func(k int) bool { return d.spans[k].last >= i }); k < n && d.spans[k].first <= i {
			if d.spans[k].first != i || !d.in(p.lex.arabicHeads, i) {
				continue
			}
			head = k
		}
		// A head that is also a title ("Sheikh Meskin") matched nothing
		// itself; the names after it may have matched alone ("Meskin").
		titled := !p.spellableWord(d, i)
		if head < 0 && !titled {
			if k := sort.Search(n, func(k int) bool { return d.spans[k].first > i }); k < n {
				last = min(last, d.spans[k].first-1)
			}
		}
		sp, ok := p.spelledSpan(d, i, last)
		if !ok || head >= 0 && sp.last <= d.spans[head].last {
			continue
		}
		if head >= 0 || titled {
			// The spelled name replaces the head and the spans it covers.
			k0 := sort.Search(n, func(k int) bool { return d.spans[k].last >= i })
			for k := k0; k < n && d.spans[k].first <= sp.last; k++ {
				d.spans[k].drop, d.spans[k].why, d.spans[k].cands = true, "inside a name read by its spelling", d.spans[k].cands[:1]
			}
			replaced = true
		}
		sp.titled = titled
		d.spans = append(d.spans, sp)
		next = sp.last + 1
	}
	if replaced {
		kept := d.spans[:0]
		for _, sp := range d.spans {
			if sp.why != "inside a name read by its spelling" {
				kept = append(kept, sp)
			}
		}
		d.spans = kept
	}
	if len(d.spans) != n {
		sort.SliceStable(d.spans, func(a, b int) bool { return d.spans[a].first < d.spans[b].first })
	}
}

// spellingTownPrior is the prior of a town of some thousand people: a text
// naming one of spellingCountries is set there.
const spellingTownPrior = 0.5

// spellingText reports whether the text names a country, province, city or
// town of spellingCountries, or an armed group of one.
func (p *Parser) spellingText(d *doc) bool {
	for _, cc := range d.groups {
		if spellingCountries[cc] {
			return true
		}
	}
	for si := range d.spans {
		s := &d.spans[si]
		if s.drop {
			continue
		}
		for k, c := range s.cands {
			if k == strongLook {
				break
			}
			if spellingCountries[c.Place.CountryCode] && (isStrong(c.Place) || c.Prior >= spellingTownPrior) {
				return true
			}
		}
	}
	return false
}

// withFeatureNoun looks up the capitalised run i..last together with the
// lower-case feature noun after it ("camp", "mountains", "crossing"); on a
// match the span is the run and the key the whole name.
func (p *Parser) withFeatureNoun(d *doc, i, last int) (span, bool) {
	n := p.featureNounAfter(d, last)
	if n < 0 || !d.toks[last].is(fCap) || p.isArticle(d, i) && i == last {
		return span{}, false
	}
	d.work++
	key := d.key(d.text[d.toks[i].start:d.toks[n].end])
	cands := p.lookup(key)
	if len(cands) == 0 {
		return span{}, false
	}
	return span{first: i, last: last, start: d.toks[i].start, end: d.toks[last].end, key: key, cands: cands, choice: -1, afterNoun: n + 1}, true
}

// maxSpellingWords bounds the words of a name tried by its spelling key.
const maxSpellingWords = 3

// spelledSpan tries the capitalised words i..last, longest first, by their
// spelling key (gazetteer.LookupSpelling): the fallback for a name found
// under no spelling ("Msheirfeh Qabliyeh" for Mushayrifah Qibliyah). Words
// that are common English, first names, titles or organisation words are
// not tried: their namesakes under another spelling are noise.
func (p *Parser) spelledSpan(d *doc, i, last int) (span, bool) {
	toks := d.toks
	headOnly := !p.spellableWord(d, i)
	if headOnly && !p.spellableHead(d, i, last) {
		return span{}, false
	}
	// A name inside a longer capitalised run (a person's, "Huseyin Avni
	// Sahin") is not tried: nameRules would drop the guess anyway.
	if p.capitalNeighbour(d, i-1) && d.joined(i) {
		return span{}, false
	}
	for j := min(last, i+maxSpellingWords-1); j > i || j == i && !headOnly; j-- {
		if !toks[j].is(fCap) || !p.spellableWord(d, j) || p.capitalNeighbour(d, j+1) && d.joined(j+1) {
			continue
		}
		d.work++
		key := d.key(d.text[toks[i].start:toks[j].end])
		if len(key) < minSpellingKey {
			continue
		}
		if cands := p.spellings(d, key); len(cands) > 0 {
			return span{first: i, last: j, start: toks[i].start, end: toks[j].end,
				key: key, cands: cands, choice: -1, spelled: true}, true
		}
	}
	return span{}, false
}

// spellingCountries are the countries whose place names English news
// romanises from Arabic, Kurdish, Persian, Pashto or Ukrainian in many ways:
// the Arab League's, Turkey, Iran, Afghanistan, Pakistan and Ukraine. A
// spelling-key match elsewhere ("Centers" for El Centro) is noise.
var spellingCountries = map[string]bool{
	"DZ": true, "BH": true, "KM": true, "DJ": true, "EG": true, "IQ": true, "JO": true, "KW": true,
	"LB": true, "LY": true, "MR": true, "MA": true, "OM": true, "PS": true, "QA": true, "SA": true,
	"SO": true, "SD": true, "SY": true, "TN": true, "AE": true, "YE": true, "TR": true, "IR": true,
	"AF": true, "PK": true, "UA": true, "TD": true,
}

// minSpellingSimilarity is how alike (1 - edit distance over length) a
// spelling-key match and the name read must be, so that the skeleton's
// namesakes ("Homs" for "Hamas") stay out. It is applied through the
// prior: LookupSpelling scales priors by 0.6 times the similarity.
const minSpellingSimilarity = 0.6

// spellable reports a place a spelling-key match may name: one in
// spellingCountries, and no country (whose names in every spelling are
// listed already: "Atriac" is not Turkey).
func spellable(pl *gazetteer.Place) bool {
	return pl != nil && spellingCountries[pl.CountryCode] && !strings.HasPrefix(pl.FeatureCode, "PCL")
}

// spellingCandidates keeps the spelling-key candidates that are spelled
// alike enough.
func spellingCandidates(cands []gazetteer.Candidate) []gazetteer.Candidate {
	out := cands[:0]
	for _, c := range cands {
		if c.Prior >= minSpellingSimilarity*0.6*0.3 {
			out = append(out, c)
		}
	}
	return out
}

// capitalNeighbour reports a capitalised word at i that is no place type
// or direction: the neighbour of a name that is part of a longer name.
func (p *Parser) capitalNeighbour(d *doc, i int) bool {
	return i >= 0 && i < len(d.toks) && d.toks[i].is(fCap) && !d.in(p.lex.placeTypes, i) && !d.in(p.lex.directions, i)
}

// minSpellingKey is the shortest key tried by its spelling.
const minSpellingKey = 4

// spellings returns the spelling-key candidates of key in
// spellingCountries (gazetteer.LookupSpelling), remembering them per text:
// names repeat, and the look-up weighs every name of the skeleton.
func (p *Parser) spellings(d *doc, key string) []gazetteer.Candidate {
	if c, ok := d.spelled[key]; ok {
		return c
	}
	var cands []gazetteer.Candidate
	if sk := gazetteer.SpellingKey(key); letters(sk) >= minSpellingLetters || words(sk) >= 2 && letters(sk) >= 2 {
		cands = spellingCandidates(p.g.LookupSpelling(key, spellable))
	}
	if d.spelled == nil {
		d.spelled = make(map[string][]gazetteer.Candidate)
	}
	d.spelled[key] = cands
	return cands
}

// minSpellingLetters is the fewest letters of a spelling key tried from a
// text: a skeleton of two consonants ("br", "kv") names too many places,
// unless they are two words' ("Ein Issa" and ‘Ayn ‘Īsá give "n s").
const minSpellingLetters = 3

func letters(s string) int { return len(s) - strings.Count(s, " ") }

// spellableHead reports a generic head of Arabic names that is also a
// title ("Sheikh", "Abu") opening the run i..last before a spellable word:
// "Sheikh Meskin" may be Shaykh Miskin; the head alone is tried as nothing.
func (p *Parser) spellableHead(d *doc, i, last int) bool {
	return i < last && d.in(p.lex.arabicHeads, i) && d.toks[i].is(fCap) && !d.toks[i].is(fUpper) && d.joined(i+1) && p.spellableWord(d, i+1)
}

// spellableWord reports whether token i may start or end a name tried by
// its spelling key.
func (p *Parser) spellableWord(d *doc, i int) bool {
	t := d.toks[i]
	if !t.is(fCap) || t.is(fUpper) || t.is(fDigit) || p.weakStop(d, i) || d.weak(i) && d.appearsLower(t) {
		return false
	}
	lex := p.lex
	return !d.in(lex.common, i) && !d.in(lex.given, i) && !d.in(lex.stop, i) && !d.in(lex.titles, i) &&
		!d.in(lex.org, i) && !d.in(lex.gov, i) && !d.in(lex.placeTypes, i) && !d.in(lex.neverAlone, i) &&
		!d.in(lex.ethnic, i) && !d.in(lex.directions, i)
}
