package gazetteer

import "geoevents/geo"

// TownNamedLike returns the town (a populated place, feature class P) of
// the country with ISO code country that lies within km of lon, lat and
// bears name under another romanisation, nearest first: the seat of a
// district that Who's On First spells one way and GeoNames another
// ("Mahmoudiya" district, the town of Al Maḩmūdīyah). Names spelled the
// same way are not looked at (the caller has those readings already). ok
// is false where none lies within reach.
func (g *Gazetteer) TownNamedLike(country, name string, lon, lat, km float64) (*Place, bool) {
	var best *Place
	bestKm := km
	for _, c := range g.LookupSpelling(Normalize(name), func(p *Place) bool {
		return p.FeatureClass == "P" && p.CountryCode == country
	}) {
		if d := geo.DistanceKm(lon, lat, c.Place.Lon, c.Place.Lat); d <= bestKm {
			best, bestKm = c.Place, d
		}
	}
	return best, best != nil
}
