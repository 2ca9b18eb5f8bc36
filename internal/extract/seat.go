package extract

import (
	"strings"

	"geoevents/gazetteer"
	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/geoparse"
)

// SeatFinder finds the seat town of a province (geoparse.Parser is one).
type SeatFinder interface {
	SeatOf(country, admin1 string) (*gazetteer.Place, bool)
}

// AtSeats puts each typed event known only to its province (an ADM1 place,
// geo-precision 3) at the province's seat town, as ACLED's codebook codes
// it: the provincial capital's coordinates with geo-precision 3. The
// event keeps its place (the province, its name and id) and says why its
// point is the seat's (rule location/province-seat). A province's label
// point lies wherever the map maker put it, often in empty country; the
// seat is where reports about a province come from and where ACLED's
// users expect its events. Plain mentions keep the province's point.
func AtSeats(events []event.Event, seats SeatFinder) {
	for i := range events {
		e := &events[i]
		if e.Type == event.TypeMention || e.GeoPrecision != 3 || e.FeatureCode != "ADM1" {
			continue
		}
		s, ok := seats.SeatOf(e.CountryCode, e.Admin1)
		if !ok {
			continue
		}
		e.Lon, e.Lat = s.Lon, s.Lat
		e.Explain = append(e.Explain, event.Reason{Field: event.FieldLocation, Rule: "location/province-seat", Text: e.PlaceName, Start: e.MentionStart, Value: s.Name})
	}
}

// districtTownKm is how far from a district's point the town it is named
// after may lie.
const districtTownKm = 40

// districtTown returns the town a district (ADM2, ADM3) read for mention m
// is named after, among the mention's other readings, or nil: "Afrin
// district", "Kasese district". ACLED codes an event known only to such a
// district at its town, as a province's at its seat (AtSeats); the
// district's own point is only its middle.
func districtTown(m geoparse.Mention) *gazetteer.Place {
	dp := m.Place
	if dp == nil || dp.FeatureClass != "A" || !strings.HasPrefix(dp.FeatureCode, "ADM2") && !strings.HasPrefix(dp.FeatureCode, "ADM3") {
		return nil
	}
	key := gazetteer.Normalize(m.Text)
	var best *gazetteer.Place
	bestKm := float64(districtTownKm)
	for _, c := range m.Alternatives {
		t := c.Place
		if t == nil || t.FeatureClass != "P" || t.CountryCode != dp.CountryCode {
			continue
		}
		if gazetteer.Normalize(t.Name) != key && gazetteer.Normalize(t.ASCIIName) != key {
			continue
		}
		if km := geo.DistanceKm(dp.Lon, dp.Lat, t.Lon, t.Lat); km <= bestKm {
			best, bestKm = t, km
		}
	}
	return best
}

// TownFinder finds the town a district is named after under another
// spelling (geoparse.Parser is one).
type TownFinder interface {
	TownNamedLike(country, name string, lon, lat, km float64) (*gazetteer.Place, bool)
}

// AtDistrictTowns puts each typed event known only to a district (ADM2,
// ADM3) whose town the mention's readings lacked at that town when the
// gazetteer spells it otherwise ("The attack in Mahmoudiya": Who's On
// First's district, GeoNames' Al Maḩmūdīyah), as districtTown does for a
// town of the same spelling.
func AtDistrictTowns(events []event.Event, towns TownFinder) {
	for i := range events {
		e := &events[i]
		if e.Type == event.TypeMention || !strings.HasPrefix(e.FeatureCode, "ADM2") && !strings.HasPrefix(e.FeatureCode, "ADM3") || explainsRule(e, "location/district-town") {
			continue
		}
		t, ok := towns.TownNamedLike(e.CountryCode, e.PlaceName, e.Lon, e.Lat, districtTownKm)
		if !ok {
			continue
		}
		e.Lon, e.Lat = t.Lon, t.Lat
		e.Explain = append(e.Explain, event.Reason{Field: event.FieldLocation, Rule: "location/district-town", Text: e.PlaceName, Start: e.MentionStart, Value: t.Name})
	}
}

// explainsRule reports whether the event's explanation names the rule.
func explainsRule(e *event.Event, rule string) bool {
	for _, r := range e.Explain {
		if r.Rule == rule {
			return true
		}
	}
	return false
}
