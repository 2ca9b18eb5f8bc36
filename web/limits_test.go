package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestRouteLimits checks each rule of routeLimits, the default, and that
// no deadline reaches past the write deadline.
func TestRouteLimits(t *testing.T) {
	s, err := New(Config{QueryTimeout: 2 * time.Second, WriteTimeout: 30 * time.Second}, openStore(t, nil), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		method, path string
		deadline     time.Duration
		costly       bool
	}{
		{"GET", "/api/events", 2 * time.Second, false},
		{"GET", "/collections/:collectionId/items", 2 * time.Second, false},
		{"POST", "/api/events/search", 2 * time.Second, true},
		{"GET", "/api/export.geojson", 0, true},
		{"GET", "/api/export.geojsons", 0, true},
		{"GET", "/api/export.csv", 0, true},
		{"HEAD", "/api/export.csv", 2 * time.Second, false},
		{"GET", "/api/live", 0, false},
		{"GET", "/api/places", 30*time.Second - deadlineGrace - minWriteMargin, false},
		{"POST", "/api/articles", 30*time.Second - deadlineGrace - minWriteMargin, false},
	}
	tested := map[string]bool{}
	for _, tc := range cases {
		c := s.e.NewContext(httptest.NewRequest(tc.method, "/", nil), httptest.NewRecorder())
		c.SetPath(tc.path)
		got := s.limitFor(c)
		if got.deadline != tc.deadline || got.costly != tc.costly {
			t.Errorf("%s %s: %+v, want deadline %v costly %v", tc.method, tc.path, got, tc.deadline, tc.costly)
		}
		tested[tc.method+" "+tc.path] = true
	}
	for _, r := range routeLimits {
		if !tested[r.method+" "+r.path] {
			t.Errorf("rule %s %s has no test", r.method, r.path)
		}
		if r.why == "" {
			t.Errorf("rule %s %s says not why", r.method, r.path)
		}
	}
}

// TestAdmissionKeepsReserve holds every costly slot of a real server:
// a polygon search then waits AdmissionWait and gets a 503 JSON error with
// Retry-After, while a cheap read answers at once; once a slot frees, the
// search runs.
func TestAdmissionKeepsReserve(t *testing.T) {
	var logs logBuffer
	s, err := New(Config{MaxCostly: 2, AdmissionWait: 300 * time.Millisecond}, openStore(t, genEvents(500, 9)), nil, nil, logs.logger())
	if err != nil {
		t.Fatal(err)
	}
	base := startServer(t, s)
	s.costly <- struct{}{} // two costly requests running
	s.costly <- struct{}{}
	search := func() (*http.Response, time.Duration) {
		start := time.Now()
		res := request(t, http.DefaultClient, "POST", base+"/api/events/search", testPolygon, "Content-Type", mimeJSON)
		return res, time.Since(start)
	}
	res, took := search()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" || took < 300*time.Millisecond {
		t.Fatalf("search with no free slot: %d after %v, %v", res.StatusCode, took, res.Header)
	}
	errorCode(t, res.Body.(nopBody).Bytes())
	if st := logs.accessStatus(t, "/api/events/search"); st != http.StatusServiceUnavailable {
		t.Errorf("access log says %d", st)
	}
	for _, path := range []string{"/api/events?limit=5", "/api/export.csv"} {
		start := time.Now()
		res := request(t, http.DefaultClient, "GET", base+path, "")
		cheap := path != "/api/export.csv"
		switch {
		case cheap && (res.StatusCode != http.StatusOK || time.Since(start) > 250*time.Millisecond):
			t.Errorf("cheap read while costly slots are full: %d after %v", res.StatusCode, time.Since(start))
		case !cheap && res.StatusCode != http.StatusServiceUnavailable:
			t.Errorf("export while costly slots are full: %d", res.StatusCode)
		}
	}
	<-s.costly
	if res, _ := search(); res.StatusCode != http.StatusOK {
		t.Errorf("search with a free slot: %d", res.StatusCode)
	}
	if len(s.costly) != 1 {
		t.Errorf("the search did not give its slot back: %d held", len(s.costly))
	}
}

