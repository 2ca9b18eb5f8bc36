package web

import (
	"bufio"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// liveEvent reads the next "total" event of an SSE stream.
func liveEvent(t *testing.T, r *bufio.Reader) (total int64, newest string) {
	t.Helper()
	event := ""
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("stream ended: %v", err)
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: ") && event == "total":
			var d struct {
				Total  int64  `json:"total"`
				Newest string `json:"newest"`
			}
			if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &d); err != nil {
				t.Fatalf("bad data %q: %v", line, err)
			}
			return d.Total, d.Newest
		}
	}
}

// TestLive: /api/live tells the total at once, again when events are
// added (not before), and the stream ends when the server shuts down,
// which then returns promptly.
func TestLive(t *testing.T) {
	evs := genEvents(300, 41)
	st := openStore(t, evs[:200])
	s := newTestServer(t, Config{LiveInterval: 50 * time.Millisecond}, st, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	defer cancel()

	res, err := http.Get("http://" + ln.Addr().String() + "/api/live")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/event-stream" || res.Header.Get("Content-Encoding") != "" {
		t.Fatalf("%s %q %q", res.Status, res.Header.Get("Content-Type"), res.Header.Get("Content-Encoding"))
	}
	r := bufio.NewReader(res.Body)
	first, _ := liveEvent(t, r)
	if want := int64(countEvents(evs[:200])); first != want {
		t.Errorf("first total %d, want %d", first, want)
	}
	if _, err := st.ImportEvents(context.Background(), seqOf(evs[200:])); err != nil {
		t.Fatal(err)
	}
	got, newest := liveEvent(t, r)
	if want := int64(countEvents(evs)); got != want || newest == "" {
		t.Errorf("after the import: total %d (newest %q), want %d", got, newest, want)
	}

	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not shut down with a live stream open")
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("shutdown took %v with a live stream open", took)
	}
}

func TestLiveRefusesParams(t *testing.T) {
	s := newTestServer(t, Config{}, openStore(t, genEvents(5, 42)), nil)
	rec := do(t, s.Handler(), http.MethodGet, "/api/live?bbox=1,2,3,4", nil)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "bbox") {
		t.Errorf("%d %s", rec.Code, rec.Body.String())
	}
}
