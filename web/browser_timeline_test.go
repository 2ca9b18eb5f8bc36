package web_test

import (
	"context"
	"fmt"
	"iter"
	"strings"
	"testing"
	"time"

	"geoevents/internal/app"
	"geoevents/internal/event"
	"geoevents/web"
)

// TestBrowserTimelineFitted: one 2015 event in a corpus of 2024–25 does not
// stretch the timeline; the axis starts where the data is and says how
// many earlier events it left out (issue 14, point 4).
func TestBrowserTimelineFitted(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	browser := startBrowser(t)
	s := startServer(t, web.Config{}, func(ctx context.Context, a *app.App) error {
		_, err := a.Store.ImportEvents(ctx, timelineEvents())
		return err
	})
	tb := newTab(t, browser)
	tb.open(t, s, "c=35,38.5&z=6")
	poll(t, tb, "the timeline", `!!document.querySelector("#timeline svg text.axis")`)
	first := eval[string](t, tb, `document.querySelector("#timeline svg text.axis").textContent`)
	// The axis leaves out at most 1% of the events at each end (bins in
	// timeline.js): the 2015 one and a few of the first days.
	var earlier int
	if _, err := fmt.Sscanf(first[strings.Index(first, "(+")+2:], "%d earlier", &earlier); !strings.HasPrefix(first, "2024-03") || err != nil || earlier < 1 || earlier > 7 {
		t.Errorf("timeline axis starts %q; want March 2024 with the 2015 event among at most 1%% counted as earlier", first)
	}
	bars := eval[int](t, tb, `document.querySelectorAll("#timeline rect.bar-rect").length`)
	if bars < 20 {
		t.Errorf("%d bars: the 2024–25 data is squashed", bars)
	}
	noConsoleErrors(t, tb)
}

// timelineEvents are 600 events over 2024-03 … 2025-06 in Syria and one
// in 2015.
func timelineEvents() iter.Seq2[event.Event, error] {
	return func(yield func(event.Event, error) bool) {
		day0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
		for i := range 600 {
			e := event.Event{ID: fmt.Sprintf("tl-%d", i), PlaceName: "Homs", CountryCode: "SY", Lon: 36.5 + float64(i%10)*0.1, Lat: 34.5 + float64(i%7)*0.1,
				Type: event.TypeBattles, Sentence: "Clashes.", Date: day0.AddDate(0, 0, i*450/600), DatePrecision: event.PrecisionDay}
			if !yield(e, nil) {
				return
			}
		}
		yield(event.Event{ID: "tl-2015", PlaceName: "Homs", CountryCode: "SY", Lon: 36.7, Lat: 34.7, Type: event.TypeBattles,
			Sentence: "Old clashes.", Date: time.Date(2015, 5, 1, 0, 0, 0, 0, time.UTC), DatePrecision: event.PrecisionDay}, nil)
	}
}
