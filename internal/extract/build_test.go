package extract

import (
	"geoevents/internal/event"
	"strconv"
	"strings"
	"testing"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/geoparse"
)

var (
	aleppo  = &gazetteer.Place{ID: 170063, Name: "Aleppo", Lat: 36.20124, Lon: 37.16117, FeatureClass: "P", FeatureCode: "PPLA", CountryCode: "SY", CountryName: "Syria", Admin1: "Aleppo"}
	palmyra = &gazetteer.Place{ID: 163808, Name: "Tadmur", Lat: 34.56, Lon: 38.28, FeatureClass: "P", FeatureCode: "PPL", CountryCode: "SY", CountryName: "Syria"}
	tanf    = &gazetteer.Place{ID: 900000001, Name: "Al-Tanf", Lat: 33.506, Lon: 38.618, FeatureClass: "S", FeatureCode: "MILB", CountryCode: "SY", CountryName: "Syria"}
	syria   = &gazetteer.Place{ID: 163843, Name: "Syria", Lat: 35, Lon: 38, FeatureClass: "A", FeatureCode: "PCLI", CountryCode: "SY", CountryName: "Syria"}
	usa     = &gazetteer.Place{ID: 6252001, Name: "United States", Lat: 39.76, Lon: -98.5, FeatureClass: "A", FeatureCode: "PCLI", CountryCode: "US", CountryName: "United States"}
	russia  = &gazetteer.Place{ID: 2017370, Name: "Russia", Lat: 60, Lon: 100, FeatureClass: "A", FeatureCode: "PCLI", CountryCode: "RU", CountryName: "Russia"}
	medSea  = &gazetteer.Place{ID: 900000003, Name: "Mediterranean Sea", Lat: 35, Lon: 18, FeatureClass: "H", FeatureCode: "SEA"}
)

