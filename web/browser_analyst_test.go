package web_test

import (
	"encoding/csv"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserAnalyst covers what issue 14 asks analysts can filter and
// read, on the demo corpus in real chromium: fatalities in markers, feed
// and the view's totals; place search that jumps the map; CSV and GeoJSON
// downloads of the current filter; type counts that follow the view and
// the search.
func TestBrowserAnalyst(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	browser := startBrowser(t)
	s := startDemoServer(t)

	t.Run("fatalities are sized, listed and summed for the view", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "c=35,38.5&z=6")
		sh := tb.shown(t)
		var fc struct {
			Features []struct {
				ID         string `json:"id"`
				Properties struct {
					Fatalities int `json:"fatalities"`
				} `json:"properties"`
			} `json:"features"`
		}
		s.getJSON(t, "/api/export.geojson?"+sh.Query, &fc)
		want, deadly := 0, ""
		for _, f := range fc.Features {
			want += f.Properties.Fatalities
			if f.Properties.Fatalities > 0 && deadly == "" {
				deadly = f.ID
			}
		}
		if want == 0 {
			t.Fatalf("the demo view holds no fatalities: cannot test them")
		}
		got := eval[string](t, tb, `document.getElementById("count").dataset.fatalities`)
		if got != fmt.Sprint(want) || !strings.Contains(eval[string](t, tb, `document.getElementById("count").textContent`), "fatalit") {
			t.Errorf("count line says %s fatalities, the view's events hold %d", got, want)
		}
		if n := eval[int](t, tb, `document.querySelectorAll("#feed li .src").length`); n > 0 {
			if killed := eval[int](t, tb, `[...document.querySelectorAll("#feed li .src")].filter(s => / killed/.test(s.textContent)).length`); killed == 0 {
				t.Errorf("no feed row says how many were killed")
			}
		}
		// The marker of a deadly event is larger than a plain one.
		noConsoleErrors(t, tb)
		tb = newTab(t, browser)
		tb.open(t, s, "ev="+url.QueryEscape(deadly))
		poll(t, tb, "the deadly event's marker", fmt.Sprintf(`!!document.querySelector('.ev-dot.deadly[data-event=%q]')`, deadly))
		size := eval[float64](t, tb, fmt.Sprintf(`document.querySelector('.ev-dot.deadly[data-event=%q]').getBoundingClientRect().width`, deadly))
		if size <= 26 {
			t.Errorf("deadly marker is %v px wide, want more than a plain one's 26", size)
		}
		noConsoleErrors(t, tb)
	})

	t.Run("place search jumps the map", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "c=30,10&z=4")
		n0 := tb.loads(t)
		tb.do(t, "go to Homs", chromedp.Evaluate[chromedp.Void](`document.getElementById("place").value = "Homs"; document.getElementById("place-search").requestSubmit()`))
		tb.waitLoaded(t, n0)
		tb.settle(t)
		c := eval[[]float64](t, tb, `new URLSearchParams(location.hash.slice(1)).get("c").split(",").map(Number)`)
		if len(c) != 2 || math.Abs(c[0]-34.73) > 0.1 || math.Abs(c[1]-36.72) > 0.1 {
			t.Errorf("map centred on %v, want Homs (34.73, 36.72)", c)
		}
		if z := eval[int](t, tb, `Number(new URLSearchParams(location.hash.slice(1)).get("z"))`); z < 10 {
			t.Errorf("zoom %d after going to a city, want 10 or more", z)
		}
		assertCount(t, s, tb.shown(t), -1)
		// Typing offers the gazetteer's names.
		tb.do(t, "type Alep", chromedp.Evaluate[chromedp.Void](`(() => { const i = document.getElementById("place"); i.value = "Alep"; i.dispatchEvent(new Event("input")); })()`))
		poll(t, tb, "place suggestions", `[...document.querySelectorAll("#place-list option")].some(o => o.value.startsWith("Aleppo"))`)
		noConsoleErrors(t, tb)
	})

	t.Run("downloads carry the current filter", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "c=35,38.5&z=7&type=Battles&type=Explosions%2FRemote+violence")
		sh := tb.shown(t)
		n := countNumber(t, sh.Count)
		for _, id := range []string{"download", "download-csv"} {
			href := eval[string](t, tb, `document.getElementById("`+id+`").getAttribute("href")`)
			u, err := url.Parse(href)
			if err != nil || u.RawQuery != sh.Query {
				t.Errorf("%s link %q does not carry the view's query %q", id, href, sh.Query)
				continue
			}
			res, err := http.Get(s.URL + href)
			if err != nil {
				t.Fatal(err)
			}
			if id == "download-csv" {
				rows, err := csv.NewReader(res.Body).ReadAll()
				if err != nil || len(rows)-1 != n {
					t.Errorf("CSV download: %d rows (%v), the page counts %d", len(rows)-1, err, n)
				}
			}
			res.Body.Close()
		}
		if n == 0 {
			t.Errorf("the filtered view is empty: not a test of the downloads")
		}
	})

	t.Run("type counts follow the view and the search", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "c=35,38.5&z=6")
		typeSum := `[...document.querySelectorAll("#types .n")].reduce((s, n) => s + Number(n.dataset.n || 0), 0)`
		all := countNumber(t, tb.shown(t).Count)
		if sum := eval[int](t, tb, typeSum); sum != all {
			t.Errorf("type counts add up to %d, the view holds %d", sum, all)
		}
		n0 := tb.loads(t)
		tb.do(t, "search killed", chromedp.Evaluate[chromedp.Void](`document.getElementById("q").value = "killed"; document.getElementById("search").requestSubmit()`))
		tb.waitLoaded(t, n0)
		searched := assertCount(t, s, tb.shown(t), -1)
		if sum := eval[int](t, tb, typeSum); sum != searched || searched == 0 || searched >= all {
			t.Errorf("after the search: type counts add up to %d, the view holds %d (of %d)", sum, searched, all)
		}
		// Stemming: "kill" finds what "killed" finds.
		n0 = tb.loads(t)
		tb.do(t, "search kill", chromedp.Evaluate[chromedp.Void](`document.getElementById("q").value = "kill"; document.getElementById("search").requestSubmit()`))
		tb.waitLoaded(t, n0)
		if stem := assertCount(t, s, tb.shown(t), -1); stem < searched {
			t.Errorf(`"kill" finds %d events, "killed" %d: want at least as many`, stem, searched)
		}
		noConsoleErrors(t, tb)
	})

	t.Run("sub-type filter and precision symbols", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "c=35,38.5&z=6")
		before := tb.shown(t)
		all := countNumber(t, before.Count)
		var fc struct {
			Features []struct {
				ID         string `json:"id"`
				Properties struct {
					SubType string `json:"subtype"`
				} `json:"properties"`
			} `json:"features"`
		}
		s.getJSON(t, "/api/export.geojson?"+before.Query, &fc)
		perSub := map[string]int{}
		for _, f := range fc.Features {
			perSub[f.Properties.SubType]++
		}
		sub := ""
		for k, n := range perSub {
			if k != "" && n < all && (sub == "" || n > perSub[sub]) {
				sub = k
			}
		}
		if sub == "" {
			t.Fatalf("no sub-type to filter by in %v", perSub)
		}
		n0 := tb.loads(t)
		tb.do(t, "pick sub-type "+sub, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("subtype"); s.value = `+jsString(sub)+`; s.dispatchEvent(new Event("change")); })()`))
		tb.waitLoaded(t, n0)
		after := tb.shown(t)
		if q, _ := url.ParseQuery(after.Query); q.Get("subtype") != sub {
			t.Errorf("query %q lacks subtype=%s", after.Query, sub)
		}
		assertCount(t, s, after, perSub[sub])
		if !strings.Contains(eval[string](t, tb, `location.hash`), "subtype=") {
			t.Errorf("the permalink does not keep the sub-type")
		}
		if rows := eval[int](t, tb, `document.querySelectorAll(".legend .prec-row").length`); rows != 3 {
			t.Errorf("legend has %d precision rows, want 3", rows)
		}
		noConsoleErrors(t, tb)
	})

	t.Run("actor filter", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "c=35,38.5&z=6")
		before := tb.shown(t)
		all := countNumber(t, before.Count)
		var fc struct {
			Features []struct {
				Properties struct {
					Actors string `json:"actors"` // "; "-joined
				} `json:"properties"`
			} `json:"features"`
		}
		s.getJSON(t, "/api/export.geojson?"+before.Query, &fc)
		per := map[string]int{}
		for _, f := range fc.Features {
			seen := map[string]bool{}
			for _, a := range strings.Split(f.Properties.Actors, "; ") {
				if k := strings.ToLower(a); a != "" && !seen[k] {
					seen[k] = true
					per[a]++
				}
			}
		}
		actor := ""
		for a, n := range per {
			if n < all && (actor == "" || n > per[actor] || (n == per[actor] && a < actor)) {
				actor = a
			}
		}
		if actor == "" {
			t.Fatalf("no actor to filter by in the view (%v)", per)
		}
		n0 := tb.loads(t)
		typed := strings.ToUpper(actor) // any case
		tb.do(t, "type actor "+typed, chromedp.Evaluate[chromedp.Void](`(() => { const i = document.getElementById("actor"); i.value = `+jsString(typed)+`; i.dispatchEvent(new Event("change")); })()`))
		tb.waitLoaded(t, n0)
		after := tb.shown(t)
		if q, _ := url.ParseQuery(after.Query); q.Get("actor") != typed {
			t.Errorf("query %q lacks actor=%s", after.Query, typed)
		}
		if got := assertCount(t, s, after, -1); got < per[actor] || got >= all {
			t.Errorf("actor %q: %d events in view, the view's export names it in %d of %d", actor, got, per[actor], all)
		}
		if !strings.Contains(eval[string](t, tb, `location.hash`), "actor=") {
			t.Errorf("the permalink does not keep the actor")
		}
		noConsoleErrors(t, tb)
	})

	t.Run("province- and country-level events are off until switched on", func(t *testing.T) {
		tb := newTab(t, browser)
		tb.open(t, s, "c=35,38.5&z=6")
		off := tb.shown(t)
		if q, _ := url.ParseQuery(off.Query); q.Get("max_precision") != "2" {
			t.Fatalf("default query %q lacks max_precision=2", off.Query)
		}
		fine := assertCount(t, s, off, -1)
		if eval[bool](t, tb, `document.getElementById("coarse").checked`) {
			t.Errorf("the switch is on by default")
		}
		if n := eval[int](t, tb, `document.querySelectorAll(".ev-dot.prec-region[data-event]").length`); n != 0 {
			t.Errorf("%d province/country-level markers drawn with the switch off", n)
		}
		n0 := tb.loads(t)
		tb.do(t, "switch province- and country-level events on", chromedp.Click(chromedp.ID("coarse")))
		tb.waitLoaded(t, n0)
		on := tb.shown(t)
		if q, _ := url.ParseQuery(on.Query); q.Has("max_precision") {
			t.Errorf("query %q still leaves out coarse events", on.Query)
		}
		all := assertCount(t, s, on, -1)
		var fc struct {
			Features []struct {
				ID         string `json:"id"`
				Properties struct {
					Precision int `json:"geo_precision"`
				} `json:"properties"`
			} `json:"features"`
		}
		s.getJSON(t, "/api/export.geojson?"+on.Query, &fc)
		coarse, region := 0, ""
		for _, f := range fc.Features {
			if f.Properties.Precision >= 3 {
				coarse++
				if region == "" {
					region = f.ID
				}
			}
		}
		if coarse == 0 {
			t.Fatalf("the demo view holds no province- or country-level event: cannot test the switch")
		}
		if all != fine+coarse {
			t.Errorf("switched on the view counts %d events, want %d + %d coarse", all, fine, coarse)
		}
		if !strings.Contains(eval[string](t, tb, `location.hash`), "coarse=1") {
			t.Errorf("the permalink does not keep the switch")
		}
		noConsoleErrors(t, tb)
		tb = newTab(t, browser)
		tb.open(t, s, "coarse=1&ev="+url.QueryEscape(region))
		poll(t, tb, "the province/country-level marker with its halo", fmt.Sprintf(`!!document.querySelector('.ev-dot.prec-region[data-event=%q]')`, region))
		if !eval[bool](t, tb, `document.getElementById("coarse").checked`) {
			t.Errorf("the permalink's coarse=1 leaves the switch off")
		}
		noConsoleErrors(t, tb)
	})
}
