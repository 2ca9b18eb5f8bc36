package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserTownLabels: offline (the demo server's tiles do not load
// here), the map names the towns and villages around Aleppo from the
// embedded gazetteer from zoom 7 (issue 14, point 2): Aleppo itself, and
// villages closer in; no two labels overlap on screen; towns are drawn
// above the markers and clusters; far out, there are none.
func TestBrowserTownLabels(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	browser := startBrowser(t)
	s := startDemoServer(t)
	tb := newTab(t, browser)

	tb.open(t, s, "c=36.2,37.16&z=10")
	poll(t, tb, "town labels around Aleppo", `Number(document.getElementById("map").dataset.townLabels || 0) >= 15`)
	tb.settle(t)
	names := eval[[]string](t, tb, `[...document.querySelectorAll(".map-label.town")].map(l => l.textContent)`)
	t.Logf("zoom 10 at Aleppo: %d town labels, e.g. %v", len(names), names[:min(8, len(names))])
	if !contains(names, "Aleppo") {
		t.Errorf("no label for Aleppo among %v", names)
	}
	checkNoOverlap := func(what string) {
		t.Helper()
		overlaps := eval[[]string](t, tb, `(() => {
			const rs = [...document.querySelectorAll(".map-label span")].map(s => [s.textContent, s.getBoundingClientRect()]);
			const out = [];
			for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) {
				const [n1, a] = rs[i], [n2, b] = rs[j];
				if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(n1 + " / " + n2);
			}
			return out;
		})()`)
		if len(overlaps) > 0 {
			t.Errorf("%s: labels overlap: %v", what, overlaps)
		}
	}
	checkNoOverlap("zoom 10")
	above := eval[bool](t, tb, `Number(getComputedStyle(document.querySelector(".leaflet-towns-pane")).zIndex) > Number(getComputedStyle(document.querySelector(".leaflet-marker-pane")).zIndex)`)
	if !above {
		t.Errorf("the towns' pane is not above the markers'")
	}

	// Closer in, villages come (more labels in a smaller area).
	n0 := tb.loads(t)
	tb.do(t, "zoom in", chromedp.Focus(chromedp.ID("map")), chromedp.KeyEvent("="))
	tb.waitLoaded(t, n0)
	poll(t, tb, "labels at zoom 11", `new URLSearchParams(location.hash.slice(1)).get("z") === "11" && Number(document.getElementById("map").dataset.townLabels || 0) >= 15`)
	tb.settle(t)
	checkNoOverlap("zoom 11")

	// Far out, no towns: country names carry the map.
	for range 5 {
		n0 := tb.loads(t)
		tb.do(t, "zoom out", chromedp.Focus(chromedp.ID("map")), chromedp.KeyEvent("-"))
		tb.waitLoaded(t, n0)
	}
	tb.do(t, "pan", chromedp.KeyEvent(kb.ArrowLeft))
	tb.settle(t)
	if n := eval[int](t, tb, `document.querySelectorAll(".map-label.town").length`); n != 0 {
		t.Errorf("%d town labels at zoom %s", n, eval[string](t, tb, `new URLSearchParams(location.hash.slice(1)).get("z")`))
	}
	noConsoleErrors(t, tb)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