// mention builds the parser's output for the n-th (0-based) occurrence of
// surface in text.
func mention(t *testing.T, text, surface string, n int, kind geoparse.Kind, p *gazetteer.Place) geoparse.Mention {
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

func TestBuild(t *testing.T) {
	text := "Joint Attack in UNESCO Site Palmyra\n\n" +
		"The recent escalation in Palmyra has shaken Syria. " +
		"Joint forces of Syria and the United States launched an attack in the ancient city on Monday. " +
		"Russian airstrikes hit rebel positions near Aleppo. " +
		"American helicopters evacuated the wounded, transporting them to the Et-Tanf base. " +
		"Russia has moved ships to the Mediterranean."
	pub := time.Date(2024, 11, 8, 9, 0, 0, 0, time.UTC)
	a := event.NewArticle("Joint attack", text, "https://example.org/a", "Wire", pub)
	ms := []geoparse.Mention{
		mention(t, text, "Palmyra", 0, geoparse.KindLiteral, palmyra),
		mention(t, text, "Palmyra", 1, geoparse.KindLiteral, palmyra),
		mention(t, text, "Syria", 0, geoparse.KindLiteral, syria),
		mention(t, text, "Syria", 1, geoparse.KindLiteral, syria),
		mention(t, text, "United States", 0, geoparse.KindLiteral, usa),
		mention(t, text, "Russian", 0, geoparse.KindAdjectival, russia),
		mention(t, text, "Aleppo", 0, geoparse.KindLiteral, aleppo),
		mention(t, text, "Et-Tanf", 0, geoparse.KindLiteral, tanf),
		mention(t, text, "Russia", 1, geoparse.KindLiteral, russia), // "Russia has moved": an actor
		mention(t, text, "Mediterranean", 0, geoparse.KindLiteral, medSea),
		{Start: 0, End: 5, Text: "Joint", Kind: geoparse.KindLiteral}, // unresolved: skipped
	}
	events := Build(a, ms)

	type want struct {
		mention, place, typ, sub string
		prec                     int
		date                     time.Time
	}
	nov8, nov4 := time.Date(2024, 11, 8, 0, 0, 0, 0, time.UTC), time.Date(2024, 11, 4, 0, 0, 0, 0, time.UTC)
	wants := []want{
		{"Palmyra", "Tadmur", event.TypeBattles, event.SubArmedClash, 1, nov8},
		{"Palmyra", "Tadmur", event.TypeMention, "", 1, nov8},
		{"Syria", "Syria", event.TypeMention, "", 3, nov8},
		{"the ancient city", "Tadmur", event.TypeBattles, event.SubArmedClash, 1, nov4},
		{"Aleppo", "Aleppo", event.TypeExplosions, event.SubAirDroneStrike, 2, nov8},
		{"Et-Tanf", "Al-Tanf", event.TypeStrategicDevelopments, event.SubOther, 1, nov8},
		{"Mediterranean", "Mediterranean Sea", event.TypeMention, "", 2, nov8},
	}
	if len(events) != len(wants) {
		for _, e := range events {
			t.Logf("event %q %s %s/%s", e.MentionText, e.PlaceName, e.Type, e.SubType)
		}
		t.Fatalf("got %d events, want %d", len(events), len(wants))
	}
	ids := map[string]bool{}
	for i, w := range wants {
		e := events[i]
		if e.MentionText != w.mention || e.PlaceName != w.place || e.Type != w.typ || e.SubType != w.sub || e.GeoPrecision != w.prec || !e.Date.Equal(w.date) {
			t.Errorf("event %d = %q %s %s/%s prec %d date %s, want %+v", i, e.MentionText, e.PlaceName, e.Type, e.SubType, e.GeoPrecision, e.Date.Format(time.DateOnly), w)
		}
		if text[e.MentionStart:e.MentionEnd] != e.MentionText || !strings.Contains(e.Sentence, e.MentionText) || text[e.SentenceStart:e.SentenceStart+len(e.Sentence)] != e.Sentence {
			t.Errorf("event %d: spans do not point into the text", i)
		}
		if e.ID != event.EventID(a.ID, e.MentionStart, e.MentionEnd) || len(e.ID) != 16 || ids[e.ID] {
			t.Errorf("event %d: bad or duplicate id %q", i, e.ID)
		}
		ids[e.ID] = true
		if e.ArticleID != a.ID || e.ArticleURL != a.URL || e.Source != "Wire" || !e.Published.Equal(pub) || e.DatePrecision != event.PrecisionDay {
			t.Errorf("event %d: article fields not copied: %+v", i, e)
		}
	}
	if got := events[0].PlaceID; got != "163808" {
		t.Errorf("PlaceID = %q, want the decimal GeoNames id", got)
	}
	if ev := events[4]; ev.Lon != aleppo.Lon || ev.Lat != aleppo.Lat || !contains(ev.Actors, ActorRussia) || !contains(ev.Actors, ActorRebels) {
		t.Errorf("Aleppo event: point %v,%v actors %v", ev.Lon, ev.Lat, ev.Actors)
	}
	if ev := events[3]; ev.MentionKind != KindAnaphoric || !contains(ev.Actors, ActorUnitedStates) {
		t.Errorf("anaphor event: kind %q actors %v", ev.MentionKind, ev.Actors)
	}
	// Stable: building again gives the same IDs.
	again := Build(a, ms)
	for i := range again {
		if again[i].ID != events[i].ID {
			t.Fatalf("ids not stable")
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

func TestNewArticle(t *testing.T) {
	a := event.NewArticle(" Title ", "line one\r\nline two\rthree", "", "", time.Time{})
	b := event.NewArticle("Other", "line one\nline two\nthree", "u", "s", time.Now())
	if a.Text != "line one\nline two\nthree" || a.ID != b.ID || len(a.ID) != 32 || a.Title != "Title" {
		t.Errorf("NewArticle: %+v vs %+v", a, b)
	}
	if c := event.NewArticle("", "line one", "", "", time.Time{}); c.ID == a.ID {
		t.Error("different texts share an id")
	}
}

func TestGeoPrecision(t *testing.T) {
	text := "Shells fell near Saraqib and in the Idlib countryside, in Aleppo and in Syria."
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	town := &gazetteer.Place{FeatureClass: "P", FeatureCode: "PPL"}
	for _, c := range []struct {
		name string
		p    *gazetteer.Place
		want int
	}{{"Saraqib", town, 2}, {"Idlib", town, 2}, {"Aleppo", town, 1}, {"Syria", syria, 3}} {
		s, e := at(c.name)
		if got := GeoPrecision(c.p, text, s, e); got != c.want {
			t.Errorf("GeoPrecision(%s) = %d, want %d", c.name, got, c.want)
		}
	}
	if got := GeoPrecision(medSea, "the Mediterranean", 4, 17); got != 2 {
		t.Errorf("sea precision %d", got)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestBuildLocatesAtMostPrecisePlace(t *testing.T) {
	iraq := &gazetteer.Place{ID: 99237, Name: "Iraq", Lat: 33, Lon: 44, FeatureClass: "A", FeatureCode: "PCLI", CountryCode: "IQ", CountryName: "Iraq"}
	text := "American helicopters evacuated the wounded to the Et-Tanf base near the borders of Syria and Iraq. " +
		"Rebels seized Syria's second-largest city."
	a := event.NewArticle("t", text, "", "", time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC))
	events := Build(a, []geoparse.Mention{
		mention(t, text, "Et-Tanf", 0, geoparse.KindLiteral, tanf),
		mention(t, text, "Syria", 0, geoparse.KindLiteral, syria),
		mention(t, text, "Iraq", 0, geoparse.KindLiteral, iraq),
		mention(t, text, "Syria", 1, geoparse.KindLiteral, syria),
	})
	got := map[string]string{}
	for _, e := range events {
		got[e.MentionText+"@"+strconv.Itoa(e.SentenceStart)] = e.Type
	}
	second := strconv.Itoa(strings.Index(text, "Rebels"))
	want := map[string]string{
		"Et-Tanf@0":       event.TypeStrategicDevelopments,
		"Syria@0":         event.TypeMention, // only says where Et-Tanf is
		"Iraq@0":          event.TypeMention,
		"Syria@" + second: event.TypeBattles, // no more precise place: the event stays at the country
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: type %q, want %q (all: %v)", k, got[k], w, got)
		}
	}
}
