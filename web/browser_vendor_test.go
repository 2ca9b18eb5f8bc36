package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"geoevents/internal/app"
	"geoevents/web"
)

// TestBrowserWithoutVendor checks a build that skipped the npm step says
// so on the page instead of failing silently.
func TestBrowserWithoutVendor(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	browser := startBrowser(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("static")); err != nil {
		t.Fatalf("copy static: %v", err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "vendor")); err != nil {
		t.Fatal(err)
	}
	s := startServer(t, web.Config{Dev: true, AssetsDir: dir}, func(context.Context, *app.App) error { return nil })
	tb := newTab(t, browser)
	tb.do(t, "open the map", chromedp.Navigate(s.URL+"/"))
	poll(t, tb, "the page to give up", `document.body.dataset.busy === "0"`)
	msg := eval[string](t, tb, `document.getElementById("notice").hidden ? "" : document.getElementById("notice").textContent`)
	if !strings.Contains(msg, "npm ci --prefix web") {
		t.Errorf("notice %q does not say how to build the map libraries", msg)
	}
	for _, e := range tb.consoleErrors() {
		if !strings.Contains(e, "/static/vendor/") {
			t.Errorf("console: %s (only the missing vendor files may fail)", e)
		}
	}
}