// TestQueryDeadlineOnRealQuery runs a polygon search on a real store that
// takes longer than a short query deadline: the answer is the 503 JSON
// error soon after the deadline, and the log says 503.
func TestQueryDeadlineOnRealQuery(t *testing.T) {
	var logs logBuffer
	s, err := New(Config{QueryTimeout: 30 * time.Millisecond, PolygonBudget: 1 << 40}, openStore(t, genEvents(20000, 5)), nil, nil, logs.logger())
	if err != nil {
		t.Fatal(err)
	}
	base := startServer(t, s)
	poly := circlePolygon(37.5, 34.8, 2.6, maxPolygonPositions-1)
	start := time.Now()
	res := request(t, http.DefaultClient, "POST", base+"/api/events/search", poly, "Content-Type", mimeJSON)
	took := time.Since(start)
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("%d after %v: %.200s", res.StatusCode, took, res.Body.(nopBody).Bytes())
	}
	errorCode(t, res.Body.(nopBody).Bytes())
	if took > 3*time.Second {
		t.Errorf("answered after %v; the deadline is 30 ms", took)
	}
	t.Logf("503 after %v; watchdog answered: %v", took, strings.Contains(logs.String(), "overran"))
	if st := logs.accessStatus(t, "/api/events/search"); st != http.StatusServiceUnavailable {
		t.Errorf("access log says %d", st)
	}
	// The same search with room to run answers.
	s2, err := New(Config{}, openStore(t, genEvents(200, 5)), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res := request(t, http.DefaultClient, "POST", startServer(t, s2)+"/api/events/search", poly, "Content-Type", mimeJSON); res.StatusCode != http.StatusOK {
		t.Errorf("control: %d", res.StatusCode)
	}
}

// TestPolygonCostRule: on a real store, the same area passes with few
// vertices and is refused (400 PolygonTooComplex, JSON) with many; a
// detailed polygon over an empty area passes.
func TestPolygonCostRule(t *testing.T) {
	s, err := New(Config{PolygonBudget: 100_000}, openStore(t, genEvents(2000, 4)), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	base := startServer(t, s)
	cases := []struct {
		name     string
		body     string
		want     int
		wantCode string
	}{
		{"Aleppo, 50 vertices", circlePolygon(37.16, 36.20, 0.5, 50), 200, ""},
		{"Aleppo, 2000 vertices", circlePolygon(37.16, 36.20, 0.5, 2000), 400, "PolygonTooComplex"},
		{"empty sea, 9000 vertices", circlePolygon(-30, 0, 5, 9000), 200, ""},
		{"over the vertex cap", circlePolygon(-30, 0, 5, maxPolygonPositions+1), 400, "InvalidGeometry"},
	}
	for _, tc := range cases {
		res := request(t, http.DefaultClient, "POST", base+"/api/events/search", tc.body, "Content-Type", mimeJSON)
		if res.StatusCode != tc.want {
			t.Errorf("%s: %d, want %d: %.200s", tc.name, res.StatusCode, tc.want, res.Body.(nopBody).Bytes())
			continue
		}
		if tc.wantCode != "" {
			if code := errorCode(t, res.Body.(nopBody).Bytes()); code != tc.wantCode {
				t.Errorf("%s: code %s", tc.name, code)
			}
		}
	}
}

// TestPolygonCostRules checks each rule of polygonCostRules.
func TestPolygonCostRules(t *testing.T) {
	cases := []struct {
		rule                     string
		vertices, events, budget int64
		refuse                   bool
	}{
		{"over budget", 100, 1000, 1_000_000, false},
		{"over budget", 100, 10_000, 1_000_000, true},
		{"over budget", 10_000, 0, 1, false}, // nothing in the bound: nothing to test
		{"over budget", 4, 30_000, 1_000_000, true},
	}
	for _, tc := range cases {
		found := false
		for _, r := range polygonCostRules {
			if r.name == tc.rule {
				found = true
				if got := r.refuse(tc.vertices, tc.events, tc.budget); got != tc.refuse {
					t.Errorf("%s(%d, %d, %d) = %v", tc.rule, tc.vertices, tc.events, tc.budget, got)
				}
			}
		}
		if !found {
			t.Errorf("no rule %q", tc.rule)
		}
	}
}

// TestAccessLogModes checks each rule of accessLogRules through the modes
// that hold it.
func TestAccessLogModes(t *testing.T) {
	type req struct {
		status int
		took   time.Duration
	}
	ok, failed, slow := req{200, time.Millisecond}, req{404, time.Millisecond}, req{200, 2 * time.Second}
	cases := []struct {
		mode string
		r    req
		want bool
	}{
		{AccessLogOff, failed, false},
		{AccessLogOff, slow, false},
		{AccessLogErrors, failed, true},
		{AccessLogErrors, slow, true},
		{AccessLogErrors, ok, false},
		{AccessLogSample, failed, true},
		{AccessLogSample, slow, true},
		{AccessLogAll, ok, true},
	}
	for _, tc := range cases {
		a, err := newAccessLog(tc.mode)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.logs(tc.r.status, tc.r.took); got != tc.want {
			t.Errorf("%s %+v: %v", tc.mode, tc.r, got)
		}
	}
	// sample: one ordinary request in accessSampleEvery.
	a, _ := newAccessLog("")
	n := 0
	for range 10 * accessSampleEvery {
		if a.logs(200, time.Millisecond) {
			n++
		}
	}
	if n != 10 {
		t.Errorf("sample logged %d of %d ordinary requests, want 10", n, 10*accessSampleEvery)
	}
	if _, err := newAccessLog("verbose"); err == nil {
		t.Error("unknown mode accepted")
	}
}
