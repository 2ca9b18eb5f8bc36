package geoparse

import (
	"context"
	"strings"
	"sync"
	"testing"

	"geoevents/gazetteer"
)

var testParser = sync.OnceValues(func() (*Parser, error) {
	g, err := gazetteer.Load()
	if err != nil {
		return nil, err
	}
	return New(g), nil
})

func internalParser(t *testing.T) *Parser {
	t.Helper()
	p, err := testParser()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// analyzed returns the spans of text after the whole analysis.
func analyzed(t *testing.T, p *Parser, text string) *scratch {
	t.Helper()
	sc := &scratch{}
	if _, err := p.analyze(context.Background(), text, sc); err != nil {
		t.Fatal(err)
	}
	return sc
}

func spanOf(t *testing.T, text string, sc *scratch, name string) *span {
	t.Helper()
	for i := range sc.spans {
		if s := &sc.spans[i]; text[s.start:s.end] == name {
			return s
		}
	}
	t.Fatalf("no span %q", name)
	return nil
}

// TestCueRules: each cue rule, alone, marks the span it speaks for.
func TestCueRules(t *testing.T) {
	p := internalParser(t)
	tests := []struct{ text, name, rule string }{
		{"Gunmen killed a displaced man in Nertiti on Friday.", "Nertiti", "a locative word"},
		{"SAF bomb Guldo. No casualties.", "Guldo", "a verb of striking"},
		{"Soldiers burned the village of Guldo.", "Guldo", "a place noun and of"},
		{"Guldo village was burned.", "Guldo", "a place noun after it"},
		{"Shots were fired at police in Wadajir District on Friday.", "Wadajir District", "a locative word"},
		{"Wadajir District Police Station was attacked.", "Wadajir District", "its name carries a place type"},
		{"Soldiers threw a truck off a cliff, West Wallaga officials said.", "Wallaga", "a direction word"},
		{"Two herders were shot 12 km SE of Guldo on Friday.", "Guldo", "a compass point and of"},
		{"Militants were repelled during a raid on Guldo overnight.", "Guldo", "a strike and on or against"},
		{"Troops foiled an attack against Guldo at dawn.", "Guldo", "a strike and on or against"},
		{"Gunmen robbed traders travelling from Kabkabiya to Guldo.", "Guldo", "to before it after from"},
		{"Youths marched through Guldo at night.", "Guldo", "a locative word"},
		{"Police sealed off the delegation of Guldo.", "Guldo", "a place noun and of"},
		{"Residents occupied the town hall of Guldo.", "Guldo", "an office of local government and of"},
		{"Residents gathered outside the offices of the wilaya of Guldo.", "Guldo", "an office of local government and of"},
		{"Guldo community leaders met the governor.", "Guldo", "a place noun after it"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			sc := analyzed(t, p, tt.text)
			s := spanOf(t, tt.text, sc, tt.name)
			d := &doc{lex: p.lex, classes: make([]wordClass, len(sc.toks)), text: tt.text, toks: sc.toks}
			fired := ""
			for _, r := range cueRules {
				if r.holds(p, d, s) {
					fired = r.name
					break
				}
			}
			if !strings.HasPrefix(fired, tt.rule) {
				t.Errorf("%q: first cue rule %q, want %q", tt.name, fired, tt.rule)
			}
		})
	}
	// A list carries a cue to its other items.
	sc := analyzed(t, p, "SAF attacked SLM/A-Nur in Guldo and Rokoro.")
	if s := spanOf(t, "SAF attacked SLM/A-Nur in Guldo and Rokoro.", sc, "Rokoro"); !s.cued {
		t.Error("Rokoro, listed after a cued Guldo, is not cued")
	}
}

