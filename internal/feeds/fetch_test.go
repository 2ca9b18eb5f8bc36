package feeds

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// Requests to one host wait for its rate limit; another host does not.
func TestFetchHostRateLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	cfg, _ := Config{HostRate: 10, HostBurst: 1, Timeout: time.Second}.withDefaults()
	f := newFetcher(cfg)
	start := time.Now()
	for range 6 {
		if _, err := f.get(context.Background(), srv.URL+"/x", "", "", 100, "*/*"); err != nil {
			t.Fatal(err)
		}
	}
	// Burst 1 at 10/s: the 5 requests after the first wait 0.1 s each.
	if el := time.Since(start); el < 450*time.Millisecond {
		t.Errorf("6 requests at 10/s took %v, want ≥ 0.5 s", el)
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }))
	defer other.Close()
	start = time.Now()
	if _, err := f.get(context.Background(), other.URL, "", "", 100, "*/*"); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 90*time.Millisecond {
		t.Errorf("another host waited %v", el)
	}
}

// A poll sends both validators of the last response, and the User-Agent.
func TestFetchConditionalHeaders(t *testing.T) {
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.WriteHeader(http.StatusNotModified)
	}))
	defer srv.Close()
	cfg, _ := Config{}.withDefaults()
	resp, err := newFetcher(cfg).get(context.Background(), srv.URL, `"v1"`, "Mon, 30 Nov 2026 08:00:00 GMT", 100, acceptFeed)
	if err != nil || resp.Status != http.StatusNotModified {
		t.Fatalf("304: %+v, %v", resp, err)
	}
	if got.Get("If-None-Match") != `"v1"` || got.Get("If-Modified-Since") != "Mon, 30 Nov 2026 08:00:00 GMT" ||
		got.Get("User-Agent") != DefaultUserAgent || got.Get("Accept") != acceptFeed {
		t.Errorf("request headers %v", got)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"120": 2 * time.Minute, "": 0, "-5": 0, "soon": 0,
		"Wed, 02 Dec 2026 10:05:00 GMT": 5 * time.Minute, "Wed, 02 Dec 2026 09:55:00 GMT": 0,
	} {
		if got := retryAfter(in, now); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}
