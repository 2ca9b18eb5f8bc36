package web_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"geoevents/internal/app"
	"geoevents/internal/ingest"
	"geoevents/internal/store/sqlite"
	"geoevents/internal/testenv"
	"geoevents/web"
)

// millionN and millionSeed are the benchmark database of issue 14: the
// shared generator's 1,000,000 events (as make bench-http builds).
const (
	millionN    = 1_000_000
	millionSeed = 42
)

// millionDB returns the path of the 1M-event database, building it once
// from ../shared/bench/gen (about 35 s) and keeping it in the temp folder
// for later runs. The file is named and stamped with n, seed and the
// store's schema (version and digest of its migrations): a database that
// another schema wrote (another branch, an older build) is never reused,
// and builds of two schemas do not overwrite each other's file.
func millionDB(t testing.TB) string {
	t.Helper()
	gen := testenv.SharedDir(t, "bench/gen")
	goBin := testenv.RequireTool(t, "go")
	dir := filepath.Join(os.TempDir(), "geoevents-browser-1m")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	version, digest := sqlite.Schema()
	db := filepath.Join(dir, fmt.Sprintf("events-%d-%d-schema%d-%s.db", millionN, millionSeed, version, digest))
	stamp := db + ".stamp"
	want := fmt.Sprintf("%d %d schema %d %s\n", millionN, millionSeed, version, digest)
	if b, err := os.ReadFile(stamp); err == nil && string(b) == want {
		if _, err := os.Stat(db); err == nil {
			return db
		}
	}
	for _, suffix := range []string{"", "-wal", "-shm", ".stamp"} {
		os.Remove(db + suffix)
	}
	start := time.Now()
	csvPath := filepath.Join(t.TempDir(), "events.csv")
	writeBenchCSV(t, goBin, gen, csvPath)
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DBPath: db})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := ingest.ImportFile(ctx, a.Store, csvPath)
	if cerr := a.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("import the 1M events: %v", err)
	}
	if err := os.WriteFile(stamp, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("built %s: %d events in %v", db, sum.Imported, time.Since(start).Round(time.Millisecond))
	return db
}

// writeBenchCSV runs the shared generator into path, renaming its
// occurred_at column to the importer's time (as web/load/bench-http.sh).
func writeBenchCSV(t testing.TB, goBin, gen, path string) {
	t.Helper()
	cmd := exec.Command(goBin, "run", ".", "-n", fmt.Sprint(millionN), "-seed", fmt.Sprint(millionSeed))
	cmd.Dir = gen
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReaderSize(out, 1<<20)
	header, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("generator: %v", err)
	}
	if _, err := io.WriteString(f, strings.Replace(header, "lon,lat,occurred_at,", "lon,lat,time,", 1)); err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, r); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("generator: %v", err)
	}
}

// timedLoad is what the page recorded of its last load.
type timedLoad struct {
	Mode   string `json:"mode"`
	Rule   string `json:"rule"`
	LoadMs int    `json:"loadMs"`
	Cells  int    `json:"cells"`
	Rows   int    `json:"rows"`
	Zoom   int    `json:"zoom"`
}

// viewRequests is what the browser timed of a view's two requests (the
// aggregate and the feed's events), in all and on the server (its
// Server-Timing), in milliseconds; -1 for a request not seen.
type viewRequests struct {
	Agg, AggServer, Events, EventsServer float64
}

func (v viewRequests) String() string {
	return fmt.Sprintf("aggregate %.0f ms (server %.0f ms), events %.0f ms (server %.0f ms)", v.Agg, v.AggServer, v.Events, v.EventsServer)
}

