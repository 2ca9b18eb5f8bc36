package web_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"geoevents/internal/app"
	"geoevents/internal/event"
	"geoevents/web"
)

// TestBrowserLive: events ingested while the map is open show as an "N
// new" badge, the view stays where the reader left it, and the badge
// loads them (issue 14, live mode).
func TestBrowserLive(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	browser := startBrowser(t)
	var a *app.App
	s := startServer(t, web.Config{LiveInterval: 200 * time.Millisecond}, func(ctx context.Context, ap *app.App) error {
		a = ap
		_, err := ap.Store.ImportEvents(ctx, timelineEvents())
		return err
	})
	tb := newTab(t, browser)
	tb.open(t, s, "c=34.8,36.9&z=8")
	before := countNumber(t, tb.shown(t).Count)
	hash := tb.settle(t)
	loads := tb.loads(t)

	const added = 7
	if _, err := a.Store.ImportEvents(context.Background(), func(yield func(event.Event, error) bool) {
		for i := range added {
			e := event.Event{ID: fmt.Sprintf("live-%d", i), PlaceName: "Homs", CountryCode: "SY", Lon: 36.7 + float64(i)*0.01, Lat: 34.73,
				Type: event.TypeProtests, Sentence: "A new protest.", Date: time.Date(2025, 6, 20, 0, 0, 0, 0, time.UTC), DatePrecision: event.PrecisionDay}
			if !yield(e, nil) {
				return
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	poll(t, tb, "the new-events badge", fmt.Sprintf(`!document.getElementById("live-badge").hidden && document.getElementById("live-badge").dataset.n === "%d"`, added))
	if text := eval[string](t, tb, `document.getElementById("live-badge").textContent`); text == "" {
		t.Errorf("badge has no text")
	}
	if got := eval[string](t, tb, `location.href`); got != hash || tb.loads(t) != loads {
		t.Errorf("the map moved or reloaded by itself: %s (was %s), loads %d (was %d)", got, hash, tb.loads(t), loads)
	}
	if n := countNumber(t, tb.shown(t).Count); n != before {
		t.Errorf("count changed to %d before the reader asked", n)
	}
	tb.do(t, "show the new events", chromedp.Click(chromedp.ID("live-badge")))
	tb.waitLoaded(t, loads)
	if n := assertCount(t, s, tb.shown(t), -1); n != before+added {
		t.Errorf("after the badge: %d events, want %d", n, before+added)
	}
	if !eval[bool](t, tb, `document.getElementById("live-badge").hidden`) {
		t.Errorf("badge still shown after loading the new events")
	}
	noConsoleErrors(t, tb)
}
