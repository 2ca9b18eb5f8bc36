package main

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRegionMembersAndRecord(t *testing.T) {
	countries := map[string]countryPoint{
		"ML": {lat: 17, lon: -4, area: 1240000, region: "Africa", sub: "Western Africa"},
		"GM": {lat: 13.4, lon: -15.5, area: 11300, region: "Africa", sub: "Western Africa"},
		"EG": {lat: 26, lon: 30, area: 1000000, region: "Africa", sub: "Northern Africa"},
		"FR": {lat: 47, lon: 2, area: 550000, region: "Europe", sub: "Western Europe"},
	}
	adm1 := map[int64][2]float64{1: {13, 24}, 2: {11, 26}}
	tests := []struct {
		members string
		n       int
		lat     float64 // of the record, when n > 0
	}{
		{"cc:ML,GM", 2, (17*1240000 + 13.4*11300) / 1251300},
		{"sub:Western Africa", 2, (17*1240000 + 13.4*11300) / 1251300},
		{"un:Africa", 3, (17*1240000 + 13.4*11300 + 26*1000000) / 2251300},
		{"un-sub:Africa:Northern Africa", 2, (17*1240000 + 13.4*11300) / 1251300},
		{"adm1:1,2", 2, 12},
		{"cc:XX", 0, 0},
		{"adm1:3", 0, 0},
		{"sub:Atlantis", 0, 0},
		{"planet:Earth", 0, 0},
	}
	for _, tt := range tests {
		r := regionRow{id: 1, code: "RGN", name: "R", members: tt.members, names: []string{"R"}, adjectives: []string{"Rish"}}
		pts, err := regionMembers(r, countries, adm1)
		if tt.n == 0 {
			if err == nil {
				t.Errorf("%s: no error", tt.members)
			}
			continue
		}
		if err != nil || len(pts) != tt.n {
			t.Errorf("%s: %d members, %v; want %d", tt.members, len(pts), err, tt.n)
			continue
		}
		rec := regionRecord(r, pts)
		if math.Abs(rec.lat-tt.lat) > 1e-4 || rec.fclass != "L" || rec.source != srcSupplement {
			t.Errorf("%s: record %+v, want lat %.4f", tt.members, rec, tt.lat)
		}
		if !hasName(rec, "Rish") {
			t.Errorf("%s: adjective missing", tt.members)
		}
	}
}

// TestCountyRecords: a US county stands at the mean point of the places in
// it and is indexed under its full name only.
func TestCountyRecords(t *testing.T) {
	admin2 := []adminCode{
		{code: "US.IA.163", name: "Scott County", ascii: "Scott County", id: 4875785},
		{code: "US.IA.999", name: "Empty County", ascii: "Empty County", id: 1},
		{code: "GB.ENG.I9", name: "Suffolk", ascii: "Suffolk", id: 2},
	}
	cities := []*record{
		{id: 10, lat: 41.5, lon: -90.6, cc: "US", admin1: "IA", admin2: "163", fclass: "P", population: 100000},
		{id: 11, lat: 41.7, lon: -90.5, cc: "US", admin1: "IA", admin2: "163", fclass: "P", population: 5000},
		{id: 12, lat: 52.1, lon: 1.1, cc: "GB", admin1: "ENG", admin2: "I9", fclass: "P"},
	}
	got := countyRecords(admin2, cities)
	if len(got) != 1 {
		t.Fatalf("%d counties, want only Scott County (Empty has no place; GB is not a county country)", len(got))
	}
	c := got[0]
	if c.lat != 41.6 || c.lon != -90.55 || c.population != 105000 || c.fcode != "ADM2" || c.admin1 != "IA" {
		t.Errorf("Scott County %+v", c)
	}
	for _, n := range c.names {
		if n.text == "Scott" {
			t.Error("indexed under its bare name")
		}
	}
	if !hasName(c, "Scott Co.") {
		t.Error("not indexed as Scott Co.")
	}
}

// TestCityNamesOffCountries: "Tunis" is Tunisia's name in some languages
// and the capital's own name: only the capital keeps it.
func TestCityNamesOffCountries(t *testing.T) {
	tunisia := &record{id: 1, cc: "TN", fclass: "A", fcode: "PCLI", source: srcCountries}
	tunisia.add(kindName, "Tunisia")
	tunisia.add(kindAlt, "Tunis", "Tunesien")
	djibouti := &record{id: 2, cc: "DJ", fclass: "A", fcode: "PCLI", source: srcCountries}
	djibouti.add(kindName, "Djibouti")
	city := &record{id: 3, cc: "TN", fclass: "P", fcode: "PPLC", population: 700000}
	city.add(kindName, "Tunis")
	djcity := &record{id: 4, cc: "DJ", fclass: "P", fcode: "PPLC"}
	djcity.add(kindName, "Djibouti")
	if n := cityNamesOffCountries([]*record{tunisia, djibouti, city, djcity}); n != 1 {
		t.Errorf("removed %d names, want 1", n)
	}
	if hasName(tunisia, "Tunis") || !hasName(tunisia, "Tunesien") || !hasName(djibouti, "Djibouti") {
		t.Errorf("names now %v / %v", tunisia.names, djibouti.names)
	}
}

func TestReadCourses(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "lines.tsv")
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	byID := map[int64]*record{
		6: {id: 6, name: "River"}, 1: {id: 1, lat: 1, lon: 2}, 2: {id: 2, lat: 3, lon: 4},
	}
	if err := readCourses(context.Background(), write("# river\n6\t1,2\tsource\n"), byID); err != nil {
		t.Fatal(err)
	}
	if got := byID[6].course; len(got) != 2 || got[1] != [2]float64{3, 4} {
		t.Errorf("course %v", got)
	}
	for _, bad := range []string{"7\t1,2\ts\n", "6\t1,9\ts\n", "6\t1\ts\n", "x\t1,2\ts\n", "6\n"} {
		if err := readCourses(context.Background(), write(bad), byID); err == nil {
			t.Errorf("%q: no error", strings.TrimSpace(bad))
		}
	}
}
