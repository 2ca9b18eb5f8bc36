package ingest

import (
	"errors"
	"math"
	"strings"
	"testing"

	"geoevents/internal/event"
)

func TestCheckEvent(t *testing.T) {
	tests := []struct {
		name string
		edit func(*event.Event)
		want string // "" when accepted
	}{
		{"valid", func(*event.Event) {}, ""},
		{"plain-word type", func(e *event.Event) { e.Type = "shelling" }, ""},
		{"lower-case ACLED type kept as is", func(e *event.Event) { e.Type = "battles" }, ""},
		{"NaN longitude", func(e *event.Event) { e.Lon = math.NaN() }, "longitude NaN"},
		{"infinite latitude", func(e *event.Event) { e.Lat = math.Inf(1) }, "latitude +Inf"},
		{"latitude out of range", func(e *event.Event) { e.Lat = -91 }, "latitude -91"},
		{"longitude out of range", func(e *event.Event) { e.Lon = 181 }, "longitude 181"},
		{"negative fatalities", func(e *event.Event) { e.Fatalities = -1 }, "fatalities -1"},
		{"unknown date precision", func(e *event.Event) { e.DatePrecision = "era" }, `date_precision "era"`},
		{"markup type", func(e *event.Event) { e.Type = "<b>x</b>" }, "type"},
		{"markup sub-type", func(e *event.Event) { e.SubType = "<b>x</b>" }, "sub_event_type"},
		{"unassigned country", func(e *event.Event) { e.CountryCode = "EU" }, `country_code "EU"`},
		{"javascript URL", func(e *event.Event) { e.ArticleURL = "javascript:alert(1)" }, "not http or https"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := event.Event{ID: "x", Lon: 37, Lat: 36, Type: event.TypeBattles, SubType: "Armed clash", CountryCode: "SY",
				ArticleURL: "https://example.org/a", DatePrecision: event.PrecisionDay}
			tt.edit(&e)
			before := e
			err := CheckEvent(&e)
			if e.Type != before.Type {
				t.Errorf("CheckEvent changed the type %q to %q", before.Type, e.Type)
			}
			if tt.want == "" {
				if err != nil {
					t.Fatalf("CheckEvent: %v, want nil", err)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrInvalidRecord) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("CheckEvent: %v, want ErrInvalidRecord mentioning %q", err, tt.want)
			}
		})
	}
}
