package extract

import (
	"slices"
	"testing"

	"geoevents/gazetteer"
	"geoevents/internal/event"
)

// TestActors checks ACLED-style names, the event's country filled in,
// actor 1 first (the agent of a passive leads), sources and generic words
// after a named group left out.
func TestActors(t *testing.T) {
	tests := []struct {
		sentence, country string
		want              []string
	}{
		{"HTS fighters have taken control of Aleppo from the Syrian army.", "Syria", []string{"Hayat Tahrir al-Sham", "Military Forces of Syria"}},
		{"Russian airstrikes hit opposition forces in Idlib.", "Syria", []string{"Military Forces of Russia", "Rebel Forces (Syria)"}},
		{"Suspected Boko Haram militants raided Konduga, police said.", "Nigeria", []string{"Boko Haram"}},
		{"A teacher was shot dead by gunmen in Daraa.", "Syria", []string{"Unidentified Armed Group (Syria)"}},
		{"Protesters clashed with police in Tunis.", "Tunisia", []string{"Protesters (Tunisia)", "Police Forces of Tunisia"}},
		{"FARDC soldiers repelled an ADF attack.", "Democratic Republic of the Congo", []string{"Military Forces of Democratic Republic of Congo", "ADF: Allied Democratic Forces"}},
		{"US forces and the SDF raided an Islamic State cell.", "Syria", []string{"Military Forces of the United States", "Syrian Democratic Forces", "Islamic State"}},
		{"Troops of the Syrian National Army shelled Manbij.", "Syria", []string{"Syrian National Army"}},
		{"Houthi drones struck a tanker.", "Yemen", []string{"Houthis (Ansar Allah)"}},
		{"Islamic State militants attacked a Hashd al-Shaabi checkpoint, killing 3 PMF fighters.", "Iraq", []string{"Islamic State", "Popular Mobilization Forces"}},
		{"Al Shabaab fighters attacked SNG forces at dawn.", "Somalia", []string{"Al Shabaab", "Military Forces of Somalia"}},
		{"Military forces repelled a Boko Haram attack.", "Nigeria", []string{"Military Forces of Nigeria", "Boko Haram"}},
		{"Saudi-led coalition airstrikes hit a market in Saada.", "Yemen", []string{"Military Forces of Saudi Arabia"}},
		{"Coalition airstrikes targeted Houthi positions near Sirwah.", "Yemen", []string{"Military Forces of Saudi Arabia", "Houthis (Ansar Allah)"}},
		{"Pro-Hadi forces shelled Houthi positions in Kitaf.", "Yemen", []string{"Military Forces of Yemen", "Houthis (Ansar Allah)"}},
		{"Coalition airstrikes hit an Islamic State cell near Hajin.", "Syria", []string{"Military Forces of the United States", "Islamic State"}},
		{"Saudi border guards shot dead a migrant near Al Raqw.", "Yemen", []string{"Military Forces of Saudi Arabia"}},
		{"Regime helicopters dropped barrel bombs on Habeet.", "Syria", []string{"Military Forces of Syria"}},
		{"Israeli settlers attacked Palestinian farmers near Burin.", "Palestinian Territory", []string{"Settlers (Israel)", "Civilians (Palestine)"}},
		{"Soldiers opened fire on demonstrators.", "", []string{"Military Forces of Unknown country", "Protesters (Unknown country)"}},
	}
	for _, tc := range tests {
		if got := Actors(tc.sentence, tc.country); !slices.Equal(got, tc.want) {
			t.Errorf("Actors(%q) = %q, want %q", tc.sentence, got, tc.want)
		}
	}
	for _, r := range actorRules {
		if r.re.prefilter().stems == nil {
			t.Errorf("actor rule %s has no prefilter", r.name)
		}
	}
}

// TestStateAdjectiveActors: a country's adjective makes its state an actor
// only before a state's armed or governing body ("Syrian warplanes"), not
// before any noun ("the Syrian Medical Association").
func TestStateAdjectiveActors(t *testing.T) {
	for _, tc := range []struct {
		text     string
		military bool
	}{
		{"Syrian warplanes bombed Aleppo on Friday.", true},
		{"Members of the Syrian Medical Association protested in Aleppo on Friday.", false},
		{"Syrian refugees protested in Aleppo on Friday.", false},
	} {
		evs := Build(event.Article{ID: "a", Text: tc.text, Published: nov8}, parse(t, tc.text, map[string]*gazetteer.Place{"Syrian": syria, "Aleppo": aleppo}))
		if len(evs) == 0 || evs[0].Type == event.TypeMention {
			t.Fatalf("%q: no event (%v)", tc.text, summary(evs))
		}
		if got := slices.Contains(evs[0].Actors, "Military Forces of Syria"); got != tc.military {
			t.Errorf("%q: actors %q, want Military Forces of Syria: %v", tc.text, evs[0].Actors, tc.military)
		}
	}
}
