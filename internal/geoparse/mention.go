// Package geoparse finds place mentions in English text and resolves each to
// a gazetteer place with a score. It does no storage and no HTTP.
package geoparse

import "geoevents/gazetteer"

// Kind tells how a mention names its place.
type Kind string

// Mention kinds.
const (
	KindLiteral    Kind = "literal"    // "Aleppo", "the Golan Heights"
	KindAdjectival Kind = "adjectival" // "Syrian", "Russian airstrikes"
)

// Mention is one place reference in a text. Start and End are UTF-8 byte
// offsets: text[Start:End] == Text.
type Mention struct {
	Start        int                   `json:"start"`
	End          int                   `json:"end"`
	Text         string                `json:"text"`
	Kind         Kind                  `json:"kind"`
	Score        float64               `json:"score"`
	Place        *gazetteer.Place      `json:"place"`
	Alternatives []gazetteer.Candidate `json:"alternatives,omitempty"`
}
