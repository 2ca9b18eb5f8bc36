package export

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/store/sqlite"
)

// places are plausible Syrian event locations.
var places = []struct {
	name     string
	lon, lat float64
}{
	{"Aleppo", 37.16117, 36.20124}, {"Damascus", 36.29128, 33.5102}, {"Idlib", 36.63393, 35.93062},
	{"Tadmur", 38.28391, 34.56024}, {"al-Tanf", 38.6167, 33.4833}, {"Deir ez-Zor", 40.14083, 35.33611},
}

// events yields n deterministic events, including awkward text.
func events(n int) iter.Seq2[event.Event, error] {
	return func(yield func(event.Event, error) bool) {
		r := rand.New(rand.NewPCG(9, 9))
		for i := range n {
			p := places[r.IntN(len(places))]
			e := event.Event{
				ID: fmt.Sprintf("ev-%07d", i), ArticleTitle: "Report, \"quoted\" title", ArticleURL: "https://example.org/a?x=1&y=2",
				Source: "Wire", Published: time.Date(2024, 12, 1, 8, 0, 0, 0, time.UTC),
				Sentence: fmt.Sprintf("Shelling hit %s,\nagain (event %d).", p.name, i), SentenceStart: i, MentionStart: i + 13, MentionEnd: i + 19,
				MentionText: p.name, MentionKind: "place", PlaceID: fmt.Sprint(170000 + r.IntN(6)), PlaceName: p.name,
				CountryCode: "SY", CountryName: "Syria", Admin1: p.name, FeatureCode: "PPLA",
				Lon: p.lon + r.NormFloat64()*0.05, Lat: p.lat + r.NormFloat64()*0.05, GeoPrecision: 1 + r.IntN(3),
				Score: float64(r.IntN(1000)) / 1000, Type: event.TypeExplosions, SubType: "Shelling/artillery/missile attack",
				Actors: []string{"Syrian government", "Russia"}, Fatalities: r.IntN(9), Notes: "generated",
				Date: time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(4000)), DatePrecision: event.PrecisionDay,
			}
			if i%7 == 0 {
				e.Type, e.SubType, e.Actors, e.Date, e.DatePrecision = event.TypeMention, "", nil, time.Time{}, ""
			}
			if !yield(e, nil) {
				return
			}
		}
	}
}

// seededStore opens a temporary store holding n generated events.
func seededStore(t testing.TB, n int) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "events.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if got, err := st.ImportEvents(ctx, events(n)); err != nil || got != n {
		t.Fatalf("import = %d, %v", got, err)
	}
	return st
}
