package extract

import (
	"testing"

	"geoevents/gazetteer"
	"geoevents/internal/event"
	"geoevents/internal/geoparse"
)

// seatsOf is a SeatFinder over a fixed table.
type seatsOf map[string]*gazetteer.Place

func (s seatsOf) SeatOf(country, admin1 string) (*gazetteer.Place, bool) {
	p, ok := s[country+"/"+admin1]
	return p, ok
}

// TestAtSeats: a typed event known only to its province stands at the
// province's seat, keeping its place; towns, mentions and provinces
// without a seat keep their points.
func TestAtSeats(t *testing.T) {
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	osogbo, ok := g.SeatOf("NG", "Osun State")
	if !ok {
		t.Fatal("no seat for Osun")
	}
	seats := seatsOf{"NG/Osun State": osogbo}
	province := event.Event{Type: event.TypeProtests, GeoPrecision: 3, FeatureCode: "ADM1", CountryCode: "NG", Admin1: "Osun State", PlaceName: "Osun State", Lon: 4.56, Lat: 7.77}
	town := province
	town.FeatureCode, town.GeoPrecision = "PPL", 1
	mention := province
	mention.Type = event.TypeMention
	unknown := province
	unknown.Admin1 = "Nowhere"
	events := []event.Event{province, town, mention, unknown}
	AtSeats(events, seats)
	if e := events[0]; e.Lon != osogbo.Lon || e.Lat != osogbo.Lat || e.PlaceName != "Osun State" || e.GeoPrecision != 3 {
		t.Errorf("province event at %v,%v (%s, precision %d), want the seat %s at %v,%v", e.Lon, e.Lat, e.PlaceName, e.GeoPrecision, osogbo.Name, osogbo.Lon, osogbo.Lat)
	}
	if r := events[0].Explain; len(r) == 0 || r[len(r)-1].Rule != "location/province-seat" || r[len(r)-1].Value != osogbo.Name {
		t.Errorf("province event explains %+v, want location/province-seat → %s", r, osogbo.Name)
	}
	for _, e := range events[1:] {
		if e.Lon != 4.56 || e.Lat != 7.77 || len(e.Explain) != 0 {
			t.Errorf("%s (%s, %s) moved to %v,%v", e.Type, e.FeatureCode, e.Admin1, e.Lon, e.Lat)
		}
	}
}

// TestDistrictTown: a district read for a name stands at the town of that
// name among the mention's readings, when the town is near; a district
// whose town is far, or named otherwise, keeps its point.
func TestDistrictTown(t *testing.T) {
	place := func(name, class, code string, lat, lon float64) *gazetteer.Place {
		return &gazetteer.Place{Name: name, Lat: lat, Lon: lon, Attrs: &gazetteer.Attrs{FeatureClass: class, FeatureCode: code, CountryCode: "SY"}}
	}
	district := place("Afrin", "A", "ADM2", 36.564, 36.790)
	town := place("‘Afrīn", "P", "PPLA2", 36.512, 36.870)
	farTown := place("`Afrin", "P", "PPL", 36.225, 37.327)
	other := place("Jindayris", "P", "PPLA3", 36.395, 36.689)
	alts := func(ps ...*gazetteer.Place) []gazetteer.Candidate {
		var out []gazetteer.Candidate
		for _, p := range ps {
			out = append(out, gazetteer.Candidate{Place: p})
		}
		return out
	}
	for _, tt := range []struct {
		name string
		m    geoparse.Mention
		want *gazetteer.Place
	}{
		{"district beside its town", geoparse.Mention{Text: "Afrin", Place: district, Alternatives: alts(farTown, town)}, town},
		{"town too far", geoparse.Mention{Text: "Afrin", Place: district, Alternatives: alts(farTown)}, nil},
		{"another town's name", geoparse.Mention{Text: "Afrin", Place: district, Alternatives: alts(other)}, nil},
		{"a town read as itself", geoparse.Mention{Text: "Afrin", Place: town, Alternatives: alts(district)}, nil},
	} {
		if got := districtTown(tt.m); got != tt.want {
			t.Errorf("%s: districtTown = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestAtDistrictTowns: a typed event at a district stands at the town the
// gazetteer spells otherwise; a mention, a town and a district already at
// its town keep their points.
func TestAtDistrictTowns(t *testing.T) {
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	district := event.Event{Type: event.TypeBattles, GeoPrecision: 3, FeatureCode: "ADM2", CountryCode: "IQ", PlaceName: "Mahmoudiya", MentionText: "Mahmoudiya", Lon: 44.32959, Lat: 33.06806}
	mention := district
	mention.Type = event.TypeMention
	town := district
	town.FeatureCode = "PPL"
	placed := district
	placed.Explain = []event.Reason{{Field: event.FieldLocation, Rule: "location/district-town"}}
	events := []event.Event{district, mention, town, placed}
	AtDistrictTowns(events, g)
	if e := events[0]; e.Lon == district.Lon || !explainsRule(&e, "location/district-town") || e.PlaceName != "Mahmoudiya" {
		t.Errorf("district event not at its town: %+v", e)
	}
	for i, e := range events[1:] {
		if e.Lon != district.Lon || e.Lat != district.Lat {
			t.Errorf("event %d moved: %+v", i+1, e)
		}
	}
}
