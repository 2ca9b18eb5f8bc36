package geoparse

// featureNounAfter returns the lower-case feature noun that follows token
// last, either directly ("Rukban camp") or after one modifier ("Mezzeh
// military airport", "Shayrat air base"), or -1. News names a landmark
// with its generic words in lower case; the gazetteer holds the name with
// them, while the name alone is often a village or district nearby.
func (p *Parser) featureNounAfter(d *doc, last int) int {
	n := last + 1
	if lowerWordAt(d, n) && d.in(p.lex.featureMods, n) && lowerWordAt(d, n+1) && d.in(p.lex.featureNouns, n+1) {
		return n + 1
	}
	if lowerWordAt(d, n) && d.in(p.lex.featureNouns, n) {
		return n
	}
	return -1
}

// lowerWordAt reports a lower-case word at n that follows the previous
// word after a plain space.
func lowerWordAt(d *doc, n int) bool {
	return n < len(d.toks) && d.toks[n].sep == sepSpace && d.toks[n].is(fLower)
}

// maxCodeLen bounds a letter-and-digit code that names a landmark ("T4").
const maxCodeLen = 4

// codeWithFeatureNoun reads a short letter-and-digit code followed by a
// feature noun as a landmark's name when the gazetteer holds the pair: the
// Tiyas airbase is "the T4 airbase" or "the T-4 Air Base" in most reports.
// Words with digits are never names otherwise (nameWord), and a code alone
// ("T4", a hormone, a bus line) names nothing: only the code with its noun
// is looked up, and the mention is the code. next is the token after the
// noun, where recognition goes on.
func (p *Parser) codeWithFeatureNoun(d *doc, i int) (sp span, next int, ok bool) {
	toks := d.toks
	t, last := toks[i], -1
	switch {
	case !t.is(fCap):
		return span{}, 0, false
	case t.is(fDigit) && t.end-t.start <= maxCodeLen:
		last = i // "T4"
	case t.end-t.start == 1 && i+1 < len(toks) && toks[i+1].sep == sepHyphen && toks[i+1].is(fDigit) &&
		!toks[i+1].is(fCap|fLower) && toks[i+1].end-toks[i+1].start < maxCodeLen:
		last = i + 1 // "T-4"
	default:
		return span{}, 0, false
	}
	n := p.codeNounAfter(d, last)
	if n < 0 {
		return span{}, 0, false
	}
	d.work++
	key := d.key(d.text[t.start:toks[n].end])
	cands := p.lookup(key)
	if len(cands) == 0 {
		return span{}, 0, false
	}
	return span{first: i, last: last, start: t.start, end: toks[last].end, key: key, cands: cands, choice: -1, afterNoun: n + 1}, n + 1, true
}

// codeNounAfter is featureNounAfter for a code, whose noun may be
// capitalised ("T-4 Air Base"): a code is no name, so the capitals of the
// words after it cannot make one.
func (p *Parser) codeNounAfter(d *doc, last int) int {
	word := func(n int) bool {
		return n < len(d.toks) && d.toks[n].sep == sepSpace && !d.toks[n].is(fDigit)
	}
	n := last + 1
	if word(n) && d.in(p.lex.featureMods, n) && word(n+1) && d.in(p.lex.featureNouns, n+1) {
		return n + 1
	}
	if word(n) && d.in(p.lex.featureNouns, n) {
		return n
	}
	return -1
}
