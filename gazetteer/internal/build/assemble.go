package main

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"strings"

	"geoevents/gazetteer/internal/namekey"
)

// database is the assembled gazetteer: places sorted by id, plus the
// code tables ReadDump needs to name the admin1 areas and countries of
// imported places.
type database struct {
	places    []*record
	countries map[string]string // ISO alpha-2 -> English name
	admin1    map[string]string // "SY.12" -> admin1 name
	wof       wofStats
}

// wofStats counts what became of the Who's On First rows.
type wofStats struct {
	rows, added, merged int
	skipped             map[string]int // by skip rule
}

// arabicGovernorate is the Arabic "governorate of" that prefixes Natural
// Earth's Arabic admin1 names (محافظة حلب).
const arabicGovernorate = "محافظة "

// assemble reads every source (src: the shared data; curated: the folder of
// supplement.txt and aliases.txt) into one database.
func assemble(ctx context.Context, src, curated string) (*database, error) {
	db := &database{countries: map[string]string{}, admin1: map[string]string{}}
	byID := map[int64]*record{}
	put := func(r *record) {
		if _, dup := byID[r.id]; dup {
			return // first source wins: countries, admin1, cities, supplement
		}
		byID[r.id] = r
		db.places = append(db.places, r)
	}

	// Countries.
	infos, err := readCountryInfo(ctx, srcPath(src, "geonames", "countryInfo.txt.gz"))
	if err != nil {
		return nil, err
	}
	wc, err := readWorldCountries(srcPath(src, "countries", "world-countries-5.1.0.json.gz"))
	if err != nil {
		return nil, err
	}
	ne0, err := readNE(ctx, srcPath(src, "naturalearth", "ne_admin0_points.tsv.gz"))
	if err != nil {
		return nil, err
	}
	neByISO := map[string][]neRow{}
	for _, row := range ne0 {
		neByISO[row["iso_a2_eh"]] = append(neByISO[row["iso_a2_eh"]], row)
	}
	gnPoints, err := readCountryPoints(ctx, srcPath(src, "geonames-country-points", "countries.csv"))
	if err != nil {
		return nil, err
	}
	for _, ci := range infos {
		db.countries[ci.iso2] = ci.name
		if ci.id == 0 {
			continue
		}
		if r := countryRecord(ci, gnPoints[ci.iso2], wc[ci.iso2], neByISO[ci.iso2]); r != nil {
			put(r)
		}
	}

	// Cities (needed before admin1: fallback admin1 points).
	var cities []*record
	err = eachRow(ctx, srcPath(src, "geonames", "cities500_plus15000-2025.txt.gz"), func(_ int, f []string) error {
		r, err := parseGeoNamesRow(f, false)
		if err != nil {
			return err
		}
		cities = append(cities, r)
		return nil
	})
	if err != nil {
		return nil, err
	}

	// Admin1 areas.
	codes, err := readAdminCodes(ctx, srcPath(src, "geonames", "admin1CodesASCII.txt.gz"))
	if err != nil {
		return nil, err
	}
	ne1, err := readNE(ctx, srcPath(src, "naturalearth", "ne_admin1_points.tsv.gz"))
	if err != nil {
		return nil, err
	}
	ne1ByID := map[int64]neRow{}
	for _, row := range ne1 {
		id, _ := strconv.ParseInt(row["gn_id"], 10, 64)
		if _, seen := ne1ByID[id]; id > 0 && !seen {
			ne1ByID[id] = row
		}
	}
	seats := seatPoints(cities)
	for _, c := range codes {
		db.admin1[c.code] = c.name
		if r := admin1Record(c, ne1ByID[c.id], seats[c.code], db.countries); r != nil {
			put(r)
		}
	}

	admin2, err := readAdminCodes(ctx, srcPath(src, "geonames", "admin2Codes.txt.gz"))
	if err != nil {
		return nil, err
	}
	for _, r := range admin2Records(ne1, admin2, db.countries) {
		put(r)
	}
	for _, r := range countyRecords(admin2, cities) {
		put(r)
	}

	for _, r := range cities {
		put(r)
	}

	// Who's On First: the villages of the conflict countries.
	bounds := countryBounds{}
	if err := readCountryBounds(srcPath(src, "naturalearth", "ne_110m_admin_0_countries.rgeo-v1.2.0.geojson.gz"), bounds); err != nil {
		return nil, err
	}
	for _, r := range cities {
		bounds.extend(r.cc, r.lat, r.lon)
	}
	wof, skipped, err := readWOF(ctx, srcPath(src, "whosonfirst"), bounds)
	if err != nil {
		return nil, err
	}
	db.wof.rows, db.wof.skipped = len(wof), skipped
	db.wof.added, db.wof.merged = addWOF(db, byID, wof, newNearestIndex(cities))

	// Curated supplement (repository copy).
	err = eachRow(ctx, srcPath(curated, "supplement.txt"), func(_ int, f []string) error {
		r, err := parseGeoNamesRow(f, true)
		if err != nil {
			return err
		}
		r.source = srcSupplement
		put(r)
		return nil
	})
	if err != nil {
		return nil, err
	}

	// World regions computed from their members.
	regions, err := readRegions(ctx, srcPath(curated, "regions.tsv"))
	if err != nil {
		return nil, err
	}
	cps := countryPoints(ne0, infos)
	adm1 := map[int64][2]float64{}
	for _, r := range db.places {
		if r.fclass == "A" && r.fcode == "ADM1" {
			adm1[r.id] = [2]float64{r.lat, r.lon}
		}
	}
	for _, rg := range regions {
		pts, err := regionMembers(rg, cps, adm1)
		if err != nil {
			return nil, fmt.Errorf("regions.tsv: %w", err)
		}
		put(regionRecord(rg, pts))
	}

	// Curated aliases.
	aliases, err := readAliases(ctx, srcPath(curated, "aliases.txt"))
	if err != nil {
		return nil, err
	}
	countryRec := map[string]*record{}
	for _, r := range db.places {
		if r.fclass == "A" && strings.HasPrefix(r.fcode, "PCL") {
			countryRec[r.cc] = r
		}
	}
	for _, a := range aliases {
		r := countryRec[a.target]
		if id, err := strconv.ParseInt(a.target, 10, 64); err == nil {
			r = byID[id]
		}
		if r == nil {
			return nil, fmt.Errorf("aliases.txt: no place %q for alias %q", a.target, a.text)
		}
		r.add(a.kind, a.text)
	}

	if err := readCourses(ctx, srcPath(curated, "lines.tsv"), byID); err != nil {
		return nil, err
	}
	cityNamesOffCountries(db.places)

	// Country and admin1 names on every place.
	for _, r := range db.places {
		r.cname = db.countries[r.cc]
		if !(r.fclass == "A" && r.fcode == "ADM1") && r.admin1 != "" {
			r.admin1 = db.admin1[r.cc+"."+r.admin1]
		}
	}
	sort.Slice(db.places, func(i, j int) bool { return db.places[i].id < db.places[j].id })
	return db, nil
}

