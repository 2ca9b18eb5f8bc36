package evaluate

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file holds the arithmetic of the reference event scorer
// (../shared/eval/score_events.py), reproduced exactly so that
// `geoevents eval --events` and the scorer print the same figures.

// earthRadiusKm is the mean Earth radius the reference scorer uses (IUGG).
const earthRadiusKm = 6371.0088

// degToRad is computed at run time, as Python's math.radians does
// (pi/180 in float64 arithmetic, not the exact constant rounded once).
var degToRad = func() float64 { pi := math.Pi; return pi / 180 }()

// scorerKm is the reference scorer's haversine distance in km, operation
// for operation.
func scorerKm(lat1, lon1, lat2, lon2 float64) float64 {
	p1, p2 := lat1*degToRad, lat2*degToRad
	dp, dl := p2-p1, (lon2-lon1)*degToRad
	s1, s2 := math.Sin(dp/2), math.Sin(dl/2)
	// float64() conversions forbid fused multiply-adds (arm64), which Python never does.
	a := float64(s1*s1) + float64(math.Cos(p1)*math.Cos(p2)*float64(s2*s2))
	return 2 * earthRadiusKm * math.Asin(math.Min(1, math.Sqrt(a)))
}

// fold lower-cases s, decomposes it (NFKD) and keeps only letters and
// digits, so "Ma‘arrat al-Nu‘man" and "maarrat al numan" compare equal:
// the scorer's test of whether a gold location is named in the text.
func fold(s string) string {
	s = norm.NFKD.String(strings.ToLower(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// named reports whether a gold location is named in the text, as the
// scorer decides it: fold(location or "-") is a substring of fold(text).
// An empty or missing location folds to "" and so counts as named.
func named(location *string, foldedText string) bool {
	loc := "-"
	if location != nil && *location != "" {
		loc = *location
	}
	return strings.Contains(foldedText, fold(loc))
}

// exportCoord rounds a coordinate as the GeoJSON export writes it (6
// decimals): the scorer measures distances from exported points.
func exportCoord(f float64) float64 {
	v, err := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 6, 64), 64)
	if err != nil {
		return f
	}
	return v
}

// ratio is a/b rounded to 3 decimals, 0 when b is 0: the scorer's r().
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return roundTo(float64(a)/float64(b), 3)
}

// roundTo rounds x to n decimals as Python's round() does: correctly
// rounded from the exact binary value, ties to even.
func roundTo(x float64, n int) float64 {
	v, err := strconv.ParseFloat(strconv.FormatFloat(x, 'f', n, 64), 64)
	if err != nil {
		return x
	}
	return v
}
