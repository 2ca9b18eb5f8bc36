package main

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// regionRow is one row of data/regions.tsv: a world region whose point is
// computed from its members.
type regionRow struct {
	id         int64
	code, name string
	cc         string
	members    string // "cc:SO,ET", "sub:Western Africa", "un:Americas", "un-sub:Africa:Northern Africa", "adm1:ids"
	names      []string
	adjectives []string
}

func readRegions(ctx context.Context, path string) ([]regionRow, error) {
	var out []regionRow
	err := eachRow(ctx, path, func(_ int, f []string) error {
		if len(f) < 7 {
			return fmt.Errorf("%d columns, want id, code, name, country, members, names, adjectives, source", len(f))
		}
		id, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return fmt.Errorf("id %q: %w", f[0], err)
		}
		split := func(s string) []string {
			if s == "" {
				return nil
			}
			return strings.Split(s, "|")
		}
		out = append(out, regionRow{id: id, code: f[1], name: f[2], cc: f[3], members: f[4],
			names: split(f[5]), adjectives: split(f[6])})
		return nil
	})
	return out, err
}

// countryPoint is a country's Natural Earth label point, with its area
// (GeoNames countryInfo) and UN M49 region and subregion.
type countryPoint struct {
	lat, lon, area float64
	region, sub    string
}

// regionMembers lists the points and weights of a region's members.
func regionMembers(r regionRow, countries map[string]countryPoint, adm1 map[int64][2]float64) ([][3]float64, error) {
	kind, list, _ := strings.Cut(r.members, ":")
	var pts [][3]float64 // lat, lon, weight
	addCountry := func(cc string, c countryPoint) { pts = append(pts, [3]float64{c.lat, c.lon, math.Max(c.area, 1)}) }
	switch kind {
	case "cc":
		for _, cc := range strings.Split(list, ",") {
			c, ok := countries[cc]
			if !ok {
				return nil, fmt.Errorf("region %s: no country %s", r.name, cc)
			}
			addCountry(cc, c)
		}
	case "sub", "un", "un-sub":
		var region, not string
		subs := map[string]bool{}
		switch kind {
		case "sub":
			for _, s := range strings.Split(list, ",") {
				subs[s] = true
			}
		case "un":
			region = list
		case "un-sub":
			region, not, _ = strings.Cut(list, ":")
		}
		for _, cc := range sortedKeys(countries) {
			c := countries[cc]
			if kind == "sub" && subs[c.sub] || kind != "sub" && c.region == region && c.sub != not {
				addCountry(cc, c)
			}
		}
	case "adm1":
		for _, s := range strings.Split(list, ",") {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("region %s: admin1 id %q: %w", r.name, s, err)
			}
			p, ok := adm1[id]
			if !ok {
				return nil, fmt.Errorf("region %s: no admin1 point for %d", r.name, id)
			}
			pts = append(pts, [3]float64{p[0], p[1], 1})
		}
	default:
		return nil, fmt.Errorf("region %s: members %q: want a kind of cc, sub, un, un-sub or adm1", r.name, r.members)
	}
	if len(pts) == 0 {
		return nil, fmt.Errorf("region %s: no members", r.name)
	}
	return pts, nil
}

// regionRecord builds the place of a region: the weighted mean of its
// members' points (area-weighted for countries, so that the point is near
// the region's geographic centre rather than its small island states).
func regionRecord(r regionRow, pts [][3]float64) *record {
	var lat, lon, w float64
	for _, p := range pts {
		lat += p[0] * p[2]
		lon += p[1] * p[2]
		w += p[2]
	}
	class := "L" // world regions
	switch r.code {
	case "ISL":
		class = "T" // islands
	case "ADM1H":
		class = "A" // former provinces, named in news still
	}
	rec := &record{id: r.id, name: r.name, ascii: asciiFold(r.name), lat: round5(lat / w), lon: round5(lon / w),
		fclass: class, fcode: r.code, cc: r.cc, source: srcSupplement}
	rec.add(kindName, r.name)
	rec.add(kindAlt, r.names...)
	rec.add(kindAdj, r.adjectives...)
	return rec
}

func round5(x float64) float64 { return math.Round(x*1e5) / 1e5 }

// countryPoints joins the Natural Earth admin-0 label points (with their UN
// M49 region and subregion) with the areas of GeoNames countryInfo.
func countryPoints(ne0 []neRow, infos []countryInfo) map[string]countryPoint {
	area := map[string]float64{}
	for _, ci := range infos {
		area[ci.iso2] = ci.area
	}
	out := map[string]countryPoint{}
	for _, row := range ne0 {
		cc := row["iso_a2_eh"]
		if len(cc) != 2 {
			continue
		}
		lat, err1 := strconv.ParseFloat(row["label_y"], 64)
		lon, err2 := strconv.ParseFloat(row["label_x"], 64)
		if err1 != nil || err2 != nil {
			continue
		}
		if _, dup := out[cc]; dup {
			continue
		}
		out[cc] = countryPoint{lat: lat, lon: lon, area: area[cc], region: row["region_un"], sub: row["subregion"]}
	}
	return out
}