// countryRecord builds a country place: id and name from countryInfo, point
// from GeoNames' own reference point (gn, when the country is among the 196
// it lists), else world-countries latlng, else Natural Earth's label point;
// names from all three sources.
func countryRecord(ci countryInfo, gn *[2]float64, w *wcCountry, ne []neRow) *record {
	r := &record{id: ci.id, name: ci.name, ascii: ci.name, fclass: "A", fcode: "PCLI",
		cc: ci.iso2, population: ci.population, source: srcCountries}
	switch {
	case gn != nil:
		r.lat, r.lon = gn[0], gn[1]
	case w != nil && len(w.LatLng) == 2:
		r.lat, r.lon = w.LatLng[0], w.LatLng[1]
	case len(ne) > 0:
		lat, err1 := strconv.ParseFloat(ne[0]["label_y"], 64)
		lon, err2 := strconv.ParseFloat(ne[0]["label_x"], 64)
		if err1 != nil || err2 != nil {
			return nil
		}
		r.lat, r.lon = lat, lon
	default:
		return nil
	}
	r.add(kindName, ci.name)
	alt := func(texts ...string) {
		for _, t := range texts {
			if namekey.Usable(t, true) {
				r.add(kindAlt, t)
			}
		}
	}
	if w != nil {
		if w.Independent != nil && !*w.Independent {
			r.fcode = "PCLD"
		}
		r.add(kindName, w.Name.Common)
		alt(w.Name.Official)
		for _, lang := range sortedKeys(w.Name.Native) {
			alt(w.Name.Native[lang].Common, w.Name.Native[lang].Official)
		}
		for _, s := range w.AltSpellings {
			if len(s) > 2 || s == "UK" || s == "US" {
				alt(s)
			}
		}
		for _, lang := range sortedKeys(w.Translations) {
			alt(w.Translations[lang].Common, w.Translations[lang].Official)
		}
		if d, ok := w.Demonyms["eng"]; ok {
			for _, dem := range []string{d.M, d.F} {
				if dem == "" {
					continue
				}
				r.add(kindAdj, dem)
				if p := plural(dem); p != "" {
					r.add(kindAdj, p)
				}
			}
		}
	}
	for _, row := range ne {
		alt(row["name"], row["name_en"], row["name_long"], row["formal_en"], row["name_ar"])
		alt(strings.Split(row["name_alt"], "|")...)
	}
	return r
}