// checkBudget fails when one of the view's requests took more than ms,
// in the browser or on the server, while the load allows asserting it
// (see TestBrowserMillion); a request not seen fails at any load. It
// reports whether the requests passed.
func (v viewRequests) checkBudget(t *testing.T, what string, ms float64) bool {
	t.Helper()
	if v.Agg < 0 || v.Events < 0 || v.AggServer < 0 || v.EventsServer < 0 {
		t.Errorf("%s: a request or its Server-Timing is missing (%v)", what, v)
		return false
	}
	load := loadNow()
	if load < 0 || load > panBudgetLoad {
		return true
	}
	if worst := max(v.Agg, v.Events, v.AggServer, v.EventsServer); worst > ms {
		t.Errorf("%s: %v at load %.2f, want each request ≤ %.0f ms", what, v, load, ms)
		return false
	}
	return true
}

// lastRequests reads the resource timings of the latest /api/aggregate
// and /api/events requests, then clears the timings for the next view.
func (tb *tab) lastRequests(t *testing.T) viewRequests {
	t.Helper()
	return eval[viewRequests](t, tb, `(() => {
		const last = (path) => {
			const es = performance.getEntriesByType("resource").filter(e => e.name.includes(path));
			if (!es.length) return [-1, -1];
			const e = es[es.length - 1], st = (e.serverTiming || []).find(s => s.name === "app");
			return [e.duration, st ? st.duration : -1];
		};
		const [agg, aggServer] = last("/api/aggregate?"), [events, eventsServer] = last("/api/events?");
		performance.setResourceTimingBufferSize(10000);
		performance.clearResourceTimings();
		return {Agg: agg, AggServer: aggServer, Events: events, EventsServer: eventsServer};
	})()`)
}

func (tb *tab) lastLoad(t *testing.T) timedLoad {
	t.Helper()
	return eval[timedLoad](t, tb, `({mode: document.body.dataset.mode, rule: document.body.dataset.modeRule, loadMs: Number(document.body.dataset.loadMs),
		cells: document.querySelectorAll(".ev-cell").length, rows: document.querySelectorAll("#feed li[data-event]").length,
		zoom: Number(new URLSearchParams(location.hash.slice(1)).get("z"))})`)
}

