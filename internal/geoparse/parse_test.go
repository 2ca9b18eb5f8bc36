package geoparse_test

import (
	"context"
	"strings"
	"testing"

	"geoevents/geo"
	"geoevents/internal/geoparse"
)

// want is one expected mention: its surface text, kind and a point it must
// resolve within 50 km of (or any country code, when lat and lon are 0).
type want struct {
	text     string
	kind     geoparse.Kind
	lat, lon float64
	country  string
}

func TestParse(t *testing.T) {
	lit, adj := geoparse.KindLiteral, geoparse.KindAdjectival
	tests := []struct {
		name   string
		text   string
		want   []want
		absent []string // surface texts that must not be mentions
	}{
		{"multi-word and article names",
			"A car bomb exploded in Deir ez-Zor, and shells fell on the Golan Heights.",
			[]want{{"Deir ez-Zor", lit, 35.336, 40.140, "SY"}, {"Golan Heights", lit, 33.0, 35.8, ""}}, nil},
		{"possessive and hyphenated article",
			"Aleppo's markets reopened; wounded soldiers were flown to the Et-Tanf base.",
			[]want{{"Aleppo", lit, 36.2, 37.16, "SY"}, {"Et-Tanf", lit, 33.506, 38.618, "SY"}}, nil},
		{"adjectival forms",
			"Russian airstrikes hit Syrian army positions near the Turkish border.",
			[]want{{"Russian", adj, 0, 0, "RU"}, {"Syrian", adj, 0, 0, "SY"}, {"Turkish", adj, 0, 0, "TR"}}, nil},
		{"a monument's dedicatee is not a place",
			"In Syria, militants blew up the Temple of Bel and the Tomb of Cyrus in Palmyra.",
			[]want{{"Syria", lit, 0, 0, "SY"}, {"Palmyra", lit, 34.56, 38.27, "SY"}}, []string{"Bel", "Cyrus"}},
		{"namesake with its state",
			"About sixty people gathered in Palmyra, New York, for a vigil.",
			[]want{{"Palmyra", lit, 43.06, -77.23, "US"}, {"New York", lit, 0, 0, "US"}}, nil},
		{"county of a country the text names",
			"Bird flu was confirmed on a farm in Suffolk, and the British government ordered a cull across England.",
			[]want{{"Suffolk", lit, 52.16, 1.06, "GB"}, {"England", lit, 0, 0, "GB"}}, nil},
		{"province with its type word",
			"Floods cut roads in Pangasinan province and on Palawan, Philippine officials said.",
			[]want{{"Palawan", lit, 9.03, 117.91, "PH"}}, nil},
		{"a list of states is not a place and its state",
			"Cases were confirmed in Washington, Pennsylvania and California.",
			[]want{{"Washington", lit, 47.5, -120.4, "US"}, {"Pennsylvania", lit, 40.86, -77.61, "US"}}, nil},
		{"pairs of city and country in a list",
			"Strikes hit Aleppo, Syria, and Mosul, Iraq.",
			[]want{{"Aleppo", lit, 36.2, 37.16, "SY"}, {"Mosul", lit, 36.34, 43.12, "IQ"}}, nil},
		{"a month's abbreviation is a date",
			"Soldiers burned homes in Malakal in Nov 2015 and again on 3 Dec.",
			[]want{{"Malakal", lit, 9.53, 31.66, "SS"}}, []string{"Nov", "Dec"}},
		{"weapons named after people are no places",
			"Youths threw Molotov cocktails at a police station in Alexandria and seized Kalashnikov rifles.",
			[]want{{"Alexandria", lit, 31.2, 29.92, "EG"}}, []string{"Molotov", "Kalashnikov"}},
		{"famous namesake without context",
			"Palmyra",
			[]want{{"Palmyra", lit, 34.56, 38.27, "SY"}}, nil},
		{"a doubled letter the text writes is kept: Yemen's Sa'dah, not Mayotte's Sada",
			"Saudi-led air strikes killed 12 people in Saada province; jets bombed Saada city again.",
			[]want{{"Saada", lit, 16.99, 44.04, "YE"}, {"Saada", lit, 16.94, 43.76, "YE"}}, nil},
		{"a doubled letter the text writes is kept: Iraq's Samarra, not Russia's Samara",
			"A car bomb exploded in Samarra on Friday.",
			[]want{{"Samarra", lit, 34.2, 43.89, "IQ"}}, nil},
		{"capitals are written letter for letter: a doubled letter in an acronym matches no single one",
			"The UTT organised a day of rage in central Tunis.",
			[]want{{"Tunis", lit, 36.82, 10.17, "TN"}}, []string{"UTT"}},
		{"a dateline in capitals keeps its doubled letter",
			"SAADA, Yemen (Reuters) - Air strikes hit the city.",
			[]want{{"SAADA", lit, 16.94, 43.76, "YE"}, {"Yemen", lit, 0, 0, "YE"}}, nil},
		{"a letter written once says nothing: Raqa is Raqqa, Samara is Russia's",
			"Raqa was shelled. Samara hosted the final.",
			[]want{{"Raqa", lit, 35.95, 39.01, "SY"}, {"Samara", lit, 53.2, 50.15, "RU"}}, nil},
		{"a spelling in the text's country beats an exact namesake in a country no other name points to",
			"Syrian regime forces shelled Busayra on Tuesday.",
			[]want{{"Syrian", adj, 0, 0, "SY"}, {"Busayra", lit, 35.16, 40.43, "SY"}}, nil},
		{"a Levantine head and a two-word skeleton are read by their spelling",
			"SDF fighters took Ein Issa. Regime forces shelled Ein Terma and Douma.",
			[]want{{"Ein Issa", lit, 36.39, 38.86, "SY"}, {"Ein Terma", lit, 33.51, 36.35, "SY"}, {"Douma", lit, 33.57, 36.4, "SY"}},
			[]string{"Ein", "Issa"}},
		{"a district in brackets' province, which rings the capital of its name",
			"Houthi forces and pro-Hadi forces clashed in Nihm (Sanaa).",
			[]want{{"Nihm", lit, 15.74, 44.54, "YE"}}, nil},
		{"a district named like its town, said to be the district",
			"Turkish forces shelled Jandairis and Sheikh Hadid in Afrin district (Aleppo).",
			[]want{{"Afrin", lit, 36.56, 36.79, "SY"}}, nil},
		{"namesake in Syria",
			"Government forces retook Palmyra from the Islamic State, officials in Damascus said.",
			[]want{{"Palmyra", lit, 34.56, 38.27, "SY"}, {"Damascus", lit, 33.51, 36.29, "SY"}}, nil},
		{"people are not places",
			"President Bashar al-Assad met Jordan Miles and Foreign Minister Assad al-Shibani. Ahmed Ash-Sharara spoke later.",
			nil, []string{"al-Assad", "Assad", "Jordan", "Jordan Miles", "al-Shibani", "Ash-Sharara", "Sharara"}},
		{"people of African and Ukrainian news are not places",
			"Supporters of Moses Katumbi gathered in Lubumbashi; Volodymyr Zelensky spoke later.",
			[]want{{"Lubumbashi", lit, -11.66, 27.48, "CD"}}, []string{"Katumbi", "Moses Katumbi", "Zelensky"}},
		{"an alternate name of a place far from every place the text names is something else",
			"Protests were held in Ismailia, Aswan and Luxor against handing the islands of Tiran and Sanafir to Saudi Arabia.",
			[]want{{"Ismailia", lit, 30.6, 32.27, "EG"}, {"Luxor", lit, 25.7, 32.64, "EG"}}, []string{"Tiran"}},
		{"an alternate name with one far place beside it stays",
			"Shelling hit Tiran overnight, officials in Cairo said.",
			[]want{{"Tiran", lit, 0, 0, ""}, {"Cairo", lit, 30.06, 31.25, "EG"}}, nil},
		{"media and organisations are not places",
			"Syria TV and the Al-Ikhbaria channel reported that Hayat Tahrir al-Sham entered Aleppo.",
			[]want{{"Aleppo", lit, 36.2, 37.16, "SY"}},
			[]string{"Syria", "Al-Ikhbaria", "Sham", "al-Sham"}},
		{"a party named after a word that is also a town is no place",
			"Gunmen assassinated a member of the Islah party in Aden city.",
			[]want{{"Aden", lit, 12.78, 45.04, "YE"}}, []string{"Islah"}},
		{"common words at sentence start",
			"Nice weather returned. Reading the report, officials said May was calm. Of the dead, four were children.",
			nil, []string{"Nice", "Reading", "May", "Of"}},
		{"surname alone after the full name",
			"Syrian President Bashar al-Assad fled. Assad's palace was looted.",
			[]want{{"Syrian", adj, 0, 0, "SY"}}, []string{"Assad"}},
		{"province cue",
			"Shelling continued across Idlib province, while the city of Homs was calm.",
			[]want{{"Idlib", lit, 35.8, 36.6, "SY"}, {"Homs", lit, 34.73, 36.72, "SY"}}, nil},
		{"country in a list",
			"The base lies near the borders of Syria, Iraq, and Jordan.",
			[]want{{"Syria", lit, 0, 0, "SY"}, {"Iraq", lit, 0, 0, "IQ"}, {"Jordan", lit, 0, 0, "JO"}}, nil},
		{"Arabic script and a place before said",
			"He set off for Aleppo (in Arabic, حلب). Traders in Ramadi and Rutba said prices fell.",
			[]want{{"Aleppo", lit, 36.2, 37.16, "SY"}, {"حلب", lit, 36.2, 37.16, "SY"}, {"Rutba", lit, 0, 0, "IQ"}}, nil},
		{"abbreviation defined in the text",
			"Horses in New South Wales (NSW) may not travel; the NSW ban lasts three days.",
			[]want{{"New South Wales", lit, 0, 0, "AU"}, {"NSW", lit, 0, 0, "AU"}, {"NSW", lit, 0, 0, "AU"}}, nil},
	}
	p := parser(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := p.Parse(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			checkMentions(t, tt.text, ms)
			used := make([]bool, len(ms))
			for _, w := range tt.want {
				found := false
				for i, m := range ms {
					if used[i] || m.Text != w.text {
						continue
					}
					used[i], found = true, true
					if m.Kind != w.kind {
						t.Errorf("%q kind %s, want %s", w.text, m.Kind, w.kind)
					}
					if w.country != "" && m.Place.CountryCode != w.country {
						t.Errorf("%q → %s (%s), want country %s", w.text, m.Place.Name, m.Place.CountryCode, w.country)
					}
					if w.lat != 0 || w.lon != 0 {
						if d := geo.DistanceKm(m.Place.Lon, m.Place.Lat, w.lon, w.lat); d > 50 {
							t.Errorf("%q → %s %.3f,%.3f is %.0f km from %.3f,%.3f", w.text, m.Place.Name, m.Place.Lat, m.Place.Lon, d, w.lat, w.lon)
						}
					}
					break
				}
				if !found {
					t.Errorf("no mention %q in %s", w.text, describe(ms))
				}
			}
			for _, a := range tt.absent {
				for _, m := range ms {
					if m.Text == a {
						t.Errorf("unwanted mention %q → %s (%s)", a, m.Place.Name, m.Place.CountryCode)
					}
				}
			}
		})
	}
}

