package extract

import (
	"context"
	"fmt"
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

// TestMaxMentionsPerSentence: a sentence's place mentions past the
// MaxMentionsPerSentence-th are not read; below the bound all are.
func TestMaxMentionsPerSentence(t *testing.T) {
	for _, n := range []int{MaxMentionsPerSentence - 4, MaxMentionsPerSentence + 36} {
		places := map[string]*gazetteer.Place{}
		names := make([]string, n)
		for i := range names {
			names[i] = fmt.Sprintf("Qasr%03d", i)
			places[names[i]] = town(int64(800000+i), names[i], 35+float64(i)/100, 37, "SY", "PPL")
		}
		text := "Shelling hit " + strings.Join(names, ", ") + ". Rebels entered Aleppo."
		places["Aleppo"] = aleppo
		ms := parse(t, text, places)
		slices.SortFunc(ms, func(x, y geoparse.Mention) int { return x.Start - y.Start })
		evs := Build(event.NewArticle("t", text, "", "s", nov8), ms)
		want := min(n, MaxMentionsPerSentence) + 1 // and Aleppo, in the next sentence
		if len(evs) != want {
			t.Errorf("%d places in a sentence: %d events, want %d", n, len(evs), want)
		}
		for _, e := range evs[:len(evs)-1] {
			if k := slices.Index(names, e.MentionText); k >= MaxMentionsPerSentence {
				t.Errorf("%d places in a sentence: an event at the %d-th, past the bound", n, k+1)
			}
		}
		if last := evs[len(evs)-1]; last.MentionText != "Aleppo" {
			t.Errorf("the sentence after the list gives %q, want Aleppo", last.MentionText)
		}
	}
}
