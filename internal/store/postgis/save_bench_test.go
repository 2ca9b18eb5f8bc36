package postgis

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// benchArticle makes article n with 5 battles at Aleppo on one day, each
// at placeID(i), from outlet source.
func benchArticle(n int, source string, placeID func(i int) string) (event.Article, []event.Event) {
	text := fmt.Sprintf("Article %d about Aleppo and Idlib.", n)
	h := sha256.Sum256([]byte(text))
	a := event.Article{
		ID: hex.EncodeToString(h[:]), URL: fmt.Sprintf("https://example.org/%d", n), Title: "Title of " + text,
		Source: source, Published: time.Date(2024, 12, 1, 10, 30, 0, 0, time.UTC), Text: text,
	}
	evs := make([]event.Event, 5)
	for i := range evs {
		evs[i] = event.Event{
			ID: fmt.Sprintf("%s-%d", a.ID[:16], i), Sentence: fmt.Sprintf("Sentence %d of %s.", i, text),
			MentionStart: i * 10, MentionEnd: i*10 + 6, MentionText: "Aleppo", MentionKind: "place",
			PlaceID: placeID(i), PlaceName: "Aleppo", CountryCode: "SY", CountryName: "Syria", Admin1: "Aleppo",
			FeatureCode: "PPLA", Lon: 37, Lat: 36, GeoPrecision: 1, Score: 0.9, Fatalities: n % 7,
			Type: event.TypeBattles, SubType: "Armed clash", Actors: []string{"HTS", "Syrian government"},
			Date: time.Date(2024, 11, 30, 0, 0, 0, 0, time.UTC), DatePrecision: event.PrecisionDay,
		}
	}
	return a, evs
}

// BenchmarkSaveArticle saves articles of 5 events each, one transaction
// per article as ingest does; each article's events have a place of
// their own, so none joins an incident.
func BenchmarkSaveArticle(b *testing.B) {
	s := openTemp(b)
	ctx := context.Background()
	start := time.Now()
	n := 0
	for b.Loop() {
		a, evs := benchArticle(n, "Test Wire", func(int) string { return fmt.Sprintf("own-place-%d", n) })
		if _, err := s.SaveArticle(ctx, a, evs); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
}

// BenchmarkSaveArticleJoins saves articles (each of another outlet) whose
// 5 events each report one of the same 5 incidents (same type, place and
// day), which grow to b.N sources: what a join costs beside a plain save,
// and that it stays flat as the incidents grow (compare -benchtime 200x
// with 2000x). Where the backend groups reports, 5 events are visible.
func BenchmarkSaveArticleJoins(b *testing.B) {
	s := openTemp(b)
	ctx := context.Background()
	start := time.Now()
	n := 0
	for b.Loop() {
		a, evs := benchArticle(n, fmt.Sprintf("Outlet %d", n), func(i int) string { return fmt.Sprintf("incident-place-%d", i) })
		if _, err := s.SaveArticle(ctx, a, evs); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
	if _, ok := any(s).(store.Incidents); !ok {
		return
	}
	if p, err := s.Events(ctx, store.Filter{}); err != nil || p.NumberMatched != 5 {
		b.Fatalf("%d incidents, %v; want 5", p.NumberMatched, err)
	}
}
