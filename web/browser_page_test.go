package web_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// pickJS returns the first element matching a selector that is on the
// map, away from its controls, and on top at its centre, as {id, x, y}.
const pickJS = `(sel) => {
	const mapBox = document.getElementById("map").getBoundingClientRect();
	for (const e of document.querySelectorAll(sel)) {
		const r = e.getBoundingClientRect();
		const x = r.left + r.width / 2, y = r.top + r.height / 2;
		if (r.width === 0 || x < mapBox.left + 40 || x > mapBox.right - 60 || y < mapBox.top + 90 || y > mapBox.bottom - 40) continue;
		const top = document.elementFromPoint(x, y);
		if (top && (top === e || e.contains(top))) return {id: e.dataset.event || "", x, y};
	}
	return null;
}`

// hit is a clickable element found by pickJS.
type hit struct {
	ID string  `json:"id"`
	X  float64 `json:"x"`
	Y  float64 `json:"y"`
}

// visibleMarker returns an event marker that is visible and on top, or nil.
func visibleMarker(t *testing.T, tb *tab) *hit {
	t.Helper()
	return eval[*hit](t, tb, `(`+pickJS+`)(".leaflet-marker-pane .ev-dot[data-event]")`)
}

// findMarker returns the id and screen centre of an event marker that is
// visible and on top, clicking clusters (zooming, then spiderfying) until
// one is.
func findMarker(t *testing.T, tb *tab) (string, float64, float64) {
	t.Helper()
	for range 8 {
		if m := visibleMarker(t, tb); m != nil {
			return m.ID, m.X, m.Y
		}
		c := eval[*hit](t, tb, `(`+pickJS+`)(".leaflet-marker-pane .ev-cluster")`)
		if c == nil {
			t.Fatal("no visible marker or cluster to click")
		}
		tb.do(t, "click cluster", chromedp.MouseClickXY(c.X, c.Y))
		tb.settle(t) // zoom (and reload) or spiderfy
	}
	t.Fatal("no marker became visible after clicking clusters")
	return "", 0, 0
}

// assertPopupSentence checks the open popup is event id's and shows the
// sentence the API has for it.
func assertPopupSentence(t *testing.T, s *demoServer, tb *tab, id string) {
	t.Helper()
	got, mark := tb.popupText(t, id)
	var ev apiEvent
	s.getJSON(t, "/api/events/"+url.PathEscape(id), &ev)
	if ev.Properties.Sentence == "" {
		t.Fatalf("event %s has no sentence in the API", id)
	}
	if got != ev.Properties.Sentence {
		t.Errorf("popup of %s shows %q, want the sentence %q", id, got, ev.Properties.Sentence)
	}
	if mark == "" {
		t.Errorf("popup of %s highlights no place in the sentence", id)
	}
}

// assertCount checks the page's count equals the API's numberMatched for
// the page's own query (and equals want unless want < 0); it returns it.
func assertCount(t *testing.T, s *demoServer, sh shown, want int) int {
	t.Helper()
	got := countNumber(t, sh.Count)
	api := s.matched(t, sh.Query)
	if got != api {
		t.Errorf("page shows %d for %q, API numberMatched = %d", got, sh.Query, api)
	}
	if want >= 0 && got != want {
		t.Errorf("page shows %d, want %d", got, want)
	}
	return got
}

// state is what the permalink must restore.
type state struct {
	Count, Types, From, To string
	Zoom                   int
	Box                    []float64
}

func pageState(t *testing.T, tb *tab) state {
	t.Helper()
	raw := eval[map[string]string](t, tb, `({
		count: document.getElementById("count-n").textContent,
		types: [...document.querySelectorAll("#types input:checked")].map(i => i.value).join("|"),
		from: document.getElementById("from").value,
		to: document.getElementById("to").value,
		query: document.getElementById("count").dataset.query,
		zoom: String(new URLSearchParams(location.hash.slice(1)).get("z")),
	})`)
	q, _ := url.ParseQuery(raw["query"])
	var box []float64
	for _, v := range strings.Split(q.Get("bbox"), ",") {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("bbox %q: %v", q.Get("bbox"), err)
		}
		box = append(box, f)
	}
	z, _ := strconv.Atoi(raw["zoom"])
	return state{Count: raw["count"], Types: raw["types"], From: raw["from"], To: raw["to"], Zoom: z, Box: box}
}

func maxDiff(a, b []float64) float64 {
	if len(a) != len(b) {
		return 1e9
	}
	d := 0.0
	for i := range a {
		d = max(d, abs(a[i]-b[i]))
	}
	return d
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// assertNoXSS checks no markup from the data ran or became elements.
func assertNoXSS(t *testing.T, tb *tab) {
	t.Helper()
	if v := eval[string](t, tb, `typeof window.__xss`); v != "undefined" {
		t.Errorf("window.__xss is %s: article markup ran as HTML", v)
	}
	if n := eval[int](t, tb, `document.querySelectorAll('img[src="x"], body script:not([src])').length`); n != 0 {
		t.Errorf("%d elements from article markup in the DOM", n)
	}
}

// noConsoleErrors fails the test on any console error or exception so far.
func noConsoleErrors(t *testing.T, tb *tab) {
	t.Helper()
	time.Sleep(100 * time.Millisecond) // let the console events arrive
	for _, e := range tb.consoleErrors() {
		t.Errorf("console: %s", e)
	}
}
