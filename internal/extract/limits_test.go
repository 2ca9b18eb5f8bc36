package extract

import (
	"context"
	"slices"
	"strings"
	"testing"

	"geoevents/gazetteer"
	"geoevents/internal/event"
	"geoevents/internal/geoparse"
)

// TestBuildLimited: limits that do not bind give Build's events, and each
// limit stops reading at its sentence: the happenings after it make no
// event, not even one inherited from the last place read.
func TestBuildLimited(t *testing.T) {
	text := "Rebels shelled Aleppo on Monday. Government forces bombed Idlib. " +
		"Clashes broke out in Damascus. Two civilians were killed in the shelling."
	places := map[string]*gazetteer.Place{"Aleppo": aleppo, "Idlib": idlib, "Damascus": damascus}
	a := event.NewArticle("t", text, "", "s", nov8)
	ms := parse(t, text, places)
	slices.SortFunc(ms, func(x, y geoparse.Mention) int { return x.Start - y.Start })
	all := summary(Build(a, ms))
	idlibEnd := strings.Index(text, "Idlib") + len("Idlib")
	tests := []struct {
		name string
		lim  Limits
		want []string // nil: Build's events
	}{
		{"no limits", Limits{}, nil},
		{"limits that do not bind", Limits{Read: len(text), MaxPlaces: 3}, nil},
		{"read up to the middle of the second sentence", Limits{Read: idlibEnd - 2}, all[:2]},
		{"read up to the third sentence", Limits{Read: strings.Index(text, "Clashes")}, all[:2]},
		{"two places", Limits{MaxPlaces: 2}, all[:2]},
		{"one place, read whole", Limits{Read: len(text), MaxPlaces: 1}, all[:1]},
	}
	if len(all) != 3 {
		t.Fatalf("Build gives %v, want an event at each of the three places", all)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			evs, complete := BuildLimited(context.Background(), a, ms, tc.lim)
			want := tc.want
			if want == nil {
				want = all
			}
			if got := summary(evs); !slices.Equal(got, want) {
				t.Errorf("events %v, want %v", got, want)
			}
			if !complete {
				t.Error("complete = false without a time budget")
			}
		})
	}
}
