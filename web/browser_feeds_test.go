package web_test

import (
	"context"
	"io/fs"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"geoevents/internal/app"
	"geoevents/internal/feeds"
	"geoevents/internal/feeds/feedtest"
	"geoevents/internal/testenv"
	"geoevents/web"
)

// startFeedServer serves a fresh database whose watcher has polled list
// once, on 127.0.0.1 until the test ends.
func startFeedServer(t *testing.T, list []feeds.Feed) *demoServer {
	t.Helper()
	assets, err := web.Assets(web.Config{})
	if err != nil {
		t.Fatalf("assets: %v", err)
	}
	if _, err := fs.Stat(assets, "vendor/leaflet/leaflet.js"); err != nil {
		if testenv.InCI() {
			t.Fatal("web/static/vendor is not built")
		}
		t.Skip("web/static/vendor is not built: run make assets")
	}
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DBPath: filepath.Join(t.TempDir(), "geoevents.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	w, err := a.Watcher(ctx, feeds.Config{HostRate: 100, Timeout: 5 * time.Second}, list)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.PollAll(ctx); err != nil {
		t.Fatal(err)
	}
	srv, err := a.Server(web.Config{Feeds: w, TilesURL: "none"})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
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

// The panel shows each followed feed's health, a failing one with its
// error; a server following no feeds shows no feed section.
func TestBrowserFeedHealth(t *testing.T) {
	browser := startBrowser(t)
	site := feedtest.New()
	defer site.Close()
	day := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	site.SetFeed("/rss", feedtest.Feed{Title: "Test Wire", Stories: []feedtest.Story{feedtest.MakeStory(1, day), feedtest.MakeStory(2, day)}})
	s := startFeedServer(t, []feeds.Feed{{URL: site.URL("/rss")}, {URL: site.URL(feedtest.PathFail)}})
	tb := newTab(t, browser)
	tb.open(t, s, "")
	poll(t, tb, "the feed health list", `!document.getElementById("feeds-health").hidden && document.querySelectorAll("#feeds-health li").length === 2`)
	rows := eval[[]string](t, tb, `[...document.querySelectorAll("#feeds-health li")].map(li => li.dataset.status + " | " + li.textContent)`)
	if !strings.HasPrefix(rows[0], "ok | Test Wire") || !strings.Contains(rows[0], "2 articles") {
		t.Errorf("healthy feed row %q", rows[0])
	}
	if !strings.HasPrefix(rows[1], "backing-off | ") || !strings.Contains(rows[1], "HTTP 500") {
		t.Errorf("failing feed row %q", rows[1])
	}
	if got := eval[string](t, tb, `document.querySelector("#feeds-health .fh-summary").textContent`); got != "2 followed, 1 failing" {
		t.Errorf("summary %q", got)
	}
	if errs := tb.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}

	plain := startServer(t, web.Config{TilesURL: "none"}, func(context.Context, *app.App) error { return nil })
	tb2 := newTab(t, browser)
	tb2.open(t, plain, "")
	time.Sleep(300 * time.Millisecond) // the /api/feeds answer has come
	if !eval[bool](t, tb2, `document.getElementById("feeds-health").hidden`) {
		t.Error("the feed section shows on a server that follows no feeds")
	}
}
