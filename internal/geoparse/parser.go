package geoparse

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"geoevents/gazetteer"
)

// maxWindow is the longest place name tried, in words ("Democratic
// Republic of the Congo" has five).
const maxWindow = 6

// maxAlternatives is how many other candidates a mention reports.
const maxAlternatives = 3

// Parser finds and resolves place mentions. It is immutable after New and
// safe for concurrent use.
type Parser struct {
	g        *gazetteer.Gazetteer
	lex      *lexicon
	groups   groupIndex
	pool     sync.Pool // *scratch
	nameKeys sync.Map  // *gazetteer.Place → [2]string keys of Name and ASCIIName
}

// scratch is the per-call working memory, reused through the pool.
type scratch struct {
	toks      []token
	spans     []span
	buf       []byte
	scores    []float64
	logp      []float64
	ctx       [2]textContext
	keys      map[string]string // window → key cache, cleared per call
	classes   []wordClass
	groups    []string
	spelled   map[string][]gazetteer.Candidate
	unmatched [][2]int
	ev        evidenceContext
	read      int // how far recognition read (doc.read)
}

// New returns a Parser that resolves names with g.
func New(g *gazetteer.Gazetteer) *Parser {
	p := &Parser{g: g, lex: newLexicon(), groups: newGroupIndex()}
	p.pool.New = func() any { return &scratch{} }
	return p
}

// Parse returns the place mentions of text sorted by Start. Offsets are
// UTF-8 byte offsets on rune boundaries with text[Start:End] == Text, every
// mention has a Place, and invalid UTF-8 is tolerated. The only error is the
// context's.
func (p *Parser) Parse(ctx context.Context, text string) ([]Mention, error) {
	ms, _, err := p.ParseRead(ctx, text)
	return ms, err
}

// ParseRead is Parse, and also says how far names were looked for: up to
// len(text), or, in a text of more than MaxTokens words or MaxCandidates
// candidate names (a hostile list of 100,000 places), up to the byte where
// reading stopped. Past that point the text names no place the parser saw, so
// whoever reads on there (event building) would pin its happenings on the
// last place before it: ingest stops reading there.
func (p *Parser) ParseRead(ctx context.Context, text string) ([]Mention, int, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, fmt.Errorf("geoparse: %w", err)
	}
	if p == nil || p.g == nil || len(text) == 0 {
		return nil, len(text), nil
	}
	sc := p.pool.Get().(*scratch)
	defer func() {
		clear(sc.keys) // its keys are slices of text: do not keep text alive in the pool
		clear(sc.spelled)
		p.pool.Put(sc)
	}()
	if _, err := p.analyze(ctx, text, sc); err != nil {
		return nil, 0, err
	}
	kept := 0
	for i := range sc.spans {
		if !sc.spans[i].drop && sc.spans[i].choice >= 0 {
			kept++
		}
	}
	out := make([]Mention, 0, kept)
	alts := make([]gazetteer.Candidate, 0, maxAlternatives*kept) // one backing array for all
	for i := range sc.spans {
		s := &sc.spans[i]
		if s.drop || s.choice < 0 {
			continue
		}
		var m Mention
		m, alts = p.mention(text, s, alts)
		out = append(out, m)
	}
	// Spans come in text order; keep the promise even if that changes.
	if !slices.IsSortedFunc(out, func(a, b Mention) int { return a.Start - b.Start }) {
		slices.SortStableFunc(out, func(a, b Mention) int { return a.Start - b.Start })
	}
	for i := range sc.spans {
		sc.spans[i] = span{}
	}
	return out, sc.read, nil
}

// analyze recognises, filters and resolves the spans of text into sc.spans
// and returns how many inner-loop steps it took.
func (p *Parser) analyze(ctx context.Context, text string, sc *scratch) (int, error) {
	if n := wordsAtMost(text); cap(sc.toks) < n {
		sc.toks = make([]token, 0, n)
	}
	var read int
	sc.toks, read = tokenizeUpTo(sc.toks[:0], text, MaxTokens)
	markHeadlines(sc.toks)
	markDatelines(sc.toks, text)
	if sc.keys == nil {
		sc.keys = make(map[string]string)
	}
	clear(sc.keys)
	sc.classes = slices.Grow(sc.classes[:0], len(sc.toks))[:len(sc.toks)]
	clear(sc.classes)
	d := &doc{lex: p.lex, classes: sc.classes, text: text, toks: sc.toks, spans: sc.spans[:0], buf: sc.buf,
		scores: sc.scores, logp: sc.logp[:0], ctx: &sc.ctx, keys: sc.keys, groups: sc.groups[:0], spelled: sc.spelled,
		unmatched: sc.unmatched[:0], ev: &sc.ev}
	defer func() {
		sc.spans, sc.buf, sc.scores, sc.logp, sc.groups, sc.spelled = d.spans, d.buf, d.scores, d.logp, d.groups, d.spelled
		sc.unmatched, sc.read = d.unmatched, d.read
	}()
	if err := p.recognize(ctx, d); err != nil {
		return d.work, err
	}
	d.read = min(d.read, read)
	p.findGroups(d)
	p.spellUnmatched(d)
	p.filter(d)
	p.markCues(d)
	p.resolve(d)
	p.confirm(d)
	p.dropFarAlternates(d)
	p.placeOfFacility(d)
	p.placeInContainer(d)
	p.placeInBrackets(d)
	p.locateCourses(d)
	return d.work + len(sc.toks), nil
}

// wordsAtMost is about how many words tokenize finds in text, from its
// spaces and line breaks (counted fast), at most MaxTokens: the token slice
// is made once at its size. Grown by doubling instead, the 200,000 words
// of a hostile 1.4 MB article cost 10 MB of allocation and copying, and
// under serve's memory limit the collections it brings on cost more than
// the parsing.
func wordsAtMost(text string) int {
	return min(MaxTokens, strings.Count(text, " ")+strings.Count(text, "\n")+1)
}

// mention builds the public Mention of a resolved span, taking its
// alternatives from the spare capacity of alts.
func (p *Parser) mention(text string, s *span, alts []gazetteer.Candidate) (Mention, []gazetteer.Candidate) {
	best := s.cands[s.choice]
	kind := KindLiteral
	if best.Adjectival {
		kind = KindAdjectival
	}
	pl := best.Place
	if s.located != nil {
		pl = s.located
	}
	m := Mention{Start: s.start, End: s.end, Text: text[s.start:s.end], Kind: kind,
		Score: s.score, Place: pl}
	first := len(alts)
	for _, k := range s.alts[:s.nalts] {
		alts = append(alts, s.cands[k])
	}
	if len(alts) > first {
		m.Alternatives = alts[first:len(alts):len(alts)]
	}
	return m, alts
}

// SeatOf returns the seat town of a province (see
// gazetteer.Gazetteer.SeatOf): where ACLED puts an event known only to its
// province.
func (p *Parser) SeatOf(country, admin1 string) (*gazetteer.Place, bool) {
	return p.g.SeatOf(country, admin1)
}

// TownNamedLike returns the town near a point that bears name under
// another spelling (see gazetteer.Gazetteer.TownNamedLike): the seat of a
// district the sources spell apart.
func (p *Parser) TownNamedLike(country, name string, lon, lat, km float64) (*gazetteer.Place, bool) {
	return p.g.TownNamedLike(country, name, lon, lat, km)
}

// CapitalOf returns the capital of a country (see
// gazetteer.Gazetteer.CapitalOf): where "the capital" of a report set in
// the country lies.
func (p *Parser) CapitalOf(country string) (*gazetteer.Place, bool) {
	return p.g.CapitalOf(country)
}
