package evaluate

import (
	"strings"

	"geoevents/gazetteer"
)

// Scale is the size class of a resolved place. The resolution figures are
// broken down by it because their meaning differs: a city is right or wrong
// by kilometres, while a country or continent has no single true point and
// its error mostly measures which reference point the gold standard chose
// (GeoVirus takes Wikipedia's, 40 N 100 W for the United States; GeoNames
// and the CIA World Factbook use others, hundreds of km away).
type Scale string

// The scales, from largest to smallest.
const (
	ScaleCountry    Scale = "country or larger" // countries, continents, world regions, oceans and seas
	ScaleAdmin      Scale = "admin area"        // provinces, states, counties
	ScaleSettlement Scale = "settlement or site"
)

// scaleOf classifies a place by its GeoNames feature code.
func scaleOf(p *gazetteer.Place) Scale {
	code := p.FeatureCode
	switch {
	case strings.HasPrefix(code, "PCL"), code == "TERR", code == "CONT", code == "RGN", code == "OCN", code == "SEA":
		return ScaleCountry
	case strings.HasPrefix(code, "ADM") && p.FeatureClass == "A":
		return ScaleAdmin
	}
	return ScaleSettlement
}

// ScaleFigures are the resolution figures over the matched toponyms whose
// predicted place is of one scale.
type ScaleFigures struct {
	Scale    Scale   `json:"scale"`
	Resolved int     `json:"resolved"`
	Acc161   float64 `json:"acc161"`
	MedianKm float64 `json:"median_km"`
}

// byScale computes the figures of each scale present, largest first.
func byScale(errs []resolution) []ScaleFigures {
	var out []ScaleFigures
	for _, sc := range []Scale{ScaleCountry, ScaleAdmin, ScaleSettlement} {
		var km []float64
		for _, e := range errs {
			if e.scale == sc {
				km = append(km, e.km)
			}
		}
		if len(km) == 0 {
			continue
		}
		acc, _, med, _ := Resolution(km)
		out = append(out, ScaleFigures{Scale: sc, Resolved: len(km), Acc161: acc, MedianKm: med})
	}
	return out
}

// resolution is one matched toponym's error and the scale of the place chosen.
type resolution struct {
	km    float64
	scale Scale
}
