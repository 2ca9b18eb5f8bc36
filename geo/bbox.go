package geo

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ErrInvalid is wrapped by every parse error in this package so callers can
// map bad user input to a 400 without string matching.
var ErrInvalid = errors.New("invalid geometry")

// BBox is a WGS84 bounding box in degrees. MinLon > MaxLon means the box
// crosses the antimeridian (RFC 7946 §5.2), e.g. 170,-10,-170,10.
type BBox struct {
	MinLon, MinLat, MaxLon, MaxLat float64
}

// World is the whole WGS84 extent.
var World = BBox{-180, -90, 180, 90}

// ParseBBox parses "minLon,minLat,maxLon,maxLat". A 6-number 3D box
// (minLon,minLat,minZ,maxLon,maxLat,maxZ) is accepted too, as OGC API allows;
// the heights are ignored.
func ParseBBox(s string) (BBox, error) {
	parts := strings.Split(strings.TrimSpace(s), ",")
	if len(parts) != 4 && len(parts) != 6 {
		return BBox{}, fmt.Errorf("%w: bbox needs 4 comma-separated numbers minLon,minLat,maxLon,maxLat, got %d values", ErrInvalid, len(parts))
	}
	v := make([]float64, len(parts))
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return BBox{}, fmt.Errorf("%w: bbox value %d (%q) is not a finite number", ErrInvalid, i+1, p)
		}
		v[i] = f
	}
	if len(v) == 6 {
		v = []float64{v[0], v[1], v[3], v[4]}
	}
	b := BBox{MinLon: v[0], MinLat: v[1], MaxLon: v[2], MaxLat: v[3]}
	return b, b.Validate()
}

// Validate reports whether b is a usable WGS84 box.
func (b BBox) Validate() error {
	for _, lon := range []float64{b.MinLon, b.MaxLon} {
		if math.IsNaN(lon) || lon < -180 || lon > 180 {
			return fmt.Errorf("%w: bbox longitude %v outside [-180, 180]", ErrInvalid, lon)
		}
	}
	for _, lat := range []float64{b.MinLat, b.MaxLat} {
		if math.IsNaN(lat) || lat < -90 || lat > 90 {
			return fmt.Errorf("%w: bbox latitude %v outside [-90, 90]", ErrInvalid, lat)
		}
	}
	if b.MinLat > b.MaxLat {
		return fmt.Errorf("%w: bbox minLat %v is greater than maxLat %v", ErrInvalid, b.MinLat, b.MaxLat)
	}
	return nil
}

// CrossesAntimeridian reports whether the box wraps across 180°.
func (b BBox) CrossesAntimeridian() bool { return b.MinLon > b.MaxLon }

// Split returns the box as one or two boxes that do not cross the
// antimeridian, which is what index range queries need.
func (b BBox) Split() []BBox {
	if !b.CrossesAntimeridian() {
		return []BBox{b}
	}
	return []BBox{
		{MinLon: b.MinLon, MinLat: b.MinLat, MaxLon: 180, MaxLat: b.MaxLat},
		{MinLon: -180, MinLat: b.MinLat, MaxLon: b.MaxLon, MaxLat: b.MaxLat},
	}
}

// Contains reports whether the point lies in the box (edges included).
func (b BBox) Contains(lon, lat float64) bool {
	if lat < b.MinLat || lat > b.MaxLat {
		return false
	}
	if b.CrossesAntimeridian() {
		return lon >= b.MinLon || lon <= b.MaxLon
	}
	return lon >= b.MinLon && lon <= b.MaxLon
}

// Extend grows b to include the point; the zero BBox with ok=false starts empty.
func (b BBox) Extend(lon, lat float64, ok bool) BBox {
	if !ok {
		return BBox{lon, lat, lon, lat}
	}
	return BBox{math.Min(b.MinLon, lon), math.Min(b.MinLat, lat), math.Max(b.MaxLon, lon), math.Max(b.MaxLat, lat)}
}

// String formats the box as minLon,minLat,maxLon,maxLat.
func (b BBox) String() string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	return f(b.MinLon) + "," + f(b.MinLat) + "," + f(b.MaxLon) + "," + f(b.MaxLat)
}
