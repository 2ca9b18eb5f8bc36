package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"geoevents/gazetteer"
)

// lockedBuffer is a log sink safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestSlowQueryLog: a query at or past Config.SlowQuery logs one WARN line
// naming the route, the operation, the filter and the plan the store
// chose (SQLite: its own planner's choice; PostGIS: EXPLAIN's nodes); a
// query under it logs nothing.
func TestSlowQueryLog(t *testing.T) {
	evs := genEvents(2000, 7)
	backends := []struct {
		name string
		open storeOpener
		plan *regexp.Regexp
	}{
		{"sqlite", openStore, regexp.MustCompile(`plan="count: (grid|area index|full-text index|rows); page: (walk|cutoff|all|scan)`)},
		{"postgis", openPostGIS, regexp.MustCompile(`plan="[^"]*(Scan|Limit|Sort)`)},
	}
	gz, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			st := b.open(t, evs)
			for _, tc := range []struct {
				slow  time.Duration
				lines int
			}{{time.Nanosecond, 1}, {time.Hour, 0}} {
				var logs lockedBuffer
				s, err := New(Config{CacheTTL: -1, SlowQuery: tc.slow}, st, gz, nil,
					slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn})))
				if err != nil {
					t.Fatal(err)
				}
				rec := do(t, s.Handler(), http.MethodGet, "/api/events?bbox=36,35,38,37&type=Battles&limit=5", nil)
				if rec.Code != http.StatusOK {
					t.Fatalf("GET: %d %s", rec.Code, rec.Body)
				}
				got := logs.String()
				if n := strings.Count(got, `msg="slow query"`); n != tc.lines {
					t.Fatalf("slow query %v: %d slow-query lines, want %d:\n%s", tc.slow, n, tc.lines, got)
				}
				if tc.lines == 0 {
					continue
				}
				for _, want := range []string{"level=WARN", "route=/api/events", "op=events", `filter="bbox=36,35,38,37 types=Battles sort=-date limit=5"`, "took="} {
					if !strings.Contains(got, want) {
						t.Errorf("slow-query line lacks %s:\n%s", want, got)
					}
				}
				if !b.plan.MatchString(got) {
					t.Errorf("slow-query line names no plan (want %v):\n%s", b.plan, got)
				}
				t.Log(strings.TrimSpace(got))
			}
		})
	}
}
