package web_test

import (
	"context"
	"testing"

	"geoevents/internal/app"
	"geoevents/internal/testenv"
	"geoevents/web"
)

// TestBrowserCellsOnPostGIS loads the map from a server on PostGIS
// holding more events than the map shows one by one: it draws the
// server's aggregate cells, its count is the API's numberMatched, and the
// panel's type counts add up to it.
func TestBrowserCellsOnPostGIS(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	dsn := testenv.PostgresDSN(t)
	browser := startBrowser(t)
	const n = 20_000
	s := startServerOn(t, dsn, web.Config{}, func(ctx context.Context, a *app.App) error {
		_, err := a.Store.ImportEvents(ctx, generatedEvents(n))
		return err
	})
	tb := newTab(t, browser)
	tb.open(t, s, "")
	got := assertCount(t, s, tb.shown(t), -1)
	if got < n/2 {
		t.Errorf("initial view counts %d events, want most of the %d generated in it", got, n)
	}
	dom := eval[map[string]int](t, tb, `({cells: document.querySelectorAll(".ev-cell").length, types: [...document.querySelectorAll("#types .n")].reduce((s, n) => s + Number(n.dataset.n || 0), 0)})`)
	if dom["cells"] == 0 || dom["types"] != got {
		t.Errorf("%d server cells drawn, type counts add up to %d of %d: want cells and the view's count", dom["cells"], dom["types"], got)
	}
	noConsoleErrors(t, tb)
}
