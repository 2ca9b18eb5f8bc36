package sqlite

import (
	"math"
	"strconv"

	"geoevents/geo"
)

// Circles ("near") are tested on the events_space index with SQLite's own
// math (no call into Go per event): the haversine term of an event's
// position, which grows with its distance. Only events within nearSlackKm
// of the radius are tested exactly, with geo.DistanceKm as the rest of
// the program measures.

// nearSlackKm bounds how far the haversine term computed in SQL may put an
// event from its exact distance (rounding only), with room to spare.
const nearSlackKm = 0.001

// earthRadiusKm is geo's earth radius.
const earthRadiusKm = geo.EarthRadiusKm

// nearCondition is the index condition for "within radiusKm of (lon,
// lat)" on alias e, with its bound values: surely inside by the haversine
// term, or not surely outside and inside exactly.
func nearCondition(c geo.Circle) (string, []any) {
	hav, hargs := haversineSQL(c.Lon, c.Lat)
	cond := "(" + hav + " <= ? OR " + hav + " <= ? AND geo_distance_km(e.x / 1000000.0, e.y / 1000000.0, ?, ?) <= ?)"
	args := append(append(append(append([]any{}, hargs...), haversineOf(c.RadiusKm-nearSlackKm)), hargs...),
		haversineOf(c.RadiusKm+nearSlackKm), c.Lon, c.Lat, c.RadiusKm)
	return cond, args
}

// microRad converts micro-degrees to radians.
const microRad = math.Pi / 180 / 1e6

// haversineSQL returns the SQL, with its bound values, of the haversine
// term (geo.DistanceKm's, which grows with the distance) between an
// event's position (e.x, e.y) and (lon, lat).
func haversineSQL(lon, lat float64) (string, []any) {
	const rad = math.Pi / 180
	k := strconv.FormatFloat(microRad, 'g', -1, 64)
	return "(pow(sin((e.y * " + k + " - ?) / 2), 2) + ? * cos(e.y * " + k + ") * pow(sin((e.x * " + k + " - ?) / 2), 2))",
		[]any{lat * rad, math.Cos(lat * rad), lon * rad}
}

// haversineOf is the haversine term of a distance in km: below 0 for a
// negative distance, 1 from half the earth's circumference on.
func haversineOf(km float64) float64 {
	if km < 0 {
		return -1
	}
	x := math.Sin(min(km/(2*earthRadiusKm), math.Pi/2))
	return x * x
}

// distanceOf is the distance in km of a haversine term (geo.DistanceKm).
func distanceOf(h float64) float64 {
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(max(0, h))))
}
