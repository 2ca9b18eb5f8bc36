package event

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// prefilter is a cheap test run before a regular expression: the literal
// strings (lower case) one of which every match must contain. A sentence
// containing none of them cannot match, and the regexp is not run. Nil
// stems mean the pattern could match anything: always run it.
type prefilter struct {
	stems []string
}

// newPrefilter derives the stems of re from its syntax tree.
func newPrefilter(re *regexp.Regexp) prefilter {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return prefilter{}
	}
	return prefilter{stems: prefixes(tree.Simplify())}
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
