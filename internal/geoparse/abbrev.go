package geoparse

import (
	"sort"
	"strings"
)

// abbreviations finds names defined with an abbreviation in parentheses,
// "New South Wales (NSW)", and recognises the abbreviation wherever the text
// uses it, with the candidates of the full name. It returns dst sorted by
// position.
func (p *Parser) abbreviations(d *doc, dst []span) []span {
	var defs map[string]int // abbreviation → index of its defining span
	for i := range dst {
		s := &dst[i]
		k := s.last + 1
		if k >= len(d.toks) || s.first == s.last {
			continue
		}
		t := d.toks[k]
		if !t.is(fUpper) || t.is(fDigit) || t.end-t.start > 6 || t.end >= len(d.text) || d.text[t.end] != ')' {
			continue
		}
		if strings.TrimSpace(d.text[s.end:t.start]) != "(" {
			continue
		}
		if defs == nil {
			defs = make(map[string]int)
		}
		defs[d.text[t.start:t.end]] = i
	}
	if defs == nil {
		return dst
	}
	owned := make(map[int]int, len(dst)) // token → span index, for single-token spans
	for i := range dst {
		if dst[i].first == dst[i].last {
			owned[dst[i].first] = i
		}
	}
	n := len(dst)
	for k, t := range d.toks {
		if !t.is(fUpper) {
			continue
		}
		def, ok := defs[d.text[t.start:t.end]]
		if !ok {
			continue
		}
		full := dst[def]
		if i, ok := owned[k]; ok {
			dst[i].cands, dst[i].key, dst[i].written = full.cands, full.key, "" // the key is no longer the words
			continue
		}
		dst = append(dst, span{first: k, last: k, start: t.start, end: t.end, key: full.key, cands: full.cands, choice: -1})
	}
	if len(dst) > n {
		sort.Slice(dst, func(i, j int) bool { return dst[i].first < dst[j].first })
	}
	return dst
}
