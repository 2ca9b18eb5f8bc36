package geoparse_test

import (
	"context"
	"testing"

	"geoevents/geo"
	"geoevents/internal/geoparse"
)

// ruleCase is one sentence a rule must read right: the mentions it must
// find (within km of a point, or in a country when the point is 0,0) and
// the words that must not be mentions.
type ruleCase struct {
	rule   string
	text   string
	want   []placeWant
	absent []string
}

type placeWant struct {
	text     string
	lat, lon float64
	km       float64 // 0: 50 km
	country  string
	admin1   string        // "" for any
	kind     geoparse.Kind // "" for any
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	p := parser(t)
	for _, tc := range cases {
		t.Run(tc.rule, func(t *testing.T) {
			ms, err := p.Parse(context.Background(), tc.text)
			if err != nil {
				t.Fatal(err)
			}
			checkMentions(t, tc.text, ms)
			for _, w := range tc.want {
				m := findMention(ms, w.text)
				if m == nil {
					t.Errorf("no mention %q in %s", w.text, describe(ms))
					continue
				}
				if w.country != "" && m.Place.CountryCode != w.country {
					t.Errorf("%q → %s (%s), want country %s", w.text, m.Place.Name, m.Place.CountryCode, w.country)
				}
				if w.admin1 != "" && m.Place.Admin1 != w.admin1 {
					t.Errorf("%q → %s in %s, want %s", w.text, m.Place.Name, m.Place.Admin1, w.admin1)
				}
				if w.kind != "" && m.Kind != w.kind {
					t.Errorf("%q kind %s, want %s", w.text, m.Kind, w.kind)
				}
				if w.lat != 0 || w.lon != 0 {
					limit := w.km
					if limit == 0 {
						limit = 50
					}
					if d := geo.DistanceKm(m.Place.Lon, m.Place.Lat, w.lon, w.lat); d > limit {
						t.Errorf("%q → %s (%s) %.4f,%.4f is %.1f km from %.4f,%.4f (limit %.0f km)",
							w.text, m.Place.Name, m.Place.CountryCode, m.Place.Lat, m.Place.Lon, d, w.lat, w.lon, limit)
					}
				}
			}
			for _, a := range tc.absent {
				if m := findMention(ms, a); m != nil {
					t.Errorf("unwanted mention %q → %s (%s)", a, m.Place.Name, m.Place.CountryCode)
				}
			}
		})
	}
}

func findMention(ms []geoparse.Mention, text string) *geoparse.Mention {
	for i := range ms {
		if ms[i].Text == text {
			return &ms[i]
		}
	}
	return nil
}

