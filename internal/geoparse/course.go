package geoparse

import (
	"math"

	"geoevents/gazetteer"
)

// Rivers are lines, not points: a river named beside other places is meant
// where it passes them ("the Euphrates near Deir ez-Zor"), not at its mouth,
// the point gazetteers give a stream.
const (
	// courseNearKm is how close to a river's course another place of the
	// text must lie to place the river beside it.
	courseNearKm = 100
	// unplacedRiverScore caps the score of a river the text does not place:
	// its point (the mouth) stands for a line hundreds of km long.
	unplacedRiverScore = 0.3
)

// locateCourses places every river mention on its course, at the point
// nearest the text's other places: those of its own sentence first, then
// the nearest in the text. A river no other place is near keeps its
// conventional point with a low score.
func (p *Parser) locateCourses(d *doc) {
	for si := range d.spans {
		s := &d.spans[si]
		if s.drop || s.choice < 0 {
			continue
		}
		pl := s.cands[s.choice].Place
		line := p.g.Course(pl)
		if line == nil {
			continue
		}
		var near *gazetteer.Place
		var best [2]float64
		bestD, bestGap := math.Inf(1), math.MaxInt
		for sj := range d.spans {
			o := &d.spans[sj]
			d.work++
			if sj == si || o.drop || o.choice < 0 || o.cands[o.choice].Adjectival {
				continue
			}
			op := o.cands[o.choice].Place
			if isCountryOrAdmin1(op) || p.g.Course(op) != nil || op.FeatureClass == "L" || op.FeatureClass == "H" {
				continue
			}
			lat, lon, km := gazetteer.NearestOnCourse(line, op.Lat, op.Lon)
			if km > courseNearKm {
				continue
			}
			// The nearest place in the text wins; among equally near ones,
			// the nearer to the course.
			gap := abs(o.first - s.first)
			if gap < bestGap || gap == bestGap && km < bestD {
				best, bestD, bestGap, near = [2]float64{lat, lon}, km, gap, op
			}
		}
		if near == nil {
			s.score = math.Min(s.score, unplacedRiverScore)
			continue
		}
		// The river where it passes the place: at the nearest point of its
		// course, in that place's country and province.
		at := pl.WithAttrs(func(a *gazetteer.Attrs) { // pl's Attrs are shared: a copy
			a.CountryCode, a.CountryName, a.Admin1 = near.CountryCode, near.CountryName, near.Admin1
		})
		at.Lat, at.Lon = math.Round(best[0]*1e5)/1e5, math.Round(best[1]*1e5)/1e5
		s.located = &at
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
