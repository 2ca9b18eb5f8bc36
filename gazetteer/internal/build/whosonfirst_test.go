package main

import (
	"strings"
	"testing"
)

var wofHeader = newHeader(strings.Split("wof_id\tplacetype\tname\tlat\tlon\tcountry\tgn_id\twd_id\tmz_is_current\tedtf_deprecated\tnames", "\t"))

func wofRow(t *testing.T, row string) *wofPlace {
	t.Helper()
	p, err := parseWOF(wofHeader, strings.Split(row, "\t"))
	if err != nil {
		t.Fatalf("parseWOF(%q): %v", row, err)
	}
	return p
}

func testBounds() countryBounds {
	b := countryBounds{}
	b.extend("ML", 10, -12)
	b.extend("ML", 25, 4)
	b.extend("SY", 32.3, 35.7)
	b.extend("SY", 37.3, 42.4)
	return b
}

// TestWOFSkipRules: one row per rule the data's README sets, and a row no
// rule drops.
func TestWOFSkipRules(t *testing.T) {
	b := testBounds()
	tests := []struct {
		row, why string
	}{
		{"85678403\t\t\t\t\t\t\t\t\t\t", "blank"},
		{"1\tlocality\tGaza\t31.48\t34.43\tSY\t281133\t\t0\t2021-05-24\t", "not current"},
		{"2\tlocality\tOld Town\t35.0\t38.0\tSY\t\t\t-1\t2020-01-01\t", "deprecated"},
		{"101756785\tlocality\tBirgu\t35.890556\t14.521064\tML\t2562966\t\t-1\t\t", "misplaced"},
		{"3\tcampus\tKamishly Airport\t37.02\t41.19\tSY\t\tQ1\t1\t\tara_x_preferred=مطار القامشلي", ""},
		{"4\tmicrohood\tSouk\t36.2\t37.1\tSY\t\t\t-1\t\t", "placetype microhood"},
	}
	for _, tt := range tests {
		got := wofSkipped(wofRow(t, tt.row), b)
		if tt.why == "" && got != "" || !strings.HasPrefix(got, tt.why) {
			t.Errorf("row %q skipped for %q, want %q", tt.row, got, tt.why)
		}
	}
}

func TestParseWOFNames(t *testing.T) {
	p := wofRow(t, "1259660883\tlocality\tMushayrifah Qibliyah\t35.42213\t36.93676\tSY\t11556288\t\t-1\t\t"+
		"ara_x_preferred=مشيرفة قبلية|und_x_variant=Mushayrifah Qiblīyah|deu_x_preferred=Muschairifa|ceb_x_preferred=Mushayrifah Qibliyah|und_x_variant=http://x")
	if p.gnID != 11556288 || p.wofID != 1259660883 || p.lat != 35.42213 {
		t.Errorf("parsed %+v", p)
	}
	want := "مشيرفة قبلية|Mushayrifah Qiblīyah"
	if got := strings.Join(p.names, "|"); got != want {
		t.Errorf("names %q, want %q (und, ara kept; deu, ceb and links left out)", got, want)
	}
	if _, err := parseWOF(wofHeader, strings.Split("x\tlocality\tA\t1\t2\tSY\t\t\t\t\t", "\t")); err == nil {
		t.Error("a bad wof_id parsed")
	}
	if q := wofRow(t, "5\tlocality\tA\t1\t2\tSY\t-1\t\t\t\t"); q.gnID != 0 {
		t.Errorf("gn_id -1 read as %d, want none", q.gnID)
	}
}

// TestAddWOF: a row whose gn_id the gazetteer holds lends its names (not to
// a country); any other becomes a place under its GeoNames id, else under
// wofIDBase plus its WOF id; a second row of an id is dropped.
func TestAddWOF(t *testing.T) {
	city := &record{id: 170063, name: "Aleppo", lat: 36.2, lon: 37.16, fclass: "P", fcode: "PPLA", cc: "SY", admin1: "09"}
	country := &record{id: 163843, name: "Syria", fclass: "A", fcode: "PCLI", cc: "SY", source: srcCountries}
	db := &database{places: []*record{city, country}}
	byID := map[int64]*record{city.id: city, country.id: country}
	near := newNearestIndex([]*record{city})
	wof := []*wofPlace{
		{wofID: 1, placetype: "locality", name: "Aleppo", lat: 36.2, lon: 37.16, cc: "SY", gnID: 170063, names: []string{"Halab al-Shahba"}},
		{wofID: 2, placetype: "country", name: "Syria", cc: "SY", gnID: 163843, names: []string{"Syrian"}},
		{wofID: 3, placetype: "locality", name: "Jarjanaz", lat: 35.6, lon: 36.8, cc: "SY", gnID: 169168},
		{wofID: 4, placetype: "locality", name: "Jarjanaz", lat: 35.6, lon: 36.8, cc: "SY", gnID: 169168},
		{wofID: 5, placetype: "county", name: "Nati'", lat: 14.5, lon: 45.6, cc: "YE"},
		{wofID: 6, placetype: "region", name: "Idlib", cc: "SY", gnID: 999},
	}
	added, merged := addWOF(db, byID, wof, near)
	if added != 2 || merged != 1 {
		t.Errorf("added %d, merged %d; want 2 and 1", added, merged)
	}
	if !hasName(city, "Halab al-Shahba") {
		t.Error("the city did not get the Who's On First name")
	}
	if hasName(country, "Syrian") {
		t.Error("a country got a Who's On First name")
	}
	if r := byID[169168]; r == nil || r.source != srcWhosOnFirst || r.admin1 != "09" || r.fcode != "PPL" {
		t.Errorf("Jarjanaz: %+v", r)
	}
	if r := byID[wofIDBase+5]; r == nil || r.fcode != "ADM2" || !hasName(r, "Nati' district") {
		t.Errorf("Nati' district: %+v", r)
	}
}

func hasName(r *record, text string) bool {
	for _, n := range r.names {
		if n.text == text {
			return true
		}
	}
	return false
}

func TestCountryBoundsAndNearest(t *testing.T) {
	b := testBounds()
	if !b.contains("SY", 36.2, 37.16) || !b.contains("SY", 37.6, 42.8) || b.contains("SY", 38.5, 37) || b.contains("XX", 0, 0) {
		t.Error("bounds with their margin")
	}
	a := &record{id: 1, lat: 36.2, lon: 37.16, cc: "SY", admin1: "09", fclass: "P"}
	c := &record{id: 2, lat: 35.93, lon: 36.63, cc: "SY", admin1: "12", fclass: "P"}
	n := newNearestIndex([]*record{a, c})
	if got := n.admin1("SY", 35.9, 36.7); got != "12" {
		t.Errorf("admin1 near Idlib = %q", got)
	}
	if got := n.admin1("SY", 30, 30); got != "" {
		t.Errorf("admin1 far from every place = %q, want none", got)
	}
	if got := n.admin1("IQ", 36.2, 37.16); got != "" {
		t.Errorf("admin1 across a border = %q, want none", got)
	}
	if got := asciiFold("Nāţi‘"); got != "Nati'" {
		t.Errorf("asciiFold = %q", got)
	}
}