// TestNameRules: one sentence per rule of nameRules (precision.go), and the
// issue's named traps.
func TestNameRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"an adjective heading the name of a village the gazetteer lacks",
			"Clashes erupted in Arab Saeed village (Idleb); Syrian troops shelled it.",
			[]placeWant{{text: "Idleb", country: "SY"}, {text: "Syrian", country: "SY"}}, []string{"Arab"}},
		{"a generic head of Arabic names read alone before the name it heads",
			"An IED targeted a military vehicle in Wadi Hadramawt, killing 2 soldiers.",
			[]placeWant{{text: "Hadramawt", country: "YE"}}, []string{"Wadi"}},
		{"an acronym that names no country, province or world region",
			"CNN reported that the WHO team reached Goma.",
			[]placeWant{{text: "Goma", country: "CD"}}, []string{"CNN", "WHO"}},
		{"a state's abbreviation neither after a comma nor in a dateline",
			"Miss. Jones and Del. Smith spoke; the mayor of Sacramento, Calif., agreed.",
			[]placeWant{{text: "Calif.", lat: 36.75, lon: -119.59, km: 100}}, []string{"Miss.", "Del."}},
		{"a model designation joined to its number by a hyphen",
			"Rebels near Hama seized two AK-47 rifles and fired SA-7 missiles.",
			[]placeWant{{text: "Hama", country: "SY"}}, []string{"AK", "SA"}},
		{"a compass point in capitals before of or after a distance",
			"Gunmen killed two traders 40km NE of Goma; shells fell 3 km N of Bunia and SW of Beni.",
			[]placeWant{{text: "Goma", country: "CD"}, {text: "Bunia", country: "CD"}}, []string{"NE", "N", "SW"}},
		{"a US state's postal code right after the name of a place outside the US",
			"The Kismayo DC met elders in Kismayo on Monday.",
			[]placeWant{{text: "Kismayo", country: "SO"}}, []string{"DC"}},
		{"a US state's postal code after a comma stays a state",
			"Protesters marched in Omaha, NE and in Washington, DC.",
			[]placeWant{{text: "NE", country: "US", admin1: "Nebraska"}, {text: "DC", country: "US"}}, nil},
		{"a two-letter word that is not the place's own name",
			"Co and Al went home; the Kroger Co. store in Bo reopened.",
			nil, []string{"Co", "Al"}},
		{"a first name, common word or title that matches only an alternate name",
			"Morris, Julia and Sam met Lane on Friday.",
			nil, []string{"Morris", "Julia", "Sam", "Lane"}},
		{"a spelling-key guess beside another capitalised word",
			"The head doctor in Dogubayazit, Huseyin Avni Sahin, said the hospital in eastern Turkey was full.",
			[]placeWant{{text: "Turkey", country: "TR"}}, []string{"Avni"}},
		{"an armed group is no place",
			"Hamas fighters and Boko Haram members fled; al Shabaab attacked.",
			nil, []string{"Hamas", "Boko", "Haram", "Shabaab", "al Shabaab"}},
		{"a peacekeeping mission of one country sets the text there",
			"Gunmen attacked UNAMID peacekeepers in Kalma.",
			[]placeWant{{text: "Kalma", country: "SD"}}, []string{"UNAMID"}},
		{"an armed group's name is not read by its spelling either",
			"Clashes between HTS and Hurras al-Din in Aleppo.",
			[]placeWant{{text: "Aleppo", country: "SY"}}, []string{"Hurras"}},
		{"a possessive goes on into the next word of the name",
			"Teachers marched in King William's Town and Sir Lowry's Pass on Monday.",
			[]placeWant{{text: "King William's Town", country: "ZA"}, {text: "Sir Lowry's Pass", country: "ZA"}}, []string{"King William"}},
		{"DPRK is North Korea",
			"DPRK officials met in Beijing.",
			[]placeWant{{text: "DPRK", country: "KP"}}, nil},
		{"Tunis is the city",
			"Protesters gathered in Tunis on Friday.",
			[]placeWant{{text: "Tunis", lat: 36.82, lon: 10.17, km: 10}}, nil},
		{"a local area the gazetteer lacks lies in the area that holds it",
			"ALEPPO TOWNSHIP, Pa. — Supervisors voted on Monday to repair two bridges.",
			[]placeWant{{text: "ALEPPO TOWNSHIP", country: "US"}, {text: "Pa.", country: "US"}}, nil},
		{"a first name and a nasab is a person",
			"Regional adviser Hassan el Bushra said the outbreak in Egypt was spreading.",
			[]placeWant{{text: "Egypt", country: "EG"}}, []string{"Hassan", "Bushra"}},
	})
}

// TestNewsWording: datelines, the EU, continent and people adjectives,
// state abbreviations with their period, counties, and names inside longer
// names.
func TestNewsWording(t *testing.T) {
	adj := geoparse.KindAdjectival
	runRuleCases(t, []ruleCase{
		{"a dateline in capitals",
			"WASHINGTON — The Pentagon said on Monday that troops would stay.",
			[]placeWant{{text: "WASHINGTON", lat: 38.9, lon: -77.04, km: 30}}, nil},
		{"a dateline with its country and agency",
			"ALEPPO, Syria (AP) — Rebels entered the city on Friday.",
			[]placeWant{{text: "ALEPPO", lat: 36.2, lon: 37.16, km: 10}, {text: "Syria", country: "SY"}}, nil},
		{"the EU and the European Union",
			"The EU said the European Union would send aid.",
			[]placeWant{{text: "EU", lat: 50, lon: 12, km: 600}, {text: "European Union", lat: 50, lon: 12, km: 600}}, nil},
		{"continent and people adjectives",
			"European and African leaders met Arab and Kurdish officials.",
			[]placeWant{{text: "European", kind: adj, lat: 48.69, lon: 9.14, km: 10},
				{text: "African", kind: adj, lat: 7.19, lon: 21.09, km: 10},
				{text: "Arab", kind: adj}, {text: "Kurdish", kind: adj, lat: 36.2, lon: 44.3, km: 100}}, nil},
		{"state abbreviations with their period",
			"The senator from Charleston, W.Va., met officials in Sacramento, Calif., on Monday.",
			[]placeWant{{text: "W.Va.", lat: 38.6, lon: -80.7, km: 100}, {text: "Calif.", lat: 36.75, lon: -119.59, km: 100}}, nil},
		{"X County is the county",
			"Flooding closed roads across Scott County, Iowa, and Davenport schools shut.",
			[]placeWant{{text: "Scott County", lat: 41.6, lon: -90.6, km: 40}}, nil},
		{"a place inside a longer name that names the place",
			"Dublin City Council said the Washington Post had reported the closures.",
			[]placeWant{{text: "Dublin City", lat: 53.33, lon: -6.25, km: 10}}, []string{"Washington", "Washington Post"}},
	})
}

