package web_test

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"geoevents/internal/app"
	"geoevents/internal/event"
	"geoevents/web"
)

// TestBrowserManyEvents checks the map stays responsive with 100,000
// events in the database: the view is drawn from server-side aggregates,
// the feed holds at most 100 rows, and the count still equals the API's.
func TestBrowserManyEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	browser := startBrowser(t)
	const n = 100_000
	s := startServer(t, web.Config{}, func(ctx context.Context, a *app.App) error {
		start := time.Now()
		added, err := a.Store.ImportEvents(ctx, generatedEvents(n))
		t.Logf("imported %d generated events in %v", added, time.Since(start).Round(time.Millisecond))
		return err
	})
	tb := newTab(t, browser)
	start := time.Now()
	tb.open(t, s, "")
	first := time.Since(start)
	sh := tb.shown(t)
	got := assertCount(t, s, sh, -1)
	if got < n/2 {
		t.Errorf("initial view counts %d events, want most of the %d generated in it", got, n)
	}
	dom := eval[map[string]int](t, tb, `({markers: document.querySelectorAll(".leaflet-marker-pane > *").length, cells: document.querySelectorAll(".ev-cell").length, rows: document.querySelectorAll("#feed li").length, grouped: document.body.dataset.mode === "cells" && document.getElementById("count").textContent.includes("groups") ? 1 : 0})`)
	if dom["markers"] > 3000 || dom["cells"] == 0 || dom["rows"] > 100 || dom["grouped"] != 1 {
		t.Errorf("DOM holds %d map markers (%d server cells) and %d feed rows (grouped note %d); want server cells, at most 100 rows and a 'groups' note", dom["markers"], dom["cells"], dom["rows"], dom["grouped"])
	}
	// The panel's type counts follow the view: they add up to its count.
	typeSum := `[...document.querySelectorAll("#types .n")].reduce((s, n) => s + Number(n.dataset.n || 0), 0)`
	if sum := eval[int](t, tb, typeSum); sum != got {
		t.Errorf("type counts add up to %d, the view holds %d", sum, got)
	}
	// pan with the keyboard and time the reload
	n0 := tb.loads(t)
	start = time.Now()
	tb.do(t, "focus map", chromedp.Focus(chromedp.ID("map")))
	tb.do(t, "pan", chromedp.KeyEvent(kb.ArrowRight))
	tb.waitLoaded(t, n0)
	pan := time.Since(start)
	panned := assertCount(t, s, tb.shown(t), -1)
	if sum := eval[int](t, tb, typeSum); sum != panned {
		t.Errorf("after the pan, type counts add up to %d, the view holds %d", sum, panned)
	}
	t.Logf("first view %v (%d markers in the DOM), pan and reload %v", first.Round(time.Millisecond), dom["markers"], pan.Round(time.Millisecond))
	if first > 15*time.Second || pan > 10*time.Second {
		t.Errorf("too slow with %d events: first view %v, pan %v", n, first, pan)
	}
	noConsoleErrors(t, tb)
}

// generatedEvents yields n events spread over Syria and its neighbours,
// with every type and two years of days, from a fixed seed.
func generatedEvents(n int) iter.Seq2[event.Event, error] {
	return func(yield func(event.Event, error) bool) {
		r := rand.New(rand.NewPCG(7, 7))
		day0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range n {
			typ := event.Types[r.IntN(len(event.Types))]
			e := event.Event{
				ID:            fmt.Sprintf("gen-%06d", i),
				PlaceName:     fmt.Sprintf("Place %d", i%5000),
				CountryCode:   "SY",
				CountryName:   "Syria",
				Lon:           35.7 + r.Float64()*6.5,
				Lat:           32.3 + r.Float64()*5,
				Score:         r.Float64(),
				Type:          typ,
				Sentence:      fmt.Sprintf("Generated event %d of type %s.", i, typ),
				Date:          day0.AddDate(0, 0, r.IntN(730)),
				DatePrecision: event.PrecisionDay,
			}
			if !yield(e, nil) {
				return
			}
		}
	}
}
