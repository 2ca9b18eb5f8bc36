package main

import (
	"sort"
	"strings"
)

// countyCountries are the countries whose second-level areas news names as
// "X County" and that get a point computed from the places inside them:
// GeoNames' admin2Codes carry no coordinates, and Natural Earth maps no
// US county.
var countyCountries = map[string]bool{"US": true}

// countyRecords builds the counties (parishes, boroughs) of countyCountries:
// each at the mean point of the GeoNames places inside it (by their admin2
// code), with the population of those places. A county without a listed
// place is left out. They are indexed under their full name only ("Scott
// County", "Orleans Parish"): the bare name ("Scott", "Washington") is
// some town's, a person's or the state's far more often.
func countyRecords(admin2 []adminCode, cities []*record) []*record {
	type acc struct {
		lat, lon float64
		n        int
		pop      int64
	}
	sums := map[string]*acc{}
	for _, c := range cities {
		if !countyCountries[c.cc] || c.admin1 == "" || c.admin2 == "" || c.fclass != "P" {
			continue
		}
		k := c.cc + "." + c.admin1 + "." + c.admin2
		a := sums[k]
		if a == nil {
			a = &acc{}
			sums[k] = a
		}
		a.lat += c.lat
		a.lon += c.lon
		a.n++
		a.pop += c.population
	}
	var out []*record
	for _, c := range admin2 {
		parts := strings.Split(c.code, ".")
		a := sums[c.code]
		if len(parts) != 3 || !countyCountries[parts[0]] || a == nil {
			continue
		}
		r := &record{id: c.id, name: c.name, ascii: c.ascii, lat: round5(a.lat / float64(a.n)), lon: round5(a.lon / float64(a.n)),
			fclass: "A", fcode: "ADM2", cc: parts[0], admin1: parts[1], population: a.pop}
		r.add(kindName, c.name, c.ascii)
		if s, ok := strings.CutSuffix(c.name, " County"); ok {
			r.add(kindAlt, s+" Co.")
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}
