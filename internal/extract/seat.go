package extract

import (
	"geoevents/gazetteer"
	"geoevents/internal/event"
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
