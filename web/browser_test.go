package web_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"geoevents/internal/testenv"
)

// TestBrowserMap drives the web map in real headless chromium against a
// real geoevents server holding the demo corpus, with the network cut off
// from everything but loopback. The subtests share the server and the
// browser; each opens its own tab.
func TestBrowserMap(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	browser := startBrowser(t)
	s := startDemoServer(t)

	t.Run("loads offline with no console errors", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "")
		poll(t, tb, "the basemap outlines (> 100 country paths)", `document.querySelectorAll(".leaflet-basemap-pane path").length > 100`)
		poll(t, tb, "the offline labels", `document.querySelectorAll(".leaflet-labels-pane .map-label").length > 5`)
		markers := eval[int](t, tb, `document.querySelectorAll(".leaflet-marker-pane .ev-dot, .leaflet-marker-pane .ev-cluster").length`)
		if markers == 0 {
			t.Errorf("no event markers or clusters drawn")
		}
		// The tile probe fails (only loopback is reachable), so no tile is
		// shown and the offline outlines carry the map.
		poll(t, tb, "the tile probe to give up", `document.querySelector(".leaflet-control-layers-base") && document.querySelector(".leaflet-control-layers-base").textContent.includes("offline")`)
		if n := eval[int](t, tb, `document.querySelectorAll(".leaflet-tile-loaded").length`); n != 0 {
			t.Errorf("%d online tiles shown with the network restricted", n)
		}
		tb.mu.Lock()
		blocked := slices.Clone(tb.blocked)
		tb.mu.Unlock()
		for _, b := range blocked {
			if !strings.Contains(b, "tile.openstreetmap.org") {
				t.Errorf("page requested a non-local URL other than the tile layer: %s", b)
			}
		}
		attribution := eval[string](t, tb, `document.querySelector(".leaflet-control-attribution").textContent`)
		for _, want := range []string{"Natural Earth", "GeoNames"} {
			if !strings.Contains(attribution, want) {
				t.Errorf("attribution %q lacks %q", attribution, want)
			}
		}
		noConsoleErrors(t, tb)
	})

	t.Run("count equals the API for the view", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "")
		sh := tb.shown(t)
		q, err := url.ParseQuery(sh.Query)
		if err != nil || q.Get("bbox") == "" {
			t.Fatalf("page query %q has no bbox (%v)", sh.Query, err)
		}
		got := countNumber(t, sh.Count)
		want := s.matched(t, sh.Query)
		if got != want {
			t.Errorf("page shows %d events for %q, API numberMatched = %d", got, sh.Query, want)
		}
		if want == 0 {
			t.Errorf("initial view has no events; the demo data should be in it")
		}
		noConsoleErrors(t, tb)
	})

	t.Run("marker click opens the popup with the sentence", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "")
		// go through a cluster first, as a user would: it zooms in or spreads out
		if c := eval[*hit](t, tb, `(`+pickJS+`)(".leaflet-marker-pane .ev-cluster")`); c != nil {
			tb.do(t, "click cluster", chromedp.MouseClickXY(c.X, c.Y))
			tb.settle(t)
		}
		id, x, y := findMarker(t, tb)
		tb.do(t, "click marker", chromedp.MouseClickXY(x, y))
		assertPopupSentence(t, s, tb, id)
		noConsoleErrors(t, tb)
	})

	t.Run("feed click and Enter open the popup", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "")
		ids := eval[[]string](t, tb, `[...document.querySelectorAll("#feed li[data-event]")].slice(0, 3).map(li => li.dataset.event)`)
		if len(ids) < 2 {
			t.Fatalf("feed lists %d events, want at least 2", len(ids))
		}
		tb.do(t, "click feed item", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#feed li[data-event=%q] > button`, ids[0]))))
		assertPopupSentence(t, s, tb, ids[0])
		// keyboard: focus the next row and press Enter
		tb.do(t, "focus feed item", chromedp.Focus(chromedp.CSS(fmt.Sprintf(`#feed li[data-event=%q] > button`, ids[1]))))
		tb.do(t, "press Enter", chromedp.KeyEvent("\r"))
		assertPopupSentence(t, s, tb, ids[1])
		// hovering a row highlights its marker (or the cluster holding it):
		// the row of the event just opened, whose marker the map has flown
		// to (another row's event may lie outside the view, with no marker
		// drawn to light up). The row is looked up when hovered: the feed
		// may have been redrawn since.
		box := eval[map[string]float64](t, tb, fmt.Sprintf(`(() => { const b = document.querySelector('#feed li[data-event=%q] > button'); const r = b.getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()`, ids[1]))
		tb.do(t, "unfocus the feed", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
		tb.do(t, "hover feed row", chromedp.MouseEvent(chromedp.MouseMoved, box["x"], box["y"]))
		poll(t, tb, "the hovered event's marker to light up", `document.querySelectorAll(".leaflet-marker-pane .hot").length >= 1`)
		tb.do(t, "leave the feed", chromedp.MouseEvent(chromedp.MouseMoved, 5, 5))
		poll(t, tb, "the highlight to go", `document.querySelectorAll(".leaflet-marker-pane .hot").length === 0`)
		noConsoleErrors(t, tb)
	})

	t.Run("type, date, country and text filters change the count to the API's", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "")
		before := tb.shown(t)
		bq, _ := url.ParseQuery(before.Query)
		var st struct {
			Total  int            `json:"total"`
			ByType map[string]int `json:"by_type"`
			ByDay  []struct {
				Day   string `json:"day"`
				Count int    `json:"count"`
			} `json:"by_day"`
		}
		s.getJSON(t, "/api/stats?bbox="+url.QueryEscape(bq.Get("bbox")), &st)
		drop := ""
		for typ, n := range st.ByType {
			if n > 0 && n < st.Total && (drop == "" || n > st.ByType[drop]) {
				drop = typ
			}
		}
		if drop == "" {
			t.Fatalf("view has a single event type (%v); cannot test the type filter", st.ByType)
		}
		n0 := tb.loads(t)
		tb.do(t, "untick "+drop, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#types input[value=%q]`, drop))))
		tb.waitLoaded(t, n0)
		afterType := tb.shown(t)
		tq, _ := url.ParseQuery(afterType.Query)
		if slices.Contains(tq["type"], drop) || len(tq["type"]) == 0 {
			t.Errorf("query %q should list the ticked types without %q", afterType.Query, drop)
		}
		assertCount(t, s, afterType, countNumber(t, before.Count)-st.ByType[drop])

		days := []string{}
		for _, d := range st.ByDay {
			if d.Count > 0 {
				days = append(days, d.Day)
			}
		}
		slices.Sort(days)
		if len(days) < 2 {
			t.Fatalf("view has events on %d days; cannot test the date filter", len(days))
		}
		from := days[len(days)/2]
		n0 = tb.loads(t)
		tb.do(t, "set from date", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const i = document.getElementById("from"); i.value = %s; i.dispatchEvent(new Event("change", {bubbles: true})); })()`, jsString(from))))
		tb.waitLoaded(t, n0)
		afterDate := tb.shown(t)
		dq, _ := url.ParseQuery(afterDate.Query)
		if dq.Get("from") != from {
			t.Errorf("query %q: from = %q, want %q", afterDate.Query, dq.Get("from"), from)
		}
		got := assertCount(t, s, afterDate, -1)
		if got >= countNumber(t, afterType.Count) {
			t.Errorf("from %s: count %d, want fewer than %d", from, got, countNumber(t, afterType.Count))
		}

		// the country list comes from the stats; picking one filters by it
		poll(t, tb, "the country list", `document.querySelectorAll("#country option").length > 1`)
		country := eval[string](t, tb, `document.querySelectorAll("#country option")[1].value`)
		n0 = tb.loads(t)
		tb.do(t, "pick a country", chromedp.SetValue(chromedp.ID("country"), country), chromedp.Evaluate[chromedp.Void](`document.getElementById("country").dispatchEvent(new Event("change"))`))
		tb.waitLoaded(t, n0)
		afterCountry := tb.shown(t)
		if cq, _ := url.ParseQuery(afterCountry.Query); cq.Get("country") != country {
			t.Errorf("query %q: country = %q, want %q", afterCountry.Query, cq.Get("country"), country)
		}
		assertCount(t, s, afterCountry, -1)

		// free-text search goes to the API as q
		n0 = tb.loads(t)
		tb.do(t, "search", chromedp.SendKeys(chromedp.ID("q"), "shelling\r"))
		tb.waitLoaded(t, n0)
		afterQ := tb.shown(t)
		if qq, _ := url.ParseQuery(afterQ.Query); qq.Get("q") != "shelling" {
			t.Errorf("query %q: q = %q, want shelling", afterQ.Query, qq.Get("q"))
		}
		assertCount(t, s, afterQ, -1)
		noConsoleErrors(t, tb)
	})

	t.Run("permalink restores the state in a new page", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "c=35.2,38.1&z=7&type=Battles&type=Explosions%2FRemote+violence&type=Violence+against+civilians&from=2015-01-01")
		first := eval[string](t, tb, `(document.querySelector("#feed li[data-event]") || {dataset: {}}).dataset.event || ""`)
		if first == "" {
			t.Fatal("feed is empty for the permalink's filters")
		}
		tb.do(t, "click feed item", chromedp.Click(chromedp.CSS(fmt.Sprintf(`#feed li[data-event=%q] > button`, first))))
		tb.popupSentence(t, first)
		href := tb.settle(t)
		want := pageState(t, tb)
		if !strings.Contains(href, "ev="+url.QueryEscape(first)) {
			t.Errorf("permalink %s lacks the selected event %s", href, first)
		}

		tb2 := newTab(t, browser)
		tb2.do(t, "open permalink", chromedp.Navigate(href))
		tb2.waitLoaded(t, 0)
		tb2.popupSentence(t, first)
		href2 := tb2.settle(t)
		t.Logf("permalink %s\nrestored  %s", href, href2)
		got := pageState(t, tb2)
		if got.Count != want.Count || got.Types != want.Types || got.From != want.From || got.To != want.To || got.Zoom != want.Zoom {
			t.Errorf("restored state %+v, want %+v", got, want)
		}
		if d := maxDiff(got.Box, want.Box); d > 0.01 {
			t.Errorf("restored bbox %v differs from %v by %g", got.Box, want.Box, d)
		}
		noConsoleErrors(t, tb)
		noConsoleErrors(t, tb2)
	})

	t.Run("article text with script and img stays text", func(t *testing.T) {
		var arts struct {
			Articles []struct {
				ID    string `json:"id"`
				Title string `json:"title"`
			} `json:"articles"`
		}
		s.getJSON(t, "/api/articles?limit=1000", &arts)
		artID := ""
		for _, a := range arts.Articles {
			if strings.Contains(a.Title, "<script>") {
				artID = a.ID
			}
		}
		if artID == "" {
			t.Fatalf("xss fixture article not among %d articles", len(arts.Articles))
		}
		var fc struct {
			Features []apiEvent `json:"features"`
		}
		s.getJSON(t, "/api/events?limit=10&article="+url.QueryEscape(artID), &fc)
		if len(fc.Features) == 0 {
			t.Fatalf("xss article %s has no events", artID)
		}
		ev := fc.Features[0]
		tb := newTab(t, browser)
		tb.open(t, s, "q=xss&ev="+url.QueryEscape(ev.ID))
		sentence := tb.popupSentence(t, ev.ID)
		if sentence != ev.Properties.Sentence {
			t.Errorf("popup sentence %q, want %q", sentence, ev.Properties.Sentence)
		}
		popup := eval[string](t, tb, `document.querySelector(".leaflet-popup-content").textContent`)
		if !strings.Contains(popup, "<script>window.__xss=1</script>") {
			t.Errorf("popup does not show the title's <script> as text: %q", popup)
		}
		feed := eval[string](t, tb, fmt.Sprintf(`(document.querySelector('#feed li[data-event=%q]') || {}).textContent || ""`, ev.ID))
		if !strings.Contains(feed, "<script>") {
			t.Errorf("feed row of %s does not show <script> as text: %q", ev.ID, feed)
		}
		tb.do(t, "open article", chromedp.Click(chromedp.CSS(".leaflet-popup-content a.art")))
		poll(t, tb, "the article view", `!document.getElementById("article").hidden && document.querySelectorAll("#article-text a.mention").length > 0`)
		title := eval[string](t, tb, `document.getElementById("article-title").textContent`)
		text := eval[string](t, tb, `document.getElementById("article-text").textContent`)
		if !strings.Contains(title, "<script>window.__xss=1</script>") || !strings.Contains(text, `<img src=x onerror="window.__xss=1">`) {
			t.Errorf("article view does not show the markup as text: title %q, text %q", title, text)
		}
		assertNoXSS(t, tb)
		// the article view has its own permalink
		articleURL := eval[string](t, tb, `location.href`)
		if !strings.Contains(articleURL, "article="+artID) {
			t.Errorf("permalink %s lacks the open article %s", articleURL, artID)
		}
		tb2 := newTab(t, browser)
		tb2.do(t, "open the article permalink", chromedp.Navigate(articleURL))
		poll(t, tb2, "the article view from its permalink", `!document.getElementById("article").hidden && document.querySelectorAll("#article-text a.mention").length > 0`)
		if got := eval[string](t, tb2, `document.getElementById("article-title").textContent`); got != title {
			t.Errorf("restored article title %q, want %q", got, title)
		}
		assertNoXSS(t, tb2)
		noConsoleErrors(t, tb2)
		// a highlighted mention leads back to its event on the map
		mention := eval[string](t, tb, `document.querySelector("#article-text a.mention").dataset.event`)
		tb.do(t, "click mention", chromedp.Click(chromedp.CSS("#article-text a.mention")))
		poll(t, tb, "the article view to close", `document.getElementById("article").hidden`)
		tb.popupSentence(t, mention)
		assertNoXSS(t, tb)
		noConsoleErrors(t, tb)
	})

	t.Run("dragging an area lists and counts the events inside", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "")
		view := countNumber(t, tb.shown(t).Count)
		n0 := tb.loads(t)
		tb.do(t, "arm area selection", chromedp.Click(chromedp.ID("area-draw")))
		box := eval[map[string]float64](t, tb, `(() => { const r = document.getElementById("map").getBoundingClientRect(); return {l: r.left, t: r.top, w: r.width, h: r.height}; })()`)
		x0, y0 := box["l"]+box["w"]*0.3, box["t"]+box["h"]*0.3
		x1, y1 := box["l"]+box["w"]*0.7, box["t"]+box["h"]*0.75
		tb.do(t, "drag a rectangle", chromedp.DragAndDropXY(x0, y0, x1, y1, 8))
		tb.waitLoaded(t, n0)
		sh := tb.shown(t)
		q, _ := url.ParseQuery(sh.Query)
		if !strings.Contains(eval[string](t, tb, `location.hash`), "area=") {
			t.Errorf("permalink lacks the area")
		}
		got := assertCount(t, s, sh, -1)
		if got > view {
			t.Errorf("area count %d exceeds the view's %d", got, view)
		}
		rows := eval[int](t, tb, `document.querySelectorAll("#feed li[data-event]").length`)
		if rows != min(got, 100) {
			t.Errorf("feed lists %d events for an area with %d", rows, got)
		}
		href := eval[string](t, tb, `document.getElementById("download").getAttribute("href")`)
		dl, err := url.Parse(href)
		if err != nil || dl.Path != "/api/export.geojson" || dl.Query().Get("bbox") != q.Get("bbox") {
			t.Errorf("download link %q does not export the area %q", href, q.Get("bbox"))
		}
		noConsoleErrors(t, tb)
	})

	t.Run("narrow screen puts the panel under the map", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.do(t, "narrow viewport", chromedp.EmulateViewport(360, 740))
		tb.open(t, s, "")
		layout := eval[map[string]float64](t, tb, `(() => { const m = document.querySelector(".map-wrap").getBoundingClientRect(); const p = document.querySelector(".panel").getBoundingClientRect(); return {mapBottom: m.bottom, panelTop: p.top, mapWidth: m.width, scroll: document.documentElement.scrollWidth}; })()`)
		if layout["panelTop"] < layout["mapBottom"]-1 || layout["mapWidth"] < 350 || layout["scroll"] > 361 {
			t.Errorf("at 360 px: %v, want the panel under a full-width map and no horizontal scroll", layout)
		}
		noConsoleErrors(t, tb)
	})

	t.Run("screenshot", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "")
		poll(t, tb, "the basemap", `document.querySelectorAll(".leaflet-basemap-pane path").length > 100`)
		poll(t, tb, "the weekly chart and the town labels", `!!document.querySelector("#weekly svg g.week") && Number(document.getElementById("map").dataset.townLabels || 0) > 0`)
		// the overview, with the popup of a marker that shows at this zoom
		if m := visibleMarker(t, tb); m != nil {
			tb.do(t, "click marker", chromedp.MouseClickXY(m.X, m.Y))
			tb.popupSentence(t, m.ID)
		}
		tb.settle(t)
		ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
		defer cancel()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		// make screenshot writes the README's picture; make test keeps the
		// working tree clean and writes it to a temporary folder.
		out := filepath.Join(t.TempDir(), "screenshot.png")
		if os.Getenv("GEOEVENTS_SCREENSHOT") != "" {
			out = filepath.Join(testenv.RepoRoot(t), "docs", "screenshot.png")
		}
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, png, 0o644); err != nil {
			t.Fatalf("write screenshot: %v", err)
		}
		t.Logf("wrote %s (%d bytes)", out, len(png))
		noConsoleErrors(t, tb)
	})
}