// TestIssueNames: each place name the issue lists resolves within 10 km of
// the right place in a sentence with a plausible context (the villages of
// Who's On First under the spelling the reports use, and the landmarks of
// the curated supplement).
func TestIssueNames(t *testing.T) {
	ten := func(text string, lat, lon float64) placeWant {
		return placeWant{text: text, lat: lat, lon: lon, km: 10}
	}
	runRuleCases(t, []ruleCase{
		{"Hazzeh", "Regime shelling hit Hazzeh in Eastern Ghouta, east of Damascus.", []placeWant{ten("Hazzeh", 33.52034, 36.36494)}, nil},
		{"Jarjnaz", "Rebels attacked Jarjnaz, east of Maarat al-Numan in Idlib province.", []placeWant{ten("Jarjnaz", 35.61823, 36.78281)}, nil},
		{"Mardikh", "Airstrikes hit Mardikh near Saraqib in Idlib.", []placeWant{ten("Mardikh", 35.81117, 36.79093)}, nil},
		{"Msheirfeh Qabliyeh", "Clashes erupted in Msheirfeh Qabliyeh in the eastern Homs countryside near Palmyra.",
			[]placeWant{ten("Msheirfeh Qabliyeh", 34.75885, 37.24511)}, nil},
		{"Kafr Zeita", "Shelling hit Kafr Zeita in the northern Hama countryside near Latamneh.", []placeWant{ten("Kafr Zeita", 35.37425, 36.6033)}, nil},
		{"Kafr Zeita alone", "Airstrikes hit Kafr Zeita on Monday.", []placeWant{ten("Kafr Zeita", 35.37425, 36.6033)}, []string{"Kafr", "Zeita"}},
		// "Idleb" is the city or the province, Syria either way: the text is
		// set there, and "Tamanah" is spelled as At Tamāni‘ah is, not the
		// Afghan village of that spelling.
		{"Tamanah", "Regime helicopters dropped barrel bombs on Tamanah in southern Idleb.", []placeWant{ten("Tamanah", 35.45846, 36.74816)}, nil},
		// A name found under no spelling is tried by its skeleton only where
		// something says it is a place: a strike and "on" before it.
		{"Habeet", "Regime helicopters dropped barrel bombs on Al-Habeet in southern Idleb.", []placeWant{ten("Al-Habeet", 35.4386, 36.5383)}, nil},
		// Spelled like a hundred places of the region: the one of the
		// text's country, beside Ghouta.
		{"Hamouriyeh", "The army regained control of Hamouriyeh in Eastern Ghouta, Rural Damascus.", []placeWant{ten("Hamouriyeh", 33.52777, 36.38582)}, nil},
		{"Sansal", "Clashes in Sansal, in the Tarmiyah district north of Baghdad.", []placeWant{ten("Sansal", 33.99729, 44.87904)}, nil},
		{"Makhul", "IS remnants attacked Makhul in Salahuddin near Baiji.", []placeWant{ten("Makhul", 35.17984, 43.2878)}, nil},
		{"Yakhtul", "Houthis shelled Yakhtul near Mocha in Taiz.", []placeWant{ten("Yakhtul", 13.44778, 43.26989)}, nil},
		{"Baqim", "Saudi-led airstrikes hit Baqim in Saada.", []placeWant{ten("Baqim", 17.31667, 43.53333)}, nil},
		{"Nati'", "Clashes in Nati' district of Al Bayda governorate, Yemen.", []placeWant{ten("Nati", 14.59236, 45.65401)}, nil},
		// Who's On First lists three namesakes in North Kordofan: the text
		// says no more than the province.
		{"Um Sumeima", "Militia attacked Um Sumeima in North Kordofan, Sudan.", []placeWant{{text: "Um Sumeima", country: "SD", admin1: "North Kordofan"}}, nil},
		{"Mount Hermon", "Israeli troops on Mount Hermon overlook Damascus.", []placeWant{ten("Mount Hermon", 33.41611, 35.8575)}, nil},
		{"Tishreen Dam", "SDF fighters hold the Tishreen Dam near Manbij.", []placeWant{ten("Tishreen Dam", 36.38139, 38.18333)}, nil},
		{"the Makhul mountains", "IS fighters hide in the Makhul mountains north of Baiji.", []placeWant{ten("Makhul", 35.17984, 43.2878)}, nil},
		{"Ghouta", "Government forces entered Eastern Ghouta, east of Damascus.", []placeWant{ten("Eastern Ghouta", 33.5, 36.42083)}, nil},
		{"Rukban camp", "Aid reached Rukban camp near al-Tanf.", []placeWant{ten("Rukban", 33.310861, 38.668472)}, nil},
		{"Bab al-Hawa crossing", "Trucks crossed at the Bab al-Hawa crossing into Idlib.", []placeWant{ten("Bab al-Hawa", 36.230639, 36.692639)}, nil},
		{"Hmeimim", "Russian jets flew from Hmeimim near Latakia.", []placeWant{ten("Hmeimim", 35.41167, 35.945)}, nil},
		{"Kuweires airbase", "Regime forces reinforced Kuweires airbase east of Aleppo.", []placeWant{ten("Kuweires", 36.18694, 37.58306)}, nil},
		{"the Euphrates, where the sentence puts it", "Fishermen near Deir ez-Zor say the Euphrates has fallen.", []placeWant{ten("Euphrates", 35.336, 40.14)}, nil},
		{"Kiev, Kharkov, Odessa", "Shelling hit Kiev and Kharkov; Odessa was calm.",
			[]placeWant{ten("Kiev", 50.45466, 30.5238), ten("Kharkov", 49.98081, 36.25272), ten("Odessa", 46.48572, 30.74383)}, nil},
		{"Kyiv, Kharkiv, Odesa", "Shelling hit Kyiv and Kharkiv; Odesa was calm.",
			[]placeWant{ten("Kyiv", 50.45466, 30.5238), ten("Kharkiv", 49.98081, 36.25272), ten("Odesa", 46.48572, 30.74383)}, nil},
	})
}

