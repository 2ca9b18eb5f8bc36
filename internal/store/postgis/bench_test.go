package postgis

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"testing"
	"time"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// benchEvents yields n events around Syria over four years.
func benchEvents(n int) iter.Seq2[event.Event, error] {
	return func(yield func(event.Event, error) bool) {
		r := rand.New(rand.NewPCG(1, 2))
		for i := range n {
			e := event.Event{
				ID: fmt.Sprintf("b%08d", i), PlaceName: "Aleppo", CountryCode: "SY", Type: event.TypeBattles,
				Sentence: "Clashes were reported near the town.",
				Lon:      float64(int64((35.7+r.Float64()*6.7)*1e6)) / 1e6, Lat: float64(int64((32.3+r.Float64()*5)*1e6)) / 1e6,
				Date: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(4*365)), Score: r.Float64(),
			}
			if !yield(e, nil) {
				return
			}
		}
	}
}

// BenchmarkEvents times pages of the HTTP API's common queries on
// 100,000 events.
func BenchmarkEvents(b *testing.B) {
	ctx := context.Background()
	s := openTemp(b)
	if _, err := s.ImportEvents(ctx, benchEvents(100_000)); err != nil {
		b.Fatal(err)
	}
	if _, err := s.pool.Exec(ctx, "ANALYZE events"); err != nil {
		b.Fatal(err)
	}
	city := &geo.BBox{MinLon: 37.0, MinLat: 36.1, MaxLon: 37.3, MaxLat: 36.3}
	for name, f := range map[string]store.Filter{
		"city box limit 100":     {BBox: city, Limit: 100},
		"country box limit 1000": {BBox: &geo.BBox{MinLon: 35, MinLat: 32, MaxLon: 42.5, MaxLat: 37.5}, Limit: 1000},
		"city box and month":     {BBox: city, From: time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2022, 4, 1, 0, 0, 0, 0, time.UTC), Limit: 100},
		"near by distance":       {Near: &geo.Circle{Lon: 37.16, Lat: 36.2, RadiusKm: 30}, Limit: 100},
		"text":                   {Text: "clashes town", Limit: 100},
		"newest, deep page":      {Limit: 100, Offset: 5000},
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Events(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("by id", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := s.Event(ctx, fmt.Sprintf("b%08d", i%100_000)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkImport times ImportEvents (COPY, then one INSERT … SELECT)
// per event.
func BenchmarkImport(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		s := openTemp(b)
		b.StartTimer()
		if _, err := s.ImportEvents(ctx, benchEvents(20_000)); err != nil {
			b.Fatal(err)
		}
	}
}
