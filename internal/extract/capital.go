package extract

import (
	"strings"

	"geoevents/gazetteer"
	"geoevents/internal/event"
)

// CapitalFinder finds the capital of a country (geoparse.Parser is one).
type CapitalFinder interface {
	CapitalOf(country string) (*gazetteer.Place, bool)
}

// reTheCapital is "the capital" said of where a happening was, without
// the capital's name: "in the capital", "outside the Congolese capital".
var reTheCapital = pat(`(?i)\b(?:in|at|near|outside|inside|into|across|around|of)\s+the\s+(?:[\w-]+\s+)?capital\b(\s*,?\s*(?-i:[A-Z]))?`)

// AtCapitals puts each typed event known only to its country (a country
// place, geo-precision 3) whose sentence says the happening was in the
// capital ("a car bomb exploded outside Somalia's interior ministry in
// the capital") at the country's capital, with geo-precision 1: the
// capital is the place the text names, by what it is rather than by its
// name (rule location/the-capital). A capital the sentence names is read
// by the geoparser; the country's point is the middle of its territory.
func AtCapitals(events []event.Event, capitals CapitalFinder) {
	for i := range events {
		e := &events[i]
		if e.Type == event.TypeMention || !strings.HasPrefix(e.FeatureCode, "PCL") {
			continue
		}
		m := reTheCapital.rx().FindStringSubmatchIndex(e.Sentence)
		if m == nil || m[2] >= 0 {
			continue // none, or the capital named after it ("the capital, Cairo")
		}
		c, ok := capitals.CapitalOf(e.CountryCode)
		if !ok {
			continue
		}
		e.Lon, e.Lat, e.GeoPrecision = c.Lon, c.Lat, 1
		e.Explain = append(e.Explain, event.Reason{Field: event.FieldLocation, Rule: "location/the-capital",
			Text: e.Sentence[m[0]:m[1]], Start: e.SentenceStart + m[0], Value: c.Name})
	}
}
