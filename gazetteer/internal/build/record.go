package main

import "strings"

// Name kinds, as stored in the artefact (the gazetteer ranks them).
const (
	kindName = 0 // the place's own name or ASCII name
	kindAlt  = 1 // an alternate name, exonym or spelling
	kindAdj  = 2 // a demonym or adjectival form ("Syrian")
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
	population  int64
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
