package extract

import (
	"testing"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/event"
)

// TestDayShift: a day counted from the happening told before dates the
// next one; without a day to count from, nothing is read.
func TestDayShift(t *testing.T) {
	march3 := dateFinding{t: time.Date(2018, 3, 3, 0, 0, 0, 0, time.UTC), prec: event.PrecisionDay, pos: 10}
	for _, tc := range []struct {
		clause string
		want   int // day of March, 0 for none
	}{
		{"The following day, regime forces shelled the town.", 4},
		{"On the next morning, troops stormed the village.", 4},
		{"A day earlier, rebels shelled the town.", 2},
		{"Two days later, the army retook it.", 5},
		{"The previous day a similar raid took place nearby.", 2},
		{"The day after, protesters returned.", 4},
		{"Rebels shelled the town.", 0},
	} {
		got, ok := dayShift(tc.clause, 0, march3)
		if ok != (tc.want > 0) || ok && got.t.Day() != tc.want {
			t.Errorf("%q: got %v %v, want day %d", tc.clause, got.t, ok, tc.want)
		}
	}
	if _, ok := dayShift("The following day, troops withdrew.", 0, dateFinding{t: march3.t, prec: event.PrecisionMonth}); ok {
		t.Errorf("a day counted from a month")
	}
}

// TestBuildDayShift: "The following day" dates the second happening a
// day after the first.
func TestBuildDayShift(t *testing.T) {
	text := "Gunmen attacked a checkpoint in Idlib on 3 November. The following day, regime forces shelled Aleppo."
	evs := Build(event.NewArticle("t", text, "", "", nov8), parse(t, text, map[string]*gazetteer.Place{"Idlib": idlib, "Aleppo": aleppo}))
	found := false
	for _, e := range evs {
		if e.PlaceName == "Aleppo" && e.Type != event.TypeMention {
			found = true
			if e.Date.Day() != 4 {
				t.Errorf("Aleppo dated %v, want 4 November", e.Date)
			}
		}
	}
	if !found {
		t.Errorf("no event at Aleppo: %q", summary(evs))
	}
}
