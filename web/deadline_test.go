package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// TestWatchdogAnswersOverrunningHandler serves a handler that ignores its
// context and outlives the query deadline: the client gets the 503 JSON
// error before the server's write deadline (never an empty reply), the
// handler's late 200 is dropped, and the access log says 503.
func TestWatchdogAnswersOverrunningHandler(t *testing.T) {
	var logs logBuffer
	cfg := Config{WriteTimeout: 3 * time.Second, QueryTimeout: time.Second}
	s, err := New(cfg, openStore(t, nil), nil, nil, logs.logger())
	if err != nil {
		t.Fatal(err)
	}
	s.e.GET("/test/stuck", func(c echo.Context) error {
		time.Sleep(2500 * time.Millisecond) // a handler deaf to its context
		c.Response().Header().Set("X-Late", "1")
		return c.JSON(http.StatusOK, map[string]string{"late": strings.Repeat("x", 2000)})
	})
	s.e.GET("/test/quick", func(c echo.Context) error {
		time.Sleep(200 * time.Millisecond)
		return c.JSON(http.StatusOK, map[string]string{"ok": strings.Repeat("y", 2000)})
	})
	base := startServer(t, s)
	for _, gz := range []string{"", "Accept-Encoding: gzip\n"} {
		got := sendRaw(t, base, rawExchange{head: "GET /test/stuck HTTP/1.1\nHost: x\n" + gz})
		if got.status != http.StatusServiceUnavailable || errorCode(t, got.body) != "ServiceUnavailable" {
			t.Fatalf("%q: %d %q", gz, got.status, got.body)
		}
		if got.elapsed > 2500*time.Millisecond || got.header.Get("X-Late") != "" || got.header.Get("Content-Encoding") != "" {
			t.Errorf("%q: answered after %v with headers %v", gz, got.elapsed, got.header)
		}
		if st := logs.accessStatus(t, "/test/stuck"); st != http.StatusServiceUnavailable {
			t.Errorf("access log says %d, the client got 503", st)
		}
		got = sendRaw(t, base, rawExchange{head: "GET /test/quick HTTP/1.1\nHost: x\n" + gz})
		if got.status != http.StatusOK || (gz != "" && got.header.Get("Content-Encoding") != "gzip") {
			t.Errorf("%q: a handler within its deadline got %d %v", gz, got.status, got.header)
		}
	}
	time.Sleep(2 * time.Second) // let the stuck handlers finish writing into the void
}

// TestCheckTimeouts is the rule that a handler's deadline ends before the
// write deadline.
func TestCheckTimeouts(t *testing.T) {
	cases := []struct {
		cfg Config
		ok  bool
	}{
		{Config{}, true},
		{Config{QueryTimeout: 30 * time.Second}, true},
		{Config{QueryTimeout: 2 * time.Minute}, false},
		{Config{WriteTimeout: 3 * time.Second, QueryTimeout: time.Second}, true},
		{Config{WriteTimeout: 2 * time.Second, QueryTimeout: time.Second}, false},
		{Config{WriteTimeout: 5 * time.Second}, false}, // default query timeout 30 s
	}
	for _, tc := range cases {
		cfg := tc.cfg
		err := checkTimeouts(&cfg)
		if (err == nil) != tc.ok {
			t.Errorf("%+v: %v, want ok=%v", tc.cfg, err, tc.ok)
		}
		if err == nil && (cfg.ReadTimeout <= 0 || cfg.WriteTimeout <= 0 || cfg.QueryTimeout <= 0) {
			t.Errorf("%+v: defaults not filled: %+v", tc.cfg, cfg)
		}
	}
}
