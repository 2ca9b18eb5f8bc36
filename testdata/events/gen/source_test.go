package main

import (
	"errors"
	"strings"
	"testing"
)

const sample = `# comment
@ 001 2024-03-12 notes | several-places fat-sum
On 12 March, shells hit Kafr Nabl and Hish,
killing 2 people in Kafr Nabl.
> shelling gn:1 loc="Kafr Nabl" fat=2 a1="Military Forces of Syria" a2="Civilians (Syria)"
> shelling gn:2 loc=Hish a1="Military Forces of Syria" date=2024-03-11 tp=2 gp=2

@ n01 2024-03-13 wire | negative ctx-talks | Some Agency
Talks in Geneva ended. Nobody was hurt. Officials met again on Friday.
> none country="Burkina Faso"
`

func testPlaces() *places {
	return &places{byRef: map[string]place{
		"gn:1": {name: "Kafranbel", lat: 35.6, lon: 36.5, admin1: "Idlib", country: "Syria"},
		"gn:2": {name: "Hish", lat: 35.5, lon: 36.6, country: "Syria"},
	}}
}

func TestParseSource(t *testing.T) {
	ps, err := parseSource(sample)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 {
		t.Fatalf("%d paragraphs, want 2", len(ps))
	}
	p := ps[0]
	if p.text != "On 12 March, shells hit Kafr Nabl and Hish, killing 2 people in Kafr Nabl." || len(p.events) != 2 || p.source != defaultSource {
		t.Errorf("paragraph 1 = %+v", p)
	}
	e := p.events[1]
	if e.loc != "Hish" || e.eventDate != "2024-03-11" || e.timePrec != 2 || e.geoPrec != 2 || e.fatalities != 0 {
		t.Errorf("second event = %+v", e)
	}
	if n := ps[1]; !n.negative || n.country != "Burkina Faso" || n.source != "Some Agency" {
		t.Errorf("negative = %+v", n)
	}
	gold, negs, err := buildRows(ps, testPlaces())
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 2 || len(negs) != 1 || gold[0].ID != "ge-001-1" || *gold[0].Admin1 != "Idlib" || gold[1].Admin1 != nil ||
		gold[1].EventDate != "2024-03-11" || negs[0].Lat != nil || negs[0].EventType != nil {
		t.Errorf("rows %+v / %+v", gold, negs)
	}
	out, err := encode(gold)
	if err != nil || !strings.HasPrefix(string(out), `{"id":"ge-001-1","text":"On 12 March`) || !strings.Contains(string(out), `"event_type":"Remote violence"`) {
		t.Errorf("encoded %s, %v", out, err)
	}
}

func TestParseSourceErrors(t *testing.T) {
	head := "@ 001 2024-03-12 notes | fat-sum\n"
	tests := []struct{ name, src string }{
		{"text before header", "Some text\n"},
		{"no text", head + "> shelling gn:1 loc=X a1=Y\n"},
		{"no events", head + "Some text.\n\n" + head + "More.\n> none country=Syria\n"},
		{"text after events", head + "Text.\n> shelling gn:1 loc=X a1=Y\nMore text.\n"},
		{"unknown field", head + "Text.\n> shelling gn:1 where=X\n"},
		{"unclosed quote", head + "Text.\n> shelling gn:1 loc=\"X\n"},
		{"bad number", head + "Text.\n> shelling gn:1 fat=many\n"},
		{"none without country", head + "Text.\n> none\n"},
		{"event after none", head + "Text.\n> none country=Syria\n> shelling gn:1\n"},
		{"bad header", "@ 001 2024-03-12\nText.\n"},
	}
	for _, tt := range tests {
		if _, err := parseSource(tt.src); !errors.Is(err, errSyntax) {
			t.Errorf("%s: err = %v, want a syntax error", tt.name, err)
		}
	}
}

