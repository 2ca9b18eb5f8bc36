package web_test

import (
	"context"
	"path/filepath"
	"testing"

	"geoevents/internal/app"
	"geoevents/internal/testenv"
	"geoevents/web"
)

// TestBrowserMapOnPostGIS loads the map in headless chromium from a
// server on PostGIS holding the demo corpus: it draws the events, and the
// count it shows for the view is the API's numberMatched.
func TestBrowserMapOnPostGIS(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	dsn := testenv.PostgresDSN(t)
	browser := startBrowser(t)
	root := testenv.RepoRoot(t)
	s := startServerOn(t, dsn, web.Config{}, func(ctx context.Context, a *app.App) error {
		return a.IngestPaths(ctx, filepath.Join(root, "examples", "articles"))
	})
	tb := newTab(t, browser)
	tb.open(t, s, "")
	poll(t, tb, "event markers or clusters", `document.querySelectorAll(".leaflet-marker-pane .ev-dot, .leaflet-marker-pane .ev-cluster").length > 0`)
	sh := tb.shown(t)
	got, want := countNumber(t, sh.Count), s.matched(t, sh.Query)
	if got != want || want == 0 {
		t.Errorf("page shows %d events for %q, API numberMatched = %d (want equal, non-zero)", got, sh.Query, want)
	}
	noConsoleErrors(t, tb)
}
