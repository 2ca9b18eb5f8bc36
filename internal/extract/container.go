package extract

import (
	"slices"

	"geoevents/gazetteer"
	"geoevents/geo"
)

// containerKm is how far from the area that holds it ("Sa'ada's Kitaf
// district") the inner place may lie: a governorate's or a city's reach.
const containerKm = 75

// fitContainers checks each place named right after the area that holds
// it (setting/container): an inner place far from its area is another
// name's namesake ("Tripoli's Fallah district" is no Fallah 600 km off);
// an alternative within reach takes its place, or it gives way and the
// area is where it happened.
func (d *doc) fitContainers() {
	for i := 0; i+1 < len(d.places); i++ {
		area, in := d.places[i], d.places[i+1]
		if area.role.rule != "setting/container" || in.sent != area.sent || in.m.Start-area.m.End > 50 || !in.role.kind.isLocation() {
			continue
		}
		if holds(area.m.Place, in.m.Place) {
			continue
		}
		if k := slices.IndexFunc(in.m.Alternatives, func(c gazetteer.Candidate) bool { return holds(area.m.Place, c.Place) }); k >= 0 {
			in.m.Place = in.m.Alternatives[k].Place
			continue
		}
		in.role = role{kind: roleContext, rule: "context/off-its-container", text: area.m.Text}
		area.role = role{kind: roleLocation, rule: "location/container", text: in.m.Text}
	}
}

// holds reports whether the inner place lies within containerKm of the
// area.
func holds(area, in *gazetteer.Place) bool {
	return in != nil && area != nil && geo.DistanceKm(area.Lon, area.Lat, in.Lon, in.Lat) <= containerKm
}
