package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"geoevents/internal/app"
	"geoevents/web"
)

// millionFirstView are the requests the map makes for its first view of
// the 1M-event database (Syria at zoom 7 in a 1280×800 window, province-
// and country-level events off), then the ones it makes after it: the
// timeline's stats, the weekly chart and the country list's totals, and
// the live stream's count.
var millionFirstView = []struct{ name, target string }{
	{"aggregate", "/api/aggregate?max_precision=2&bbox=33.55,31.9,43.45,37.95&zoom=7"},
	{"feed", "/api/events?max_precision=2&bbox=33.55,31.9,43.45,37.95&limit=100&sortby=-date"},
	{"timeline", "/api/stats?max_precision=2"},
	{"weekly", "/api/weekly?max_precision=2"},
	{"weekly-all", "/api/weekly"},
	{"weekly-view", "/api/weekly?max_precision=2&bbox=33.55,31.9,43.45,37.95"},
	{"weekly-text", "/api/weekly?max_precision=2&q=airstrike"},
	{"countries", "/api/stats?mentions=true"},
	{"live", "/api/events?limit=1"},
}

// BenchmarkMillionFirstView times each request of the map's first view on
// the 1M-event benchmark database (built as TestBrowserMillion builds it),
// through the router with the response cache off, one sub-benchmark per
// request: `-run '^$' -bench MillionFirstView/weekly -cpuprofile` profiles
// one of them alone.
func BenchmarkMillionFirstView(b *testing.B) {
	db := millionDB(b)
	ctx := context.Background()
	a, err := app.Open(ctx, app.Config{DBPath: db})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	srv, err := a.Server(web.Config{CacheTTL: -1, AccessLog: "off"})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	for _, r := range millionFirstView {
		b.Run(r.name, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, r.target, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: status %d: %s", r.target, rec.Code, rec.Body)
				}
			}
		})
	}
}
