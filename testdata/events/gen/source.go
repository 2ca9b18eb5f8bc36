package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// errSyntax reports malformed source markup.
var errSyntax = errors.New("source syntax")

// paragraph is one text of the source with the events it codes.
type paragraph struct {
	line   int    // of its header
	id     string // three digits, or n + two digits for a negative text
	date   string // publication date
	style  string // notes or wire
	traps  []string
	source string
	text   string
	events []codedEvent
	// negative: the text reports no event (one "> none" line).
	negative bool
	country  string // of a negative text
}

// codedEvent is one "> ..." line.
type codedEvent struct {
	line       int
	kind       string // alias in kinds
	ref        string // gn:ID, wof:ID or x:key
	loc        string
	fatalities int
	geoPrec    int
	timePrec   int
	eventDate  string // "" = the publication date
	actor1     string
	actor2     string
	unnamed    bool // the location is deliberately not named in the text
}

// parseSource reads the source format:
//
//	# comment
//	@ 001 2024-03-12 notes | trap trap ... [| source]
//	Text lines, joined with one space.
//	> shelling gn:168661 loc="Kafr Nabl" fat=1 gp=1 tp=1 date=2024-03-11 a1="..." a2="..." [unnamed]
//	> none country=Syria
func parseSource(src string) ([]paragraph, error) {
	var out []paragraph
	var cur *paragraph
	flush := func() error {
		if cur == nil {
			return nil
		}
		if cur.text == "" {
			return fmt.Errorf("line %d: %w: paragraph %s has no text", cur.line, errSyntax, cur.id)
		}
		if len(cur.events) == 0 && !cur.negative {
			return fmt.Errorf("line %d: %w: paragraph %s codes no event and is not marked \"> none\"", cur.line, errSyntax, cur.id)
		}
		out = append(out, *cur)
		cur = nil
		return nil
	}
	for i, raw := range strings.Split(src, "\n") {
		n := i + 1
		line := strings.TrimSpace(raw)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "@ "):
			if err := flush(); err != nil {
				return nil, err
			}
			p, err := parseHeader(n, line[2:])
			if err != nil {
				return nil, err
			}
			cur = &p
		case cur == nil:
			return nil, fmt.Errorf("line %d: %w: text before the first \"@\" header", n, errSyntax)
		case strings.HasPrefix(line, "> "):
			if err := parseEventLine(cur, n, line[2:]); err != nil {
				return nil, err
			}
		case len(cur.events) > 0 || cur.negative:
			return nil, fmt.Errorf("line %d: %w: text after the events of paragraph %s", n, errSyntax, cur.id)
		default:
			cur.text = strings.TrimSpace(cur.text + " " + line)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

func parseHeader(n int, s string) (paragraph, error) {
	parts := strings.Split(s, "|")
	head := strings.Fields(parts[0])
	if len(head) != 3 || len(parts) < 2 || len(parts) > 3 {
		return paragraph{}, fmt.Errorf("line %d: %w: want \"@ ID DATE STYLE | traps [| source]\"", n, errSyntax)
	}
	p := paragraph{line: n, id: head[0], date: head[1], style: head[2], traps: strings.Fields(parts[1]), source: defaultSource}
	if len(parts) == 3 {
		p.source = strings.TrimSpace(parts[2])
	}
	return p, nil
}

func parseEventLine(p *paragraph, n int, s string) error {
	fields, err := splitFields(s)
	if err != nil {
		return fmt.Errorf("line %d: %w: %w", n, errSyntax, err)
	}
	if len(fields) > 0 && fields[0] == "none" {
		if len(p.events) > 0 || p.negative {
			return fmt.Errorf("line %d: %w: \"none\" must be the only event line", n, errSyntax)
		}
		p.negative = true
		for _, f := range fields[1:] {
			if c, ok := strings.CutPrefix(f, "country="); ok {
				p.country = c
			} else {
				return fmt.Errorf("line %d: %w: unknown field %q of \"none\"", n, errSyntax, f)
			}
		}
		if p.country == "" {
			return fmt.Errorf("line %d: %w: \"none\" needs country=", n, errSyntax)
		}
		return nil
	}
	if p.negative {
		return fmt.Errorf("line %d: %w: an event after \"none\"", n, errSyntax)
	}
	if len(fields) < 2 {
		return fmt.Errorf("line %d: %w: want \"> KIND REF key=value...\"", n, errSyntax)
	}
	e := codedEvent{line: n, kind: fields[0], ref: fields[1], geoPrec: 1, timePrec: 1}
	for _, f := range fields[2:] {
		if f == "unnamed" {
			e.unnamed = true
			continue
		}
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			return fmt.Errorf("line %d: %w: %q is not key=value", n, errSyntax, f)
		}
		if err := e.set(k, v); err != nil {
			return fmt.Errorf("line %d: %w: %w", n, errSyntax, err)
		}
	}
	p.events = append(p.events, e)
	return nil
}

func (e *codedEvent) set(k, v string) error {
	num := func(dst *int) error {
		i, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("%s=%q is not a number", k, v)
		}
		*dst = i
		return nil
	}
	switch k {
	case "loc":
		e.loc = v
	case "fat":
		return num(&e.fatalities)
	case "gp":
		return num(&e.geoPrec)
	case "tp":
		return num(&e.timePrec)
	case "date":
		e.eventDate = v
	case "a1":
		e.actor1 = v
	case "a2":
		e.actor2 = v
	default:
		return fmt.Errorf("unknown field %q", k)
	}
	return nil
}

// splitFields splits on spaces, keeping key="quoted value" together.
func splitFields(s string) ([]string, error) {
	var out []string
	var b strings.Builder
	inQuote := false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote = !inQuote
		case unicode.IsSpace(r) && !inQuote:
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
		default:
			b.WriteRune(r)
		}
	}
	if inQuote {
		return nil, errors.New("unclosed quote")
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out, nil
}
