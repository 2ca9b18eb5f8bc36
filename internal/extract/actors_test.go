package extract

import (
	"slices"
	"testing"
)

func TestActors(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"The offensive, led by the jihadist group Hayat Tahrir al-Sham (HTS), marks a significant escalation.", []string{ActorRebels, ActorHTS}},
		{"Russian airstrikes have resumed, targeting opposition forces in Aleppo and Idlib.", []string{ActorRussia, ActorRebels}},
		{"Pentagon spokesperson Maj. Gen. Pat Ryder reiterated that the U.S. is not involved.", []string{ActorUnitedStates}},
		{"American helicopters were deployed to evacuate the wounded.", []string{ActorUnitedStates}},
		{"Assad's forces and Iranian militias pushed north.", []string{ActorSyrianGov, ActorIran}},
		{"The regime shelled the town.", []string{ActorSyrianGov}},
		{"The Syrian Democratic Forces (SDF) fought Islamic State cells near Hajin.", []string{ActorSDF, ActorISIS}},
		{"Daesh claimed the attack.", []string{ActorISIS}},
		{"Turkish forces and the Syrian National Army entered Afrin.", []string{ActorTurkey, ActorSNA}},
		{"Israeli jets struck Hezbollah positions.", []string{ActorIsrael, ActorHezbollah}},
		{"Protesters and residents gathered in the square.", []string{ActorProtesters, ActorCivilians}},
		{"Four civilians were killed.", []string{ActorCivilians}},
		{"The weather was mild in the valley.", []string{}},
		{"Thus is the way.", []string{}}, // "IS" only in capitals: no Islamic State
		{"US forces patrol the zone.", []string{ActorUnitedStates}},
		{"The bus was used by many.", []string{}}, // "us" in lower case is not the United States
	}
	for _, tc := range tests {
		if got := Actors(tc.sentence); !slices.Equal(got, tc.want) {
			t.Errorf("Actors(%q) = %q, want %q", tc.sentence, got, tc.want)
		}
	}
}
