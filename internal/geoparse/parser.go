package geoparse

import (
	"context"
	"fmt"
	"sort"
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
	g       *gazetteer.Gazetteer
	lex     *lexicon
	regions map[string]*gazetteer.Place
	pool    sync.Pool // *scratch
}

// scratch is the per-call working memory, reused through the pool.
type scratch struct {
	toks  []token
	spans []span
	buf   []byte
}

// New returns a Parser that resolves names with g.
func New(g *gazetteer.Gazetteer) *Parser {
	p := &Parser{g: g, lex: newLexicon(), regions: regionIndex()}
	p.pool.New = func() any { return &scratch{} }
	return p
}

// Parse returns the place mentions of text sorted by Start. Offsets are
// UTF-8 byte offsets on rune boundaries with text[Start:End] == Text, every
// mention has a Place, and invalid UTF-8 is tolerated. The only error is the
// context's.
func (p *Parser) Parse(ctx context.Context, text string) ([]Mention, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("geoparse: %w", err)
	}
	if p == nil || p.g == nil || len(text) == 0 {
		return nil, nil
	}
	sc := p.pool.Get().(*scratch)
	defer p.pool.Put(sc)
	sc.toks = tokenize(sc.toks[:0], text)
	markHeadlines(sc.toks)
	var err error
	sc.spans, err = p.recognize(ctx, text, sc.toks, sc.spans[:0])
	if err != nil {
		return nil, err
	}
	d := &doc{text: text, toks: sc.toks, spans: sc.spans, buf: sc.buf}
	p.filter(d)
	p.resolve(d)
	sc.buf = d.buf
	out := make([]Mention, 0, len(sc.spans))
	for i := range sc.spans {
		s := &sc.spans[i]
		if s.drop || s.choice < 0 {
			continue
		}
		out = append(out, p.mention(text, s))
		s.cands = nil
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	for i := range sc.spans {
		sc.spans[i] = span{}
	}
	return out, nil
}

// mention builds the public Mention of a resolved span.
func (p *Parser) mention(text string, s *span) Mention {
	best := s.cands[s.choice]
	kind := KindLiteral
	if best.Adjectival {
		kind = KindAdjectival
	}
	m := Mention{Start: s.start, End: s.end, Text: text[s.start:s.end], Kind: kind,
		Score: s.score, Place: best.Place}
	for i, c := range s.cands {
		if i == s.choice || c.Place == nil {
			continue
		}
		if len(m.Alternatives) == maxAlternatives {
			break
		}
		m.Alternatives = append(m.Alternatives, c)
	}
	return m
}