func TestParseScoresAndAlternatives(t *testing.T) {
	ms, err := parser(t).Parse(context.Background(), "Fighting spread from Aleppo to Springfield.")
	if err != nil {
		t.Fatal(err)
	}
	var spring *geoparse.Mention
	for i := range ms {
		if ms[i].Text == "Springfield" {
			spring = &ms[i]
		}
	}
	if spring == nil {
		t.Fatalf("Springfield not found in %s", describe(ms))
	}
	if len(spring.Alternatives) == 0 {
		t.Error("Springfield, a name of many places, has no alternatives")
	}
	for _, a := range spring.Alternatives {
		if a.Place == spring.Place {
			t.Error("the chosen place is listed among its alternatives")
		}
	}
	if spring.Score >= 0.95 {
		t.Errorf("ambiguous Springfield scored %.2f, want < 0.95", spring.Score)
	}
}

func describe(ms []geoparse.Mention) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString("[" + m.Text + " → " + m.Place.Name + " " + m.Place.CountryCode + "] ")
	}
	return b.String()
}

// TestParseConcurrent parses texts from many goroutines at once and expects
// exactly the sequential results (run with -race to check the pooling).
func TestParseConcurrent(t *testing.T) {
	p := parser(t)
	texts := []string{
		"Shelling hit Aleppo and Idlib; Syria TV said Russian jets flew from Hmeimim.",
		"About sixty people gathered in Palmyra, New York, for a vigil.",
		"Storms hit Georgia, from Atlanta to Savannah.",
		"",
		"\xff\xfe Damascus",
	}
	want := make([][]geoparse.Mention, len(texts))
	for i, text := range texts {
		ms, err := p.Parse(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = ms
	}
	errs := make(chan string, 64)
	done := make(chan struct{})
	for g := 0; g < 8; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for r := 0; r < 20; r++ {
				i := (g + r) % len(texts)
				ms, err := p.Parse(context.Background(), texts[i])
				if err != nil || describe(ms) != describe(want[i]) {
					errs <- describe(ms) + " != " + describe(want[i])
					return
				}
			}
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
