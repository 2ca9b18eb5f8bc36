package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// admin2Code is one row of GeoNames' admin2Codes: "GB.ENG.I9" -> Suffolk.
type admin2Code struct {
	code, name, ascii string
	id                int64
}

func readAdmin2Codes(ctx context.Context, path string) (map[int64]admin2Code, error) {
	out := map[int64]admin2Code{}
	err := eachRow(ctx, path, func(_ int, f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("%d columns, want 4", len(f))
		}
		id, err := strconv.ParseInt(f[3], 10, 64)
		if err != nil {
			return fmt.Errorf("geonameid %q: %w", f[3], err)
		}
		out[id] = admin2Code{code: f[0], name: f[1], ascii: f[2], id: id}
		return nil
	})
	return out, err
}

// admin2Records builds the second-level areas that Natural Earth maps as
// its first level: the counties of the United Kingdom and Ireland, the
// provinces of Italy, Spain, Belgium and the Philippines, the departments
// of France, the districts of Uganda... They are how news names those
// places ("Suffolk", "Pangasinan", "Donegal"), and GeoNames' admin2 codes
// carry no coordinates, so the join on gn_id is what gives them a point.
// Other admin2 areas stay out: without a point they cannot be mapped.
func admin2Records(ne1 []neRow, codes map[int64]admin2Code, countries map[string]string) []*record {
	var out []*record
	seen := map[int64]bool{}
	for _, ne := range ne1 {
		id, _ := strconv.ParseInt(ne["gn_id"], 10, 64)
		c, ok := codes[id]
		if !ok || seen[id] {
			continue
		}
		parts := strings.Split(c.code, ".")
		if len(parts) != 3 || countries[parts[0]] == "" {
			continue
		}
		lat, err1 := strconv.ParseFloat(ne["latitude"], 64)
		lon, err2 := strconv.ParseFloat(ne["longitude"], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		seen[id] = true
		r := &record{id: id, name: c.name, ascii: c.ascii, lat: lat, lon: lon,
			fclass: "A", fcode: "ADM2", cc: parts[0], admin1: parts[1]}
		addAreaNames(r, c.name, c.ascii, ne, admin2Suffixes)
		out = append(out, r)
	}
	return out
}