// TestPeoplesNoPlaces: peoples named as parties are no villages, and one
// that lives in one country sets the text there.
func TestPeoplesNoPlaces(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"peoples of several countries", "Fulani herders and Hausa traders fought near the market.",
			nil, []string{"Fulani", "Hausa"}},
		{"a people of one country sets the country of a town", "Oromo students marched through Ambo on Sunday.",
			[]placeWant{{text: "Ambo", country: "ET"}}, []string{"Oromo"}},
		{"a people's name inside a place's is the place's", "Gunmen attacked a boat in Southern Ijaw Local Government Area.",
			[]placeWant{{text: "Southern Ijaw Local Government Area", country: "NG"}}, nil},
	})
}

// TestSeatTown: a district named like its seat, or a province named like
// its capital, is read as the town unless the district or province is said.
func TestSeatTown(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"the town", "Al Shabaab fighters shelled a police post in Baardheere on Monday.",
			[]placeWant{{text: "Baardheere", lat: 2.34, lon: 42.28, km: 15}}, nil},
		{"the district said after it", "Al Shabaab fighters took two villages in Baardheere district on Monday.",
			[]placeWant{{text: "Baardheere", lat: 2.10, lon: 41.71, km: 15}}, nil},
		{"the district in its name", "Clan militias clashed in Baardheere District on Monday.",
			[]placeWant{{text: "Baardheere District", lat: 2.10, lon: 41.71, km: 15}}, nil},
		{"a province named like its capital", "Teachers went on strike in Batna on Sunday.",
			[]placeWant{{text: "Batna", lat: 35.56, lon: 6.17, km: 10}}, nil},
		{"the province said", "Teachers went on strike across Batna province on Sunday.",
			[]placeWant{{text: "Batna", lat: 35.59, lon: 5.78, km: 10}}, nil},
	})
}

// TestSmallSeat: an admin seat of a few hundred people gets no standing
// over a town of tens of thousands beyond what its prior gives it: the
// prior already weighs its feature.
func TestSmallSeat(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"a town, not a hamlet that is a seat abroad", "Residents blocked the main road in Tolga on Monday.",
			[]placeWant{{text: "Tolga", country: "DZ"}}, nil},
	})
}

