package geoparse

import "geoevents/gazetteer"

// regionRows returns continents, world regions and oceans that news text names
// but a city/country/province gazetteer lacks. Continents carry their
// GeoNames ids and points; the others are approximate centres with ids in a
// private range (980000001+), as the gazetteer's supplement uses 900000001+.
// Each row: id, name, feature code, lat, lon, names (first = the name).
func regionRows() []regionRow {
	return []regionRow{
		{6255146, "CONT", 7.1881, 21.0936, []string{"Africa"}},
		{6255147, "CONT", 29.8405, 89.2969, []string{"Asia"}},
		{6255148, "CONT", 48.6909, 9.1406, []string{"Europe"}},
		{6255149, "CONT", 46.0732, -100.5469, []string{"North America"}},
		{6255150, "CONT", -14.6048, -57.6562, []string{"South America"}},
		{6255151, "CONT", -18.3128, 138.5156, []string{"Oceania"}},
		{6255152, "CONT", -78.1586, 16.4063, []string{"Antarctica"}},
		{980000001, "RGN", 19.0, -96.0, []string{"Americas", "the Americas"}},
		{980000002, "RGN", 12.0, -2.0, []string{"West Africa", "Western Africa"}},
		{980000003, "RGN", 1.0, 38.0, []string{"East Africa", "Eastern Africa"}},
		{980000004, "RGN", 2.0, 20.0, []string{"Central Africa"}},
		{980000005, "RGN", 27.0, 14.0, []string{"North Africa", "Northern Africa"}},
		{980000006, "RGN", -25.0, 25.0, []string{"Southern Africa"}},
		{980000007, "RGN", 2.0, 22.0, []string{"Sub-Saharan Africa"}},
		{980000008, "RGN", 8.0, 45.0, []string{"Horn of Africa"}},
		{980000009, "RGN", 14.0, 3.0, []string{"Sahel"}},
		{980000010, "RGN", 10.0, 110.0, []string{"Southeast Asia", "South-East Asia", "South East Asia"}},
		{980000011, "RGN", 22.0, 78.0, []string{"South Asia"}},
		{980000012, "RGN", 35.0, 115.0, []string{"East Asia"}},
		{980000013, "RGN", 45.0, 65.0, []string{"Central Asia"}},
		{980000014, "RGN", -5.0, -65.0, []string{"Latin America"}},
		{980000015, "RGN", 13.0, -86.0, []string{"Central America"}},
		{980000016, "RGN", 15.0, -75.0, []string{"Caribbean", "the Caribbean"}},
		{980000017, "RGN", 48.0, 5.0, []string{"Western Europe"}},
		{980000018, "RGN", 50.0, 30.0, []string{"Eastern Europe"}},
		{980000019, "RGN", 60.0, 15.0, []string{"Northern Europe"}},
		{980000020, "RGN", 42.0, 14.0, []string{"Southern Europe"}},
		{980000021, "RGN", 62.0, 15.0, []string{"Scandinavia"}},
		{980000022, "RGN", 43.0, 21.0, []string{"Balkans", "the Balkans"}},
		{980000023, "RGN", 33.5, 36.0, []string{"Levant", "the Levant"}},
		{980000025, "RGN", 35.0, 35.0, []string{"Eastern Mediterranean"}},
		{980000026, "OCN", 0.0, -160.0, []string{"Pacific Ocean", "Pacific"}},
		{980000027, "OCN", 0.0, -25.0, []string{"Atlantic Ocean", "Atlantic"}},
		{980000028, "OCN", -20.0, 80.0, []string{"Indian Ocean"}},
		{980000029, "OCN", 80.0, 0.0, []string{"Arctic Ocean", "Arctic"}},
		{980000030, "SEA", 58.0, 20.0, []string{"Baltic Sea", "Baltic"}},
		{980000031, "SEA", 43.4, 34.3, []string{"Black Sea"}},
		{980000032, "SEA", 20.0, 38.5, []string{"Red Sea"}},
		{980000033, "SEA", 41.7, 50.7, []string{"Caspian Sea", "Caspian"}},
		{980000034, "SEA", 56.0, 3.0, []string{"North Sea"}},
		{980000035, "H", 26.0, 52.0, []string{"Persian Gulf", "Arabian Gulf"}},
		{980000036, "RGN", 13.0, 25.0, []string{"Darfur"}},
		{980000037, "RGN", 36.5, 44.0, []string{"Kurdistan", "Iraqi Kurdistan"}},
		{980000038, "RGN", 29.5, 33.8, []string{"Sinai", "Sinai Peninsula"}},
		{980000039, "RGN", 60.0, 100.0, []string{"Siberia"}},
		{980000040, "RGN", 23.0, 13.0, []string{"Sahara", "Sahara Desert"}},
		{980000041, "RGN", -3.0, -60.0, []string{"Amazon rainforest", "Amazonia", "Amazon basin"}},
		{980000042, "RGN", 28.0, 84.0, []string{"Himalayas", "the Himalayas"}},
		{980000043, "RGN", 42.0, 45.0, []string{"Caucasus", "the Caucasus"}},
		{980000044, "RGN", 23.0, 45.0, []string{"Arabian Peninsula"}},
		{980000045, "RGN", 34.5, 76.0, []string{"Kashmir"}},
		{980000046, "RGN", 33.0, 44.0, []string{"Mesopotamia"}},
		{980000047, "RGN", 39.0, 35.0, []string{"Anatolia"}},
	}
}

type regionRow struct {
	id       int64
	code     string
	lat, lon float64
	names    []string
}

// regionIndex maps name keys to region places.
func regionIndex() map[string]*gazetteer.Place {
	m := make(map[string]*gazetteer.Place)
	for _, r := range regionRows() {
		class := "L"
		if r.code == "OCN" || r.code == "SEA" || r.code == "H" {
			class = "H"
		}
		pl := &gazetteer.Place{ID: r.id, Name: r.names[0], ASCIIName: r.names[0], Lat: r.lat, Lon: r.lon,
			FeatureClass: class, FeatureCode: r.code}
		for _, n := range r.names {
			m[gazetteer.Normalize(n)] = pl
		}
	}
	return m
}

// lookup returns the gazetteer's candidates for key, with a continent,
// region or ocean of that name first when the gazetteer has none.
func (p *Parser) lookup(key string) []gazetteer.Candidate {
	cands := withPlaces(p.g.LookupKey(key))
	r, ok := p.regions[key]
	if !ok {
		return cands
	}
	for _, c := range cands {
		if c.Place != nil && (c.Place.FeatureClass == "L" || c.Place.FeatureClass == "H") && c.Prior >= 0.8 {
			return cands
		}
	}
	out := make([]gazetteer.Candidate, 0, len(cands)+1)
	out = append(out, gazetteer.Candidate{Place: r, Prior: 0.95})
	return append(out, cands...)
}

// withPlaces returns cands without any candidate lacking a place, so that
// the parser may rely on Place everywhere (copying only when needed).
func withPlaces(cands []gazetteer.Candidate) []gazetteer.Candidate {
	for i, c := range cands {
		if c.Place == nil {
			out := append([]gazetteer.Candidate(nil), cands[:i]...)
			for _, c := range cands[i+1:] {
				if c.Place != nil {
					out = append(out, c)
				}
			}
			return out
		}
	}
	return cands
}
