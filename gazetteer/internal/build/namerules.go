package main

import "geoevents/gazetteer/internal/namekey"

// cityNamesOffCountries removes from every country the alternate names that
// are the own name of one of its main cities: "Tunis" (Tunisia's name in
// several languages) is the city, and so is "Algiers". A country keeps its
// own names even where a city shares them (Djibouti, Singapore).
func cityNamesOffCountries(places []*record) (removed int) {
	cityKeys := map[string]map[string]bool{} // country -> own-name keys of its main cities
	for _, r := range places {
		if r.fclass != "P" || !(r.population >= 100000 || r.fcode == "PPLC" || r.fcode == "PPLA") {
			continue
		}
		m := cityKeys[r.cc]
		if m == nil {
			m = map[string]bool{}
			cityKeys[r.cc] = m
		}
		for _, n := range r.names {
			if n.kind == kindName {
				m[namekey.Key(n.text)] = true
			}
		}
	}
	for _, r := range places {
		if r.source != srcCountries {
			continue
		}
		own := map[string]bool{}
		for _, n := range r.names {
			if n.kind == kindName {
				own[namekey.Key(n.text)] = true
			}
		}
		kept := r.names[:0]
		for _, n := range r.names {
			if k := namekey.Key(n.text); n.kind == kindAlt && !own[k] && cityKeys[r.cc][k] {
				removed++
				continue
			}
			kept = append(kept, n)
		}
		r.names = kept
	}
	return removed
}