// plural makes the plural of an English demonym noun ("Syrians"), or ""
// for those that do not take -s ("Chinese", "Swiss", "British").
func plural(d string) string {
	l := strings.ToLower(d)
	for _, suf := range []string{"s", "sh", "ch", "ese", "x", "z"} {
		if strings.HasSuffix(l, suf) {
			return ""
		}
	}
	if strings.ContainsRune(d, ' ') || strings.ContainsRune(d, ',') {
		return ""
	}
	return d + "s"
}

// seatPoint is where an admin1 area without a Natural Earth point is put:
// its most populous PPLA (seat), else its most populous place.
type seatPoint struct {
	lat, lon float64
	pop      int64
	seat     bool
}

func seatPoints(cities []*record) map[string]seatPoint {
	out := map[string]seatPoint{}
	for _, c := range cities {
		if c.admin1 == "" {
			continue
		}
		k := c.cc + "." + c.admin1
		seat := c.fcode == "PPLA"
		cur, ok := out[k]
		if !ok || (seat && !cur.seat) || (seat == cur.seat && c.population > cur.pop) {
			out[k] = seatPoint{c.lat, c.lon, c.population, seat}
		}
	}
	return out
}

// admin1Record builds a first-level admin area place, with its point from
// Natural Earth (gn_id join) or, failing that, its seat.
func admin1Record(c adminCode, ne neRow, seat seatPoint, countries map[string]string) *record {
	cc, _, _ := strings.Cut(c.code, ".")
	r := &record{id: c.id, name: c.name, ascii: c.ascii, fclass: "A", fcode: "ADM1", cc: cc, admin1: c.name}
	if ne != nil {
		lat, err1 := strconv.ParseFloat(ne["latitude"], 64)
		lon, err2 := strconv.ParseFloat(ne["longitude"], 64)
		if err1 != nil || err2 != nil {
			return nil
		}
		r.lat, r.lon = lat, lon
	} else if seat.lat != 0 || seat.lon != 0 {
		r.lat, r.lon = seat.lat, seat.lon
	} else {
		return nil
	}
	if _, ok := countries[cc]; !ok {
		return nil
	}
	addAreaNames(r, c.name, c.ascii, ne, admin1Suffixes)
	return r
}

// The words English texts append to an area's name ("Idlib province",
// "Kabale District"); the name with each is indexed too.
var (
	admin1Suffixes = []string{"governorate", "province", "region", "state"}
	admin2Suffixes = []string{"county", "province", "district"}
)

// areaTypeWords are words some area names carry ("Moscow Oblast", "County
// Donegal", "Province of Palawan"); the name without them is indexed too.
var (
	areaTypeSuffixes = []string{" Governorate", " Province", " Region", " Oblast", " State", " District", " Prefecture", " County", " Muhafazah"}
	areaTypePrefixes = []string{"County ", "Province of ", "Provincia di ", "Provincia de ", "District of "}
)

// addAreaNames indexes an admin area under its names, Natural Earth's
// names for it (ne may be nil), each without its type word, and each with
// the words English appends to it (suffixes).
func addAreaNames(r *record, name, ascii string, ne neRow, suffixes []string) {
	r.add(kindName, name, ascii)
	bases := []string{name, ascii}
	for _, b := range []string{name, ascii} {
		for _, w := range areaTypeSuffixes {
			if s, ok := strings.CutSuffix(b, w); ok && s != "" {
				r.add(kindAlt, s)
				bases = append(bases, s)
			}
		}
		for _, w := range areaTypePrefixes {
			if s, ok := strings.CutPrefix(b, w); ok && s != "" {
				r.add(kindAlt, s)
				bases = append(bases, s)
			}
		}
	}
	if ne != nil {
		for _, s := range append([]string{ne["name"], ne["name_en"], ne["name_local"]}, strings.Split(ne["name_alt"], "|")...) {
			if namekey.Usable(s, true) {
				r.add(kindAlt, s)
				bases = append(bases, s)
			}
		}
		if ar := ne["name_ar"]; namekey.Usable(ar, true) {
			r.add(kindAlt, ar)
			if s, ok := strings.CutPrefix(ar, arabicGovernorate); ok {
				r.add(kindAlt, s)
			}
		}
	}
	for _, b := range bases {
		if b == "" {
			continue
		}
		for _, suf := range suffixes {
			r.add(kindAlt, b+" "+suf)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
