package evaluate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"geoevents/internal/event"
)

// A base point and points north of it: 0.1° of latitude is 11.1 km.
const baseLat, baseLon = 36.0, 37.0

func north(deg float64) (float64, float64) { return baseLat + deg, baseLon }

// gold is one gold row; zero fields are written as the scorer's files
// have them (fatalities 0, location given).
type gold struct {
	text, date, typ string
	lat, lon        float64
	fat             int
	loc             *string
	eventDate       string
	country         string
	actor1          string
}

func (g gold) json() map[string]any {
	m := map[string]any{"id": "x", "text": g.text, "date": cmpOr(g.date, "2024-03-12"), "event_type": g.typ,
		"lat": g.lat, "lon": g.lon, "fatalities": g.fat, "country": cmpOr(g.country, "Syria"), "location": nil}
	if g.loc != nil {
		m["location"] = *g.loc
	}
	if g.eventDate != "" {
		m["event_date"] = g.eventDate
	}
	if g.actor1 != "" {
		m["actor1"] = g.actor1
	}
	if g.typ == "" {
		m["event_type"] = "Battle-No change of territory"
	}
	return m
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func jsonl(t *testing.T, rows ...map[string]any) string {
	t.Helper()
	var b strings.Builder
	for _, r := range rows {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func goldRows(t *testing.T, gs ...gold) string {
	t.Helper()
	rows := make([]map[string]any, len(gs))
	for i, g := range gs {
		rows[i] = g.json()
	}
	return jsonl(t, rows...)
}

// pred is one extracted event; id defaults to its position.
type pred struct {
	typ      string
	lat, lon float64
	fat      int
	start    int
	date     string // "" undated, else YYYY-MM-DD
	id       string
	actors   []string
}

// byText answers extraction from a table keyed by article text and
// counts the calls.
func byText(t *testing.T, table map[string][]pred, calls *atomic.Int32) ExtractFunc {
	t.Helper()
	return func(_ context.Context, a event.Article) ([]event.Event, error) {
		if calls != nil {
			calls.Add(1)
		}
		var out []event.Event
		for i, p := range table[a.Text] {
			e := event.Event{ID: cmpOr(p.id, fmt.Sprint(i)), Type: cmpOr(p.typ, "Battles"), Lat: p.lat, Lon: p.lon,
				Fatalities: p.fat, MentionStart: p.start, Actors: p.actors}
			if p.date != "" {
				d, err := time.Parse(time.DateOnly, p.date)
				if err != nil {
					t.Fatal(err)
				}
				e.Date = d
			}
			out = append(out, e)
		}
		return out, nil
	}
}

func score(t *testing.T, goldFile string, table map[string][]pred, opts EventsOptions) EventsReport {
	t.Helper()
	rep, err := ScoreEvents(context.Background(), strings.NewReader(goldFile), byText(t, table, nil), opts)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func ptrS(s string) *string { return &s }

// TestEventFigures checks each figure's definition on tiny inputs.
func TestEventFigures(t *testing.T) {
	la, lo := north(0)
	near, _ := north(0.1) // 11 km
	mid, _ := north(1)    // 111 km
	far, _ := north(2)    // 222 km
	tests := []struct {
		name  string
		gold  []gold
		preds map[string][]pred
		want  map[string]float64
	}{
		{"detect: a Mention is not a typed event",
			[]gold{{text: "A", lat: la, lon: lo}, {text: "B", lat: la, lon: lo}},
			map[string][]pred{"A": {{lat: la, lon: lo}}, "B": {{typ: "Mention", lat: la, lon: lo}}},
			map[string]float64{"texts": 2, "detect": 0.5, "typed_events": 1, "mention_events": 0, "extracted_mentions": 1, "events_per_text": 0.5, "gold_per_text": 1}},
		{"recall within 25 and 161 km",
			[]gold{{text: "A", lat: la, lon: lo}, {text: "B", lat: la, lon: lo}, {text: "C", lat: la, lon: lo}},
			map[string][]pred{"A": {{lat: near, lon: lo}}, "B": {{lat: mid, lon: lo}}, "C": {{lat: far, lon: lo}}},
			map[string]float64{"loc_recall25": 0.333, "loc_recall161": 0.667, "loc_precision25": 0.333, "loc_precision161": 0.667}},
		{"recall: events of another text do not count",
			[]gold{{text: "A", lat: la, lon: lo}, {text: "B", lat: far, lon: lo}},
			map[string][]pred{"A": {{lat: far, lon: lo}}, "B": {{lat: la, lon: lo}}},
			map[string]float64{"loc_recall161": 0, "loc_precision161": 0}},
		{"mentions are not exported: only the geoparser's reach counts them",
			[]gold{{text: "A", lat: la, lon: lo}, {text: "A", lat: far, lon: lo}},
			map[string][]pred{"A": {{typ: "Mention", lat: near, lon: lo}, {lat: mid, lon: lo}}},
			map[string]float64{"any_place_within25": 0, "geoparser_reach25": 0.5, "loc_recall25": 0, "loc_recall161": 1, "gold_per_text": 2}},
		{"precision: a typed event counts once, against its nearest gold event",
			[]gold{{text: "A", lat: la, lon: lo}, {text: "A", lat: far, lon: lo}},
			map[string][]pred{"A": {{lat: near, lon: lo}, {lat: near, lon: lo, id: "b"}, {lat: mid, lon: lo, id: "c"}}},
			map[string]float64{"loc_precision25": 0.667, "loc_precision161": 1, "events_per_text": 3}},
		{"named: folded location in text; null location counts as named",
			[]gold{
				{text: "Shelling hit Maarrat al Numan.", loc: ptrS("Ma‘arrat al-Nu‘man"), lat: la, lon: lo},
				{text: "Shelling hit the town.", loc: ptrS("Kafr Nabl"), lat: la, lon: lo},
				{text: "Clashes somewhere.", lat: far, lon: lo},
			},
			map[string][]pred{"Shelling hit Maarrat al Numan.": {{lat: near, lon: lo}}, "Shelling hit the town.": {{lat: near, lon: lo}}},
			map[string]float64{"named_share": 0.667, "loc_recall25_named": 0.5, "loc_recall25": 0.667}},
		{"type: the first typed event by mention_start, against gold within 161 km",
			[]gold{{text: "A", typ: "Remote violence", lat: la, lon: lo}, {text: "A", typ: "Riots/Protests", lat: far, lon: lo}},
			map[string][]pred{"A": {{typ: "Riots", lat: far, lon: lo, start: 50}, {typ: "Explosions/Remote violence", lat: near, lon: lo, start: 10, id: "b"}, {typ: "Mention", lat: far, lon: lo, start: 1, id: "c"}}},
			map[string]float64{"type_acc": 1, "type_n": 1}},
		{"type: Riots/Protests accepts Riots and Protests, not Battles",
			[]gold{{text: "A", typ: "Riots/Protests", lat: la, lon: lo}, {text: "B", typ: "Riots/Protests", lat: la, lon: lo}, {text: "C", typ: "Riots/Protests", lat: la, lon: lo}},
			map[string][]pred{"A": {{typ: "Riots", lat: la, lon: lo}}, "B": {{typ: "Protests", lat: la, lon: lo}}, "C": {{typ: "Battles", lat: la, lon: lo}}},
			map[string]float64{"type_acc": 0.667, "type_n": 3}},
		{"type: a first event far from every gold event is not scored",
			[]gold{{text: "A", typ: "Remote violence", lat: la, lon: lo}},
			map[string][]pred{"A": {{typ: "Battles", lat: far, lon: lo, start: 1}, {typ: "Explosions/Remote violence", lat: la, lon: lo, start: 9, id: "b"}}},
			map[string]float64{"type_acc": 0, "type_n": 0}},
		{"type: any gold event within 161 km may agree",
			[]gold{{text: "A", typ: "Violence against civilians", lat: la, lon: lo}, {text: "A", typ: "Strategic development", lat: mid, lon: lo}},
			map[string][]pred{"A": {{typ: "Strategic developments", lat: near, lon: lo}}},
			map[string]float64{"type_acc": 1, "type_n": 1}},
		{"fatalities: gold summed over rows, predicted the most of any typed event",
			[]gold{{text: "A", fat: 3, lat: la, lon: lo}, {text: "A", fat: 4, lat: far, lon: lo}, {text: "B", fat: 5, lat: la, lon: lo}, {text: "C", lat: la, lon: lo}},
			map[string][]pred{"A": {{fat: 7, lat: la, lon: lo}, {fat: 2, lat: far, lon: lo, id: "b"}}, "B": {{typ: "Mention", fat: 5, lat: la, lon: lo}}, "C": {{fat: 2, lat: la, lon: lo}}},
			map[string]float64{"fatal_exact": 0.333, "fatal_zero_agree": 0.333, "fatal_nonzero_found": 0.5, "fatal_mae": 2.33}},
		{`fatalities: texts saying "coded as" are left out`,
			[]gold{{text: "Fatalities unknown (Coded as 10).", fat: 10, lat: la, lon: lo}, {text: "B", fat: 1, lat: la, lon: lo}},
			map[string][]pred{"B": {{fat: 1, lat: la, lon: lo}}},
			map[string]float64{"fatal_exact": 1, "fatal_nonzero_found": 1, "fatal_mae": 0}},
		{"dates: dated typed events against the gold date; undated ones not counted",
			[]gold{{text: "A", date: "2024-03-12", lat: la, lon: lo}},
			map[string][]pred{"A": {{date: "2024-03-12", lat: la, lon: lo}, {date: "2024-03-05", lat: la, lon: lo, id: "b"}, {lat: la, lon: lo, id: "c"}, {typ: "Mention", date: "2024-03-05", lat: la, lon: lo, id: "d"}}},
			map[string]float64{"date_exact": 0.5}},
		{"actor1_found: the first typed event names the gold actor 1, regime years set aside",
			[]gold{{text: "A", actor1: "Military Forces of Somalia (2012-)", lat: la, lon: lo}, {text: "B", actor1: "Al Shabaab", lat: la, lon: lo}, {text: "C", lat: la, lon: lo}},
			map[string][]pred{"A": {{lat: near, lon: lo, actors: []string{"Al Shabaab", "Military Forces of Somalia"}}}, "B": {{lat: la, lon: lo, actors: []string{"Civilians (Somalia)"}}}, "C": {{lat: la, lon: lo}}},
			map[string]float64{"actor1_found": 0.5}},
		{"event_date_exact: against the nearest gold event's own date",
			[]gold{{text: "A", date: "2024-03-12", eventDate: "2024-03-10", lat: la, lon: lo}, {text: "A", date: "2024-03-12", lat: far, lon: lo}},
			map[string][]pred{"A": {{date: "2024-03-10", lat: near, lon: lo}, {date: "2024-03-12", lat: far, lon: lo, id: "b"}, {date: "2024-03-12", lat: la, lon: lo, id: "c"}}},
			map[string]float64{"date_exact": 0.667, "event_date_exact": 0.667}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := score(t, goldRows(t, tt.gold...), tt.preds, EventsOptions{})
			got, err := rep.Figures()
			if err != nil {
				t.Fatal(err)
			}
			for k, want := range tt.want {
				v, ok := got[k]
				if !ok {
					t.Errorf("%s missing from the report", k)
				} else if math.Abs(v-want) > 1e-9 {
					t.Errorf("%s = %v, want %v", k, v, want)
				}
			}
		})
	}
}

// TestEventDateExactOnlyWithEventDates: the extra figure is absent when
// no gold row has an event_date, so ACLED files print the scorer's keys.
func TestEventDateExactOnlyWithEventDates(t *testing.T) {
	rep := score(t, goldRows(t, gold{text: "A", lat: baseLat, lon: baseLon}), nil, EventsOptions{})
	if rep.EventDateExact != nil || rep.FalseEventRate != nil {
		t.Errorf("extra figures present without event dates or negatives: %+v", rep)
	}
	b, _ := json.Marshal(rep)
	for _, k := range []string{"event_date_exact", "false_event_rate", "negative_texts"} {
		if strings.Contains(string(b), k) {
			t.Errorf("JSON has %s: %s", k, b)
		}
	}
}

// TestEventGrouping: texts are (text, date) pairs in file order; a text
// seen under an earlier date is another report (see event.ArticleID) and
// is extracted again.
func TestEventGrouping(t *testing.T) {
	la, lo := north(0)
	file := goldRows(t,
		gold{text: "A", date: "2024-01-01", lat: la, lon: lo},
		gold{text: "B", date: "2024-01-01", lat: la, lon: lo, country: "Iraq"},
		gold{text: "A", date: "2024-01-02", lat: la, lon: lo},
		gold{text: "A", date: "2024-01-01", lat: la, lon: lo},
	)
	table := map[string][]pred{"A": {{lat: la, lon: lo}}, "B": {{lat: la, lon: lo}}}
	var calls atomic.Int32
	rep, err := ScoreEvents(context.Background(), strings.NewReader(file), byText(t, table, &calls), EventsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Texts != 3 || rep.GoldEvents != 4 || rep.Detect != 1 || calls.Load() != 3 {
		t.Errorf("texts %d gold %d detect %v extract calls %d, want 3 4 1 3", rep.Texts, rep.GoldEvents, rep.Detect, calls.Load())
	}
	if rep := score(t, file, table, EventsOptions{Country: "Iraq"}); rep.Texts != 1 || rep.GoldEvents != 1 {
		t.Errorf("--country Iraq: texts %d gold %d, want 1 1", rep.Texts, rep.GoldEvents)
	}
	if rep := score(t, file, table, EventsOptions{Limit: 1}); rep.Texts != 1 || rep.GoldEvents != 2 {
		t.Errorf("--limit 1: texts %d gold %d, want 1 2 (both rows of the first text)", rep.Texts, rep.GoldEvents)
	}
}

// TestEventNegatives: texts marked negative only feed false_event_rate.
func TestEventNegatives(t *testing.T) {
	la, lo := north(0)
	neg := func(text string) map[string]any {
		return map[string]any{"id": "n", "text": text, "date": "2024-01-01", "event_type": nil, "lat": nil, "lon": nil, "country": "Syria"}
	}
	file := jsonl(t, gold{text: "A", lat: la, lon: lo}.json(), neg("N1"), neg("N2"), neg("N3"), neg("N4"))
	table := map[string][]pred{"A": {{lat: la, lon: lo}}, "N1": {{lat: la, lon: lo}, {lat: la, lon: lo, id: "b"}}, "N2": {{typ: "Mention", lat: la, lon: lo}}}
	rep := score(t, file, table, EventsOptions{})
	if rep.Texts != 1 || rep.Detect != 1 || rep.MentionEvents != 0 || rep.NegativeTexts != 4 ||
		*rep.FalseEvents != 1 || *rep.FalseEventRate != 0.25 || *rep.NegativeTypedEvents != 2 {
		t.Errorf("report %+v: want 1 event text, 4 negatives, 1 false (0.25), 2 events", rep)
	}
	if !strings.Contains(rep.String(), "false_event_rate       0.250  (1 of 4 negative texts") {
		t.Errorf("table lacks the negatives line:\n%s", rep)
	}
	only := score(t, jsonl(t, neg("N1"), neg("N2")), table, EventsOptions{})
	if s := only.String(); !strings.HasPrefix(s, "false_event_rate       0.500") || strings.Contains(s, "detect") {
		t.Errorf("negatives only: the table should be the negatives line alone:\n%s", s)
	}
}

// TestExported: what the scorer reads back from the database and export.
func TestExported(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	evs := []event.Event{
		{ID: "b", Type: "Battles", MentionStart: 5, Date: day("2024-01-01"), Lat: 1.23456749, Lon: -0.0000004},
		{ID: "a", Type: "Battles", MentionStart: 5, Date: day("2024-01-02")},
		{ID: "c", Type: "Battles", MentionStart: 5},
		{ID: "0", Type: "Battles", MentionStart: 5, Date: day("2024-01-01")},
		{ID: "b", Type: "Riots", MentionStart: 1}, // duplicate id: the store keeps the first
		{ID: "m", Type: "Mention", MentionStart: 2, Date: time.Date(2024, 1, 3, 23, 30, 0, 0, time.FixedZone("x", -3600))},
	}
	got := exported(evs)
	var order []string
	for _, p := range got {
		order = append(order, fmt.Sprintf("%s@%d %s", p.typ, p.start, p.date))
	}
	want := []string{"Mention@2 2024-01-04", "Battles@5 2024-01-02", "Battles@5 2024-01-01", "Battles@5 2024-01-01", "Battles@5 "}
	if strings.Join(order, "|") != strings.Join(want, "|") {
		t.Errorf("order %q, want %q", order, want)
	}
	if got[3].lat != 1.234567 || got[3].lon != 0 {
		t.Errorf("rounded point %v %v, want 1.234567 0", got[3].lat, got[3].lon)
	}
}

func TestReadGoldErrors(t *testing.T) {
	ok := `{"text":"A","date":"2024-01-01","event_type":"Remote violence","lat":1,"lon":2,"fatalities":0,"country":"Syria"}`
	tests := []struct {
		name, file, want string
	}{
		{"not JSON", ok + "\n{oops\n", "gold line 2"},
		{"no text", `{"date":"2024-01-01","lat":1,"lon":2,"event_type":"x"}`, `"text" is missing`},
		{"bad date", `{"text":"A","date":"12 March","lat":1,"lon":2,"event_type":"x"}`, `"date" "12 March"`},
		{"bad event date", `{"text":"A","date":"2024-01-01","event_date":"2024-13-01","lat":1,"lon":2,"event_type":"x"}`, `"event_date"`},
		{"no coordinates", `{"text":"A","date":"2024-01-01","event_type":"Remote violence"}`, `needs "lat" and "lon"`},
		{"latitude out of range", `{"text":"A","date":"2024-01-01","event_type":"x","lat":91,"lon":2}`, `"lat" 91`},
		{"longitude out of range", `{"text":"A","date":"2024-01-01","event_type":"x","lat":1,"lon":-181}`, `"lon" -181`},
		{"negative fatalities", `{"text":"A","date":"2024-01-01","event_type":"x","lat":1,"lon":2,"fatalities":-1}`, `"fatalities" -1`},
		{"fractional fatalities", `{"text":"A","date":"2024-01-01","event_type":"x","lat":1,"lon":2,"fatalities":1.5}`, "fatalities"},
		{"two values", ok + ` {}`, "more than one JSON value"},
		{"negative and coded", ok + "\n\n" + `{"text":"A","date":"2024-01-01","event_type":null}`, "gold line 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ScoreEvents(context.Background(), strings.NewReader(tt.file), byText(t, nil, nil), EventsOptions{})
			if err == nil || !errors.Is(err, ErrBadGoldRow) && !strings.Contains(err.Error(), "gold line") {
				t.Fatalf("err = %v, want a bad gold row", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %s", err, tt.want)
			}
		})
	}
}

func TestScoreEventsExtractError(t *testing.T) {
	file := goldRows(t, gold{text: "A", lat: 1, lon: 1}, gold{text: "B", lat: 1, lon: 1})
	boom := errors.New("boom")
	extract := func(_ context.Context, a event.Article) ([]event.Event, error) {
		if a.Text == "B" {
			return nil, boom
		}
		return nil, nil
	}
	_, err := ScoreEvents(context.Background(), strings.NewReader(file), extract, EventsOptions{Workers: 1})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "gold line 2") {
		t.Errorf("err = %v, want boom at gold line 2", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ScoreEvents(ctx, strings.NewReader(file), byText(t, nil, nil), EventsOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

// TestGoldArticle: each text is ingested as the scorer's JSON Lines
// record would be.
func TestGoldArticle(t *testing.T) {
	a, err := goldArticle(7, &goldText{text: "  Clashes in Idlib.\r\n", date: "2016-05-28"})
	if err != nil {
		t.Fatal(err)
	}
	want := event.NewArticle("gold-000007", "Clashes in Idlib.", "https://example.org/acled/7", "acled", time.Date(2016, 5, 28, 0, 0, 0, 0, time.UTC))
	if a != want {
		t.Errorf("article %+v, want %+v", a, want)
	}
}

func TestReferenceArithmetic(t *testing.T) {
	if d := scorerKm(0, 0, 1, 0); math.Abs(d-111.19508) > 1e-5 {
		t.Errorf("1 degree of latitude = %v km, want 111.19508", d)
	}
	if d := scorerKm(0, 0, 0, 180); math.Abs(d-math.Pi*earthRadiusKm) > 1e-6 {
		t.Errorf("antipode = %v km", d)
	}
	rounding := []struct {
		x    float64
		n    int
		want float64
	}{
		{0.0625, 3, 0.062}, // exact tie: to even, as Python
		{2.675, 2, 2.67},   // 2.67499999... in binary
		{0.0005, 3, 0.001}, // 0.000500000000000000010... in binary
		{1.0 / 3, 3, 0.333},
		{2.0 / 3, 3, 0.667},
	}
	for _, r := range rounding {
		if got := roundTo(r.x, r.n); got != r.want {
			t.Errorf("roundTo(%v, %d) = %v, want %v", r.x, r.n, got, r.want)
		}
	}
	if ratio(1, 0) != 0 || ratio(2, 3) != 0.667 {
		t.Error("ratio")
	}
	folds := []struct{ in, want string }{
		{"Ma‘arrat al-Nu‘man", "maarratalnuman"},
		{"Ḥamā", "hama"},
		{"Deir ez-Zor (Dayr az Zawr)", "deirezzordayrazzawr"},
		{"حلب", "حلب"},
		{"-", ""},
	}
	for _, f := range folds {
		if got := fold(f.in); got != f.want {
			t.Errorf("fold(%q) = %q, want %q", f.in, got, f.want)
		}
	}
}

func TestDateAgrees(t *testing.T) {
	tests := []struct {
		pred, gold string
		precision  int
		want       bool
	}{
		{"2024-03-12", "2024-03-12", 0, true},
		{"2024-03-12", "2024-03-12", 1, true},
		{"2024-03-11", "2024-03-12", 1, false},
		{"2024-03-09", "2024-03-12", 2, true},  // 3 days before the middle of the week
		{"2024-03-15", "2024-03-12", 2, true},  // 3 days after
		{"2024-03-16", "2024-03-12", 2, false}, // 4 days after
		{"2024-03-01", "2024-03-15", 3, true},
		{"2024-04-01", "2024-03-15", 3, false},
		{"2023-03-15", "2024-03-15", 3, false},
		{"", "2024-03-15", 1, false},
	}
	for _, tt := range tests {
		if got := dateAgrees(tt.pred, tt.gold, tt.precision); got != tt.want {
			t.Errorf("dateAgrees(%q, %q, %d) = %v", tt.pred, tt.gold, tt.precision, got)
		}
	}
}

func TestTypeAccepts(t *testing.T) {
	tests := []struct {
		gold, ours string
		want       bool
	}{
		{"Battle-No change of territory", "Battles", true},
		{"Battle-Government regains territory", "Battles", true},
		{"Battle-Non-state actor overtakes territory", "Battles", true},
		{"Remote violence", "Explosions/Remote violence", true},
		{"Remote violence", "Battles", false},
		{"Riots/Protests", "Protests", true},
		{"Riots/Protests", "Riots", true},
		{"Violence against civilians", "Violence against civilians", true},
		{"Strategic development", "Strategic developments", true},
		{"Non-violent transfer of territory", "Strategic developments", true},
		{"Headquarters or base established", "Strategic developments", true},
		{"Headquarters or base established", "Mention", false},
		{"Battles", "Battles", false}, // today's labels are not gold labels
	}
	for _, tt := range tests {
		if got := TypeAccepts(tt.gold, tt.ours); got != tt.want {
			t.Errorf("TypeAccepts(%q, %q) = %v", tt.gold, tt.ours, got)
		}
	}
}

func TestConfusionsTop(t *testing.T) {
	var c confusions
	for _, p := range [][2]string{{"a", "x"}, {"b", "y"}, {"b", "y"}, {"c", "z"}, {"a", "x"}, {"d", "w"}} {
		c.add(p[0], p[1])
	}
	got := fmt.Sprint(c.top(3))
	if want := "[{a x 2} {b y 2} {c z 1}]"; got != want {
		t.Errorf("top = %s, want %s (count, then first seen)", got, want)
	}
}
