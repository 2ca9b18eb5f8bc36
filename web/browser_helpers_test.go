package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"geoevents/internal/app"
	"geoevents/internal/testenv"
	"geoevents/web"
)

// demoServer is a real geoevents server on a loopback port, holding the
// sample corpus and the XSS fixture.
type demoServer struct {
	URL string
}

// startDemoServer ingests examples/articles and testdata/articles/xss.md
// into a fresh SQLite file and serves it on 127.0.0.1 until the test ends.
func startDemoServer(t *testing.T) *demoServer {
	t.Helper()
	root := testenv.RepoRoot(t)
	return startServer(t, web.Config{}, func(ctx context.Context, a *app.App) error {
		return a.IngestPaths(ctx, filepath.Join(root, "examples", "articles"), filepath.Join(root, "testdata", "articles", "xss.md"))
	})
}

// startServer opens a fresh database, fills it with fill, and serves it
// with cfg on 127.0.0.1 until the test ends. Unless cfg.Dev, the embedded
// assets must hold the npm-built vendor files.
func startServer(t *testing.T, cfg web.Config, fill func(context.Context, *app.App) error) *demoServer {
	t.Helper()
	return startServerOn(t, filepath.Join(t.TempDir(), "geoevents.db"), cfg, fill)
}

// startServerAt is startServer over the database file at path.
func startServerAt(t *testing.T, cfg web.Config, path string, fill func(context.Context, *app.App) error) *demoServer {
	t.Helper()
	return startServerOn(t, path, cfg, fill)
}

// startServerOn is startServer on the database dsn names.
func startServerOn(t *testing.T, dsn string, cfg web.Config, fill func(context.Context, *app.App) error) *demoServer {
	t.Helper()
	assets, err := web.Assets(web.Config{})
	if err != nil {
		t.Fatalf("assets: %v", err)
	}
	if _, err := fs.Stat(assets, "vendor/leaflet/leaflet.js"); err != nil && !cfg.Dev {
		msg := "web/static/vendor is not built: run `npm ci --prefix web && npm run --prefix web build` (make does)"
		if testenv.InCI() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DBPath: dsn})
	if err != nil {
		t.Fatalf("open app: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	if err := fill(ctx, a); err != nil {
		t.Fatalf("fill the database: %v", err)
	}
	srv, err := a.Server(cfg)
	if err != nil {
		t.Fatalf("server: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return &demoServer{URL: "http://" + ln.Addr().String()}
}

// getJSON GETs path from the server and decodes the JSON answer into v.
func (s *demoServer) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	res, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", path, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: decode: %v", path, err)
	}
}

// matched returns numberMatched of GET /api/events?query.
func (s *demoServer) matched(t *testing.T, query string) int {
	t.Helper()
	var fc struct {
		NumberMatched *int `json:"numberMatched"`
	}
	s.getJSON(t, "/api/events?"+query+"&limit=1", &fc)
	if fc.NumberMatched == nil {
		t.Fatalf("GET /api/events?%s: no numberMatched", query)
	}
	return *fc.NumberMatched
}

// apiEvent is the part of an event feature the tests compare.
type apiEvent struct {
	ID         string `json:"id"`
	Properties struct {
		Sentence     string `json:"sentence"`
		ArticleID    string `json:"article_id"`
		ArticleTitle string `json:"article_title"`
		Type         string `json:"type"`
	} `json:"properties"`
}

// startBrowser starts headless Debian chromium whose network reaches only
// loopback: host names other than 127.0.0.1 do not resolve, so the online
// tile layer fails and the offline basemap must carry the page.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := testenv.RequireTool(t, "chromium")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		cancelBrowser()
		cancelAlloc()
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	return bctx
}

// tab is one browser tab with its console errors and blocked requests.
type tab struct {
	ctx     context.Context
	mu      sync.Mutex
	errs    []string
	blocked []string
}

// newTab opens a 1280×800 tab that fails every non-loopback request and
// records console errors and uncaught exceptions.
func newTab(t *testing.T, browser context.Context) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	tb := &tab{ctx: ctx}
	console := chromedp.Console(ctx)
	sent := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type != chromedp.ConsoleError && m.Type != chromedp.ConsoleException && m.Type != "assert" {
				continue
			}
			if m.URL != "" && !isLoopback(m.URL) {
				continue // the online tile layer failing is expected
			}
			tb.mu.Lock()
			tb.errs = append(tb.errs, fmt.Sprintf("%s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1))
			tb.mu.Unlock()
		}
	}()
	// Requests are watched, not paused: the chromium flag
	// host-resolver-rules already fails every name but 127.0.0.1, and
	// pausing each request for a round trip through this process (Fetch
	// interception) added its latency to every request the timings
	// measure. A request to elsewhere is recorded as blocked.
	go func() {
		for ev, err := range sent {
			if err != nil {
				return
			}
			if !isLoopback(ev.Request.URL) {
				tb.mu.Lock()
				tb.blocked = append(tb.blocked, ev.Request.URL)
				tb.mu.Unlock()
			}
		}
	}()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("watch requests: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Fatalf("viewport: %v", err)
	}
	return tb
}

func isLoopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	if u.Scheme == "data" || u.Scheme == "blob" || u.Scheme == "about" {
		return true
	}
	ip := net.ParseIP(u.Hostname())
	return ip != nil && ip.IsLoopback()
}

// consoleErrors returns the console errors and exceptions seen so far.
func (tb *tab) consoleErrors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.errs...)
}

// do runs actions with a time limit.
func (tb *tab) do(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("eval %s: %v", expr, err)
	}
	return v
}

// poll waits until the JavaScript expression is truthy.
func poll(t *testing.T, tb *tab, what, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("waiting for %s (%s): %v\npage: %s", what, expr, err, tb.describe())
	}
}

// describe summarises the page's state for a failure message.
func (tb *tab) describe() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({url: location.href, busy: document.body.dataset.busy, loads: document.body.dataset.loads, notice: document.getElementById("notice").textContent, popup: (document.querySelector(".leaflet-popup-content") || {}).textContent || null, article: !document.getElementById("article").hidden})`))
	if err != nil {
		return err.Error()
	}
	return v
}

// loads returns how many event loads the page has finished.
func (tb *tab) loads(t *testing.T) int {
	t.Helper()
	return eval[int](t, tb, `Number(document.body.dataset.loads || 0)`)
}

// waitLoaded waits until the page finished a load after the after-th one
// and has no load in flight.
func (tb *tab) waitLoaded(t *testing.T, after int) {
	t.Helper()
	poll(t, tb, "the events to load", fmt.Sprintf(`document.body.dataset.busy === "0" && Number(document.body.dataset.loads) > %d`, after))
}

// settle waits until the page's permalink has stopped changing (map
// moves and popups have finished) with no load in flight, and returns it.
func (tb *tab) settle(t *testing.T) string {
	t.Helper()
	last, same := "", 0
	for range 40 {
		time.Sleep(150 * time.Millisecond)
		cur := eval[string](t, tb, `document.body.dataset.busy === "0" ? location.href : ""`)
		if cur != "" && cur == last {
			if same++; same >= 3 {
				return cur
			}
		} else {
			same = 0
		}
		last = cur
	}
	t.Fatalf("the page did not settle; last permalink %q", last)
	return ""
}

// open navigates to the map (with an optional permalink fragment) and
// waits for the first load.
func (tb *tab) open(t *testing.T, s *demoServer, fragment string) {
	t.Helper()
	u := s.URL + "/"
	if fragment != "" {
		u += "#" + fragment
	}
	tb.do(t, "open "+u, chromedp.Navigate(u))
	tb.waitLoaded(t, 0)
}

// shown is what the page reports for its current view.
type shown struct {
	Query   string `json:"query"`
	Count   string `json:"count"`
	Matched string `json:"matched"`
}

func (tb *tab) shown(t *testing.T) shown {
	t.Helper()
	return eval[shown](t, tb, `({query: document.getElementById("count").dataset.query || "", count: (document.getElementById("count-n") || {}).textContent || "", matched: document.getElementById("count").dataset.matched || ""})`)
}

// countNumber parses the visible count ("1,234").
func countNumber(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(strings.ReplaceAll(s, ",", ""), &n); err != nil {
		t.Fatalf("count %q is not a number: %v", s, err)
	}
	return n
}

// popupSentence waits for an open popup of event id and returns its
// sentence. The popup is found and read in one evaluation: a marker update
// (the load after a move) closes an open popup and opens it again a moment
// later, so a popup found by one call may be gone at the next (the
// "feed click" test failed so 2 times in 5 at load 10).
func (tb *tab) popupSentence(t *testing.T, id string) string {
	t.Helper()
	s, _ := tb.popupText(t, id)
	return s
}

// popupText is popupSentence with the text of the place marked in the
// sentence ("" when none is).
func (tb *tab) popupText(t *testing.T, id string) (sentence, mark string) {
	t.Helper()
	sel := fmt.Sprintf(`.leaflet-popup-content .pop[data-event=%q]`, id)
	read := fmt.Sprintf(`(() => { const p = document.querySelector(%q); if (!p) return null;
		const q = p.querySelector("blockquote"), m = p.querySelector("blockquote mark");
		return [q ? q.textContent : "", m ? m.textContent : ""]; })()`, sel)
	poll(t, tb, "the popup of "+id, read+" !== null")
	for range 50 {
		if got := eval[[]string](t, tb, read); len(got) == 2 {
			return got[0], got[1]
		}
		poll(t, tb, "the popup of "+id+" again", read+" !== null")
	}
	t.Fatalf("the popup of %s keeps closing", id)
	return "", ""
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(errors.New("unreachable: string marshal"))
	}
	return string(b)
}
