package ingest

import (
	"strconv"
	"testing"

	"geoevents/internal/event"
)

func TestCapEvents(t *testing.T) {
	// t: a typed event, m: a mention, in text order.
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"under the cap", "tmtm", 5, "tmtm"},
		{"at the cap", "tmtm", 4, "tmtm"},
		{"typed first, then the first mentions", "mmtmtm", 3, "mtt"},
		{"only typed fit", "mtmtt", 2, "tt"},
		{"mentions fill what is left", "mmmmt", 3, "mmt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var events []event.Event
			for i, c := range tc.in {
				e := event.Event{ID: strconv.Itoa(i), Type: "Battles"}
				if c == 'm' {
					e.Type = event.TypeMention
				}
				events = append(events, e)
			}
			kept, dropped := capEvents(events, tc.max)
			got := ""
			prev := -1
			for _, e := range kept {
				i, _ := strconv.Atoi(e.ID)
				if i <= prev {
					t.Fatalf("kept events out of text order: %v", kept)
				}
				prev = i
				got += map[bool]string{true: "m", false: "t"}[e.Type == event.TypeMention]
			}
			if got != tc.want || dropped != len(tc.in)-len(tc.want) {
				t.Errorf("capEvents(%s, %d) = %s, dropped %d; want %s, dropped %d", tc.in, tc.max, got, dropped, tc.want, len(tc.in)-len(tc.want))
			}
		})
	}
}
