package main

import "strings"

// Name kinds, as stored in the artefact (the gazetteer ranks them).
const (
	kindName = 0 // the place's own name or ASCII name
	kindAlt  = 1 // an alternate name, exonym or spelling
	kindAdj  = 2 // a demonym or adjectival form ("Syrian")
)

// Sources of places, as stored in the artefact (gazetteer.Source).
const (
	srcGeoNames    = 0
	srcWhosOnFirst = 1
	srcSupplement  = 2
	srcCountries   = 3
)

// name is one name under which a place is indexed.
type name struct {
	text string
	kind uint8
}

// record is one place being assembled.
type record struct {
	id          int64
	name, ascii string
	lat, lon    float64
	fclass      string
	fcode       string
	cc, cname   string
	admin1      string
	admin2      string // admin2 code of a GeoNames city (for the county points)
	population  int64
	source      uint8
	course      [][2]float64 // a river's course (lat, lon), source to mouth
	names       []name
}

func (r *record) add(kind uint8, texts ...string) {
	for _, t := range texts {
		t = strings.TrimSpace(t)
		if t != "" {
			r.names = append(r.names, name{t, kind})
		}
	}
}
