package web_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// pageEntry is one step of a page's load as the browser's Performance API
// recorded it: a resource request, a paint or one of the page's own marks
// ("ge:…", see main.js), in milliseconds since navigation start.
type pageEntry struct {
	Kind   string  `json:"kind"`
	Name   string  `json:"name"`
	Start  float64 `json:"start"`
	End    float64 `json:"end"`
	Server float64 `json:"server"` // Server-Timing app;dur, -1 when absent
}

// waterfall reads every entry of the page's load so far: navigation,
// resources, paints and marks, sorted by start.
func (tb *tab) waterfall(t *testing.T) []pageEntry {
	t.Helper()
	es := eval[[]pageEntry](t, tb, `(() => {
		const st = (e) => { const s = (e.serverTiming || []).find(s => s.name === "app"); return s ? s.duration : -1; };
		const out = [];
		for (const e of performance.getEntriesByType("navigation")) {
			out.push({kind: "nav", name: "document", start: e.requestStart, end: e.responseEnd, server: st(e)});
			out.push({kind: "nav", name: "domInteractive", start: e.domInteractive, end: e.domInteractive, server: -1});
			out.push({kind: "nav", name: "domContentLoaded", start: e.domContentLoadedEventStart, end: e.domContentLoadedEventEnd, server: -1});
			out.push({kind: "nav", name: "load", start: e.loadEventStart, end: e.loadEventEnd, server: -1});
		}
		for (const e of performance.getEntriesByType("resource")) {
			const u = new URL(e.name);
			out.push({kind: "req", name: u.pathname + (u.search.length > 40 ? u.search.slice(0, 40) + "…" : u.search), start: e.startTime, end: e.responseEnd, server: st(e)});
		}
		for (const e of performance.getEntriesByType("paint")) out.push({kind: "paint", name: e.name, start: e.startTime, end: e.startTime, server: -1});
		for (const e of performance.getEntriesByType("mark")) out.push({kind: "mark", name: e.name, start: e.startTime, end: e.startTime, server: -1});
		return out;
	})()`)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Start < es[j].Start })
	return es
}

// formatWaterfall writes entries one a line for the test output.
func formatWaterfall(es []pageEntry) string {
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "\n  %6.0f → %6.0f ms  %-5s %s", e.Start, e.End, e.Kind, e.Name)
		if e.Server >= 0 {
			fmt.Fprintf(&b, " (server %.0f ms)", e.Server)
		}
	}
	return b.String()
}

// The highest 1-minute load averages at which the wall-time
// budgets are asserted; above them the test still asserts what the page
// controls and logs the times. CI's two cores run at load 1-4. A pan's
// requests took at most 0.17 s at load 3 (0.37 s at load 8), so their
// 300 ms is asserted up to load 4; the first view was last measured at
// 1.35-2.65 s at load 8-11 and is estimated at about 1 s at load 3 (the
// waits this branch removed took 0.25, 0.18 and 0.35 s at load 2.7 of a
// 1.76 s view), too close to its 1 s to assert above load 2.
const (
	firstViewBudgetLoad = 2.0
	panBudgetLoad       = 4.0
)

// firstView is what the waterfall says of the page's first view, in
// milliseconds on the page's clock (from navigation start).
type firstView struct {
	Drawn, Main, Load, Outlines float64   // marks: view drawn, main.js run, first load asked, outlines drawn
	DOMContentLoaded            float64   // when deferred scripts have run
	Agg, Events                 pageEntry // the first load's two requests
	MainJS                      pageEntry // /static/js/main.js
	Modules                     []pageEntry
}

