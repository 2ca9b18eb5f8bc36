package geoparse

import (
	"math"

	"geoevents/gazetteer"
	"geoevents/geo"
)

// kmPerDegree is the length of a degree of latitude (and of longitude at
// the equator) on the mean Earth.
const kmPerDegree = geo.EarthRadiusKm * math.Pi / 180

// withinKm reports whether a and b lie within km of each other on the
// great circle (geo.DistanceKm(…) <= km), rejecting far pairs by latitude
// and longitude first and comparing the haversine without its arcsine:
// the resolver asks this of every pair of candidates, and most pairs are
// namesakes continents apart.
func withinKm(a, b *gazetteer.Place, km float64) bool {
	if math.Abs(a.Lat-b.Lat)*kmPerDegree > km {
		return false
	}
	if math.Abs(a.Lat) < 60 && math.Abs(b.Lat) < 60 {
		// Below 60° a degree of longitude is at least half one of
		// latitude, and the great circle at least 2/π of the parallel's
		// arc.
		dLon := math.Abs(a.Lon - b.Lon)
		if dLon > 180 {
			dLon = 360 - dLon
		}
		if dLon*kmPerDegree*(0.5*2/math.Pi) > km {
			return false
		}
	}
	if km >= math.Pi*geo.EarthRadiusKm {
		return true
	}
	const rad = math.Pi / 180
	sLat := math.Sin((b.Lat - a.Lat) * rad / 2)
	sLon := math.Sin((b.Lon - a.Lon) * rad / 2)
	h := sLat*sLat + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*sLon*sLon
	t := math.Sin(km / (2 * geo.EarthRadiusKm))
	return h <= t*t
}
