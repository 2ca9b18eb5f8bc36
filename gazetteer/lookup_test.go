package gazetteer

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// top returns the index of the candidate with the given id, or -1.
func indexOf(cs []Candidate, id int64) int {
	for i, c := range cs {
		if c.Place.ID == id {
			return i
		}
	}
	return -1
}

// TestAcceptance is the acceptance table: each name resolves to the
// expected place first, with the expected other candidates present.
func TestAcceptance(t *testing.T) {
	g := loadT(t)
	tests := []struct {
		name      string
		first     int64
		lat, lon  float64 // checked when non-zero (±0.01°)
		also      []int64 // must be among the candidates, ranked below first
		adjective bool
	}{
		{name: "Aleppo", first: 170063, lat: 36.20, lon: 37.16},
		{name: "Halab", first: 170063, lat: 36.20, lon: 37.16},
		{name: "Ḩalab", first: 170063},
		{name: "حلب", first: 170063, lat: 36.20, lon: 37.16},
		{name: "Damascus", first: 170654},
		{name: "Dimashq", first: 170654},
		{name: "Idlib", first: 169389, also: []int64{169387}},
		{name: "Idleb", first: 169389, also: []int64{169387}},
		{name: "Idlib Governorate", first: 169387},
		{name: "Idlib province", first: 169387},
		{name: "Palmyra", first: 163808, also: []int64{900000002}},
		{name: "Et-Tanf", first: 900000001, lat: 33.506, lon: 38.618},
		{name: "al-Tanf", first: 900000001, lat: 33.506, lon: 38.618},
		{name: "At Tanf", first: 900000001, lat: 33.506, lon: 38.618},
		{name: "Tanf", first: 900000001},
		{name: "التنف", first: 900000001, lat: 33.506, lon: 38.618},
		{name: "Syria", first: 163843},
		{name: "Iraq", first: 99237},
		{name: "Jordan", first: 248816},
		{name: "Russia", first: 2017370, lat: 60, lon: 100},
		{name: "Iran", first: 130758},
		{name: "Moscow", first: 524901},
		{name: "NSW", first: 2155400},
		{name: "the Mediterranean", first: 900000003},
		{name: "Mediterranean", first: 900000003},
		{name: "Middle East", first: 900000004},
		{name: "the Middle East", first: 900000004},
		{name: "Syrian", first: 163843, adjective: true},
		{name: "Syrians", first: 163843, adjective: true},
		{name: "Russian", first: 2017370, adjective: true},
		{name: "American", first: 6252001, adjective: true},
		{name: "Iranian", first: 130758, adjective: true},
		{name: "U.S.", first: 6252001},
		{name: "US", first: 6252001},
		{name: "United States", first: 6252001},
		{name: "Paris", first: 2988507},
		{name: "London", first: 2643743},
		{name: "Georgia", first: 614540, also: []int64{4197000}},
		{name: "Raqqa", first: 172955},
		{name: "Deir ez-Zor", first: 170794},
		{name: "Dayr az Zawr", first: 170794},
		{name: "Homs", first: 169577},
		{name: "Maarat al-Numan", first: 167611},
		{name: "Maʿarrat al-Nuʿmān", first: 167611},
		{name: "Raqqa province", first: 172957},
		{name: "Golan Heights", first: 900000005, lat: 32.98, lon: 35.75},
		{name: "the Golan", first: 900000005},
		{name: "Euphrates", first: 900000006},
		{name: "الفرات", first: 900000006},
		{name: "Hmeimim", first: 900000007, lat: 35.41, lon: 35.95},
		{name: "Khmeimim Air Base", first: 900000007},
		{name: "Tartus naval base", first: 900000008},
		{name: "Tartus", first: 163345},
		// Issue 17: the city, not its country's alternate name; landmarks,
		// regions and continents as cited rows; a county of its own.
		{name: "Tunis", first: 2464470},
		{name: "DPRK", first: 1873107},
		{name: "Mount Hermon", first: 900000011, lat: 33.416, lon: 35.858},
		{name: "Tishreen Dam", first: 900000009, lat: 36.381, lon: 38.183},
		{name: "Jebel Marra", first: 900000017},
		{name: "Rukban camp", first: 900000012},
		{name: "Europe", first: 6255148, lat: 48.69, lon: 9.14},
		{name: "European", first: 6255148, adjective: true},
		{name: "EU", first: 980000051},
		{name: "the European Union", first: 980000051},
		{name: "Arab", first: 980000050, adjective: true},
		{name: "Kurdish", first: 980000037, adjective: true},
		{name: "Darfur", first: 980000036},
		{name: "Pacific Ocean", first: 980000026, lat: 0, lon: -160},
		{name: "United States", first: 6252001, lat: 39.76, lon: -98.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := g.Lookup(tt.name)
			if len(cs) == 0 {
				t.Fatalf("Lookup(%q): no candidates", tt.name)
			}
			c := cs[0]
			if c.Place.ID != tt.first {
				t.Fatalf("Lookup(%q)[0] = %d %s (%s), want %d", tt.name, c.Place.ID, c.Place.Name, c.Place.CountryCode, tt.first)
			}
			if tt.lat != 0 && (math.Abs(c.Place.Lat-tt.lat) > 0.01 || math.Abs(c.Place.Lon-tt.lon) > 0.01) {
				t.Errorf("Lookup(%q)[0] at %.4f,%.4f, want %.3f,%.3f", tt.name, c.Place.Lat, c.Place.Lon, tt.lat, tt.lon)
			}
			if c.Adjectival != tt.adjective {
				t.Errorf("Lookup(%q)[0].Adjectival = %v, want %v", tt.name, c.Adjectival, tt.adjective)
			}
			for _, id := range tt.also {
				if i := indexOf(cs, id); i <= 0 {
					t.Errorf("Lookup(%q): %d at position %d, want a lower candidate", tt.name, id, i)
				}
			}
			for i, c := range cs {
				if c.Prior < 0 || c.Prior > 1 || math.IsNaN(c.Prior) {
					t.Errorf("candidate %d prior %v outside [0,1]", i, c.Prior)
				}
				if i > 0 && c.Prior > cs[i-1].Prior {
					t.Errorf("candidates not sorted: %d has %v > %v", i, c.Prior, cs[i-1].Prior)
				}
			}
		})
	}
}

