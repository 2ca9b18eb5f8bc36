package geo

import (
	"fmt"
	"math"
)

// EarthRadiusKm is the mean Earth radius (IUGG), the usual choice for
// haversine distances and the one geoparsing evaluations use.
const EarthRadiusKm = 6371.0088

// DistanceKm is the great-circle (haversine) distance between two WGS84
// points given as lon/lat degrees.
func DistanceKm(lon1, lat1, lon2, lat2 float64) float64 {
	const rad = math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	s := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * EarthRadiusKm * math.Asin(math.Min(1, math.Sqrt(s)))
}

// Circle is a great-circle disc: everything within RadiusKm of the centre.
type Circle struct {
	Lon, Lat float64
	RadiusKm float64
}

// Validate reports whether c is usable.
func (c Circle) Validate() error {
	if math.IsNaN(c.Lon) || c.Lon < -180 || c.Lon > 180 || math.IsNaN(c.Lat) || c.Lat < -90 || c.Lat > 90 {
		return fmt.Errorf("%w: centre %v,%v outside WGS84 range", ErrInvalid, c.Lon, c.Lat)
	}
	if math.IsNaN(c.RadiusKm) || math.IsInf(c.RadiusKm, 0) || c.RadiusKm <= 0 || c.RadiusKm > math.Pi*EarthRadiusKm {
		return fmt.Errorf("%w: radius %v km must be > 0 and at most half the Earth's circumference", ErrInvalid, c.RadiusKm)
	}
	return nil
}

// Contains reports whether the point lies within the circle.
func (c Circle) Contains(lon, lat float64) bool {
	return DistanceKm(c.Lon, c.Lat, lon, lat) <= c.RadiusKm
}

// Bound returns a box that encloses the circle, for an index pre-filter.
// Near the poles, or for very large radii, it widens to all longitudes.
func (c Circle) Bound() BBox {
	dLat := c.RadiusKm / EarthRadiusKm * 180 / math.Pi
	minLat, maxLat := c.Lat-dLat, c.Lat+dLat
	if minLat <= -90 || maxLat >= 90 {
		return BBox{-180, math.Max(minLat, -90), 180, math.Min(maxLat, 90)}
	}
	// Widest longitude span is at the latitude farthest from the equator.
	maxAbsLat := math.Max(math.Abs(minLat), math.Abs(maxLat)) * math.Pi / 180
	dLon := dLat / math.Cos(maxAbsLat)
	if dLon >= 180 {
		return BBox{-180, minLat, 180, maxLat}
	}
	minLon, maxLon := c.Lon-dLon, c.Lon+dLon
	if minLon < -180 {
		minLon += 360
	}
	if maxLon > 180 {
		maxLon -= 360
	}
	return BBox{minLon, minLat, maxLon, maxLat}
}
