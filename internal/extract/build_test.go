package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/event"
	"geoevents/internal/geoparse"
)

// Places the tests locate events at: real points, hand-made records.
var (
	aleppo     = town(170063, "Aleppo", 36.20124, 37.16117, "SY", "PPLA")
	damascus   = town(170654, "Damascus", 33.5102, 36.29128, "SY", "PPLC")
	idlib      = town(169389, "Idlib", 35.93062, 36.63393, "SY", "PPLA")
	palmyra    = town(163808, "Tadmur", 34.56, 38.28, "SY", "PPL")
	deirEzZor  = town(170794, "Deir ez-Zor", 35.33611, 40.14083, "SY", "PPLA")
	dhiban     = town(170800, "Dhiban", 35.01, 40.51, "SY", "PPL")
	kobani     = town(170001, "Kobani", 36.8909, 38.3536, "SY", "PPL")
	aynAlArab  = town(170002, "Ayn al-Arab", 36.8897, 38.3545, "SY", "PPL")
	kafrNabl   = town(169300, "Kafr Nabl", 35.6136, 36.5617, "SY", "PPL")
	hish       = town(169301, "Hish", 35.5483, 36.6417, "SY", "PPL")
	mosul      = town(99072, "Mosul", 36.335, 43.11889, "IQ", "PPLA")
	afrin      = town(170300, "Afrin", 36.5119, 36.8692, "SY", "PPL")
	amman      = town(250441, "Amman", 31.95522, 35.94503, "JO", "PPLC")
	pittsburgh = town(5206379, "Pittsburgh", 40.44062, -79.99589, "US", "PPLA2")
	geneva     = town(2660646, "Geneva", 46.20222, 6.14569, "CH", "PPLA")
	tanf       = &gazetteer.Place{ID: 900000001, Name: "Al-Tanf", Lat: 33.506, Lon: 38.618, Attrs: &gazetteer.Attrs{FeatureClass: "S", FeatureCode: "MILB", CountryCode: "SY", CountryName: "Syria"}}
	syria      = &gazetteer.Place{ID: 163843, Name: "Syria", Lat: 35, Lon: 38, Attrs: &gazetteer.Attrs{FeatureClass: "A", FeatureCode: "PCLI", CountryCode: "SY", CountryName: "Syria"}}
	usa        = &gazetteer.Place{ID: 6252001, Name: "United States", Lat: 39.76, Lon: -98.5, Attrs: &gazetteer.Attrs{FeatureClass: "A", FeatureCode: "PCLI", CountryCode: "US", CountryName: "United States"}}
	russia     = &gazetteer.Place{ID: 2017370, Name: "Russia", Lat: 60, Lon: 100, Attrs: &gazetteer.Attrs{FeatureClass: "A", FeatureCode: "PCLI", CountryCode: "RU", CountryName: "Russia"}}
	medSea     = &gazetteer.Place{ID: 900000003, Name: "Mediterranean Sea", Lat: 35, Lon: 18, Attrs: &gazetteer.Attrs{FeatureClass: "H", FeatureCode: "SEA"}}
)

func town(id int64, name string, lat, lon float64, cc, code string) *gazetteer.Place {
	countries := map[string]string{"SY": "Syria", "IQ": "Iraq", "JO": "Jordan", "US": "United States", "CH": "Switzerland"}
	return &gazetteer.Place{ID: id, Name: name, Lat: lat, Lon: lon, Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: code, CountryCode: cc, CountryName: countries[cc]}}
}

// mention builds the parser's output for the n-th (0-based) occurrence of
// surface in text.
func mention(t testing.TB, text, surface string, n int, kind geoparse.Kind, p *gazetteer.Place) geoparse.Mention {
	t.Helper()
	start := -1
	for i, from := 0, 0; i <= n; i++ {
		k := strings.Index(text[from:], surface)
		if k < 0 {
			t.Fatalf("occurrence %d of %q not in text", n, surface)
		}
		start, from = from+k, from+k+len(surface)
	}
	return geoparse.Mention{Start: start, End: start + len(surface), Text: surface, Kind: kind, Score: 0.9, Place: p}
}

// parse finds every listed name in text, each occurrence in turn, as the
// geoparser would.
func parse(t testing.TB, text string, places map[string]*gazetteer.Place) []geoparse.Mention {
	t.Helper()
	var ms []geoparse.Mention
	for name, p := range places {
		kind := geoparse.KindLiteral
		if strings.HasSuffix(name, "n") && p.FeatureClass == "A" && !strings.HasPrefix(p.Name, name) {
			kind = geoparse.KindAdjectival
		}
		for n := 0; n < strings.Count(text, name); n++ {
			ms = append(ms, mention(t, text, name, n, kind, p))
		}
	}
	return ms
}

// summary lists a text's events as "mention:Type" in text order (Mentions
// as "mention:-"), each with its fatalities when any ("Aleppo:Battles/3").
func summary(evs []event.Event) []string {
	var out []string
	for _, e := range evs {
		typ := e.Type
		if typ == event.TypeMention {
			typ = "-"
		}
		s := e.MentionText + ":" + typ
		if e.Fatalities > 0 {
			s += fmt.Sprintf("/%d", e.Fatalities)
		}
		out = append(out, s)
	}
	return out
}

var nov8 = time.Date(2024, 11, 8, 0, 0, 0, 0, time.UTC) // a Friday

