package geoparse

import (
	"context"
	"fmt"

	"geoevents/gazetteer"
)

// span is a candidate place mention: words first..last of the text.
type span struct {
	first, last   int // token indices, inclusive
	start, end    int // byte offsets
	key           string
	cands         []gazetteer.Candidate
	drop          bool
	why           string // why it was dropped (for tests and debugging)
	person        bool   // dropped as (part of) a person's name
	suffix        bool   // the last word is a place type ("County") outside the key
	choice        int    // chosen candidate, -1 for none
	score         float64
	own, ownKnown uint64               // isOwn's answers for the first 64 candidates
	alts          [maxAlternatives]int // runners-up by score, best first
	nalts         int
	ctxPlace      *gazetteer.Place // what the span adds to the text's context
	ctxW          float64
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
	ctx     *[2]textContext // reused contexts of the two resolution passes
	// lowerSeen caches appearsLower per word.
	lowerSeen map[string]bool
	keys      map[string]string // window text → gazetteer key
	// work counts inner-loop steps, for the test that work grows linearly
	// with the text.
	work int
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

// recognize finds the longest gazetteer names among runs of name words,
// left to right, into d.spans.
func (p *Parser) recognize(ctx context.Context, d *doc) error {
	text, toks, dst := d.text, d.toks, d.spans[:0]
	defer func() { d.spans = dst }()
	for i := 0; i < len(toks); {
		if i&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("geoparse: %w", err)
			}
		}
		article := p.isArticle(d, i)
		if !article && !p.nameWord(d, i) || !article && d.in(p.lex.noStart, i) {
			i++
			continue
		}
		// The furthest word the name may reach.
		last := i
		for k := i + 1; k < len(toks) && k-i < maxWindow && (d.joined(k) || k == i+1 && toks[i].is(fPossess) && toks[k].sep == sepSpace); k++ {
			if !p.nameWord(d, k) && !(toks[k].is(fLower) && d.in(p.lex.connectors, k)) {
				break
			}
			last = k
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
					key: key, cands: cands, choice: -1}
				// "Dallas County", "Nyanza Province": the capitalised type
				// word is part of the name.
				if n := j + 1; n < len(toks) && d.joined(n) && toks[n].is(fCap) && !toks[j].is(fPossess) && d.in(p.lex.suffixes, n) {
					sp.last, sp.end, sp.suffix = n, toks[n].end, true
					j = n
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
				dst = append(dst, sp)
				i = j + 1
				matched = true
				break
			}
		}
		if !matched {
			i++
		}
	}
	dst = p.abbreviations(d, dst)
	return nil
}