// firstViewOf picks the first view's figures out of a waterfall; it fails
// the test when a mark or request is missing.
func firstViewOf(t *testing.T, es []pageEntry) firstView {
	t.Helper()
	var fv firstView
	found := map[string]bool{}
	for _, e := range es {
		switch {
		case e.Kind == "mark" && e.Name == "ge:drawn 1":
			fv.Drawn, found["drawn"] = e.Start, true
		case e.Kind == "mark" && e.Name == "ge:main":
			fv.Main, found["main"] = e.Start, true
		case e.Kind == "mark" && e.Name == "ge:load 1":
			fv.Load, found["load"] = e.Start, true
		case e.Kind == "mark" && e.Name == "ge:outlines drawn":
			fv.Outlines, found["outlines"] = e.Start, true
		case e.Kind == "nav" && e.Name == "domContentLoaded":
			fv.DOMContentLoaded, found["dcl"] = e.Start, true
		case e.Kind == "req" && strings.HasPrefix(e.Name, "/api/aggregate?") && !found["agg"]:
			fv.Agg, found["agg"] = e, true
		case e.Kind == "req" && strings.HasPrefix(e.Name, "/api/events?") && !found["events"]:
			fv.Events, found["events"] = e, true
		case e.Kind == "req" && e.Name == "/static/js/main.js":
			fv.MainJS, found["main.js"] = e, true
		case e.Kind == "req" && strings.HasPrefix(e.Name, "/static/js/"):
			fv.Modules = append(fv.Modules, e)
		}
	}
	for _, k := range []string{"drawn", "main", "load", "outlines", "dcl", "agg", "events", "main.js"} {
		if !found[k] {
			t.Fatalf("first view: no %s in the waterfall:%s", k, formatWaterfall(es))
		}
	}
	return fv
}

// server is the server's time on the first view's path: the slower of
// its two requests (they run side by side).
func (fv firstView) server() float64 { return max(fv.Agg.Server, fv.Events.Server) }

func (fv firstView) String() string {
	return fmt.Sprintf("drawn %.0f ms after navigation (main.js ran at %.0f, first load asked at %.0f, its requests %.0f ms: aggregate %.0f ms (server %.0f), events %.0f ms (server %.0f), drawn %.0f ms after both); browser's share %.0f ms; outlines at %.0f",
		fv.Drawn, fv.Main, fv.Load, fv.Drawn-fv.Load, fv.Agg.End-fv.Agg.Start, fv.Agg.Server, fv.Events.End-fv.Events.Start, fv.Events.Server,
		fv.Drawn-max(fv.Agg.End, fv.Events.End), fv.Drawn-fv.server(), fv.Outlines)
}

// check asserts what the page controls of its first view, whatever the
// machine's load: the first load is asked for as the scripts run, not
// after a debounce or a timer (before DOMContentLoaded, which waits for
// them); its aggregate and events requests overlap instead of following
// one another; every module is requested before main.js has arrived
// (preloaded, not found import by import); and the outlines are drawn
// after the view, not before it.
func (fv firstView) check(t *testing.T) {
	t.Helper()
	if fv.Load > fv.DOMContentLoaded {
		t.Errorf("first view: the first load was asked at %.0f ms, after DOMContentLoaded (%.0f ms): delayed", fv.Load, fv.DOMContentLoaded)
	}
	if fv.Events.Start >= fv.Agg.End || fv.Agg.Start >= fv.Events.End {
		t.Errorf("first view: aggregate %.0f→%.0f ms and events %.0f→%.0f ms one after the other, want them in parallel",
			fv.Agg.Start, fv.Agg.End, fv.Events.Start, fv.Events.End)
	}
	if len(fv.Modules) == 0 {
		t.Error("first view: no module requests seen")
	}
	for _, m := range fv.Modules {
		if m.Start > fv.MainJS.End {
			t.Errorf("first view: %s asked at %.0f ms, after main.js arrived (%.0f ms): not preloaded", m.Name, m.Start, fv.MainJS.End)
		}
	}
	if fv.Outlines < fv.Drawn {
		t.Errorf("first view: outlines drawn at %.0f ms, before the view (%.0f ms)", fv.Outlines, fv.Drawn)
	}
}

// loadNow is the machine's 1-minute load average (-1 when unknown).
func loadNow() float64 {
	var l float64
	if _, err := fmt.Sscan(loadAvg(), &l); err != nil {
		return -1
	}
	return l
}
