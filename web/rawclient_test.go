package web

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net"
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
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(20 * time.Second))
	start := time.Now()
	msg := append([]byte(strings.ReplaceAll(strings.TrimSpace(ex.head), "\n", "\r\n")+"\r\n\r\n"), ex.body...)
	if _, err := conn.Write(msg); err != nil {
		t.Fatalf("write: %v", err)
	}
	if ex.closeWrite {
		_ = conn.(*net.TCPConn).CloseWrite()
	}
	if ex.stall > 0 {
		time.Sleep(ex.stall)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no response (an empty reply) after %v: %v", time.Since(start), err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read response body: %v", err)
	}
	return rawReply{res.StatusCode, res.Header, body, time.Since(start)}
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
