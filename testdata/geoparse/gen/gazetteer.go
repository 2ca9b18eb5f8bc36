package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// errUnknownRef reports a place reference found in no table.
var errUnknownRef = errors.New("unknown place reference")

// point is the gold location of one place id.
type point struct {
	name      string
	lat, lon  float64
	geonameid *int // nil for extra.tsv rows without a GeoNames id
	from      string
}

// gazetteer maps a reference (geonameid as text, or x:key) to its point.
type gazetteer map[string]point

// loadGazetteer reads the shared tables and extra.tsv. Countries take
// GeoNames' own point (geonames-country-points, as the data README
// prescribes), world-countries' latlng for those it does not list, and
// their id from countryInfo; admin1 areas take their id from admin1CodesASCII and their
// point from the Natural Earth admin1 label points.
func loadGazetteer(ctx context.Context, shared, extra string) (gazetteer, error) {
	g := gazetteer{}
	data := filepath.Join(shared, "data")
	steps := []func() error{
		func() error {
			return eachTSV(ctx, filepath.Join(data, "geonames", "cities500_plus15000-2025.txt.gz"), func(f []string) error {
				return g.addGeoNames(f, "cities500")
			})
		},
		func() error {
			return eachTSV(ctx, filepath.Join(data, "curated", "supplement.txt"), func(f []string) error {
				return g.addGeoNames(f, "supplement")
			})
		},
		func() error { return g.addCountries(ctx, data) },
		func() error { return g.addAdmin1(ctx, data) },
		func() error { return g.addExtra(ctx, extra) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return g, nil
}

func (g gazetteer) addGeoNames(f []string, from string) error {
	if len(f) < 6 {
		return fmt.Errorf("short GeoNames row %q", strings.Join(f, "\t"))
	}
	id, err := strconv.Atoi(f[0])
	if err != nil {
		return fmt.Errorf("geonameid %q: %w", f[0], err)
	}
	lat, err1 := strconv.ParseFloat(f[4], 64)
	lon, err2 := strconv.ParseFloat(f[5], 64)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("geonameid %d coordinates: %w", id, err)
	}
	g[f[0]] = point{name: f[1], lat: lat, lon: lon, geonameid: &id, from: from}
	return nil
}

func (g gazetteer) addCountries(ctx context.Context, data string) error {
	type wc struct {
		CCA2   string    `json:"cca2"`
		LatLng []float64 `json:"latlng"`
		Name   struct {
			Common string `json:"common"`
		} `json:"name"`
	}
	path := filepath.Join(data, "countries", "world-countries-5.1.0.json.gz")
	rc, err := openMaybeGzip(path)
	if err != nil {
		return err
	}
	defer rc.Close()
	var all []wc
	if err := json.NewDecoder(rc).Decode(&all); err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	byISO := map[string]wc{}
	for _, c := range all {
		if len(c.LatLng) == 2 {
			byISO[c.CCA2] = c
		}
	}
	gn, err := geonamesCountryPoints(filepath.Join(data, "geonames-country-points", "countries.csv"))
	if err != nil {
		return err
	}
	for cc, p := range gn {
		if c, ok := byISO[cc]; ok {
			c.LatLng = []float64{p[0], p[1]}
			byISO[cc] = c
		}
	}
	return eachTSV(ctx, filepath.Join(data, "geonames", "countryInfo.txt.gz"), func(f []string) error {
		if len(f) < 17 || strings.HasPrefix(f[0], "#") || f[16] == "" {
			return nil
		}
		c, ok := byISO[f[0]]
		if !ok {
			return nil
		}
		id, err := strconv.Atoi(f[16])
		if err != nil {
			return fmt.Errorf("country %s geonameid %q: %w", f[0], f[16], err)
		}
		g[f[16]] = point{name: c.Name.Common, lat: c.LatLng[0], lon: c.LatLng[1], geonameid: &id, from: "country"}
		return nil
	})
}

func (g gazetteer) addAdmin1(ctx context.Context, data string) error {
	type ll struct{ lat, lon float64 }
	label := map[string]ll{}
	var header []string
	err := eachTSV(ctx, filepath.Join(data, "naturalearth", "ne_admin1_points.tsv.gz"), func(f []string) error {
		if header == nil {
			header = f
			return nil
		}
		row := map[string]string{}
		for i, h := range header {
			if i < len(f) {
				row[h] = f[i]
			}
		}
		lat, err1 := strconv.ParseFloat(row["latitude"], 64)
		lon, err2 := strconv.ParseFloat(row["longitude"], 64)
		if row["gn_id"] == "" || errors.Join(err1, err2) != nil {
			return nil // rows without an id or point cannot be gold
		}
		label[row["gn_id"]] = ll{lat, lon}
		return nil
	})
	if err != nil {
		return err
	}
	return eachTSV(ctx, filepath.Join(data, "geonames", "admin1CodesASCII.txt.gz"), func(f []string) error {
		if len(f) < 4 {
			return nil
		}
		p, ok := label[f[3]]
		if !ok {
			return nil
		}
		id, err := strconv.Atoi(f[3])
		if err != nil {
			return fmt.Errorf("admin1 %s geonameid %q: %w", f[0], f[3], err)
		}
		g[f[3]] = point{name: f[1], lat: p.lat, lon: p.lon, geonameid: &id, from: "admin1"}
		return nil
	})
}

// addExtra reads extra.tsv: key, name, lat, lon, geonameid (may be empty), source.
func (g gazetteer) addExtra(ctx context.Context, path string) error {
	return eachTSV(ctx, path, func(f []string) error {
		if len(f) == 0 || strings.HasPrefix(f[0], "#") || f[0] == "key" {
			return nil
		}
		if len(f) < 6 {
			return fmt.Errorf("extra.tsv: row %q needs key, name, lat, lon, geonameid, source", strings.Join(f, "\t"))
		}
		lat, err1 := strconv.ParseFloat(f[2], 64)
		lon, err2 := strconv.ParseFloat(f[3], 64)
		if err := errors.Join(err1, err2); err != nil {
			return fmt.Errorf("extra.tsv %s: %w", f[0], err)
		}
		p := point{name: f[1], lat: lat, lon: lon, from: "extra"}
		if f[4] != "" {
			id, err := strconv.Atoi(f[4])
			if err != nil {
				return fmt.Errorf("extra.tsv %s geonameid: %w", f[0], err)
			}
			p.geonameid = &id
		}
		g["x:"+f[0]] = p
		return nil
	})
}

// eachTSV calls fn for every line of a (possibly gzipped) tab-separated file.
func eachTSV(ctx context.Context, path string, fn func([]string) error) error {
	rc, err := openMaybeGzip(path)
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		if n%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if sc.Text() == "" {
			continue
		}
		if err := fn(strings.Split(sc.Text(), "\t")); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

type gzFile struct {
	*gzip.Reader
	f *os.File
}

func (z gzFile) Close() error { return errors.Join(z.Reader.Close(), z.f.Close()) }

func openMaybeGzip(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, nil
	}
	z, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("gunzip %s: %w", path, err)
	}
	return gzFile{z, f}, nil
}

// geonamesCountryPoints reads GeoNames' reference point of each country
// (COUNTRY_CODE, LATITUDE, LONGITUDE columns of countries.csv).
func geonamesCountryPoints(path string) (map[string][2]float64, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer fh.Close()
	rows, err := csv.NewReader(fh).ReadAll()
	if err != nil || len(rows) < 2 {
		return nil, fmt.Errorf("read %s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	out := map[string][2]float64{}
	for _, r := range rows[1:] {
		lat, err1 := strconv.ParseFloat(r[col["LATITUDE"]], 64)
		lon, err2 := strconv.ParseFloat(r[col["LONGITUDE"]], 64)
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, r[col["COUNTRY_CODE"]], err)
		}
		out[r[col["COUNTRY_CODE"]]] = [2]float64{lat, lon}
	}
	return out, nil
}
