package web_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserWeekly: the chart of events per week by type (issue 14,
// point 4) on the demo corpus in real chromium. Each bar holds what
// /api/weekly counts for its weeks, stacked by type; it follows the type
// filter (a type switched off leaves the chart); clicking a bar sets the
// date range to its Monday to Sunday, and the map's count follows.
func TestBrowserWeekly(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	browser := startBrowser(t)
	s := startDemoServer(t)
	tb := newTab(t, browser)
	tb.open(t, s, "c=35,38.5&z=6")
	ready := `document.getElementById("weekly").dataset.busy === "0" && !!document.querySelector("#weekly svg g.week")`
	poll(t, tb, "the weekly chart", ready)

	type bar struct {
		Start string         `json:"start"`
		Count int            `json:"count"`
		Types map[string]int `json:"types"`
	}
	bars := func() []bar {
		return eval[[]bar](t, tb, `[...document.querySelectorAll("#weekly g.week")].map(g => ({start: g.dataset.start, count: Number(g.dataset.count),
			types: Object.fromEntries([...g.querySelectorAll("rect.seg")].map(r => [r.dataset.type, 1]))}))`)
	}
	type weeks struct {
		Weeks []struct {
			Week   string         `json:"week"`
			Count  int            `json:"count"`
			ByType map[string]int `json:"by_type"`
		} `json:"weeks"`
	}
	// check compares the bars with the API's weeks for the chart's query.
	check := func(what string) (types map[string]bool) {
		t.Helper()
		query := eval[string](t, tb, `document.getElementById("weekly").dataset.query`)
		var w weeks
		s.getJSON(t, "/api/weekly?"+query, &w)
		bs := bars()
		if len(bs) == 0 || len(w.Weeks) == 0 {
			t.Fatalf("%s: %d bars, %d weeks from the API", what, len(bs), len(w.Weeks))
		}
		types = map[string]bool{}
		for i, b := range bs {
			start, _ := time.Parse(time.DateOnly, b.Start)
			end := start.AddDate(0, 0, 7)
			if i+1 < len(bs) {
				end, _ = time.Parse(time.DateOnly, bs[i+1].Start)
			}
			want, wantTypes := 0, map[string]bool{}
			for _, wk := range w.Weeks {
				d, _ := time.Parse(time.DateOnly, wk.Week)
				if !d.Before(start) && d.Before(end) {
					want += wk.Count
					for k := range wk.ByType {
						wantTypes[k] = true
					}
				}
			}
			if b.Count != want || len(b.Types) != len(wantTypes) {
				t.Errorf("%s: bar %s holds %d events of %d types; the API's weeks %d of %d", what, b.Start, b.Count, len(b.Types), want, len(wantTypes))
			}
			for k := range b.Types {
				types[k] = true
			}
		}
		return types
	}
	types := check("first view")
	if len(types) < 2 {
		t.Fatalf("the chart stacks %d types; the demo corpus has several", len(types))
	}
	if !types["Protests"] {
		t.Fatalf("no protests in the chart: cannot test the type filter (types %v)", types)
	}

	// Switch protests off: the chart is counted again without them.
	n0 := tb.loads(t)
	tb.do(t, "switch protests off", chromedp.Evaluate[chromedp.Void](`(() => { const cb = document.querySelector('#types input[value="Protests"]'); cb.checked = false; cb.dispatchEvent(new Event("change")); })()`))
	tb.waitLoaded(t, n0)
	poll(t, tb, "the weekly chart without protests", ready+` && document.getElementById("weekly").dataset.query.includes("type=")`)
	if types := check("protests off"); types["Protests"] {
		t.Errorf("protests still stacked in the chart")
	}

	// Click the fullest bar: the range is its week, Monday to Sunday.
	best := eval[map[string]any](t, tb, `(() => { const gs = [...document.querySelectorAll("#weekly g.week")];
		const g = gs.reduce((a, b) => Number(b.dataset.count) > Number(a.dataset.count) ? b : a);
		const r = g.querySelector("rect.seg").getBoundingClientRect(); const c = document.querySelector("#weekly svg").getBoundingClientRect();
		return {start: g.dataset.start, x: r.left + r.width / 2, y: c.top + c.height / 2}; })()`)
	n0 = tb.loads(t)
	tb.do(t, "click the fullest week", chromedp.MouseClickXY(best["x"].(float64), best["y"].(float64)))
	tb.waitLoaded(t, n0)
	start, _ := time.Parse(time.DateOnly, best["start"].(string))
	from, to := eval[string](t, tb, `document.getElementById("from").value`), eval[string](t, tb, `document.getElementById("to").value`)
	if from != start.Format(time.DateOnly) || to != start.AddDate(0, 0, 6).Format(time.DateOnly) {
		t.Errorf("clicking the week of %s set the range %s to %s, want that Monday to its Sunday", best["start"], from, to)
	}
	sh := tb.shown(t)
	if q, _ := url.ParseQuery(sh.Query); q.Get("from") != from || q.Get("to") != to {
		t.Errorf("the map's query %q does not follow the range", sh.Query)
	}
	assertCount(t, s, sh, -1)
	if n := eval[int](t, tb, `document.querySelectorAll("#weekly g.week.in").length`); n != 1 {
		t.Errorf("%d bars marked in range, want the one clicked", n)
	}
	if !strings.Contains(eval[string](t, tb, `location.hash`), "from="+from) {
		t.Errorf("the permalink does not keep the range")
	}
	noConsoleErrors(t, tb)
}
