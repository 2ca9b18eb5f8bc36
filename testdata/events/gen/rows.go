package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// row is one output line: the fields of ../shared/eval/acled-africa-2016.jsonl
// in its order, then this set's own fields.
type row struct {
	ID               string   `json:"id"`
	Text             string   `json:"text"`
	Date             string   `json:"date"`
	TimePrecision    *int     `json:"time_precision"`
	EventType        *string  `json:"event_type"`
	Lat              *float64 `json:"lat"`
	Lon              *float64 `json:"lon"`
	Location         *string  `json:"location"`
	Admin1           *string  `json:"admin1"`
	Country          string   `json:"country"`
	Fatalities       *int     `json:"fatalities"`
	Actor1           *string  `json:"actor1"`
	Actor2           *string  `json:"actor2"`
	GeoPrecision     *int     `json:"geo_precision"`
	Source           string   `json:"source"`
	EventType2019    *string  `json:"event_type_2019"`
	SubEventType2019 *string  `json:"sub_event_type_2019"`
	EventDate        string   `json:"event_date,omitempty"`
	Style            string   `json:"style"`
	Traps            []string `json:"traps"`
	PlaceRef         string   `json:"place_ref,omitempty"`
}

var (
	reID = regexp.MustCompile(`^(?:\d{3}|n\d{2})$`)
	// reSentenceEnd ends a sentence: . ! or ? (maybe closing a quote)
	// before a space and a capital or an opening quote.
	reSentenceEnd = regexp.MustCompile(`[.!?]["”’]?\s+["“]?[A-Z0-9]`)
	minDate       = time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate       = time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
)

// sentences counts a text's sentences, roughly (no abbreviations are used
// in the set).
func sentences(text string) int { return len(reSentenceEnd.FindAllStringIndex(text, -1)) + 1 }

// buildRows checks every paragraph and turns it into gold rows (events)
// and negative rows.
func buildRows(paras []paragraph, ps *places) (gold, negs []row, err error) {
	ids := map[string]bool{}
	texts := map[string]string{}
	for _, p := range paras {
		if err := checkParagraph(p, ids, texts); err != nil {
			return nil, nil, fmt.Errorf("paragraph %s (line %d): %w", p.id, p.line, err)
		}
		if p.negative {
			negs = append(negs, row{ID: "ge-" + p.id, Text: p.text, Date: p.date, Country: p.country, Source: p.source,
				Style: p.style, Traps: p.traps})
			continue
		}
		for i, e := range p.events {
			r, err := eventRow(p, i, e, ps)
			if err != nil {
				return nil, nil, fmt.Errorf("paragraph %s, line %d: %w", p.id, e.line, err)
			}
			gold = append(gold, r)
		}
	}
	return gold, negs, nil
}

func checkParagraph(p paragraph, ids map[string]bool, texts map[string]string) error {
	if !reID.MatchString(p.id) || ids[p.id] {
		return fmt.Errorf("id %q is not a new NNN (or nNN for a negative text)", p.id)
	}
	ids[p.id] = true
	if strings.HasPrefix(p.id, "n") != p.negative {
		return errors.New(`negative texts, and only they, have ids nNN and one "> none" line`)
	}
	if other, ok := texts[p.text]; ok {
		return fmt.Errorf("same text as paragraph %s", other)
	}
	texts[p.text] = p.id
	d, err := time.Parse(time.DateOnly, p.date)
	if err != nil || d.Before(minDate) || d.After(maxDate) {
		return fmt.Errorf("date %q is not a day of 2014-2026", p.date)
	}
	switch n := sentences(p.text); {
	case p.style == "notes" && n > 2:
		return fmt.Errorf("notes style has %d sentences, want 1-2", n)
	case p.style == "wire" && (n < 3 || n > 7):
		return fmt.Errorf("wire style has %d sentences, want 3-7", n)
	case p.style != "notes" && p.style != "wire":
		return fmt.Errorf("style %q is not notes or wire", p.style)
	}
	if len(p.traps) == 0 {
		return errors.New("no traps named in the header")
	}
	for _, t := range p.traps {
		if _, ok := traps[t]; !ok {
			return fmt.Errorf("unknown trap %q", t)
		}
	}
	if p.negative != slices.Contains(p.traps, "negative") {
		return errors.New(`a negative text, and only it, has the trap "negative"`)
	}
	if !utf8Clean(p.text) {
		return errors.New("text has control characters")
	}
	return nil
}