// TestBuildLocations checks where events stand for the failures the
// issue lists: places that are context (routes, origins, attributions,
// talks, reference points), background history, one incident named twice,
// several incidents in one sentence, and counts of the dead.
func TestBuildLocations(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		places map[string]*gazetteer.Place
		want   []string
	}{
		{"route ends are context", "Gunmen ambushed a convoy on the highway linking Aleppo and Damascus near Idlib, killing three drivers.",
			map[string]*gazetteer.Place{"Aleppo": aleppo, "Damascus": damascus, "Idlib": idlib},
			[]string{"Aleppo:-", "Damascus:-", "Idlib:Battles/3"}},
		{"a toll told before its cause is the cause's", "Three civilians were killed and nine wounded, three of them critically, when a rocket smashed into a road junction in Idlib.",
			map[string]*gazetteer.Place{"Idlib": idlib},
			[]string{"Idlib:Explosions/Remote violence/3"}},
		{"a toll of another sentence is not a later cause's", "Three civilians were killed in Aleppo on Sunday. Days later, when a rocket hit Idlib, nobody was hurt.",
			map[string]*gazetteer.Place{"Aleppo": aleppo, "Idlib": idlib},
			[]string{"Aleppo:Violence against civilians/3", "Idlib:Explosions/Remote violence"}},
		{"a route alone places the event near its first end", "Gunmen ambushed a convoy on the highway linking Aleppo and Damascus.",
			map[string]*gazetteer.Place{"Aleppo": aleppo, "Damascus": damascus},
			[]string{"Aleppo:Battles", "Damascus:Battles"}},
		{"origin is context", "A reporter from Pittsburgh covering the fighting was wounded in Idlib.",
			map[string]*gazetteer.Place{"Pittsburgh": pittsburgh, "Idlib": idlib},
			[]string{"Pittsburgh:-", "Idlib:Battles"}},
		{"attribution is context", "Authorities in Amman said air strikes hit a market in Idlib, killing at least 12 civilians.",
			map[string]*gazetteer.Place{"Amman": amman, "Idlib": idlib},
			[]string{"Amman:-", "Idlib:Explosions/Remote violence/12"}},
		{"a phrase after a country is not its own", "Clashes erupted in eastern Syria between army forces and tribesmen.",
			map[string]*gazetteer.Place{"Syria": syria},
			[]string{"Syria:Battles"}},
		{"a capital's offensive is the state's act", "Rebels captured Idlib on Sunday, the fifth day of Damascus's offensive in the north.",
			map[string]*gazetteer.Place{"Idlib": idlib, "Damascus": damascus},
			[]string{"Idlib:Battles"}},
		{"a country heading a building's name is no place", "Shells fell on the Syria Hospital in Amman, killing nine patients.",
			map[string]*gazetteer.Place{"Syria": syria, "Amman": amman},
			[]string{"Syria:-", "Amman:Explosions/Remote violence/9"}},
		{"a capital accused is the state", "Shells hit Idlib on Monday. Damascus accused Amman of arming the rebels.",
			map[string]*gazetteer.Place{"Idlib": idlib, "Damascus": damascus, "Amman": amman},
			[]string{"Idlib:Explosions/Remote violence"}},
		{"a state's strike is its act, not a place", "A United States drone strike killed two militants near Idlib.",
			map[string]*gazetteer.Place{"United States": usa, "Idlib": idlib},
			[]string{"Idlib:Explosions/Remote violence/2"}},
		{"a state said, then the strikes it reports", "Authorities in Amman said air strikes hit Idlib.",
			map[string]*gazetteer.Place{"Amman": amman, "Idlib": idlib},
			[]string{"Amman:-", "Idlib:Explosions/Remote violence"}},
		{"where the subject's people are held is their setting, not the event's place", "Families of soldiers held in Idlib rallied in Damascus on Monday.",
			map[string]*gazetteer.Place{"Idlib": idlib, "Damascus": damascus},
			[]string{"Idlib:-", "Damascus:Protests"}},
		{"talks are context", "Artillery shelled Idlib while negotiations in Damascus went on.",
			map[string]*gazetteer.Place{"Idlib": idlib, "Damascus": damascus},
			[]string{"Idlib:Explosions/Remote violence", "Damascus:-"}},
		{"a reference point is context", "SDF fighters clashed with tribal gunmen in Dhiban, east of Deir ez-Zor, on Monday.",
			map[string]*gazetteer.Place{"Dhiban": dhiban, "Deir ez-Zor": deirEzZor},
			[]string{"Dhiban:Battles", "Deir ez-Zor:-"}},
		{"a reference point gives way to the place near which it happened", "Jets struck a base close to Hish (25km NE of Idlib) at night.",
			map[string]*gazetteer.Place{"Hish": hish, "Idlib": idlib},
			[]string{"Hish:Explosions/Remote violence", "Idlib:-"}},
		{"relative location stands at the reference point", "Militants attacked an army post 30 km east of Deir ez-Zor.",
			map[string]*gazetteer.Place{"Deir ez-Zor": deirEzZor},
			[]string{"Deir ez-Zor:Battles"}},
		{"history is context", "Islamic State fighters killed two shepherds near Palmyra. The 2014 capture of Mosul and the 2018 capture of Afrin still shape the war.",
			map[string]*gazetteer.Place{"Palmyra": palmyra, "Mosul": mosul, "Afrin": afrin},
			[]string{"Palmyra:Violence against civilians/2", "Mosul:-", "Afrin:-"}},
		{"a past happening beside the current one is context", "Troops conducted a clearance operation at Hish, killing 35 fighters and freeing 97, including those who were abducted in Idlib in 2014.",
			map[string]*gazetteer.Place{"Hish": hish, "Idlib": idlib},
			[]string{"Hish:Battles/35", "Idlib:-"}},
		{"an agreement stands where it was signed", "The two sides signed a peace agreement in Damascus on Saturday, aiming to end the war in Idlib that has killed thousands since 2011.",
			map[string]*gazetteer.Place{"Damascus": damascus, "Idlib": idlib},
			[]string{"Damascus:Strategic developments", "Idlib:-"}},
		{"a past deal named is not signed again", "Rebels clashed with troops in Idlib, breaking a truce agreed in Damascus.",
			map[string]*gazetteer.Place{"Damascus": damascus, "Idlib": idlib},
			[]string{"Idlib:Battles", "Damascus:-"}},
		{"a report's first happening stands where the next sentence says", "Two aid workers were kidnapped on Monday. They were seized from their offices in Idlib.",
			map[string]*gazetteer.Place{"Idlib": idlib},
			[]string{"kidnapped:Violence against civilians"}}, // stands at Idlib, told by the trigger
		{"deaths told before the sentence that places the happening are its own", "Soldiers shot dead two gunmen on Tuesday. The clash took place near Idlib.",
			map[string]*gazetteer.Place{"Idlib": idlib},
			[]string{"Idlib:Battles/2"}},
		{"a next sentence of its own keeps its place", "Two aid workers were kidnapped on Monday. Residents of Idlib said the city is calm.",
			map[string]*gazetteer.Place{"Idlib": idlib},
			[]string{"Idlib:-"}},
		{"a relative clause's verb does not decide", "Border guards staged a protest in Idlib against the arrest of a colleague who shot down a smuggler last week.",
			map[string]*gazetteer.Place{"Idlib": idlib},
			[]string{"Idlib:Protests"}},
		{"a second name is the same incident", "Islamic State fighters pushed into Kobani (Ayn al-Arab) on Monday.",
			map[string]*gazetteer.Place{"Kobani": kobani, "Ayn al-Arab": aynAlArab},
			[]string{"Kobani:Battles", "Ayn al-Arab:-"}},
		{"several incidents in one sentence", "Regime helicopters dropped barrel bombs on Kafr Nabl and Hish, killing 3 civilians and a woman.",
			map[string]*gazetteer.Place{"Kafr Nabl": kafrNabl, "Hish": hish},
			[]string{"Kafr Nabl:Explosions/Remote violence/4", "Hish:Explosions/Remote violence"}},
		{"the same incident in two sentences", "Air strikes hit Idlib on Friday. The strikes on Idlib killed seven civilians and three soldiers.",
			map[string]*gazetteer.Place{"Idlib": idlib},
			[]string{"Idlib:Explosions/Remote violence/10"}},
		{"a toll in the next sentence", "Government forces shelled Idlib on Friday. At least 12 civilians were killed.",
			map[string]*gazetteer.Place{"Idlib": idlib},
			[]string{"Idlib:Explosions/Remote violence/12"}},
		{"deaths of an earlier incident are not this one's", "Protesters rallied in Aleppo against the killing of 9 civilians last month.",
			map[string]*gazetteer.Place{"Aleppo": aleppo},
			[]string{"Aleppo:Protests"}},
		{"a place merely named is a mention", "The museum in Palmyra reopened its doors to visitors.",
			map[string]*gazetteer.Place{"Palmyra": palmyra},
			[]string{"Palmyra:-"}},
		{"a country locating a place is context", "American helicopters evacuated the wounded to the Et-Tanf base near the borders of Syria and Iraq.",
			map[string]*gazetteer.Place{"Et-Tanf": tanf, "Syria": syria},
			[]string{"Et-Tanf:Strategic developments", "Syria:-"}},
		{"a state acting is no place", "Russia has moved warships to the Mediterranean.",
			map[string]*gazetteer.Place{"Russia": russia, "Mediterranean": medSea},
			[]string{"Mediterranean:-"}},
		{"a capital before a phrase of its own is a place", "Thousands marched in Damascus in support of the president.",
			map[string]*gazetteer.Place{"Damascus": damascus},
			[]string{"Damascus:Protests"}},
		{"where protesters came from, all of a list, is no location", "Farmers from villages along the Euphrates staged a sit-in in Aleppo. They came from the countryside around Idlib and Hish.",
			map[string]*gazetteer.Place{"Euphrates": {ID: 9000010, Name: "Euphrates", Attrs: &gazetteer.Attrs{FeatureClass: "H", FeatureCode: "STM", CountryCode: "SY"}, Lon: 40.14, Lat: 35.33}, "Aleppo": aleppo, "Idlib": idlib, "Hish": hish},
			[]string{"Euphrates:-", "Aleppo:Protests", "Idlib:-", "Hish:-"}},
		{"a country in the sentence before does not locate a happening", "Syria reopened a border crossing on Monday. Gunmen attacked a convoy overnight.",
			map[string]*gazetteer.Place{"Syria": syria},
			[]string{"Syria:-"}},
		{"hedged words report nothing", "Officials in Geneva warned that an offensive on Idlib could follow.",
			map[string]*gazetteer.Place{"Geneva": geneva, "Idlib": idlib},
			[]string{"Geneva:-", "Idlib:-"}},
		{"where the people come from sets an event no other place locates", "Three people were killed in a clash between police and youths from Idlib.",
			map[string]*gazetteer.Place{"Idlib": idlib},
			[]string{"Idlib:Riots/3"}},
		{"a setting gives way to a location", "Youths from Idlib clashed with police in Aleppo.",
			map[string]*gazetteer.Place{"Idlib": idlib, "Aleppo": aleppo},
			[]string{"Idlib:-", "Aleppo:Riots"}},
		{"a reporter's origin sets nothing", "A reporter from Pittsburgh was wounded by gunfire.",
			map[string]*gazetteer.Place{"Pittsburgh": pittsburgh},
			[]string{"Pittsburgh:-"}},
		{"a headline's bare attack takes the type its body tells", "Attack in Hish\n\nArmy troops launched an attack in Hish.",
			map[string]*gazetteer.Place{"Hish": hish},
			[]string{"Hish:Battles"}},
		{"what a protest demands is its topic", "Hundreds of Syrians living in Jordan protested outside parliament in Amman, demanding that legislators act on abuses in Idlib.",
			map[string]*gazetteer.Place{"Amman": amman, "Idlib": idlib},
			[]string{"Amman:Protests", "Idlib:-"}},
		{"a list goes on past a name the gazetteer lacks", "Troops attacked rebels in Idlib, Shagel Tobaya and Hish.",
			map[string]*gazetteer.Place{"Idlib": idlib, "Hish": hish},
			[]string{"Idlib:Battles", "Hish:Battles"}},
		{"no place, no event", "Gunmen killed four villagers overnight.",
			map[string]*gazetteer.Place{},
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := event.NewArticle("t", tc.text, "", "Wire", nov8)
			got := summary(Build(a, parse(t, tc.text, tc.places)))
			if !slices.Equal(got, tc.want) {
				t.Errorf("%q\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestBuildEvents checks every field of the events of the shared
// articles' key sentences: ids, spans, dates, precision, actors, and an
// explanation for every decision.
func TestBuildEvents(t *testing.T) {
	text := "Joint Attack in UNESCO Site Palmyra\n\n" +
		"The recent escalation in Palmyra has shaken Syria. " +
		"Joint forces of Syria and the United States launched an attack in the ancient city on Monday. " +
		"Russian airstrikes hit rebel positions near Aleppo last week. " +
		"American helicopters evacuated the wounded, transporting them to the Et-Tanf base. " +
		"Russia has moved ships to the Mediterranean."
	a := event.NewArticle("Joint attack", text, "https://example.org/a", "Wire", nov8)
	ms := parse(t, text, map[string]*gazetteer.Place{"Palmyra": palmyra, "Syria": syria, "United States": usa, "Russian": russia,
		"Aleppo": aleppo, "Et-Tanf": tanf, "Mediterranean": medSea})
	ms = append(ms, mention(t, text, "Russia", 1, geoparse.KindLiteral, russia)) // "Russia has moved": an actor
	events := Build(a, ms)
	type want struct {
		mention, place, typ, sub string
		prec                     int
		date                     time.Time
		dprec                    event.DatePrecision
	}
	nov4, nov1 := time.Date(2024, 11, 4, 0, 0, 0, 0, time.UTC), time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC)
	// The headline's attack at Palmyra is the body's attack in "the ancient
	// city": one incident, kept at the body's dated sentence.
	wants := []want{
		{"Palmyra", "Tadmur", event.TypeMention, "", 1, nov8, event.PrecisionDay},
		{"Syria", "Syria", event.TypeMention, "", 3, nov8, event.PrecisionDay},
		{"the ancient city", "Tadmur", event.TypeBattles, event.SubArmedClash, 1, nov4, event.PrecisionDay},
		{"Aleppo", "Aleppo", event.TypeExplosions, event.SubAirDroneStrike, 2, nov1, event.PrecisionWeek},
		{"Et-Tanf", "Al-Tanf", event.TypeStrategicDevelopments, event.SubOther, 1, nov8, event.PrecisionDay},
		{"Mediterranean", "Mediterranean Sea", event.TypeMention, "", 2, nov8, event.PrecisionDay},
	}
	if len(events) != len(wants) {
		t.Fatalf("got %d events %q, want %d", len(events), summary(events), len(wants))
	}
	ids := map[string]bool{}
	for i, w := range wants {
		e := events[i]
		if e.MentionText != w.mention || e.PlaceName != w.place || e.Type != w.typ || e.SubType != w.sub || e.GeoPrecision != w.prec || !e.Date.Equal(w.date) || e.DatePrecision != w.dprec {
			t.Errorf("event %d = %q %s %s/%s prec %d date %s/%s, want %+v", i, e.MentionText, e.PlaceName, e.Type, e.SubType, e.GeoPrecision, e.Date.Format(time.DateOnly), e.DatePrecision, w)
		}
		if text[e.MentionStart:e.MentionEnd] != e.MentionText || text[e.SentenceStart:e.SentenceStart+len(e.Sentence)] != e.Sentence {
			t.Errorf("event %d: spans do not point into the text", i)
		}
		if e.ID != event.EventID(a.ID, e.MentionStart, e.MentionEnd) || len(e.ID) != 16 || ids[e.ID] {
			t.Errorf("event %d: bad or duplicate id %q", i, e.ID)
		}
		ids[e.ID] = true
		if e.ArticleID != a.ID || e.ArticleURL != a.URL || e.Source != "Wire" || !e.Published.Equal(nov8) {
			t.Errorf("event %d: article fields not copied: %+v", i, e)
		}
		checkExplained(t, text, e)
	}
	if ev := events[2]; !slices.ContainsFunc(ev.Explain, func(r event.Reason) bool { return r.Field == event.FieldIncident && r.Text == "Palmyra" }) {
		t.Errorf("the anaphor event does not link the headline's mention: %+v", ev.Explain)
	}
	if ev := events[3]; !slices.Contains(ev.Actors, "Military Forces of Russia") || !slices.Contains(ev.Actors, "Rebel Forces (Syria)") {
		t.Errorf("Aleppo event actors %q", ev.Actors)
	}
	if ev := events[2]; ev.MentionKind != KindAnaphoric || ev.Actors[0] != "Military Forces of Syria" {
		t.Errorf("anaphor event: kind %q actors %q", ev.MentionKind, ev.Actors)
	}
	again := Build(a, ms)
	for i := range again {
		if again[i].ID != events[i].ID {
			t.Fatalf("ids not stable")
		}
	}
}

// checkExplained asserts that a typed event explains its type, location,
// date, fatalities and (for types with parties) actors, each reason
// naming a rule and quoting words of the text it read, and that a
// Mention says why it is no event.
func checkExplained(t *testing.T, text string, e event.Event) {
	t.Helper()
	fields := map[string]bool{}
	for _, r := range e.Explain {
		fields[r.Field] = true
		if r.Rule == "" || r.Start < 0 || r.Start > len(text) || r.Text != "" && !strings.Contains(text, strings.TrimSuffix(r.Text, "…")) && r.Field != event.FieldLocation {
			t.Errorf("%s: bad reason %+v", e.MentionText, r)
		}
	}
	need := []string{event.FieldLocation}
	if e.Type != event.TypeMention {
		need = append(need, event.FieldType, event.FieldDate, event.FieldFatalities)
	}
	for _, f := range need {
		if !fields[f] {
			t.Errorf("%s (%s): no %s reason in %+v", e.MentionText, e.Type, f, e.Explain)
		}
	}
}

func TestBuildEdgeCases(t *testing.T) {
	a := event.NewArticle("t", "Rebels seized Aleppo.", "", "", time.Time{})
	if ev := Build(a, nil); len(ev) != 0 {
		t.Errorf("no mentions: %d events", len(ev))
	}
	bad := []geoparse.Mention{
		{Start: -1, End: 3, Place: aleppo}, {Start: 5, End: 500, Place: aleppo}, {Start: 9, End: 9, Place: aleppo},
	}
	if ev := Build(a, bad); len(ev) != 0 {
		t.Errorf("out-of-range mentions made %d events", len(ev))
	}
	ev := Build(a, []geoparse.Mention{{Start: 14, End: 20, Text: "Aleppo", Kind: geoparse.KindLiteral, Place: aleppo}})
	if len(ev) != 1 || !ev[0].Date.IsZero() || ev[0].DatePrecision != event.PrecisionUnknown || ev[0].SubType != event.SubNonStateOvertakes {
		t.Errorf("unknown publication: %+v", ev)
	}
}

func TestGeoPrecision(t *testing.T) {
	text := "Shells fell near Saraqib and in the Idlib countryside, in Aleppo, 30 km east of Hama and in Syria."
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	p := &gazetteer.Place{Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPL"}}
	for _, c := range []struct {
		name string
		p    *gazetteer.Place
		want int
	}{{"Saraqib", p, 2}, {"Idlib", p, 2}, {"Aleppo", p, 1}, {"Hama", p, 2}, {"Syria", syria, 3}} {
		s, e := at(c.name)
		if got := GeoPrecision(c.p, text, s, e); got != c.want {
			t.Errorf("GeoPrecision(%s) = %d, want %d", c.name, got, c.want)
		}
	}
	if got := GeoPrecision(medSea, "the Mediterranean", 4, 17); got != 2 {
		t.Errorf("sea precision %d", got)
	}
}

// FuzzBuild feeds arbitrary text with a mention at every capitalised word:
// Build must not panic, and every event must point into the text.
func FuzzBuild(f *testing.F) {
	for _, s := range []string{"Rebels seized Aleppo, killing 12.", "On 22/03, 5 soldiers killed in Idlib; 3 wounded.", "\xff Aleppo (Aleppo) — the city", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a := event.NewArticle("t", text, "", "", nov8)
		var ms []geoparse.Mention
		for i := 0; i < len(a.Text); i++ {
			if c := a.Text[i]; c >= 'A' && c <= 'Z' && (i == 0 || a.Text[i-1] == ' ') {
				end := i + 1
				for end < len(a.Text) && a.Text[end] >= 'a' && a.Text[end] <= 'z' {
					end++
				}
				ms = append(ms, geoparse.Mention{Start: i, End: end, Text: a.Text[i:end], Kind: geoparse.KindLiteral, Score: 0.5, Place: aleppo})
			}
		}
		for _, e := range Build(a, ms) {
			if e.MentionStart < 0 || e.MentionEnd > len(a.Text) || e.MentionStart > e.MentionEnd || e.Fatalities < 0 {
				t.Fatalf("bad event %+v", e)
			}
		}
	})
}

func BenchmarkBuild(b *testing.B) {
	text := strings.Repeat("Government forces shelled villages on the outskirts of Idlib on Monday, killing 12 civilians, rescue workers said. "+
		"Talks in Damascus stalled as rebels captured Aleppo's eastern districts after heavy fighting. ", 10)
	a := event.NewArticle("t", text, "", "", nov8)
	ms := parse(b, text, map[string]*gazetteer.Place{"Idlib": idlib, "Damascus": damascus, "Aleppo": aleppo})
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Build(a, ms)
	}
}

// TestBuildPrefersTheFinerDate: of two date phrases in the incident's
// clause, the more precise one dates it, not a year in a background
// relative clause.
func TestBuildPrefersTheFinerDate(t *testing.T) {
	text := "A former commander, who defected in 2015, is shot and killed on 6 January in Aleppo by gunmen."
	a := event.NewArticle("t", text, "", "", time.Date(2016, 1, 9, 0, 0, 0, 0, time.UTC))
	ev := Build(a, parse(t, text, map[string]*gazetteer.Place{"Aleppo": aleppo}))
	want := time.Date(2016, 1, 6, 0, 0, 0, 0, time.UTC)
	if len(ev) != 1 || !ev[0].Date.Equal(want) || ev[0].DatePrecision != event.PrecisionDay {
		t.Fatalf("events %+v, want one on %s (day)", ev, want.Format(time.DateOnly))
	}
}

// hishAndGoro builds the events of text, in which the parser read Hish for
// sure and Goro as goro with the given confidence.
func hishAndGoro(t *testing.T, text string, goro *gazetteer.Place, score float64) []string {
	t.Helper()
	g := mention(t, text, "Goro", 0, geoparse.KindLiteral, goro)
	g.Score = score
	ms := []geoparse.Mention{mention(t, text, "Hish", 0, geoparse.KindLiteral, hish), g}
	return summary(Build(event.NewArticle("t", text, "", "", nov8), ms))
}

// TestBuildSetsAsideStrayNamesakes: a low-confidence village abroad, alone
// in its country, named beside a location of the text's own country, is a
// wrong namesake and no event's place; with high confidence, or alone in
// its sentence, it stays.
func TestBuildSetsAsideStrayNamesakes(t *testing.T) {
	goro := town(3176515, "Goro", 44.87, 12.3, "IT", "PPL")
	text := "Troops shelled Hish and Goro on Monday."
	for _, tc := range []struct {
		name  string
		score float64
		want  []string
	}{
		{"low confidence", 0.3, []string{"Hish:Explosions/Remote violence", "Goro:-"}},
		{"high confidence", 0.9, []string{"Hish:Explosions/Remote violence", "Goro:Explosions/Remote violence"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := hishAndGoro(t, text, goro, tc.score); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	alone := "Troops shelled Goro on Monday."
	g := mention(t, alone, "Goro", 0, geoparse.KindLiteral, goro)
	g.Score = 0.3
	if got := summary(Build(event.NewArticle("t", alone, "", "", nov8), []geoparse.Mention{g})); !slices.Equal(got, []string{"Goro:Explosions/Remote violence"}) {
		t.Errorf("alone in its sentence: got %q", got)
	}
}

// TestBuildSetsAsideDoubtfulPlaces: a town read at a coin's toss among
// namesakes, in a country where no confidently read location of the text
// lies, is no event's place, in whatever sentence; one in the country of
// the text's sure places, one read with confidence, or a text's only
// place stays.
func TestBuildSetsAsideDoubtfulPlaces(t *testing.T) {
	text := "Troops shelled Hish on Monday. Fighting was also reported in Goro."
	for _, tc := range []struct {
		name  string
		goro  *gazetteer.Place
		score float64
		want  []string
	}{
		{"doubtful abroad", town(3176515, "Goro", 44.87, 12.3, "IT", "PPL"), 0.1, []string{"Hish:Explosions/Remote violence", "Goro:-"}},
		{"doubtful in the text's country", town(169302, "Goro", 35.5, 36.6, "SY", "PPL"), 0.1, []string{"Hish:Explosions/Remote violence", "Goro:Battles"}},
		{"confident abroad", town(3176515, "Goro", 44.87, 12.3, "IT", "PPL"), 0.35, []string{"Hish:Explosions/Remote violence", "Goro:Battles"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := hishAndGoro(t, text, tc.goro, tc.score); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	alone := "Fighting was reported in Goro."
	g := mention(t, alone, "Goro", 0, geoparse.KindLiteral, town(3176515, "Goro", 44.87, 12.3, "IT", "PPL"))
	g.Score = 0.1
	if got := summary(Build(event.NewArticle("t", alone, "", "", nov8), []geoparse.Mention{g})); !slices.Equal(got, []string{"Goro:Battles"}) {
		t.Errorf("the text's only place: got %q", got)
	}
}

// TestBuildSeriesAppositive: "…, the latest in a string of massacres since
// the army launched an offensive last month" sets the happening in a series;
// the series' words neither type nor date it.
func TestBuildSeriesAppositive(t *testing.T) {
	text := "Rebels killed 17 civilians in Idlib yesterday, the latest in a string of massacres since the army launched an offensive against them last month."
	evs := Build(event.NewArticle("t", text, "", "", nov8), parse(t, text, map[string]*gazetteer.Place{"Idlib": idlib}))
	if got := summary(evs); !slices.Equal(got, []string{"Idlib:Violence against civilians/17"}) {
		t.Fatalf("got %q", got)
	}
	if want := nov8.AddDate(0, 0, -1); !evs[0].Date.Equal(want) || evs[0].DatePrecision != event.PrecisionDay {
		t.Errorf("dated %v (precision %s), want yesterday %v", evs[0].Date, evs[0].DatePrecision, want)
	}
}

// TestBuildAnaphorSkipsContext: "the town" refers to the place the report
// is about, not to a source's seat named since.
func TestBuildAnaphorSkipsContext(t *testing.T) {
	text := "Troops entered Kafr Nabl on Tuesday. The observatory, based in Pittsburgh, said fighting continued west of the town."
	evs := Build(event.NewArticle("t", text, "", "", nov8), parse(t, text, map[string]*gazetteer.Place{"Kafr Nabl": kafrNabl, "Pittsburgh": pittsburgh}))
	for _, e := range evs {
		if e.Type != event.TypeMention && e.PlaceName != "Kafr Nabl" {
			t.Errorf("%s at %s, want Kafr Nabl", e.Type, e.PlaceName)
		}
	}
	if got := summary(evs); !slices.Contains(got, "the town:Battles") {
		t.Errorf("got %q, want the fighting west of the town", got)
	}
}

// TestBuildLeadingDeaths: a toll told before the text's first place is its
// first incident's, unless that incident's own sentence gives the nearer
// count or it is a peaceful protest against the killing; a definite
// plural subject restates victims already counted.
func TestBuildLeadingDeaths(t *testing.T) {
	places := map[string]*gazetteer.Place{"Idlib": idlib, "Aleppo": aleppo, "Kafr Nabl": kafrNabl}
	for _, tc := range []struct{ text, want string }{
		{"Gunmen shot dead a shopkeeper on Sunday. The motive is unclear. Shots were heard across Idlib after the shooting.", "/1"},
		{"Troops killed six fighters near the border on Monday. The fighters were killed on a farm outside Idlib.", "/6"},
		{"Twelve bodies were found in a mass grave at Kafr Nabl. The dead are believed to have been executed by the militia.", "/12"},
		{"Four people died in clashes in two provinces on Friday. Three died in Idlib, and one in Aleppo.", "/3"},
		{"Five villagers were killed overnight. Residents protested against the killings in Kafr Nabl on Monday.", "Kafr Nabl:Protests"},
	} {
		evs := Build(event.NewArticle("t", tc.text, "", "", nov8), parse(t, tc.text, places))
		got := summary(evs)
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasSuffix(s, tc.want) || s == tc.want }) {
			t.Errorf("%q: got %q, want an event %q", tc.text, got, tc.want)
		}
	}
}

// TestBuildLeadType: the first place's clause guesses the type of "the
// attack"; the sentence before it told who was attacked.
func TestBuildLeadType(t *testing.T) {
	places := map[string]*gazetteer.Place{"Idlib": idlib}
	for _, tc := range []struct{ text, want string }{
		{"Gunmen opened fire on an army checkpoint on Tuesday, killing a soldier. The attack took place in Idlib.", "Idlib:Battles/1"},
		{"Gunmen opened fire on a crowd of shoppers on Tuesday, killing a woman. The attack took place in Idlib.", "Idlib:Violence against civilians/1"},
	} {
		evs := Build(event.NewArticle("t", tc.text, "", "", nov8), parse(t, tc.text, places))
		if got := summary(evs); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
			continue
		}
		if !slices.ContainsFunc(evs[0].Explain, func(r event.Reason) bool { return r.Rule == "type/told-before" }) {
			t.Errorf("%q: no type/told-before reason in %+v", tc.text, evs[0].Explain)
		}
	}
}

// TestBuildCrowdNames: the crowd of a riot is rioters, of a protest
// protesters, whatever word the text uses.
func TestBuildCrowdNames(t *testing.T) {
	places := map[string]*gazetteer.Place{"Idlib": idlib}
	for _, tc := range []struct{ text, typ, want string }{
		{"Protesters threw stones at the police in Idlib.", event.TypeRiots, "Rioters (Syria)"},
		{"Protesters marched peacefully in Idlib.", event.TypeProtests, "Protesters (Syria)"},
	} {
		evs := Build(event.NewArticle("t", tc.text, "", "", nov8), parse(t, tc.text, places))
		if len(evs) != 1 || evs[0].Type != tc.typ || !slices.Contains(evs[0].Actors, tc.want) || slices.Contains(evs[0].Actors, "Protesters (Syria)") && tc.typ == event.TypeRiots {
			t.Errorf("%q: got %q", tc.text, summary(evs))
			for _, e := range evs {
				t.Logf("  %s actors %q", e.Type, e.Actors)
			}
		}
	}
}

// TestBuildFoldedActors: the sentence that goes on telling the incident
// names its other party.
func TestBuildFoldedActors(t *testing.T) {
	text := "Students protested against the new fees in Idlib. Soldiers shot at the protesters, killing one."
	evs := Build(event.NewArticle("t", text, "", "", nov8), parse(t, text, map[string]*gazetteer.Place{"Idlib": idlib}))
	if len(evs) != 1 || !slices.Contains(evs[0].Actors, "Military Forces of Syria") {
		t.Fatalf("got %q", summary(evs))
	}
	t.Logf("%s %q", evs[0].Type, evs[0].Actors)
}

// TestBuildContainer: "Idlib's Kafr Nabl district" happened in Kafr Nabl,
// which Idlib holds; an inner name read as a place far off gives way to
// the area.
func TestBuildContainer(t *testing.T) {
	for _, tc := range []struct {
		name  string
		inner *gazetteer.Place
		want  []string
	}{
		{"held", kafrNabl, []string{"Kafr Nabl:Explosions/Remote violence"}},
		{"far off", town(3176515, "Goro", 44.87, 12.3, "IT", "PPL"), []string{"Idlib:Explosions/Remote violence"}},
	} {
		name := "Kafr Nabl"
		if tc.name == "far off" {
			name = "Goro"
		}
		text := "Regime forces shelled houses in Idlib's " + name + " district."
		evs := Build(event.NewArticle("t", text, "", "", nov8), parse(t, text, map[string]*gazetteer.Place{"Idlib": idlib, name: tc.inner}))
		var got []string
		for _, s := range summary(evs) {
			if !strings.HasSuffix(s, ":-") {
				got = append(got, s)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.name, summary(evs), tc.want)
		}
	}
}

// TestBuildMergeKeepsTheSmallerArea: one happening told at a district and
// at the country that holds it stays at the district, whatever trigger
// weighs more.
func TestBuildMergeKeepsTheSmallerArea(t *testing.T) {
	jisr := &gazetteer.Place{ID: 11091700000, Name: "Jisr al-Shughur", Lat: 35.81, Lon: 36.32, Attrs: &gazetteer.Attrs{FeatureClass: "A", FeatureCode: "ADM2", CountryCode: "SY", CountryName: "Syria", Admin1: "Idlib"}}
	text := "Rebels attacked army posts in Jisr al-Shughur district on Monday. In Syria, the rebels then took over the main town."
	evs := Build(event.NewArticle("t", text, "", "", nov8), parse(t, text, map[string]*gazetteer.Place{"Jisr al-Shughur": jisr, "Syria": syria}))
	var typed []string
	for _, s := range summary(evs) {
		if !strings.HasSuffix(s, ":-") && !strings.Contains(s, ":Mention") {
			typed = append(typed, s)
		}
	}
	if len(typed) != 1 || !strings.HasPrefix(typed[0], "Jisr al-Shughur:") {
		t.Errorf("got %q, want one event at the district", summary(evs))
	}
}

// TestBuildTurnedViolent: a march and the stones its crowd threw at one
// place are one demonstration that turned violent, a riot.
func TestBuildTurnedViolent(t *testing.T) {
	text := "Hundreds of residents marched to the governor's office in Idlib on Monday. Later the crowd burned tyres and threw stones at the police in Idlib."
	evs := Build(event.NewArticle("t", text, "", "", nov8), parse(t, text, map[string]*gazetteer.Place{"Idlib": idlib}))
	var typed []string
	for _, s := range summary(evs) {
		if !strings.HasSuffix(s, ":-") {
			typed = append(typed, s)
		}
	}
	if !slices.Equal(typed, []string{"Idlib:Riots"}) {
		t.Errorf("got %q, want one riot", summary(evs))
	}
}

// TestBuildDateline: a dateline says where the story was filed; it places
// the happening only when the story names no other place.
func TestBuildDateline(t *testing.T) {
	beirut := town(276781, "Beirut", 33.89, 35.5, "LB", "PPLC")
	places := map[string]*gazetteer.Place{"ALEPPO": aleppo, "BEIRUT": beirut, "Idlib": idlib, "Syria": syria}
	for _, tc := range []struct{ text, want string }{
		{"ALEPPO, Syria (Reuters) - Warplanes struck Idlib on Monday, killing five people.", "Idlib:Explosions/Remote violence/5"},
		{"BEIRUT (Reuters) - Warplanes pounded rebel-held towns in northwest Syria on Monday, killing five people.", "Syria:Explosions/Remote violence/5"},
		{"ALEPPO, Syria (AP) — A car bomb exploded at a market on Monday, killing five people.", "ALEPPO:Explosions/Remote violence/5"},
	} {
		evs := Build(event.NewArticle("t", tc.text, "", "", nov8), parse(t, tc.text, places))
		var typed []string
		for _, s := range summary(evs) {
			if !strings.HasSuffix(s, ":-") {
				typed = append(typed, s)
			}
		}
		if !slices.Equal(typed, []string{tc.want}) {
			t.Errorf("%q: got %q, want %q", tc.text, summary(evs), tc.want)
		}
	}
}

// TestBuildRetold: "the attack in X" after a happening told near a city
// is that happening, at the town the retelling names.
func TestBuildRetold(t *testing.T) {
	baghdad := town(98182, "Baghdad", 33.34, 44.40, "IQ", "PPLC")
	mahmudiya := town(99072, "Al Mahmudiyah", 33.06, 44.37, "IQ", "PPL")
	text := "A suicide bomber blew himself up among pilgrims south of Baghdad on Friday, killing at least 20 people. The attack in Mahmudiya, a town 30 km south of the capital, was claimed by the Islamic State group."
	evs := Build(event.NewArticle("t", text, "", "", nov8), parse(t, text, map[string]*gazetteer.Place{"Baghdad": baghdad, "Mahmudiya": mahmudiya}))
	var typed []event.Event
	for _, e := range evs {
		if e.Type != event.TypeMention {
			typed = append(typed, e)
		}
	}
	if len(typed) != 1 || typed[0].PlaceName != "Al Mahmudiyah" || typed[0].Fatalities != 20 || typed[0].SubType != event.SubSuicideBomb {
		t.Errorf("got %q, want one suicide bombing at Al Mahmudiyah with 20 dead", summary(evs))
	}
}
