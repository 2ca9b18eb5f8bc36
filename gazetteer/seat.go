package gazetteer

import (
	"strings"
	"sync"
)

// seatIndex maps a province to its seat town, built on first use (one pass
// over the places) so that a gazetteer that is never asked pays nothing.
type seatIndex struct {
	once     sync.Once
	towns    map[seatKey]*Place
	capitals map[string]*Place // by country code
}

type seatKey struct{ country, admin1 string }

// SeatOf returns the seat of the province named admin1 (as places'
// Admin1 fields name it) of the country with ISO code country: the most
// populous place of that country and province coded PPLA (or PPLC, where
// the capital is the seat). ACLED codes an event known only to its
// province at the provincial capital with geo-precision 3; this is that
// point. ok is false where no seat is listed.
func (g *Gazetteer) SeatOf(country, admin1 string) (*Place, bool) {
	if admin1 == "" {
		return nil, false
	}
	g.seats.once.Do(g.indexSeats)
	t, ok := g.seats.towns[seatKey{country, strings.ToLower(admin1)}]
	return t, ok
}

// CapitalOf returns the capital of the country with ISO code country: its
// most populous place coded PPLC. ok is false where none is listed.
func (g *Gazetteer) CapitalOf(country string) (*Place, bool) {
	g.seats.once.Do(g.indexSeats)
	c, ok := g.seats.capitals[country]
	return c, ok
}

// indexSeats keeps, for every country and province, its most populous
// PPLA or PPLC, and for every country its most populous PPLC.
func (g *Gazetteer) indexSeats() {
	g.seats.towns = map[seatKey]*Place{}
	g.seats.capitals = map[string]*Place{}
	for _, p := range g.places {
		if p.FeatureCode == "PPLC" && p.CountryCode != "" {
			if o, ok := g.seats.capitals[p.CountryCode]; !ok || p.Population > o.Population || p.Population == o.Population && p.ID < o.ID {
				g.seats.capitals[p.CountryCode] = p
			}
		}
		if p.FeatureCode != "PPLA" && p.FeatureCode != "PPLC" || p.Admin1 == "" {
			continue
		}
		k := seatKey{p.CountryCode, strings.ToLower(p.Admin1)}
		if o, ok := g.seats.towns[k]; !ok || p.Population > o.Population || p.Population == o.Population && p.ID < o.ID {
			g.seats.towns[k] = p
		}
	}
}
