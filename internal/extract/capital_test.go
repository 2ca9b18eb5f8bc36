package extract

import (
	"testing"

	"geoevents/gazetteer"
	"geoevents/internal/event"
)

// capitalsOf is a CapitalFinder over a fixed table.
type capitalsOf map[string]*gazetteer.Place

func (c capitalsOf) CapitalOf(country string) (*gazetteer.Place, bool) {
	p, ok := c[country]
	return p, ok
}

// TestAtCapitals: a typed event known only to its country whose sentence
// says it happened in the capital stands at the capital; a capital named
// after the words, a sentence without them, towns and mentions keep their
// points.
func TestAtCapitals(t *testing.T) {
	mogadishu := town(53654, "Mogadishu", 2.03711, 45.34375, "SO", "PPLC")
	capitals := capitalsOf{"SO": mogadishu}
	country := event.Event{Type: event.TypeExplosions, GeoPrecision: 3, FeatureCode: "PCLI", CountryCode: "SO", PlaceName: "Somalia", Lon: 48, Lat: 6,
		Sentence: "A car bomb exploded outside Somalia's interior ministry in the capital on Monday."}
	named := country
	named.Sentence = "Protesters marched in the capital, Mogadishu, on Friday."
	elsewhere := country
	elsewhere.Sentence = "A car bomb exploded in Somalia on Monday."
	town := country
	town.FeatureCode, town.GeoPrecision = "PPL", 1
	mention := country
	mention.Type = event.TypeMention
	events := []event.Event{country, named, elsewhere, town, mention}
	AtCapitals(events, capitals)
	if e := events[0]; e.Lon != mogadishu.Lon || e.Lat != mogadishu.Lat || e.GeoPrecision != 1 || e.PlaceName != "Somalia" {
		t.Errorf("country event at %v,%v (precision %d), want the capital at %v,%v", e.Lon, e.Lat, e.GeoPrecision, mogadishu.Lon, mogadishu.Lat)
	}
	if r := events[0].Explain; len(r) == 0 || r[len(r)-1].Rule != "location/the-capital" || r[len(r)-1].Value != "Mogadishu" || r[len(r)-1].Text != "in the capital" {
		t.Errorf("country event explains %+v, want location/the-capital → Mogadishu", r)
	}
	for i, e := range events[1:] {
		if e.Lon != country.Lon || e.Lat != country.Lat || len(e.Explain) != 0 {
			t.Errorf("event %d moved to %v,%v: %+v", i+1, e.Lon, e.Lat, e.Explain)
		}
	}
}
