package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// prefilter is a cheap test run before a regular expression: the literal
// strings (lower case) one of which every match must contain. A sentence
// containing none of them cannot match, and the regexp is not run. Nil
// stems mean the pattern could match anything: always run it.
type prefilter struct {
	stems []string
	// anchored is set when every alternative begins with \b and a stem:
	// then the only places a match can start are the stems' occurrences
	// at a word boundary, and the pattern need only be tried there (see
	// matches).
	anchored bool
	// alts are the pattern's top-level alternatives, each anchored with
	// its own stems, in order (set with anchored): at a stem only the
	// alternatives that start with it need trying, the first that matches
	// being the one the whole pattern would match (leftmost-first).
	alts []*altPattern
}

// altPattern is one top-level alternative of a pattern, anchored. Its
// regular expression is compiled when first needed: the rule tables have
// thousands of alternatives, and compiling them all at start-up took a
// quarter of a second from every command, serving included.
type altPattern struct {
	stems []string
	src   string
	once  sync.Once
	re    *regexp.Regexp
}

// regexp returns the alternative's compiled expression.
func (a *altPattern) regexp() *regexp.Regexp {
	a.once.Do(func() { a.re = regexp.MustCompile(a.src) })
	return a.re
}

// newPrefilter derives the stems of re from its syntax tree.
func newPrefilter(re *regexp.Regexp) prefilter {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return prefilter{}
	}
	tree = tree.Simplify()
	p := prefilter{stems: prefixes(tree)}
	if p.stems != nil && startsWithBoundary(tree) && asciiStems(p.stems) {
		p.anchored = true
		subs := []*syntax.Regexp{tree}
		if tree.Op == syntax.OpAlternate {
			subs = tree.Sub
		}
		for _, sub := range subs {
			p.alts = append(p.alts, &altPattern{stems: prefixes(sub), src: `^(?:` + sub.String() + `)`})
		}
	}
	return p
}

// startsWithBoundary reports whether every match of re begins with \b.
func startsWithBoundary(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpWordBoundary:
		return true
	case syntax.OpCapture:
		return startsWithBoundary(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && startsWithBoundary(re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !startsWithBoundary(sub) {
				return false
			}
		}
		return true
	}
	return false
}

// asciiStems reports whether all stems are ASCII and start with a word
// character (so ASCII lower-casing keeps offsets and \b is checkable).
func asciiStems(stems []string) bool {
	for _, s := range stems {
		if s == "" || !isWordByte(s[0]) {
			return false
		}
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				return false
			}
		}
	}
	return true
}

// matches returns the matches of re (whose prefilter is p) in s; lower is
// asciiLower(s). With an anchored pattern it tries only the stems'
// occurrences at a word boundary, which is much faster than scanning every
// position; the matches found are those a scan finds, plus possibly
// overlapping ones a scan would skip, in the order of their starts.
func (p prefilter) matches(re *regexp.Regexp, s, lower string) [][2]int {
	if !p.anchored {
		var out [][2]int
		for _, loc := range re.FindAllStringIndex(s, -1) {
			out = append(out, [2]int{loc[0], loc[1]})
		}
		return out
	}
	// Each word start where an alternative's stem begins is tried with the
	// alternatives in order; the first that matches is the whole
	// pattern's match there (leftmost-first).
	byStart := map[int][2]int{} // start → (alternative, end)
	for a, alt := range p.alts {
		for _, stem := range alt.stems {
			for off := 0; off < len(lower); {
				k := strings.Index(lower[off:], stem)
				if k < 0 {
					break
				}
				at := off + k
				off = at + 1
				if at > 0 && isWordByte(s[at-1]) {
					continue // no word boundary before the stem
				}
				if prev, ok := byStart[at]; ok && prev[0] <= a {
					continue
				}
				if loc := alt.regexp().FindStringIndex(window(s, at)); loc != nil {
					byStart[at] = [2]int{a, at + loc[1]}
				}
			}
		}
	}
	out := make([][2]int, 0, len(byStart))
	for at, m := range byStart {
		out = append(out, [2]int{at, m[1]})
	}
	slices.SortFunc(out, func(x, y [2]int) int { return x[0] - y[0] })
	return out
}

// maxSpan bounds how far past its start a stem-anchored match is sought:
// no rule's match is longer. The regexp engine's cost grows with the
// input it is handed, not only with the match, so a short window keeps
// each try cheap.
const maxSpan = 160

// window returns s from at, at most maxSpan bytes, cut at a rune boundary.
func window(s string, at int) string {
	end := min(len(s), at+maxSpan)
	for end < len(s) && end > at && !utf8.RuneStart(s[end]) {
		end--
	}
	return s[at:end]
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// asciiLower lower-cases ASCII letters only, so byte offsets are kept.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// mayMatch reports whether a sentence, lowered with strings.ToLower, may
// match the pattern.
func (p prefilter) mayMatch(lower string) bool {
	if p.stems == nil {
		return true
	}
	for _, s := range p.stems {
		if strings.Contains(lower, s) {
			return true
		}
	}
	return false
}

// prefixes returns literal strings, one of which starts every match of re,
// or nil when that cannot be said.
func prefixes(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCapture, syntax.OpPlus:
		return prefixes(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return prefixes(re.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			switch sub.Op {
			case syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginLine, syntax.OpEndLine,
				syntax.OpBeginText, syntax.OpEndText, syntax.OpEmptyMatch:
				continue // zero-width
			}
			return prefixes(sub)
		}
		return nil
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			p := prefixes(sub)
			if p == nil {
				return nil
			}
			out = append(out, p...)
		}
		return out
	}
	return nil
}

// lex is a case-insensitive pattern searched only where one of its
// literal stems begins a word (see prefilter): the fast form of the large
// word lists the rule tables use. Patterns whose every alternative starts
// with \b and a literal gain; others fall back to a plain search.
type lex struct{ st *pattern }

// lx returns a case-insensitive lex pattern, compiled on first use.
func lx(expr string) lex { return lex{st: pat(`(?i)` + expr)} }

// compiled returns the pattern's expression and prefilter.
func (l lex) compiled() (*regexp.Regexp, *prefilter) { return l.st.rx(), l.st.prefilter() }

// rx returns the pattern's compiled expression.
func (l lex) rx() *regexp.Regexp {
	re, _ := l.compiled()
	return re
}

// findAll returns the matches of the pattern in s, in order.
func (l lex) findAll(s string) [][2]int {
	re, pre := l.compiled()
	if !pre.anchored {
		var out [][2]int
		for _, loc := range re.FindAllStringIndex(s, -1) {
			out = append(out, [2]int{loc[0], loc[1]})
		}
		return out
	}
	if !pre.mayMatch(strings.ToLower(s)) {
		return nil
	}
	return pre.matches(re, s, asciiLower(s))
}

// index returns where the pattern first matches s, or -1.
func (l lex) index(s string) int {
	if m := l.findAll(s); len(m) > 0 {
		return m[0][0]
	}
	return -1
}

// firstMatch returns the text of the pattern's first match in s, or "".
func firstMatch(l lex, s string) string {
	if m := l.findAll(s); len(m) > 0 {
		return s[m[0][0]:m[0][1]]
	}
	return ""
}

// match reports whether the pattern matches s.
func (l lex) match(s string) bool { return l.index(s) >= 0 }