func utf8Clean(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r == unicode.ReplacementChar || unicode.IsControl(r) })
}

// eventRow checks one coded event and builds its row.
func eventRow(p paragraph, i int, e codedEvent, ps *places) (row, error) {
	k, ok := kinds[e.kind]
	if !ok {
		return row{}, fmt.Errorf("unknown event kind %q", e.kind)
	}
	pl, err := ps.lookup(e.ref)
	if err != nil {
		return row{}, err
	}
	switch {
	case e.loc == "":
		return row{}, errors.New("no loc=")
	case !e.unnamed && !strings.Contains(fold(p.text), fold(e.loc)):
		return row{}, fmt.Errorf("loc %q is not spelled in the text (mark it unnamed if that is meant)", e.loc)
	case e.unnamed && strings.Contains(fold(p.text), fold(e.loc)):
		return row{}, fmt.Errorf("loc %q is marked unnamed but the text names it", e.loc)
	case e.fatalities < 0:
		return row{}, errors.New("negative fatalities")
	case e.geoPrec < 1 || e.geoPrec > 3:
		return row{}, fmt.Errorf("gp=%d is not 1-3", e.geoPrec)
	case e.timePrec < 1 || e.timePrec > 3:
		return row{}, fmt.Errorf("tp=%d is not 1-3", e.timePrec)
	case e.actor1 == "":
		return row{}, errors.New("no a1=")
	}
	if e.eventDate != "" {
		ed, err1 := time.Parse(time.DateOnly, e.eventDate)
		pd, err2 := time.Parse(time.DateOnly, p.date)
		if err := errors.Join(err1, err2); err != nil {
			return row{}, err
		}
		if ed.After(pd) || pd.Sub(ed) > 62*24*time.Hour {
			return row{}, fmt.Errorf("event date %s is not within two months before the publication date %s", e.eventDate, p.date)
		}
		if e.eventDate == p.date {
			return row{}, errors.New("date= equals the publication date: leave it out")
		}
	}
	r := row{
		ID: fmt.Sprintf("ge-%s-%d", p.id, i+1), Text: p.text, Date: p.date, TimePrecision: &e.timePrec,
		EventType: &k.pre2019, Lat: &pl.lat, Lon: &pl.lon, Location: &e.loc, Country: pl.country,
		Fatalities: &e.fatalities, Actor1: &e.actor1, GeoPrecision: &e.geoPrec, Source: p.source,
		EventType2019: &k.type2019, SubEventType2019: &k.sub2019, EventDate: e.eventDate,
		Style: p.style, Traps: p.traps, PlaceRef: e.ref,
	}
	if pl.admin1 != "" {
		r.Admin1 = &pl.admin1
	}
	if e.actor2 != "" {
		r.Actor2 = &e.actor2
	}
	return r, nil
}

// fold is the reference scorer's test of a name in a text: lower case,
// NFKD, letters and digits only.
func fold(s string) string {
	s = norm.NFKD.String(strings.ToLower(s))
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return r
		}
		return -1
	}, s)
}

func encode(rows []row) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, r := range rows {
		if err := enc.Encode(r); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

// printStats prints how often each trap, country, year, style and type occurs.
func printStats(w io.Writer, paras []paragraph, gold []row) {
	count := func(title string, m map[string]int) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(w, "%s:\n", title)
		for _, k := range keys {
			fmt.Fprintf(w, "  %-28s %d\n", k, m[k])
		}
	}
	trapN, styleN, yearN := map[string]int{}, map[string]int{}, map[string]int{}
	for _, p := range paras {
		for _, t := range p.traps {
			trapN[t]++
		}
		styleN[p.style]++
		yearN[p.date[:4]]++
	}
	for t := range traps {
		if trapN[t] == 0 {
			trapN[t] = 0
		}
	}
	countryN, typeN := map[string]int{}, map[string]int{}
	for _, r := range gold {
		countryN[r.Country]++
		typeN[*r.SubEventType2019]++
	}
	count("traps (paragraphs)", trapN)
	count("styles (paragraphs)", styleN)
	count("years (paragraphs)", yearN)
	count("countries (events)", countryN)
	count("sub-event types (events)", typeN)
}
