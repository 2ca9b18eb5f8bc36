package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"geoevents/internal/app"
	"geoevents/internal/event"
	"geoevents/web"
)

// TestBrowserIncidentPopup: an air strike three articles report is one
// marker whose popup says "3 sources" and lists the three outlets with the
// toll each states.
func TestBrowserIncidentPopup(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	browser := startBrowser(t)
	s := startServer(t, web.Config{}, func(ctx context.Context, a *app.App) error {
		for i, toll := range []int{9, 5, 12} {
			text := fmt.Sprintf("Report %d of the strike on Incidentville.", i)
			art := event.NewArticle(fmt.Sprintf("Outlet %d's report", i), text, fmt.Sprintf("https://example.org/%d", i), fmt.Sprintf("Outlet %d", i),
				time.Date(2024, 5, 2, 9, 0, 0, 0, time.UTC))
			e := event.Event{ID: fmt.Sprintf("strike-%d", i), Sentence: text, PlaceID: "town-1", PlaceName: "Incidentville",
				Lon: 37.1, Lat: 36.2, GeoPrecision: 1, Type: event.TypeExplosions, SubType: "Air/drone strike",
				Fatalities: toll, Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), DatePrecision: event.PrecisionDay}
			if _, err := a.Store.SaveArticle(ctx, art, []event.Event{e}); err != nil {
				return err
			}
		}
		return nil
	})
	tb := newTab(t, browser)
	tb.open(t, s, "")
	if n := eval[int](t, tb, `document.querySelectorAll("#feed li[data-event]").length`); n != 1 {
		t.Fatalf("the feed lists %d events, want the one incident", n)
	}
	tb.do(t, "click the incident", chromedp.Click(chromedp.CSS(`#feed li[data-event="strike-0"] > button`)))
	poll(t, tb, "the popup's three sources", `document.querySelectorAll(".leaflet-popup-content .pop .sources-list li").length === 3`)
	text := eval[string](t, tb, `document.querySelector(".leaflet-popup-content .pop .sources").textContent`)
	for _, want := range []string{"3 sources", "Outlet 0 · 9 killed", "Outlet 1 · 5 killed", "Outlet 2 · 12 killed"} {
		if !strings.Contains(text, want) {
			t.Errorf("the sources %q lack %q", text, want)
		}
	}
	if meta := eval[string](t, tb, `document.querySelector(".leaflet-popup-content .pop .meta").textContent`); !strings.Contains(meta, "5 killed") {
		t.Errorf("the popup's toll %q, want the lowest stated, 5 killed", meta)
	}
	noConsoleErrors(t, tb)
}
