package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"iter"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"geoevents/geo"
	"geoevents/internal/event"
)

// openTemp opens a store in a fresh temporary file and closes it (after an
// integrity check) when the test ends.
func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "events.db"))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.IntegrityCheck(context.Background()); err != nil {
			t.Errorf("after test: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

func hashID(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// article makes an article with n events at the given place.
func article(url, text string, n int, lon, lat float64) (event.Article, []event.Event) {
	a := event.Article{
		ID: hashID(text), URL: url, Title: "Title of " + text, Source: "Test Wire",
		Published: time.Date(2024, 12, 1, 10, 30, 0, 0, time.UTC), Text: text,
	}
	// Each article's own place id: articles reporting the same type at
	// the same place and date would be one incident (store.Incidents);
	// the incident tests build theirs on purpose.
	placeID := "170063-" + a.ID[:8]
	evs := make([]event.Event, n)
	for i := range evs {
		evs[i] = event.Event{
			ID: fmt.Sprintf("%s-%d", a.ID[:16], i), Sentence: fmt.Sprintf("Sentence %d of %s.", i, text),
			MentionStart: i * 10, MentionEnd: i*10 + 6, MentionText: "Aleppo", MentionKind: "place",
			PlaceID: placeID, PlaceName: "Aleppo", CountryCode: "SY", CountryName: "Syria", Admin1: "Aleppo",
			FeatureCode: "PPLA", Lon: lon, Lat: lat, GeoPrecision: 1, Score: 0.9,
			Type: event.TypeBattles, SubType: "Armed clash", Actors: []string{"HTS", "Syrian government"},
			Date: time.Date(2024, 11, 30, 0, 0, 0, 0, time.UTC), DatePrecision: event.PrecisionDay,
		}
	}
	return a, evs
}

// syriaPlaces are plausible event locations for generated data.
var syriaPlaces = []struct {
	id, name, admin1 string
	lon, lat         float64
}{
	{"170063", "Aleppo", "Aleppo", 37.16117, 36.20124},
	{"170654", "Damascus", "Damascus", 36.29128, 33.5102},
	{"169388", "Idlib", "Idlib", 36.63393, 35.93062},
	{"170017", "Homs", "Homs", 36.72339, 34.72682},
	{"173480", "Tadmur", "Homs", 38.28391, 34.56024},
	{"170794", "Deir ez-Zor", "Deir ez-Zor", 40.14083, 35.33611},
	{"172955", "Ar Raqqah", "Raqqa", 39.01141, 35.95283},
	{"900000001", "al-Tanf", "Homs", 38.6167, 33.4833},
}

var genTypes = [][2]string{
	{event.TypeBattles, "Armed clash"},
	{event.TypeBattles, "Non-state actor overtakes territory"},
	{event.TypeExplosions, "Air/drone strike"},
	{event.TypeExplosions, "Shelling/artillery/missile attack"},
	{event.TypeViolenceAgainstCivilians, "Attack"},
	{event.TypeProtests, "Peaceful protest"},
	{event.TypeStrategicDevelopments, "Agreement"},
	{event.TypeMention, ""},
}

// genEvents yields n deterministic plausible events: 45% scattered
// (σ ≈ 20 km) around Syrian towns, 35% anywhere in Syria, 20% anywhere in
// the world; dates over 2012–2024, 2% without a date.
func genEvents(n int, seed uint64) iter.Seq2[event.Event, error] {
	return func(yield func(event.Event, error) bool) {
		r := rand.New(rand.NewPCG(seed, 42))
		base := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range n {
			e := genEvent(r, i, seed, base)
			if !yield(e, nil) {
				return
			}
		}
	}
}

func genEvent(r *rand.Rand, i int, seed uint64, base time.Time) event.Event {
	p := syriaPlaces[r.IntN(len(syriaPlaces))]
	t := genTypes[r.IntN(len(genTypes))]
	e := event.Event{
		ID:     fmt.Sprintf("gen-%d-%07d", seed, i),
		Source: "Generated", Sentence: fmt.Sprintf("Clashes reported near %s, event %d.", p.name, i),
		PlaceID: p.id, PlaceName: p.name, CountryCode: "SY", CountryName: "Syria", Admin1: p.admin1, FeatureCode: "PPL",
		Lon: p.lon + r.NormFloat64()*0.2, Lat: p.lat + r.NormFloat64()*0.2,
		GeoPrecision: 1 + r.IntN(3), Score: float64(r.IntN(1000)) / 1000,
		Type: t[0], SubType: t[1], Fatalities: r.IntN(5),
		Date: base.AddDate(0, 0, r.IntN(13*365)), DatePrecision: event.PrecisionDay,
	}
	switch k := r.IntN(20); {
	case k < 4:
		e.PlaceID, e.PlaceName, e.CountryCode, e.CountryName, e.Admin1 = "", "Somewhere", "XX", "", ""
		e.Lon, e.Lat = r.Float64()*360-180, r.Float64()*170-85
	case k < 11:
		e.Lon, e.Lat = 35.7+r.Float64()*6.7, 32.3+r.Float64()*5
	}
	if r.IntN(50) == 0 {
		e.Date, e.DatePrecision = time.Time{}, event.PrecisionUnknown
	}
	if r.IntN(3) == 0 {
		e.Actors = []string{"Syrian government", "HTS"}
	}
	return e
}

func boxAround(lon, lat, d float64) *geo.BBox {
	return &geo.BBox{MinLon: lon - d, MinLat: lat - d, MaxLon: lon + d, MaxLat: lat + d}
}

// seqOf yields the events with no errors, as ImportEvents takes them.
func seqOf(evs []event.Event) iter.Seq2[event.Event, error] {
	return func(yield func(event.Event, error) bool) {
		for _, e := range evs {
			if !yield(e, nil) {
				return
			}
		}
	}
}
