package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// label is a place name to print on the offline basemap: [name, lon, lat].
type label [3]any

// labels is the labels file: country names, and first-level region names
// (governorates, provinces, states) shown when zoomed in.
type labels struct {
	Attribution string  `json:"attribution"`
	Countries   []label `json:"countries"`
	Regions     []label `json:"regions"`
}

// readLabels reads name and label point columns from a Natural Earth points
// TSV (gzip), using the first of names that is not empty.
func readLabels(path string, names []string, lonCol, latCol string) ([]label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("gunzip %s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var col map[string]int
	var out []label
	for line := 1; sc.Scan(); line++ {
		fields := strings.Split(sc.Text(), "\t")
		if col == nil {
			col = map[string]int{}
			for i, h := range fields {
				col[h] = i
			}
			for _, need := range append([]string{lonCol, latCol}, names...) {
				if _, ok := col[need]; !ok {
					return nil, fmt.Errorf("%s: %w: no column %q", path, errFormat, need)
				}
			}
			continue
		}
		get := func(name string) string {
			if i := col[name]; i < len(fields) {
				return strings.TrimSpace(fields[i])
			}
			return ""
		}
		name := ""
		for _, n := range names {
			if name = get(n); name != "" {
				break
			}
		}
		lon, err1 := strconv.ParseFloat(get(lonCol), 64)
		lat, err2 := strconv.ParseFloat(get(latCol), 64)
		if name == "" || err1 != nil || err2 != nil || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
			continue // rows without a name or a point are not labels
		}
		out = append(out, label{name, math.Round(lon*100) / 100, math.Round(lat*100) / 100})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// writeLabels writes the labels file from the admin-0 and admin-1 points.
func writeLabels(out, admin0, admin1 string) (int, error) {
	var l labels
	var err error
	l.Attribution = "Made with Natural Earth"
	if l.Countries, err = readLabels(admin0, []string{"name", "name_en"}, "label_x", "label_y"); err != nil {
		return 0, err
	}
	if l.Regions, err = readLabels(admin1, []string{"name_en", "name"}, "longitude", "latitude"); err != nil {
		return 0, err
	}
	b, err := json.Marshal(l)
	if err != nil {
		return 0, err
	}
	if err := os.WriteFile(out, append(b, '\n'), 0o644); err != nil {
		return 0, fmt.Errorf("write %s: %w", out, err)
	}
	return len(l.Countries) + len(l.Regions), nil
}
