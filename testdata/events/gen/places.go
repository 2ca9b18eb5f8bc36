package main

import (
	"bufio"
	"compress/gzip"
	"context"
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

// place is the gold point of one reference.
type place struct {
	name     string // the table's own name, for human readers
	lat, lon float64
	admin1   string
	country  string // ACLED's country name
	from     string // gn, wof or x
}

// acledCountry renames the few GeoNames country names ACLED spells otherwise.
var acledCountry = map[string]string{
	"Palestinian Territory":            "Palestine",
	"Democratic Republic of the Congo": "Democratic Republic of Congo",
	"Republic of the Congo":            "Republic of Congo",
}

// places resolves gn:ID (GeoNames cities500), wof:ID (Who's On First) and
// x:key (extra.tsv, each row citing its source) references.
type places struct {
	byRef map[string]place
}

// loadPlaces reads only the rows the references need.
func loadPlaces(ctx context.Context, shared, extra string, refs map[string]bool) (*places, error) {
	ps := &places{byRef: map[string]place{}}
	data := filepath.Join(shared, "data")
	countries, err := countryNames(ctx, filepath.Join(data, "geonames", "countryInfo.txt.gz"))
	if err != nil {
		return nil, err
	}
	admin1, err := admin1Names(ctx, filepath.Join(data, "geonames", "admin1CodesASCII.txt.gz"))
	if err != nil {
		return nil, err
	}
	err = eachTSV(ctx, filepath.Join(data, "geonames", "cities500_plus15000-2025.txt.gz"), func(f []string) error {
		ref := "gn:" + f[0]
		if !refs[ref] || len(f) < 11 {
			return nil
		}
		lat, lon, err := latLon(f[4], f[5])
		if err != nil {
			return fmt.Errorf("%s: %w", ref, err)
		}
		ps.byRef[ref] = place{name: f[1], lat: lat, lon: lon, admin1: admin1[f[8]+"."+f[10]], country: countries[f[8]], from: "gn"}
		return nil
	})
	if err != nil {
		return nil, err
	}
	wofs, _ := filepath.Glob(filepath.Join(data, "whosonfirst", "wof_*.tsv.gz"))
	for _, path := range wofs {
		err := eachTSV(ctx, path, func(f []string) error {
			ref := "wof:" + f[0]
			if !refs[ref] || len(f) < 6 {
				return nil
			}
			lat, lon, err := latLon(f[3], f[4])
			if err != nil {
				return fmt.Errorf("%s: %w", ref, err)
			}
			ps.byRef[ref] = place{name: f[2], lat: lat, lon: lon, country: countries[f[5]], from: "wof"}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if _, err := os.Stat(extra); errors.Is(err, os.ErrNotExist) {
		return ps, nil // no cited extra points needed so far
	}
	err = eachTSV(ctx, extra, func(f []string) error {
		if f[0] == "key" || strings.HasPrefix(f[0], "#") {
			return nil
		}
		if len(f) < 7 || f[6] == "" {
			return fmt.Errorf("extra row %q: want key, name, lat, lon, country, admin1, source", f[0])
		}
		lat, lon, err := latLon(f[2], f[3])
		if err != nil {
			return fmt.Errorf("extra row %q: %w", f[0], err)
		}
		ps.byRef["x:"+f[0]] = place{name: f[1], lat: lat, lon: lon, country: f[4], admin1: f[5], from: "x"}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ps, nil
}

func (ps *places) lookup(ref string) (place, error) {
	p, ok := ps.byRef[ref]
	if !ok {
		return place{}, fmt.Errorf("%w %q", errUnknownRef, ref)
	}
	if p.country == "" {
		return place{}, fmt.Errorf("%s: no country", ref)
	}
	return p, nil
}

func latLon(a, b string) (float64, float64, error) {
	lat, err1 := strconv.ParseFloat(a, 64)
	lon, err2 := strconv.ParseFloat(b, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, 0, err
	}
	if lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return 0, 0, fmt.Errorf("point %v,%v out of range", lat, lon)
	}
	return lat, lon, nil
}

// countryNames maps ISO codes to ACLED country names.
func countryNames(ctx context.Context, path string) (map[string]string, error) {
	out := map[string]string{}
	err := eachTSV(ctx, path, func(f []string) error {
		if len(f) < 5 || strings.HasPrefix(f[0], "#") {
			return nil
		}
		name := f[4]
		if n, ok := acledCountry[name]; ok {
			name = n
		}
		out[f[0]] = name
		return nil
	})
	return out, err
}

// admin1Names maps "CC.code" to the admin1 area's name.
func admin1Names(ctx context.Context, path string) (map[string]string, error) {
	out := map[string]string{}
	err := eachTSV(ctx, path, func(f []string) error {
		if len(f) >= 2 {
			out[f[0]] = f[1]
		}
		return nil
	})
	return out, err
}

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

func (g gzFile) Close() error { return errors.Join(g.Reader.Close(), g.f.Close()) }

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
