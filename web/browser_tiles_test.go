package web_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"

	"geoevents/internal/app"
	"geoevents/web"
)

// TestBrowserOnlineTiles serves tiles from a loopback tile server: the map
// must probe them, put them on top of the outlines with their attribution,
// offer both in the layer switcher, and bring the offline labels back when
// the user switches to the outlines.
func TestBrowserOnlineTiles(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	var tile bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for i := range img.Pix {
		img.Pix[i] = 0xd0
	}
	img.Set(0, 0, color.Black)
	if err := png.Encode(&tile, img); err != nil {
		t.Fatal(err)
	}
	var served atomic.Int64
	tiles := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Write(tile.Bytes())
	}))
	t.Cleanup(tiles.Close)

	browser := startBrowser(t)
	s := startServer(t, web.Config{TilesURL: tiles.URL + "/{z}/{x}/{y}.png", TilesAttribution: "Loopback test tiles"},
		func(context.Context, *app.App) error { return nil })
	tb := newTab(t, browser)
	tb.open(t, s, "")
	poll(t, tb, "online tiles", `document.querySelectorAll(".leaflet-tile-loaded").length > 0`)
	poll(t, tb, "the basemap outlines under them", `document.querySelectorAll(".leaflet-basemap-pane path").length > 100`)
	if served.Load() == 0 {
		t.Error("tile server got no request")
	}
	attribution := eval[string](t, tb, `document.querySelector(".leaflet-control-attribution").textContent`)
	if !strings.Contains(attribution, "Loopback test tiles") {
		t.Errorf("attribution %q lacks the tile layer's", attribution)
	}
	layers := eval[string](t, tb, `document.querySelector(".leaflet-control-layers-base").textContent`)
	if !strings.Contains(layers, "Street map (online)") || !strings.Contains(layers, "Outlines (offline)") {
		t.Errorf("layer switcher offers %q", layers)
	}
	if n := eval[int](t, tb, `document.querySelectorAll(".leaflet-labels-pane .map-label").length`); n != 0 {
		t.Errorf("%d offline labels drawn over the street map", n)
	}
	// switch to the offline outlines: tiles go, labels come back
	tb.do(t, "choose the outlines", chromedp.Evaluate[chromedp.Void](`(() => {
		const input = [...document.querySelectorAll(".leaflet-control-layers-base label")].find(l => l.textContent.includes("Outlines")).querySelector("input");
		input.click();
	})()`))
	poll(t, tb, "labels after switching to the outlines", `document.querySelectorAll(".leaflet-labels-pane .map-label").length > 5 && document.querySelectorAll(".leaflet-tile-loaded").length === 0`)
	noConsoleErrors(t, tb)
}

// TestBrowserTilesNone checks `serve --tiles none`: the page asks no tile
// server at all and offers only the offline outlines.
func TestBrowserTilesNone(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	browser := startBrowser(t)
	s := startServer(t, web.Config{TilesURL: "none"}, func(context.Context, *app.App) error { return nil })
	tb := newTab(t, browser)
	tb.open(t, s, "")
	poll(t, tb, "the layer switcher", `!!document.querySelector(".leaflet-control-layers-base label")`)
	layers := eval[string](t, tb, `document.querySelector(".leaflet-control-layers-base").textContent`)
	if strings.Contains(layers, "Street map") || !strings.Contains(layers, "Outlines (offline)") {
		t.Errorf("layer switcher offers %q, want the outlines only", layers)
	}
	requested := eval[[]string](t, tb, `performance.getEntriesByType("resource").map(e => e.name).filter(u => !u.includes("/static/") && !u.includes("/api/"))`)
	tb.mu.Lock()
	blocked := slices.Clone(tb.blocked)
	tb.mu.Unlock()
	if len(requested) > 0 || len(blocked) > 0 {
		t.Errorf("with tiles off the page still requested %v (blocked %v)", requested, blocked)
	}
	noConsoleErrors(t, tb)
}
