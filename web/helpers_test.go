package web

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// fixedNow is the clock of test servers, so timeStamp is deterministic.
var fixedNow = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

// testHost is the Host of test requests; links are built from it.
const testHost = "geoevents.test"

// city is a cluster centre for generated events.
type city struct {
	name, country string
	lon, lat      float64
}

func testCities() []city {
	return []city{
		{"Aleppo", "SY", 37.16, 36.20},
		{"Damascus", "SY", 36.29, 33.51},
		{"Idlib", "SY", 36.63, 35.93},
		{"Raqqa", "SY", 39.01, 35.95},
		{"Beirut", "LB", 35.50, 33.89},
		{"Suva", "FJ", 178.44, -18.14},
		{"Taveuni", "FJ", -179.97, -16.80},
	}
}

func testSubtypes() map[string][]string {
	return map[string][]string{
		event.TypeBattles:                  {"Armed clash", "Government regains territory"},
		event.TypeExplosions:               {"Air/drone strike", "Shelling/artillery/missile attack"},
		event.TypeViolenceAgainstCivilians: {"Attack"},
		event.TypeProtests:                 {"Peaceful protest"},
		event.TypeRiots:                    {"Violent demonstration"},
		event.TypeStrategicDevelopments:    {"Agreement"},
		event.TypeMention:                  {""},
	}
}

// genEvents makes n deterministic events scattered around testCities, dated
// through November and December 2024 (every 17th has no date).
func genEvents(n int, seed uint64) []event.Event {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	cities, subs := testCities(), testSubtypes()
	out := make([]event.Event, n)
	for i := range out {
		ci := r.IntN(len(cities))
		c := cities[ci]
		typ := event.Types[r.IntN(len(event.Types))]
		st := subs[typ][r.IntN(len(subs[typ]))]
		lon := c.lon + (r.Float64()-0.5)*0.6
		if lon > 180 {
			lon -= 360
		} else if lon < -180 {
			lon += 360
		}
		e := event.Event{
			ID:          fmt.Sprintf("ev%06d", i),
			Sentence:    fmt.Sprintf("Report %d: %s near %s.", i, strings.ToLower(typ), c.name),
			MentionText: c.name, MentionKind: "literal", MentionStart: 20, MentionEnd: 20 + len(c.name),
			PlaceID: fmt.Sprintf("%d", 1000+ci), PlaceName: c.name, CountryCode: c.country,
			Lon: round6(lon), Lat: round6(c.lat + (r.Float64()-0.5)*0.6),
			GeoPrecision: 1 + r.IntN(3), Score: float64(r.IntN(101)) / 100,
			Type: typ, SubType: st,
		}
		if i%17 != 0 {
			e.Date = time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(61))
			e.DatePrecision = event.PrecisionDay
		}
		out[i] = e
	}
	return out
}

// countEvents counts the events that are not plain mentions: what the API
// matches by default.
func countEvents(evs []event.Event) int {
	n := 0
	for _, e := range evs {
		if e.Type != event.TypeMention {
			n++
		}
	}
	return n
}

func round6(x float64) float64 { return float64(int64(x*1e6+0.5*sign(x))) / 1e6 }

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

func seqOf(evs []event.Event) iter.Seq2[event.Event, error] {
	return func(yield func(event.Event, error) bool) {
		for _, e := range evs {
			if !yield(e, nil) {
				return
			}
		}
	}
}

// storeOpener opens a store holding evs, closed when the test ends.
type storeOpener func(t testing.TB, evs []event.Event) store.Store

// openStore opens a real SQLite store in a temp dir holding evs.
func openStore(t testing.TB, evs []event.Event) store.Store {
	t.Helper()
	return openStoreAt(t, filepath.Join(t.TempDir(), "events.db"), evs)
}

// openStoreAt opens a real SQLite store at path holding evs, closed when
// the test ends unless closed before.
func openStoreAt(t testing.TB, path string, evs []event.Event) store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if len(evs) > 0 {
		n, err := st.ImportEvents(context.Background(), seqOf(evs))
		if err != nil || n != len(evs) {
			t.Fatalf("import: %d of %d, %v", n, len(evs), err)
		}
	}
	return st
}

// testLogger logs to the test output at warn level and above.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type tWriter struct{ t testing.TB }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// newTestServer builds a server over st with a fixed clock.
func newTestServer(t testing.TB, cfg Config, st store.Store, ing ArticleIngester) *Server {
	t.Helper()
	gz, err := gazetteer.Load()
	if err != nil {
		t.Fatalf("gazetteer: %v", err)
	}
	s, err := New(cfg, st, gz, ing, testLogger(t))
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	s.now = func() time.Time { return fixedNow }
	return s
}

// do sends one request through the real router. Headers are name, value pairs.
func do(t testing.TB, h http.Handler, method, target string, body []byte, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	req.Host = testHost
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// decode parses a JSON response body into v, failing the test otherwise.
func decode(t testing.TB, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("response is not JSON (%v): %.300s", err, rec.Body.String())
	}
}

// featureCollection is the part of a FeatureCollection tests look at.
type featureCollection struct {
	Type           string `json:"type"`
	NumberMatched  int64  `json:"numberMatched"`
	NumberReturned int    `json:"numberReturned"`
	TimeStamp      string `json:"timeStamp"`
	Links          []Link `json:"links"`
	Features       []struct {
		Type     string `json:"type"`
		ID       any    `json:"id"`
		Geometry struct {
			Type        string    `json:"type"`
			Coordinates []float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties map[string]any `json:"properties"`
	} `json:"features"`
}

func (fc featureCollection) link(rel string) string {
	for _, l := range fc.Links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

func (fc featureCollection) ids() []string {
	out := make([]string, len(fc.Features))
	for i, f := range fc.Features {
		out[i] = fmt.Sprint(f.ID)
	}
	return out
}

// checkGolden compares got with testdata/name, rewriting it under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run go test ./web -run %s -update)", path, err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run with -update to accept):\ngot:  %.600s\nwant: %.600s", path, got, want)
	}
}

// startServer serves s on a loopback listener until the test ends and
// returns its base URL.
func startServer(t testing.TB, s *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}
