package extract

import (
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"

	"geoevents/gazetteer"
	"geoevents/geo"
)

// An offset is what a relative location says of where a happening lies
// from its reference point: "55km NW of Baidoa", "30 km east of Deir
// ez-Zor", "120 miles southwest of Benghazi".
type offset struct {
	km      float64
	bearing float64 // degrees clockwise from north
}

// reOffset reads the distance and the compass direction right before a
// reference point's name. A vague distance ("a few km", "several miles")
// or none ("north of Hama") gives no offset: only a distance and a
// direction say where the place lies.
var reOffset = pat(`(?i)\b(\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|fifty)\s*-?\s*(km|kms|kilomet(?:re|er)s?|miles?|mi)\.?\s+(?:\(\s*[\d.,]+\s*(?:km|kms|kilomet\w*|miles?|mi)\.?\s*\)\s+)?(?:to\s+the\s+)?(north|south|east|west|north-?east|north-?west|south-?east|south-?west|(?-i:[NSEW]{1,3}))(?:ern|erly)?\s+(?:of|from)\s+` + optThe + `$`)

// compass maps the 16 points of the compass, as letters, to bearings.
var compass = map[string]float64{"N": 0, "NNE": 22.5, "NE": 45, "ENE": 67.5, "E": 90, "ESE": 112.5, "SE": 135, "SSE": 157.5,
	"S": 180, "SSW": 202.5, "SW": 225, "WSW": 247.5, "W": 270, "WNW": 292.5, "NW": 315, "NNW": 337.5}

// maxOffsetKm bounds the offsets projected: farther, a report names a
// reference for a region ("400 km south of Tripoli"), not for a point.
const maxOffsetKm = 300

// offsetBefore returns the offset written right before the reference point
// named at text[start:].
func offsetBefore(text string, start int) (offset, bool) {
	m := reOffset.rx().FindStringSubmatch(text[max(0, start-80):start])
	if m == nil {
		return offset{}, false
	}
	n := float64(numberWords[strings.ToLower(m[1])])
	if n == 0 {
		v, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
		if err != nil {
			return offset{}, false
		}
		n = v
	}
	if u := strings.ToLower(m[2]); strings.HasPrefix(u, "mi") {
		n *= 1.609344
	}
	b, ok := bearingOf(m[3])
	if !ok || n <= 0 || n > maxOffsetKm {
		return offset{}, false
	}
	return offset{km: n, bearing: b}, true
}

// bearingOf returns the bearing of a compass direction written as a word
// ("north-east", "southwest") or as letters ("NE", "WSW").
func bearingOf(dir string) (float64, bool) {
	d := strings.ToUpper(strings.ReplaceAll(dir, "-", ""))
	if len(d) > 3 {
		var b strings.Builder
		for _, w := range []string{"NORTH", "SOUTH", "EAST", "WEST"} {
			if strings.HasPrefix(d, w) {
				b.WriteByte(w[0])
				d = d[len(w):]
			}
		}
		for _, w := range []string{"EAST", "WEST"} {
			if strings.HasPrefix(d, w) {
				b.WriteByte(w[0])
				d = d[len(w):]
			}
		}
		if d != "" {
			return 0, false
		}
		d = b.String()
	}
	v, ok := compass[d]
	return v, ok
}

// from returns the point the offset leads to from place p, as lon, lat.
func (o offset) from(p *gazetteer.Place) (lon, lat float64) {
	pt := orbgeo.PointAtBearingAndDistance(orb.Point{p.Lon, p.Lat}, o.bearing, o.km*1000)
	return pt[0], pt[1]
}

// toleranceKm is how far from an offset's point a place may lie and still
// be the place the offset locates: reports round their distances, give
// eight directions (±22.5° is 40% of the distance sideways), often the
// road's length ("Ajdabiya, 190 km southwest of Benghazi" lies 150 km
// south-southwest of it) and now and then the wrong direction. Farther,
// the place read is a namesake elsewhere.
func (o offset) toleranceKm() float64 { return max(100, 2*o.km) }

// fits reports whether place p lies where the offset from reference r
// leads.
func (o offset) fits(r, p *gazetteer.Place) bool {
	lon, lat := o.from(r)
	return geo.DistanceKm(lon, lat, p.Lon, p.Lat) <= o.toleranceKm()
}

// reLocatedBy is the gap between a place and the relative location that
// says where it lies: "Goofgaduud (55km NW of", "Buurfuule village (47km NE
// of", "Ajdabiya, 190 km southwest of" (the offset itself is checked by
// offsetBefore).
var reLocatedBy = pat(`(?i)^\s*(?:(?:village|town|area|district|camp|base|neighbou?rhood|locality)\s*)?[(,]\s*(?:about|approx\.?|approximately|some|roughly|around)?\s*[\d.,]+\s*-?\s*(?:km|kms|kilomet\w*|miles?|mi)\b`)

// fitOffsets checks each place located by an offset from the next one
// ("Goofgaduud (55km NW of Baidoa)") against where the offset leads: the
// text's own geometry outranks the gazetteer's weights. A place read as a
// namesake elsewhere takes the reading among its alternatives that fits;
// with none that fits it is no event's place, and the offset's point
// stands for it. The reference point of a place that fits is context.
func (d *doc) fitOffsets() {
	for i := 1; i < len(d.places); i++ {
		ref, at := d.places[i], d.places[i-1]
		o := ref.off
		if o == nil || ref.role.rule != "near/distance" || at.sent != ref.sent || !at.role.kind.isLocation() || isReference(at) ||
			isArea(at.m.Place) || !reLocatedBy.MatchString(d.a.Text[at.m.End:ref.m.Start]) {
			continue
		}
		if !o.fits(ref.m.Place, at.m.Place) {
			k := slices.IndexFunc(at.m.Alternatives, func(c gazetteer.Candidate) bool { return o.fits(ref.m.Place, c.Place) })
			if k < 0 {
				at.role = role{kind: roleContext, rule: "context/off-its-offset", text: ref.m.Text}
				continue
			}
			at.m.Place = at.m.Alternatives[k].Place
		}
		ref.role = role{kind: roleContext, rule: "prune/reference-point", text: at.m.Text}
	}
}