// TestDwarfedVillage: a village of Who's On First that bears a name as its
// own does not win over the town everyone calls by that name.
func TestDwarfedVillage(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"the town of 99,900 known as Ambo, not the hamlet named Ambo", "Hundreds of students protested in Ambo in Oromia on Monday.",
			[]placeWant{{text: "Ambo", country: "ET", lat: 8.98, lon: 37.85, km: 10}}, nil},
	})
}

// TestPlaceInBrackets: a place in brackets after a name says where the
// name lies ("X neighbourhood (Town)", "Village (Province)"): a namesake
// there wins, and a part of a town the gazetteer does not list stands at
// the town rather than at a namesake far away.
func TestPlaceInBrackets(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"an unlisted neighbourhood stands at its town, not at a village 150 km away",
			"A soldier shot and killed a civilian man in Horseed neighbourhood (Jowhar) on Sunday.",
			[]placeWant{{text: "Horseed", lat: 2.78, lon: 45.50, km: 10}}, nil},
		{"an unlisted neighbourhood stands at its town, not at a town of another country",
			"Attackers hurled a hand grenade at soldiers in Wajir neighbourhood (Marka) on Sunday.",
			[]placeWant{{text: "Wajir", country: "SO", lat: 1.72, lon: 44.77, km: 10}}, nil},
		{"the namesake in the province in brackets", "Regime forces shelled Abu Faraj (Hama) on Monday.",
			[]placeWant{{text: "Abu Faraj", lat: 35.31, lon: 36.36, km: 5}}, nil},
		{"the namesake near the town in brackets", "Regime forces shelled Ad Dayr (Suwayda) on Monday.",
			[]placeWant{{text: "Ad Dayr", lat: 32.44, lon: 36.50, km: 5}}, nil},
		{"an unlisted village stands in its province's town, not in another country",
			"Regime forces shelled Taybah (Daraa) on Monday.",
			[]placeWant{{text: "Taybah", country: "SY"}}, nil},
		{"a town said to lie in a district the gazetteer's namesakes do not", "Massive rally in Karat town in Konso to protest on 13 March.",
			[]placeWant{{text: "Karat", country: "ET", lat: 5.25, lon: 37.48, km: 10}}, nil},
		{"an area of a territory", "Two militiamen were killed during an ambush in the Ntuku area of Shabunda territory.",
			[]placeWant{{text: "Ntuku", country: "CD", lat: -2.69, lon: 27.35, km: 10}}, nil},
		{"a city before 'suburb of' is no part of the suburb", "Fierce clashes were reported in the south Tripoli suburb of Qasr Ben Gashir.",
			[]placeWant{{text: "Tripoli", country: "LY", lat: 32.89, lon: 13.19, km: 10}}, nil},
		{"an alias in brackets is the same place",
			"Kurdish fighters clashed with IS in Kobani (Ayn al-Arab) on Monday.",
			[]placeWant{{text: "Kobani", lat: 36.89, lon: 38.35, km: 10}, {text: "Ayn al-Arab", lat: 36.89, lon: 38.35, km: 10}}, nil},
		{"a town in brackets after its province keeps the province",
			"Fighting spread across Hiraan (Beledweyne) on Monday.",
			[]placeWant{{text: "Hiraan", country: "SO", kind: ""}}, nil},
	})
}

// TestCommonWordWithPlaceType: a capitalised common word ("Hays") stays a
// place when the kind of place is said with it.
func TestCommonWordWithPlaceType(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"a district named after it", "A landmine planted by Houthi forces exploded in Hays district, killing a child.",
			[]placeWant{{text: "Hays", country: "YE"}}, nil},
		{"the town of", "Houthi forces shelled the town of Hays on Monday.",
			[]placeWant{{text: "Hays", country: "YE"}}, nil},
	})
}

// TestGroupsSetTheCountry: an armed group of one country sets a text
// there, and its name is no place.
func TestGroupsSetTheCountry(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"ADF", "Suspected ADF rebels killed at least 17 civilians on the edge of Beni.",
			[]placeWant{{text: "Beni", country: "CD"}}, nil},
		{"Fano", "Fighters of the Fano militia took control of Lalibela after government troops withdrew.",
			[]placeWant{{text: "Lalibela", country: "ET"}}, []string{"Fano"}},
	})
}