// TestPalmyraNewYork checks the US namesake is a candidate (GeoNames has
// several Palmyras in New York; any will do).
// TestAdmin2 checks the second-level areas that Natural Earth maps (the
// counties of Britain and Ireland, the provinces of the Philippines...):
// found under their names, their names without the type word, and with it.
func TestAdmin2(t *testing.T) {
	g := loadT(t)
	tests := []struct {
		name     string
		id       int64
		cc       string
		lat, lon float64
	}{
		{"Suffolk", 2636561, "GB", 52.16, 1.06},
		{"County Donegal", 2964751, "IE", 54.89, -8.03},
		{"Donegal", 2964751, "IE", 54.89, -8.03},
		{"Kabale District", 443336, "UG", -1.23, 30.01},
		{"Kabale district", 443336, "UG", -1.23, 30.01},
	}
	for _, tt := range tests {
		i := indexOf(g.Lookup(tt.name), tt.id)
		if i < 0 {
			t.Errorf("Lookup(%q): no candidate %d", tt.name, tt.id)
			continue
		}
		p := g.Lookup(tt.name)[i].Place
		if p.FeatureCode != "ADM2" || p.CountryCode != tt.cc || math.Abs(p.Lat-tt.lat) > 0.05 || math.Abs(p.Lon-tt.lon) > 0.05 {
			t.Errorf("Lookup(%q)[%d] = %+v, want ADM2 in %s at %.2f,%.2f", tt.name, i, *p, tt.cc, tt.lat, tt.lon)
		}
		if p.Admin1 == "" || p.CountryName == "" {
			t.Errorf("Lookup(%q)[%d] = %+v: want its admin1 and country names", tt.name, i, *p)
		}
	}
}

func TestPalmyraNewYork(t *testing.T) {
	g := loadT(t)
	for _, c := range g.Lookup("Palmyra") {
		if c.Place.CountryCode == "US" && c.Place.Admin1 == "New York" {
			return
		}
	}
	t.Fatal("no Palmyra, New York among the candidates")
}

