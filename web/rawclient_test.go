package web

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// rawExchange is one request written byte for byte to a real server.
type rawExchange struct {
	head       string        // request line and headers, CRLF-separated, without the blank line
	body       []byte        // sent after the blank line
	closeWrite bool          // half-close after the body: the server reads EOF
	stall      time.Duration // pause after the body before reading the reply
}

// rawReply is what came back.
type rawReply struct {
	status  int
	header  http.Header
	body    []byte
	elapsed time.Duration
}

// sendRaw writes ex to the server at base (http://host:port) over a raw
// TCP connection and reads one response; a connection closed without a
// response fails the test, as an empty reply is what these tests forbid.
func sendRaw(t *testing.T, base string, ex rawExchange) rawReply {
	t.Helper()
	got, err := exchange(base, ex, 20*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// errorCode checks that body is the API's JSON error and returns its code.
func errorCode(t *testing.T, body []byte) string {
	t.Helper()
	var e errorBody
	if err := json.Unmarshal(body, &e); err != nil || e.Code == "" || e.Description == "" {
		t.Fatalf("not the JSON error body (%v): %q", err, body)
	}
	return e.Code
}

// logBuffer collects a server's JSON log lines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// accessStatus returns the status of the last access log line for path,
// waiting briefly: the line is written after the response.
func (l *logBuffer) accessStatus(t *testing.T, path string) int {
	t.Helper()
	for range 100 {
		l.mu.Lock()
		lines := strings.Split(l.buf.String(), "\n")
		l.mu.Unlock()
		for i := len(lines) - 1; i >= 0; i-- {
			var rec struct {
				Msg    string `json:"msg"`
				Path   string `json:"path"`
				Status int    `json:"status"`
			}
			if json.Unmarshal([]byte(lines[i]), &rec) == nil && rec.Msg == "http request" && rec.Path == path {
				return rec.Status
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no access log line for %s", path)
	return 0
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
