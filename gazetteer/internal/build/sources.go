package main

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"geoevents/gazetteer/internal/namekey"
)

// parseGeoNamesRow turns a 19-column GeoNames row into a record; the
// alternatenames column becomes kindAlt names (filtered by usableAlt unless
// curated).
func parseGeoNamesRow(f []string, curated bool) (*record, error) {
	if len(f) != 19 {
		return nil, fmt.Errorf("%d columns, want 19", len(f))
	}
	id, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return nil, fmt.Errorf("geonameid %q: %w", f[0], err)
	}
	lat, err := strconv.ParseFloat(f[4], 64)
	if err != nil {
		return nil, fmt.Errorf("latitude %q: %w", f[4], err)
	}
	lon, err := strconv.ParseFloat(f[5], 64)
	if err != nil {
		return nil, fmt.Errorf("longitude %q: %w", f[5], err)
	}
	var pop int64
	if f[14] != "" {
		if pop, err = strconv.ParseInt(f[14], 10, 64); err != nil {
			return nil, fmt.Errorf("population %q: %w", f[14], err)
		}
	}
	r := &record{id: id, name: f[1], ascii: f[2], lat: lat, lon: lon,
		fclass: f[6], fcode: f[7], cc: f[8], admin1: f[10], admin2: f[11], population: pop}
	r.add(kindName, f[1], f[2])
	if f[3] != "" {
		for _, a := range strings.Split(f[3], ",") {
			if curated || namekey.Usable(a, false) {
				r.add(kindAlt, a)
			}
		}
	}
	return r, nil
}

// countryInfo is one row of GeoNames countryInfo.txt.
type countryInfo struct {
	iso2, iso3, name, capital string
	population                int64
	area                      float64 // km²
	id                        int64
}

func readCountryInfo(ctx context.Context, path string) ([]countryInfo, error) {
	var out []countryInfo
	err := eachRow(ctx, path, func(_ int, f []string) error {
		if len(f) < 17 {
			return fmt.Errorf("%d columns, want 19", len(f))
		}
		pop, _ := strconv.ParseInt(f[7], 10, 64)
		area, _ := strconv.ParseFloat(f[6], 64)
		id, _ := strconv.ParseInt(f[16], 10, 64)
		out = append(out, countryInfo{iso2: f[0], iso3: f[1], name: f[4], capital: f[5], population: pop, area: area, id: id})
		return nil
	})
	return out, err
}

// adminCode is one row of GeoNames admin1CodesASCII.txt ("SY.12" -> Idlib)
// or admin2Codes.txt ("GB.ENG.I9" -> Suffolk).
type adminCode struct {
	code, name, ascii string
	id                int64
}

func readAdminCodes(ctx context.Context, path string) ([]adminCode, error) {
	var out []adminCode
	err := eachRow(ctx, path, func(_ int, f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("%d columns, want 4", len(f))
		}
		id, err := strconv.ParseInt(f[3], 10, 64)
		if err != nil {
			return fmt.Errorf("geonameid %q: %w", f[3], err)
		}
		out = append(out, adminCode{code: f[0], name: f[1], ascii: f[2], id: id})
		return nil
	})
	return out, err
}

// neRow is one row of a Natural Earth points TSV, by column name.
type neRow map[string]string

// readNE reads a Natural Earth points TSV (header row first).
func readNE(ctx context.Context, path string) ([]neRow, error) {
	var h header
	var out []neRow
	err := eachRow(ctx, path, func(_ int, f []string) error {
		if h == nil {
			h = newHeader(f)
			return nil
		}
		row := neRow{}
		for k := range h {
			row[k] = h.get(f, k)
		}
		out = append(out, row)
		return nil
	})
	return out, err
}

// wcCountry is the part of a world-countries entry the gazetteer uses.
type wcCountry struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
		Native   map[string]struct {
			Official string `json:"official"`
			Common   string `json:"common"`
		} `json:"native"`
	} `json:"name"`
	CCA2         string   `json:"cca2"`
	Independent  *bool    `json:"independent"`
	AltSpellings []string `json:"altSpellings"`
	Translations map[string]struct {
		Official string `json:"official"`
		Common   string `json:"common"`
	} `json:"translations"`
	LatLng   []float64                        `json:"latlng"`
	Demonyms map[string]struct{ F, M string } `json:"demonyms"`
	Capital  []string                         `json:"capital"`
}

func readWorldCountries(path string) (map[string]*wcCountry, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer fh.Close()
	gz, err := gzip.NewReader(fh)
	if err != nil {
		return nil, fmt.Errorf("gunzip %s: %w", path, err)
	}
	var list []*wcCountry
	if err := json.NewDecoder(gz).Decode(&list); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	out := make(map[string]*wcCountry, len(list))
	for _, c := range list {
		out[c.CCA2] = c
	}
	return out, nil
}

// alias is one row of data/aliases.txt: an extra name for a place given by
// id or by ISO country code.
type alias struct {
	target string // geonameid or ISO alpha-2 code
	kind   uint8
	text   string
}

func readAliases(ctx context.Context, path string) ([]alias, error) {
	var out []alias
	err := eachRow(ctx, path, func(_ int, f []string) error {
		if len(f) < 3 {
			return fmt.Errorf("%d columns, want target, kind, alias[, source]", len(f))
		}
		var k uint8
		switch f[1] {
		case "name":
			k = kindAlt
		case "adj":
			k = kindAdj
		default:
			return fmt.Errorf("kind %q, want name or adj", f[1])
		}
		out = append(out, alias{target: f[0], kind: k, text: f[2]})
		return nil
	})
	return out, err
}

// readCountryPoints reads GeoNames' reference point of each country
// (geonames-country-points/countries.csv: COUNTRY_CODE, LATITUDE,
// LONGITUDE among its columns), keyed by ISO alpha-2 code.
func readCountryPoints(ctx context.Context, path string) (map[string]*[2]float64, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer fh.Close()
	rows, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	h := newHeader(rows[0])
	out := make(map[string]*[2]float64, len(rows)-1)
	for i, f := range rows[1:] {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		lat, err1 := strconv.ParseFloat(h.get(f, "LATITUDE"), 64)
		lon, err2 := strconv.ParseFloat(h.get(f, "LONGITUDE"), 64)
		cc := h.get(f, "COUNTRY_CODE")
		if err1 != nil || err2 != nil || len(cc) != 2 || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
			return nil, fmt.Errorf("%s line %d: bad country point %q %q,%q", path, i+2, cc, h.get(f, "LATITUDE"), h.get(f, "LONGITUDE"))
		}
		out[cc] = &[2]float64{lat, lon}
	}
	return out, nil
}

func srcPath(dir string, parts ...string) string {
	return filepath.Join(append([]string{dir}, parts...)...)
}
