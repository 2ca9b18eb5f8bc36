// Package evaluate scores a geoparser against an annotated corpus in the
// GeoVirus JSON Lines format with the standard figures of the geoparsing
// literature: toponym recognition precision, recall and F1, and resolution
// accuracy@161km, mean and median error and the AUC of the log error curve.
// It also scores event extraction against ACLED-style gold (ScoreEvents)
// with the figures of the reference event scorer.
package evaluate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"geoevents/geo"
	"geoevents/internal/geoparse"
)

// ErrBadGold reports an annotated document that cannot be scored.
var ErrBadGold = errors.New("bad gold document")

// midpointChars is the largest distance, in characters, between the span
// midpoints of a prediction and the gold toponym it matches (exclusive).
const midpointChars = 10

// ParseFunc is the geoparser under evaluation.
type ParseFunc func(ctx context.Context, text string) ([]geoparse.Mention, error)

// Document is one annotated text in the GeoVirus format.
type Document struct {
	ID       string    `json:"id"`
	Text     string    `json:"text"`
	Toponyms []Toponym `json:"toponyms"`
}

// Toponym is one gold place mention. StartByte/EndByte are UTF-8 byte
// offsets; Start/End count code points and are used when the byte offsets
// are absent. Lat/Lon are nil when the annotation has no coordinates.
type Toponym struct {
	Start     int      `json:"start"`
	End       int      `json:"end"`
	StartByte *int     `json:"start_byte"`
	EndByte   *int     `json:"end_byte"`
	Name      string   `json:"name"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
}

// Score parses every document of the JSON Lines stream r with parse and
// compares the mentions to the gold toponyms. A prediction matches an
// unmatched gold toponym when the names are equal ignoring case and the
// span midpoints are less than 10 characters apart; each gold toponym
// matches at most once.
func Score(ctx context.Context, r io.Reader, parse func(ctx context.Context, text string) ([]geoparse.Mention, error)) (Report, error) {
	var rep Report
	var errs []resolution
	dec := json.NewDecoder(r)
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("evaluate: %w", err)
		}
		var d Document
		if err := dec.Decode(&d); err == io.EOF {
			break
		} else if err != nil {
			return rep, fmt.Errorf("evaluate: document %d: %w", n, err)
		}
		ms, err := parse(ctx, d.Text)
		if err != nil {
			return rep, fmt.Errorf("evaluate: parse %s: %w", d.ID, err)
		}
		e, err := scoreDoc(&rep, d, ms)
		if err != nil {
			return rep, fmt.Errorf("evaluate: document %d (%s): %w", n, d.ID, err)
		}
		errs = append(errs, e...)
		rep.Documents++
	}
	rep.Precision, rep.Recall, rep.F1 = prf(rep.Matched, rep.Predicted, rep.Gold)
	rep.StrictPrecision, _, rep.StrictF1 = prf(rep.Matched, rep.Predicted+rep.AdjectivalUnmatched, rep.Gold)
	km := make([]float64, len(errs))
	for i, e := range errs {
		km[i] = e.km
	}
	rep.Resolved = len(errs)
	rep.Acc161, rep.MeanKm, rep.MedianKm, rep.AUC = Resolution(km)
	rep.ByScale = byScale(errs)
	return rep, nil
}

// scoreDoc adds one document's counts to rep and returns the resolution
// errors of its matched toponyms that have gold coordinates.
func scoreDoc(rep *Report, d Document, ms []geoparse.Mention) ([]resolution, error) {
	runeAt := runeIndex(d.Text)
	type gold struct {
		mid2    int // twice the midpoint in code points
		name    string
		lat     *float64
		lon     *float64
		matched bool
	}
	golds := make([]gold, len(d.Toponyms))
	for i, t := range d.Toponyms {
		s, e := t.Start, t.End
		if t.StartByte != nil && t.EndByte != nil {
			sb, eb := *t.StartByte, *t.EndByte
			if sb < 0 || eb < sb || eb > len(d.Text) {
				return nil, fmt.Errorf("%w: toponym %q bytes %d..%d outside text", ErrBadGold, t.Name, sb, eb)
			}
			s, e = runeAt[sb], runeAt[eb]
		}
		golds[i] = gold{mid2: s + e, name: t.Name, lat: t.Lat, lon: t.Lon}
	}
	rep.Gold += len(golds)
	var errs []resolution
	for _, m := range ms {
		if m.Start < 0 || m.End < m.Start || m.End > len(d.Text) {
			return nil, fmt.Errorf("mention %q at %d..%d outside text", m.Text, m.Start, m.End)
		}
		mid2 := runeAt[m.Start] + runeAt[m.End]
		best, bestDist := -1, 2*midpointChars
		for i := range golds {
			g := &golds[i]
			if g.matched || !strings.EqualFold(g.name, m.Text) {
				continue
			}
			if dist := abs(g.mid2 - mid2); dist < bestDist {
				best, bestDist = i, dist
			}
		}
		if best < 0 {
			if m.Kind == geoparse.KindAdjectival {
				rep.AdjectivalUnmatched++
			} else {
				rep.Predicted++
			}
			continue
		}
		rep.Predicted++
		rep.Matched++
		g := &golds[best]
		g.matched = true
		if g.lat != nil && g.lon != nil && m.Place != nil {
			errs = append(errs, resolution{geo.DistanceKm(m.Place.Lon, m.Place.Lat, *g.lon, *g.lat), scaleOf(m.Place)})
		}
	}
	return errs, nil
}

// runeIndex maps every byte offset of s (0..len(s)) to the number of code
// points before it; offsets inside a multi-byte rune map to that rune.
func runeIndex(s string) []int {
	idx := make([]int, len(s)+1)
	n := 0
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		for j := 0; j < size; j++ {
			idx[i+j] = n
		}
		i += size
		n++
	}
	idx[len(s)] = n
	return idx
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