// TestBrowserMillion is issue 14's scale test: the map over the 1M-event
// benchmark database in real chromium. The first view and every pan or
// zoom draw server-side aggregates (never a million markers), the counts
// equal the API's, a narrow filter or a click into a cell brings single
// events back, and the timings go to the test output: the first view's
// waterfall (requests, paints and the page's marks) and each pan's
// requests, in the browser and on the server (Server-Timing).
//
// The budgets are wall times on two cores: first view ≤ 1 s,
// each pan or zoom request ≤ 300 ms. The machine the tests run on is
// shared, and at load 8-15 the same page drew its first view 1.35-2.75
// s after navigation and pan requests took up to 0.53 s with nothing
// changed, so the wall-time budgets are asserted only while the load
// average is at most firstViewBudgetLoad (2) and panBudgetLoad (4, CI's
// range) and logged above them. What the page controls is asserted at
// any load (firstView.check): the first load asked at once, its two
// requests in parallel, the modules preloaded, the outlines drawn after
// the view.
func TestBrowserMillion(t *testing.T) {
	if testing.Short() {
		t.Skip("the 1M-event browser test is not short")
	}
	db := millionDB(t)
	browser := startBrowser(t)
	s := startServerAt(t, web.Config{}, db, func(context.Context, *app.App) error { return nil })
	tb := newTab(t, browser)
	idle := waitBrowserIdle(t, browser)

	start := time.Now()
	tb.open(t, s, "")
	first := time.Since(start)
	l := tb.lastLoad(t)
	poll(t, tb, "the outlines", `performance.getEntriesByName("ge:outlines drawn").length > 0`)
	wf := tb.waterfall(t)
	fv := firstViewOf(t, wf)
	t.Logf("first view's waterfall:%s", formatWaterfall(wf))
	got := assertCount(t, s, tb.shown(t), -1)
	tb.lastRequests(t) // clears the timings
	t.Logf("first view: %v (%v in the test's clock), %d events in %d cells, %d feed rows; load %s; the new browser was idle after %v",
		fv, first.Round(time.Millisecond), got, l.Cells, l.Rows, loadAvg(), idle.Round(time.Millisecond))
	fv.check(t)
	if fv.Agg.Server < 0 || fv.Events.Server < 0 {
		t.Errorf("first view: no Server-Timing on the aggregate or the events (%v)", fv)
	}
	if l.Mode != "cells" || l.Cells == 0 || l.Cells > 2000 || l.Rows > 100 || got < millionN/10 {
		t.Errorf("first view: %+v with %d events; want server cells, at most 100 feed rows", l, got)
	}
	if load := loadNow(); load >= 0 && load <= firstViewBudgetLoad && fv.Drawn > 1000 {
		t.Errorf("first view drawn %.0f ms after navigation at load %.2f, want ≤ 1000 ms", fv.Drawn, load)
	}
	weeklyOnMillion(t, s, tb)
	screenshot(t, tb, "screenshot-million.png")
	tb.settle(t) // the screenshot resizes the page, which reloads the view

	// Pan and zoom: each a new aggregate; times logged. (Leaflet zooms by
	// three levels for shift-+, so zoom in with "=".)
	for _, step := range []struct {
		name string
		key  string
	}{{"pan east", kb.ArrowRight}, {"pan south", kb.ArrowDown}, {"zoom in", "="}, {"zoom out", "-"}, {"zoom out again", "-"}} {
		tb.lastRequests(t) // clears the timings
		tb.do(t, "clear the marks", chromedp.Evaluate[chromedp.Void](`performance.clearMarks()`))
		n0, before := tb.loads(t), eval[string](t, tb, `location.hash`)
		start := time.Now()
		tb.do(t, "focus map", chromedp.Focus(chromedp.ID("map")))
		tb.do(t, step.name, chromedp.KeyEvent(step.key))
		tb.waitLoaded(t, n0)
		took := time.Since(start)
		l := tb.lastLoad(t)
		n := assertCount(t, s, tb.shown(t), -1)
		if after := eval[string](t, tb, `location.hash`); after == before {
			t.Errorf("%s: the view did not change (%s)", step.name, after)
		}
		wf := tb.waterfall(t)
		req := tb.lastRequests(t)
		t.Logf("%s: %v in the browser, of which requests %d ms (%v); zoom %d, %d events as %s (%d cells); load %s",
			step.name, took.Round(time.Millisecond), l.LoadMs, req, l.Zoom, n, l.Mode, l.Cells, loadAvg())
		if (n > 2000) != (l.Mode == "cells") || took > 15*time.Second {
			t.Errorf("%s: %+v with %d events after %v", step.name, l, n, took)
		}
		if !req.checkBudget(t, step.name, 300) {
			t.Logf("%s's waterfall:%s", step.name, formatWaterfall(wf))
		}
	}

	// Search follows stems, and the count follows it.
	counts := map[string]int{}
	for _, q := range []string{"airstrikes", "airstrike"} {
		n0 := tb.loads(t)
		tb.do(t, "search "+q, chromedp.Evaluate[chromedp.Void](`document.getElementById("q").value = `+jsString(q)+`; document.getElementById("search").requestSubmit()`))
		tb.waitLoaded(t, n0)
		counts[q] = assertCount(t, s, tb.shown(t), -1)
	}
	t.Logf("search in view: %v", counts)
	if counts["airstrike"] == 0 || counts["airstrike"] != counts["airstrikes"] {
		t.Errorf("search counts %v: want airstrike = airstrikes > 0 (stemming)", counts)
	}
	n0 := tb.loads(t)
	tb.do(t, "clear search", chromedp.Evaluate[chromedp.Void](`document.getElementById("q").value = ""; document.getElementById("search").requestSubmit()`))
	tb.waitLoaded(t, n0)

	// A click on the biggest cell zooms into it.
	z0 := tb.lastLoad(t).Zoom
	n0 = tb.loads(t)
	tb.do(t, "click the biggest cell", chromedp.Evaluate[chromedp.Void](`(() => {
		const discs = [...document.querySelectorAll(".ev-cell-disc")];
		discs.sort((a, b) => Number(b.dataset.count) - Number(a.dataset.count));
		discs[0].closest(".ev-cell").click();
	})()`))
	tb.waitLoaded(t, n0)
	if l := tb.lastLoad(t); l.Zoom <= z0 {
		t.Errorf("clicking a cell left the zoom at %d (was %d)", l.Zoom, z0)
	}

	noConsoleErrors(t, tb)

	// Three days in one region: few enough for single events.
	tb = newTab(t, browser)
	tb.open(t, s, "c=35,38.5&z=7&from=2025-06-01&to=2025-06-03")
	l = tb.lastLoad(t)
	n := assertCount(t, s, tb.shown(t), -1)
	markers := eval[int](t, tb, `document.querySelectorAll(".leaflet-marker-pane .ev-icon, .leaflet-marker-pane .marker-cluster, .leaflet-marker-pane .ev-cluster").length`)
	t.Logf("three days: %d events as %s (rule %s), %d markers or clusters, requests %d ms", n, l.Mode, l.Rule, markers, l.LoadMs)
	if l.Mode != "events" || n == 0 || n > 2000 || markers == 0 || l.Cells != 0 {
		t.Errorf("three days: %+v, %d events, %d markers; want single events", l, n, markers)
	}
	noConsoleErrors(t, tb)
}