// TestBuildRowsChecks: every rule a paragraph or event must follow.
func TestBuildRowsChecks(t *testing.T) {
	ev := `> shelling gn:1 loc="Kafr Nabl" a1="Military Forces of Syria"`
	para := func(header, text, events string) string { return "@ " + header + "\n" + text + "\n" + events + "\n" }
	ok := "On 12 March, shells hit Kafr Nabl."
	tests := []struct{ name, src, want string }{
		{"bad id", para("1 2024-03-12 notes | fat-sum", ok, ev), "not a new NNN"},
		{"negative id without none", para("n01 2024-03-12 notes | negative", ok, ev), "negative texts"},
		{"date out of range", para("001 2013-12-31 notes | fat-sum", ok, ev), "not a day of 2014-2026"},
		{"notes too long", para("001 2024-03-12 notes | fat-sum", "One. Two. Three.", ev), "want 1-2"},
		{"wire too short", para("001 2024-03-12 wire | fat-sum", ok, ev), "want 3-7"},
		{"unknown trap", para("001 2024-03-12 notes | fat-maybe", ok, ev), "unknown trap"},
		{"negative trap on event", para("001 2024-03-12 notes | negative", ok, ev), `trap "negative"`},
		{"unknown kind", para("001 2024-03-12 notes | fat-sum", ok, `> bombing gn:1 loc="Kafr Nabl" a1=X`), "unknown event kind"},
		{"unknown ref", para("001 2024-03-12 notes | fat-sum", ok, `> shelling gn:9 loc="Kafr Nabl" a1=X`), "unknown place reference"},
		{"loc not in text", para("001 2024-03-12 notes | fat-sum", ok, `> shelling gn:1 loc="Kafranbel" a1=X`), "not spelled in the text"},
		{"unnamed but named", para("001 2024-03-12 notes | fat-sum", ok, `> shelling gn:1 loc="Kafr Nabl" unnamed a1=X`), "marked unnamed"},
		{"geo precision", para("001 2024-03-12 notes | fat-sum", ok, `> shelling gn:1 loc="Kafr Nabl" gp=4 a1=X`), "gp=4"},
		{"time precision", para("001 2024-03-12 notes | fat-sum", ok, `> shelling gn:1 loc="Kafr Nabl" tp=0 a1=X`), "tp=0"},
		{"no actor", para("001 2024-03-12 notes | fat-sum", ok, `> shelling gn:1 loc="Kafr Nabl"`), "no a1="},
		{"event after publication", para("001 2024-03-12 notes | fat-sum", ok, `> shelling gn:1 loc="Kafr Nabl" date=2024-03-13 a1=X`), "within two months"},
		{"event date is publication date", para("001 2024-03-12 notes | fat-sum", ok, `> shelling gn:1 loc="Kafr Nabl" date=2024-03-12 a1=X`), "leave it out"},
		{"duplicate text", para("001 2024-03-12 notes | fat-sum", ok, ev) + para("002 2024-03-12 notes | fat-sum", ok, ev), "same text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := parseSource(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = buildRows(ps, testPlaces())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"On 12 March, shells hit Kafr Nabl.", 1},
		{"The U.S.-backed force advanced. It took the dam.", 2},
		{`"We sleep in the basement now," said a teacher. Shells fell again.`, 2},
		{"One. Two? Three! Four.", 4},
	}
	for _, tt := range tests {
		if got := sentences(tt.text); got != tt.want {
			t.Errorf("sentences(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestKindsAreScorerLabels(t *testing.T) {
	pre := map[string]bool{"Battle-No change of territory": true, "Battle-Government regains territory": true,
		"Battle-Non-state actor overtakes territory": true, "Remote violence": true, "Riots/Protests": true,
		"Violence against civilians": true, "Strategic development": true, "Non-violent transfer of territory": true,
		"Headquarters or base established": true}
	for alias, k := range kinds {
		if !pre[k.pre2019] || k.type2019 == "" || k.sub2019 == "" {
			t.Errorf("kind %s = %+v", alias, k)
		}
	}
}
