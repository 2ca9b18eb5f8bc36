package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// errInvariant reports an output record that breaks the GeoVirus format rules.
var errInvariant = errors.New("invariant broken")

// toponym is one gold mention in the GeoVirus JSON Lines format, plus kind.
type toponym struct {
	StartByte int     `json:"start_byte"`
	EndByte   int     `json:"end_byte"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Name      string  `json:"name"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	GeonameID *int    `json:"geonameid"`
	Kind      string  `json:"kind"`  // literal or adjectival
	Place     string  `json:"place"` // the gazetteer name of the gold place, for readers
}

// document is one annotated paragraph.
type document struct {
	ID       string    `json:"id"`
	Text     string    `json:"text"`
	Toponyms []toponym `json:"toponyms"`
}

// resolve turns parsed paragraphs into documents with gold points.
func resolve(paras []paragraph, g gazetteer) ([]document, error) {
	docs := make([]document, 0, len(paras))
	for i, p := range paras {
		d := document{ID: fmt.Sprintf("gold-%03d", i+1), Text: p.text, Toponyms: []toponym{}}
		for _, s := range p.spans {
			pt, ok := g[s.ref]
			if !ok {
				return nil, fmt.Errorf("paragraph at line %d, %q: %w %q", p.line, s.surface, errUnknownRef, s.ref)
			}
			kind := "literal"
			if s.adjectival {
				kind = "adjectival"
			}
			d.Toponyms = append(d.Toponyms, toponym{
				StartByte: s.start,
				EndByte:   s.end,
				Start:     utf8.RuneCountInString(p.text[:s.start]),
				End:       utf8.RuneCountInString(p.text[:s.end]),
				Name:      s.surface,
				Lat:       pt.lat,
				Lon:       pt.lon,
				GeonameID: pt.geonameid,
				Kind:      kind,
				Place:     pt.name,
			})
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// verify checks one document: spans in order, on rune boundaries, and
// text[start_byte:end_byte] == name, with code-point offsets that agree.
func verify(d document) error {
	if !utf8.ValidString(d.Text) {
		return fmt.Errorf("%s: %w: text is not valid UTF-8", d.ID, errInvariant)
	}
	prev := 0
	for _, t := range d.Toponyms {
		if t.StartByte < prev || t.EndByte <= t.StartByte || t.EndByte > len(d.Text) {
			return fmt.Errorf("%s: %w: span %d-%d out of order or range", d.ID, errInvariant, t.StartByte, t.EndByte)
		}
		if d.Text[t.StartByte:t.EndByte] != t.Name {
			return fmt.Errorf("%s: %w: text[%d:%d] = %q, name %q", d.ID, errInvariant, t.StartByte, t.EndByte, d.Text[t.StartByte:t.EndByte], t.Name)
		}
		runes := []rune(d.Text)
		if t.End > len(runes) || string(runes[t.Start:t.End]) != t.Name {
			return fmt.Errorf("%s: %w: code-point span %d-%d does not hold %q", d.ID, errInvariant, t.Start, t.End, t.Name)
		}
		if t.Lat < -90 || t.Lat > 90 || t.Lon < -180 || t.Lon > 180 {
			return fmt.Errorf("%s: %w: %q at %v,%v", d.ID, errInvariant, t.Name, t.Lat, t.Lon)
		}
		prev = t.EndByte
	}
	return nil
}

// encode writes one JSON object per line, without HTML escaping.
func encode(docs []document) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			return nil, fmt.Errorf("encode %s: %w", d.ID, err)
		}
	}
	return buf.Bytes(), nil
}

// verifyFile re-reads written JSON Lines and checks every document again,
// so the file on disk, not just the in-memory records, holds the invariants.
func verifyFile(b []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 1<<16), 1<<22)
	ids := map[string]bool{}
	for n := 1; sc.Scan(); n++ {
		var d document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		if ids[d.ID] {
			return fmt.Errorf("line %d: %w: duplicate id %s", n, errInvariant, d.ID)
		}
		ids[d.ID] = true
		if err := verify(d); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}