// weeklyOnMillion waits for the chart of events per week by type on the
// 1M events, checks its bars total what /api/weekly counts, and logs the
// request's time beside the timeline's (with the machine's load).
func weeklyOnMillion(t *testing.T, s *demoServer, tb *tab) {
	t.Helper()
	poll(t, tb, "the weekly chart", `document.getElementById("weekly").dataset.busy === "0" && !!document.querySelector("#weekly svg g.week")`)
	got := eval[map[string]float64](t, tb, `(() => {
		const last = (path) => { const es = performance.getEntriesByType("resource").filter(e => e.name.includes(path)); return es.length ? es[es.length - 1].duration : -1; };
		const gs = [...document.querySelectorAll("#weekly g.week")];
		return {weekly: last("/api/weekly"), stats: last("/api/stats?"), bars: gs.length, sum: gs.reduce((n, g) => n + Number(g.dataset.count), 0)};
	})()`)
	var w struct {
		Weeks []struct {
			Count int `json:"count"`
		} `json:"weeks"`
	}
	s.getJSON(t, "/api/weekly?"+eval[string](t, tb, `document.getElementById("weekly").dataset.query`), &w)
	total := 0
	for _, wk := range w.Weeks {
		total += wk.Count
	}
	t.Logf("weekly chart: /api/weekly %.0f ms (timeline's /api/stats %.0f ms), %d weeks, %.0f bars holding %.0f of %d events; load %s",
		got["weekly"], got["stats"], len(w.Weeks), got["bars"], got["sum"], total, loadAvg())
	if got["bars"] == 0 || int(got["sum"]) > total || int(got["sum"]) < total*98/100 {
		t.Errorf("weekly chart: %v, the API counts %d dated events (at most 1%% at each end may be left out)", got, total)
	}
}

// loadAvg is the machine's load average (1, 5, 15 minutes), for timings.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// screenshot writes the page as docs/name under make screenshot
// (GEOEVENTS_SCREENSHOT set), else into a temporary folder, so make test
// keeps the working tree clean but still exercises it.
func screenshot(t *testing.T, tb *tab, name string) {
	t.Helper()
	tb.settle(t)
	// The timeline's and the weekly chart's counts come last; wait for
	// them a while, best effort.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if eval[bool](t, tb, `!!document.querySelector("#timeline svg, #timeline p") && !!document.querySelector("#weekly svg, #weekly p")`) {
			break
		}
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	out := filepath.Join(t.TempDir(), name)
	if os.Getenv("GEOEVENTS_SCREENSHOT") != "" {
		out = filepath.Join(testenv.RepoRoot(t), "docs", name)
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatalf("write screenshot: %v", err)
	}
	t.Logf("wrote %s (%d bytes)", out, len(png))
}
