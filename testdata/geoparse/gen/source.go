package main

import (
	"errors"
	"fmt"
	"strings"
)

// errMarkup reports malformed [[surface|ref]] markup in the source file.
var errMarkup = errors.New("bad markup")

// span is one annotated mention in a paragraph's plain text, in bytes.
type span struct {
	start, end int
	surface    string
	ref        string // geonameid or x:key
	adjectival bool
}

// paragraph is one source paragraph with its markup removed.
type paragraph struct {
	line  int // first source line, for error messages
	text  string
	spans []span
}

// parseSource splits the source into paragraphs and strips the markup.
func parseSource(src string) ([]paragraph, error) {
	var paras []paragraph
	var cur []string
	start := 0
	flush := func() error {
		if len(cur) == 0 {
			return nil
		}
		p, err := parseParagraph(strings.Join(cur, " "))
		if err != nil {
			return fmt.Errorf("paragraph at line %d: %w", start, err)
		}
		p.line = start
		paras = append(paras, p)
		cur = nil
		return nil
	}
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "#"):
			continue
		case line == "":
			if err := flush(); err != nil {
				return nil, err
			}
		default:
			if len(cur) == 0 {
				start = i + 1
			}
			cur = append(cur, line)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return paras, nil
}

// parseParagraph removes [[surface|ref(|adj)]] markup, recording byte spans.
func parseParagraph(s string) (paragraph, error) {
	var b strings.Builder
	var p paragraph
	for {
		i := strings.Index(s, "[[")
		if i < 0 {
			if strings.Contains(s, "]]") {
				return p, fmt.Errorf("%w: stray ]] in %q", errMarkup, s)
			}
			b.WriteString(s)
			break
		}
		if strings.Contains(s[:i], "]]") {
			return p, fmt.Errorf("%w: stray ]] before %q", errMarkup, s[i:])
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i:], "]]")
		if j < 0 {
			return p, fmt.Errorf("%w: unclosed [[ in %q", errMarkup, s[i:])
		}
		inner := s[i+2 : i+j]
		parts := strings.Split(inner, "|")
		if len(parts) < 2 || len(parts) > 3 || parts[0] == "" || parts[1] == "" || strings.Contains(inner, "[[") {
			return p, fmt.Errorf("%w: %q", errMarkup, inner)
		}
		sp := span{start: b.Len(), surface: parts[0], ref: parts[1]}
		if len(parts) == 3 {
			if parts[2] != "adj" {
				return p, fmt.Errorf("%w: unknown flag %q in %q", errMarkup, parts[2], inner)
			}
			sp.adjectival = true
		}
		b.WriteString(sp.surface)
		sp.end = b.Len()
		p.spans = append(p.spans, sp)
		s = s[i+j+2:]
	}
	p.text = b.String()
	return p, nil
}