// TestContextRules: a minor reading (a village from the dense data) with no
// cue stays only when the text vouches for it, by each context rule in turn;
// a reading by spelling key only by the stricter spellingRules.
func TestContextRules(t *testing.T) {
	p := internalParser(t)
	tests := []struct {
		name, text, span string
		kept             bool
	}{
		{"no cue, no context: dropped", "Mardikh was calm on Friday.", "Mardikh", false},
		{"its country is named", "Mardikh was calm on Friday, Syrian officials said.", "Mardikh", true},
		{"another place within 100 km", "Mardikh and Saraqib were calm on Friday.", "Mardikh", true},
		{"an armed group of its country", "Guldo was calm on Friday, SPLM-N said.", "Guldo", true},
		// Only a name a cue marks is tried by its spelling key at all.
		{"spelling: another place within 100 km", "Clashes erupted in Msheirfeh Qabliyeh near Palmyra.", "Msheirfeh Qabliyeh", true},
		{"spelling: its province is named", "Clashes erupted in Msheirfeh Qabliyeh, in Hama province.", "Msheirfeh Qabliyeh", true},
		{"spelling: its country named and a cue", "Clashes erupted in Msheirfeh Qabliyeh, Syria.", "Msheirfeh Qabliyeh", true},
		{"spelling: no cue, not tried", "Msheirfeh Qabliyeh was calm, Syrian officials said.", "Msheirfeh Qabliyeh", false},
		{"spelling: a text on no country of many romanisations, not tried", "Clashes erupted in Msheirfeh Qabliyeh.", "Msheirfeh Qabliyeh", false},
		{"spelling: a cued name under an Arabic head, a town, no other place", "Clashes broke out in Kafr Zeita on Monday.", "Kafr Zeita", true},
		{"spelling: under a head that is a title too", "Regime forces shelled Sheikh Meskin on Monday.", "Sheikh Meskin", true},
		{"spelling: under a title, its country named", "A soldier was killed in the town of Sheikh Zuweyid, Egypt.", "Sheikh Zuweyid", true},
		{"spelling: under a title, a place of the text far off", "RSF shelling of the Abu Shouk camp on the edge of El Fasher killed 6.", "Abu Shouk", false},
		{"spelling: under a title, no cue", "Sheikh Hasina met Sheikh Mohammed in Dubai.", "Sheikh Mohammed", false},
		{"spelling: its country named and a cue, but far from the text's places", "Hundreds marched in Bejaia on Sunday. Police stood by in the Amouri neighbourhood.", "Amouri", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := p.Parse(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, m := range ms {
				found = found || m.Text == tt.span
			}
			if found != tt.kept {
				t.Errorf("%q kept = %v, want %v", tt.span, found, tt.kept)
			}
		})
	}
}

// TestCueAgainstGeography: a cue does not vouch for a minor reading far
// from every place the text names for sure.
func TestCueAgainstGeography(t *testing.T) {
	p := internalParser(t)
	text := "The virus was found in the city of Kitaakita located in the Akita Prefecture of northern Japan."
	ms, err := p.Parse(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Text == "Kitaakita" && m.Place.CountryCode != "JP" {
			t.Errorf("Kitaakita → %s (%s), a village a world away from Akita", m.Place.Name, m.Place.CountryCode)
		}
	}
}

// TestArmedGroups: a group's name is no place, and it sets the text in
// its country.
func TestArmedGroups(t *testing.T) {
	p := internalParser(t)
	sc := analyzed(t, p, "Boko Haram fighters and the SDF clashed; Houthis fired rockets.")
	got := strings.Join(sc.groups, ",")
	for _, cc := range []string{"NG", "SY", "YE"} {
		if !strings.Contains(got, cc) {
			t.Errorf("groups %q lack %s", got, cc)
		}
	}
	for _, s := range sc.spans {
		if !s.drop {
			t.Errorf("span %q kept inside a group's name", "Boko Haram fighters and the SDF clashed; Houthis fired rockets."[s.start:s.end])
		}
	}
}

// TestCourses: a river named beside a place stands on its course there;
// alone it keeps its conventional point with a low score.
func TestCourses(t *testing.T) {
	p := internalParser(t)
	ms, err := p.Parse(context.Background(), "Farmers near Mosul say the Tigris has fallen.")
	if err != nil {
		t.Fatal(err)
	}
	var river *Mention
	for i := range ms {
		if ms[i].Text == "Tigris" {
			river = &ms[i]
		}
	}
	if river == nil {
		t.Fatal("no Tigris mention")
	}
	if d := distKm(river.Place, &gazetteer.Place{Lat: 36.34, Lon: 43.13}); d > 10 {
		t.Errorf("Tigris at %.3f,%.3f, %.0f km from Mosul", river.Place.Lat, river.Place.Lon, d)
	}
	if river.Place.CountryCode != "IQ" || river.Place.Admin1 != "Nineveh" {
		t.Errorf("Tigris at Mosul in %s/%s, want IQ/Nineveh", river.Place.CountryCode, river.Place.Admin1)
	}
	ms, err = p.Parse(context.Background(), "The Euphrates is the longest river of Western Asia.")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Text == "Euphrates" && m.Score > unplacedRiverScore {
			t.Errorf("unplaced Euphrates scored %.2f, want at most %.2f", m.Score, unplacedRiverScore)
		}
	}
}

// TestHomePeoples: a people of one country is no place and sets the text
// in its country; a people of several countries is no place and sets none.
func TestHomePeoples(t *testing.T) {
	p := internalParser(t)
	text := "Oromo farmers and Murle raiders clashed with Fulani herders."
	sc := analyzed(t, p, text)
	got := strings.Join(sc.groups, ",")
	if got != "ET,SS" {
		t.Errorf("groups %q, want ET,SS", got)
	}
	for _, s := range sc.spans {
		if !s.drop {
			t.Errorf("span %q kept: a people is no place", text[s.start:s.end])
		}
	}
}
