package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"math"
	"strconv"
	"strings"

	"geoevents/gazetteer/internal/namekey"
)

// Column counts of the GeoNames tables ReadDump accepts.
const (
	geonameColumns = 19
	altColumnsV1   = 8  // alternateNames.txt (old)
	altColumnsV2   = 10 // alternateNamesV2.txt (adds from, to)
)

// skippedAltLang reports alternateNames "languages" that are not names:
// links, Wikidata ids, postcodes, airport and station codes.
func skippedAltLang(lang string) bool {
	switch lang {
	case "link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "phon", "fr_1793":
		return true
	}
	return false
}

// codeTables names countries and admin1 areas by code.
type codeTables struct {
	country map[string]string // "SY" -> "Syria"
	admin1  map[string]string // "SY.12" -> "Idlib"
}

// loadCodes decodes the embedded code tables (a few thousand rows).
func loadCodes() (codeTables, error) {
	t := codeTables{country: map[string]string{}, admin1: map[string]string{}}
	zr, err := gzip.NewReader(bytes.NewReader(codesTable))
	if err != nil {
		return t, fmt.Errorf("%w: codes: %v", ErrCorruptArtefact, err)
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 {
			continue // comment
		}
		switch f[0] {
		case "C":
			t.country[f[1]] = f[2]
		case "A":
			t.admin1[f[1]] = f[2]
		}
	}
	if err := sc.Err(); err != nil {
		return t, fmt.Errorf("%w: codes: %v", ErrCorruptArtefact, err)
	}
	return t, nil
}

// parsePlaceRow parses one 19-column geoname row strictly.
func parsePlaceRow(f []string, codes codeTables) (Place, []string, error) {
	var p Place
	id, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil || id <= 0 {
		return p, nil, fmt.Errorf("geonameid %q is not a positive integer", f[0])
	}
	lat, err := strconv.ParseFloat(f[4], 64)
	if err != nil || math.IsNaN(lat) || lat < -90 || lat > 90 {
		return p, nil, fmt.Errorf("latitude %q is not a number in [-90, 90]", f[4])
	}
	lon, err := strconv.ParseFloat(f[5], 64)
	if err != nil || math.IsNaN(lon) || lon < -180 || lon > 180 {
		return p, nil, fmt.Errorf("longitude %q is not a number in [-180, 180]", f[5])
	}
	var pop int64
	if f[14] != "" {
		if pop, err = strconv.ParseInt(f[14], 10, 64); err != nil || pop < 0 {
			return p, nil, fmt.Errorf("population %q is not a non-negative integer", f[14])
		}
	}
	if f[1] == "" {
		return p, nil, fmt.Errorf("empty name")
	}
	a := &Attrs{FeatureClass: f[6], FeatureCode: f[7], CountryCode: f[8], CountryName: codes.country[f[8]]}
	p = Place{ID: id, Name: f[1], ASCIIName: f[2], Lat: lat, Lon: lon, Attrs: a, Population: pop}
	if p.ASCIIName == "" {
		p.ASCIIName = p.Name
	}
	if f[10] != "" {
		a.Admin1 = codes.admin1[f[8]+"."+f[10]]
	}
	if a.FeatureClass == "A" && a.FeatureCode == "ADM1" {
		a.Admin1 = p.Name
	}
	var names []string
	if f[3] != "" {
		for _, a := range strings.Split(f[3], ",") {
			if namekey.Usable(a, false) {
				names = append(names, a)
			}
		}
	}
	return p, names, nil
}

// parseAltRow parses one alternate-names row strictly; ok is false for rows
// that are valid but not worth indexing.
func parseAltRow(f []string) (id int64, name string, ok bool, err error) {
	if _, err := strconv.ParseInt(f[0], 10, 64); err != nil {
		return 0, "", false, fmt.Errorf("alternateNameId %q is not an integer", f[0])
	}
	id, err = strconv.ParseInt(f[1], 10, 64)
	if err != nil || id <= 0 {
		return 0, "", false, fmt.Errorf("geonameid %q is not a positive integer", f[1])
	}
	lang := f[2]
	if skippedAltLang(lang) {
		return id, "", false, nil
	}
	return id, f[3], namekey.Usable(f[3], lang == "abbr"), nil
}
