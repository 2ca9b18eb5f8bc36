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
	{"aggregate-pan", "/api/aggregate?max_precision=2&bbox=35.74,30.5,45.64,36.7&zoom=7"},
	{"aggregate-z6", "/api/aggregate?max_precision=2&bbox=28.3,27.4,48.1,40.5&zoom=6"},
	{"aggregate-z8", "/api/aggregate?max_precision=2&bbox=36.1,34.9,41.05,38.0&zoom=8"},
	{"aggregate-coarse", "/api/aggregate?bbox=33.55,31.9,43.45,37.95&zoom=7"},
	{"aggregate-year", "/api/aggregate?max_precision=2&bbox=33.55,31.9,43.45,37.95&zoom=7&from=2024-01-01&to=2025-01-01"},
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
