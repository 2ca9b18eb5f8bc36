package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkEventsSmallBBox measures /api/events for a small box (about
// 0.2° around Aleppo, limit 100) through the router on a real SQLite file
// with 50,000 events. The wrk load test (web/load/run.sh) measures the
// same over TCP with 1,000,000 events.
func BenchmarkEventsSmallBBox(b *testing.B) {
	evs := genEvents(50000, 99)
	s := newTestServer(b, Config{}, openStore(b, evs), nil)
	h := s.Handler()
	for _, target := range []string{
		"/api/events?bbox=37.05,36.13,37.25,36.27&limit=100",
		"/api/events/ev000123",
	} {
		b.Run(target, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, target, nil)
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}
