package main

import (
	"strconv"
	"strings"
)

// admin2Records builds the second-level areas that Natural Earth maps as
// its first level: the counties of the United Kingdom and Ireland, the
// provinces of Italy, Spain, Belgium and the Philippines, the departments
// of France, the districts of Uganda... They are how news names those
// places ("Suffolk", "Pangasinan", "Donegal"), and GeoNames' admin2 codes
// carry no coordinates, so the join on gn_id is what gives them a point.
// Other admin2 areas stay out: without a point they cannot be mapped.
func admin2Records(ne1 []neRow, admin2 []adminCode, countries map[string]string) []*record {
	codes := make(map[int64]adminCode, len(admin2))
	for _, c := range admin2 {
		codes[c.id] = c
	}
	var out []*record
	seen := map[int64]bool{}
	for _, ne := range ne1 {
		id, _ := strconv.ParseInt(ne["gn_id"], 10, 64)
		c, ok := codes[id]
		if !ok || seen[id] {
			continue
		}
		parts := strings.Split(c.code, ".")
		if len(parts) != 3 || countries[parts[0]] == "" {
			continue
		}
		lat, err1 := strconv.ParseFloat(ne["latitude"], 64)
		lon, err2 := strconv.ParseFloat(ne["longitude"], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		seen[id] = true
		r := &record{id: id, name: c.name, ascii: c.ascii, lat: lat, lon: lon,
			fclass: "A", fcode: "ADM2", cc: parts[0], admin1: parts[1]}
		addAreaNames(r, c.name, c.ascii, ne, admin2Suffixes)
		out = append(out, r)
	}
	return out
}