func TestPlaceFields(t *testing.T) {
	g := loadT(t)
	p, ok := g.ByID(170063)
	if !ok {
		t.Fatal("ByID(170063) not found")
	}
	want := Place{ID: 170063, Name: "Aleppo", ASCIIName: "Aleppo", Lat: 36.20124, Lon: 37.16117,
		Attrs: &Attrs{FeatureClass: "P", FeatureCode: "PPLA", CountryCode: "SY", CountryName: "Syria", Admin1: "Aleppo"}, Population: 2098210}
	if !reflect.DeepEqual(*p, want) {
		t.Errorf("ByID(170063) = %+v, want %+v", *p, want)
	}
	gov, ok := g.ByID(169387)
	if !ok || gov.FeatureCode != "ADM1" || gov.Admin1 != "Idlib" || gov.CountryName != "Syria" {
		t.Errorf("ByID(169387) = %+v, %v; want the Idlib governorate", gov, ok)
	}
	if _, ok := g.ByID(-1); ok {
		t.Error("ByID(-1) found a place")
	}
	if g.Len() < 200000 {
		t.Errorf("Len() = %d, want > 200000", g.Len())
	}
}

func TestCountry(t *testing.T) {
	g := loadT(t)
	tests := []struct {
		code string
		id   int64
		ok   bool
	}{
		{"SY", 163843, true}, {"sy", 163843, true}, {"RU", 2017370, true}, {"US", 6252001, true},
		{"FR", 3017382, true}, {"XX", 0, false}, {"", 0, false},
	}
	for _, tt := range tests {
		p, ok := g.Country(tt.code)
		if ok != tt.ok || (ok && p.ID != tt.id) {
			t.Errorf("Country(%q) = %v, %v; want id %d, %v", tt.code, p, ok, tt.id, tt.ok)
		}
	}
}

// TestBadInput: no candidates, no panic, for names that are not names.
func TestBadInput(t *testing.T) {
	g := loadT(t)
	for _, s := range []string{"", " ", "\t\n  ", strings.Repeat("Aleppo ", 1500), "\xff\xfe\xfd", "Ale\xffppo", "'-.-'", "nowhereville-upon-nothing"} {
		if cs := g.Lookup(s); cs != nil {
			t.Errorf("Lookup(%.20q) = %d candidates, want nil", s, len(cs))
		}
		if cs := g.Prefix(s, 5); len(s) > 600 && cs != nil {
			t.Errorf("Prefix(%.20q) = %d candidates, want nil", s, len(cs))
		}
	}
	if cs := g.LookupKey(""); cs != nil {
		t.Errorf("LookupKey(\"\") = %v, want nil", cs)
	}
}

// TestLookupKeyAllocs: the geoparser's hot path must not allocate.
func TestLookupKeyAllocs(t *testing.T) {
	g := loadT(t)
	k := Normalize("Aleppo")
	if n := testing.AllocsPerRun(1000, func() { g.LookupKey(k) }); n != 0 {
		t.Errorf("LookupKey allocates %v times per call", n)
	}
}

// TestLookupSliceIsolated: appending to a returned slice must not clobber
// the next key's candidates.
func TestLookupSliceIsolated(t *testing.T) {
	g := loadT(t)
	cs := g.Lookup("Idlib")
	before := g.Lookup("Idleb")[0].Place.ID
	_ = append(cs, Candidate{})
	for _, k := range []string{"idlib", "idlib governorate", "idlib province"} {
		for _, c := range g.LookupKey(k) {
			if c.Place == nil {
				t.Fatalf("key %q has a nil candidate after an append", k)
			}
		}
	}
	if after := g.Lookup("Idleb")[0].Place.ID; after != before {
		t.Errorf("Idleb changed from %d to %d", before, after)
	}
}

func TestLeadingThe(t *testing.T) {
	g := loadT(t)
	for _, tt := range []struct {
		name string
		id   int64
	}{{"the Syria", 163843}, {"The Hague", 2747373}, {"the United States", 6252001}} {
		cs := g.Lookup(tt.name)
		if len(cs) == 0 || cs[0].Place.ID != tt.id {
			t.Errorf("Lookup(%q) = %v, want %d first", tt.name, cs, tt.id)
		}
	}
}

// TestDoubled: a candidate says whether one of its names under the key
// doubles a letter the key writes once.
func TestDoubled(t *testing.T) {
	g := loadT(t)
	doubled := map[string]bool{}
	for _, c := range g.Lookup("Saada") {
		if c.Place.FeatureClass == "P" && (c.Place.CountryCode == "YE" || c.Place.CountryCode == "YT") {
			doubled[c.Place.CountryCode] = doubled[c.Place.CountryCode] || c.Doubled
		}
	}
	if !doubled["YE"] || doubled["YT"] {
		t.Errorf("Saada: doubled by country %v, want Sa'dah (YE) doubled and Mayotte's Sada (YT) not", doubled)
	}
}
