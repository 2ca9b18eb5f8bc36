package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestErrorShapeAndMethods(t *testing.T) {
	s := newTestServer(t, Config{}, openStore(t, genEvents(5, 8)), nil)
	tests := []struct {
		method, target string
		want           int
	}{
		{http.MethodGet, "/no/such/path", http.StatusNotFound},
		{http.MethodGet, "/api/nothing", http.StatusNotFound},
		{http.MethodDelete, "/api/events", http.StatusMethodNotAllowed},
		{http.MethodPost, "/api/events", http.StatusMethodNotAllowed},
		{http.MethodPut, "/collections/events/items", http.StatusMethodNotAllowed},
		{http.MethodGet, "/api/events/search", http.StatusNotFound},
		{http.MethodPatch, "/healthz", http.StatusMethodNotAllowed},
		{http.MethodGet, "/api/events?limit=10001", http.StatusBadRequest},
	}
	for _, tc := range tests {
		rec := do(t, s.Handler(), tc.method, tc.target, nil)
		if rec.Code != tc.want {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.target, rec.Code, tc.want)
			continue
		}
		var e errorBody
		decode(t, rec, &e)
		if e.Code == "" || e.Description == "" || !strings.HasPrefix(rec.Header().Get("Content-Type"), mimeJSON) {
			t.Errorf("%s %s: error body %s", tc.method, tc.target, rec.Body)
		}
		if tc.want == http.StatusMethodNotAllowed && rec.Header().Get("Allow") == "" {
			t.Errorf("%s %s: 405 without Allow", tc.method, tc.target)
		}
	}
	rec := do(t, s.Handler(), http.MethodGet, "/api/events?limit=10001", nil)
	if !strings.Contains(rec.Body.String(), "10000") || !strings.Contains(rec.Body.String(), "limit") {
		t.Errorf("limit error does not name the parameter and maximum: %s", rec.Body)
	}
	// HEAD works on GET routes, with no body.
	rec = do(t, s.Handler(), http.MethodHead, "/api/events", nil)
	if rec.Code != http.StatusOK {
		t.Errorf("HEAD /api/events: %d", rec.Code)
	}
}

func TestMiddleware(t *testing.T) {
	var logs bytes.Buffer
	st := openStore(t, genEvents(300, 9))
	s, err := New(Config{AccessLog: AccessLogAll}, st, nil, nil, slog.New(slog.NewJSONHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	// Request id: generated, or the client's when sane; logged.
	rec := do(t, s.Handler(), http.MethodGet, "/healthz", nil)
	if rec.Code != http.StatusOK || rec.Body.String() != "{\"status\":\"ok\"}\n" {
		t.Fatalf("healthz: %d %q", rec.Code, rec.Body)
	}
	id := rec.Header().Get("X-Request-ID")
	if len(id) < 16 || !strings.Contains(logs.String(), id) || !strings.Contains(logs.String(), `"status":200`) {
		t.Errorf("request id %q not in the log: %s", id, logs.String())
	}
	rec = do(t, s.Handler(), http.MethodGet, "/healthz", nil, "X-Request-ID", "client-42")
	if rec.Header().Get("X-Request-ID") != "client-42" {
		t.Errorf("client request id not kept: %q", rec.Header().Get("X-Request-ID"))
	}
	rec = do(t, s.Handler(), http.MethodGet, "/healthz", nil, "X-Request-ID", "bad id\r\nwith <junk>")
	if got := rec.Header().Get("X-Request-ID"); got == "" || strings.ContainsAny(got, " <") {
		t.Errorf("unsafe client request id echoed: %q", got)
	}
	// gzip.
	rec = do(t, s.Handler(), http.MethodGet, "/api/events?limit=200", nil, "Accept-Encoding", "gzip")
	if rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip: %v", rec.Header())
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !bytes.HasPrefix(plain, []byte(`{"type":"FeatureCollection"`)) {
		t.Errorf("gunzipped body: %v %.60s", err, plain)
	}
	// CORS for GET.
	rec = do(t, s.Handler(), http.MethodGet, "/api/events?limit=1", nil, "Origin", "https://elsewhere.example")
	if rec.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("CORS header missing: %v", rec.Header())
	}
	rec = do(t, s.Handler(), http.MethodOptions, "/api/events", nil, "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "GET")
	if rec.Code != http.StatusNoContent || !strings.Contains(rec.Header().Get("Access-Control-Allow-Methods"), "GET") {
		t.Errorf("CORS preflight: %d %v", rec.Code, rec.Header())
	}
}

func TestServeShutsDownOnCancel(t *testing.T) {
	s := newTestServer(t, Config{}, openStore(t, nil), nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	res, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz over TCP: %v %v", err, res)
	}
	res.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve returned %v after cancel", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("server still answers after shutdown")
	}
	// Run reports a bad address.
	s2 := newTestServer(t, Config{Addr: "256.0.0.1:bad"}, openStore(t, nil), nil)
	if err := s2.Run(context.Background()); err == nil {
		t.Error("Run on a bad address returned nil")
	}
}

// TestServerTiming: answers, errors among them, say how long the server
// took (Server-Timing: app;dur=milliseconds).
func TestServerTiming(t *testing.T) {
	s := newTestServer(t, Config{}, openStore(t, genEvents(50, 8)), nil)
	for _, target := range []string{"/api/events?limit=5", "/api/aggregate?zoom=3", "/api/events?limit=x"} {
		rec := do(t, s.Handler(), http.MethodGet, target, nil)
		h := rec.Header().Get("Server-Timing")
		var ms float64
		if _, err := fmt.Sscanf(h, "app;dur=%g", &ms); err != nil || ms < 0 || ms > 60000 {
			t.Errorf("%s (%d): Server-Timing %q", target, rec.Code, h)
		}
	}
}
