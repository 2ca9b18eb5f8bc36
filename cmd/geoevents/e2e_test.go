package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds the real geoevents binary once per test run.
func binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "geoevents-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "geoevents")
		cmd := exec.Command("go", "build", "-ldflags", "-X main.version=v0.0.0-test", "-o", binPath, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("go build: %v", buildErr)
	}
	return binPath
}

func exitStatus(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestBinaryVersionAndFlags(t *testing.T) {
	bin := binary(t)
	out, err := exec.Command(bin, "version").Output()
	if err != nil || strings.TrimSpace(string(out)) != "geoevents v0.0.0-test" {
		t.Fatalf("version: %q, %v", out, err)
	}
	cmd := exec.Command(bin, "serve", "--wrong-flag")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if exitStatus(err) != 2 || strings.Count(strings.TrimSpace(stderr.String()), "\n") != 0 || !strings.Contains(stderr.String(), "-wrong-flag") {
		t.Fatalf("wrong flag: exit %d, stderr %q", exitStatus(err), stderr.String())
	}
}

// TestServeDemo runs `geoevents serve --demo` as a user would, checks that it
// serves the sample events, and that SIGTERM shuts it down cleanly.
func TestServeDemo(t *testing.T) {
	bin := binary(t)
	addr := freeAddr(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	cmd := exec.Command(bin, "serve", "--demo", "--db", db, "--addr", addr, "--tiles", "none")
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
		}
	})
	base := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case err := <-done:
			t.Fatalf("server exited early: %v\n%s", err, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not healthy after 60 s\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}

	resp, err := http.Get(base + "/api/events?limit=5")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type          string            `json:"type"`
		NumberMatched int               `json:"numberMatched"`
		Features      []json.RawMessage `json:"features"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&fc); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if fc.Type != "FeatureCollection" || fc.NumberMatched < 30 || len(fc.Features) != 5 {
		t.Fatalf("demo events: type %q, numberMatched %d, features %d", fc.Type, fc.NumberMatched, len(fc.Features))
	}

	req, _ := http.NewRequest(http.MethodGet, base+"/", nil)
	req.Header.Set("Accept", "text/html")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("map page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("after SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("server did not stop within 15 s of SIGTERM")
	}
}

func TestIngestReportsBadInputsAndKeepsGoodOnes(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.md")
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(good, []byte("---\ntitle: Clashes near Homs\ndate: 2024-12-02\n---\nGovernment forces clashed with rebels on the outskirts of Homs on Monday.\n"), 0o644)
	os.WriteFile(bad, []byte("Caf\xe9 in Aleppo\n"), 0o644)
	db := filepath.Join(dir, "x.db")
	cmd := exec.Command(bin, "--db", db, "ingest", dir)
	var stderr, stdout bytes.Buffer
	cmd.Stderr, cmd.Stdout = &stderr, &stdout
	err := cmd.Run()
	if exitStatus(err) != 1 || !strings.Contains(stderr.String(), "bad.txt") {
		t.Fatalf("ingest: exit %d, stderr %q", exitStatus(err), stderr.String())
	}
	out, err := exec.Command(bin, "--db", db, "export", "--format", "geojson").Output()
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	if !strings.Contains(string(out), `"Homs"`) {
		t.Fatalf("export lacks the good article's event at Homs: %s", out)
	}
}

func TestPlacesAndGeoparseJSON(t *testing.T) {
	bin := binary(t)
	t.Setenv("GEOEVENTS_DB", filepath.Join(t.TempDir(), "none.db"))
	out, err := exec.Command(bin, "places", "--json", "Halab").Output()
	if err != nil {
		t.Fatalf("places: %v", err)
	}
	var places []struct {
		ID   string  `json:"id"`
		Lat  float64 `json:"lat"`
		Lon  float64 `json:"lon"`
		Name string  `json:"name"`
	}
	if err := json.Unmarshal(out, &places); err != nil || len(places) == 0 || places[0].ID != "170063" {
		t.Fatalf("places --json Halab: %v %s", err, out)
	}

	cmd := exec.Command(bin, "geoparse", "--jsonl")
	cmd.Stdin = strings.NewReader(`{"id": "a1", "text": "Russian airstrikes hit Idlib and Aleppo."}` + "\n" + `{"id": 2, "text": ""}` + "\n")
	out, err = cmd.Output()
	if err != nil {
		t.Fatalf("geoparse --jsonl: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 output lines, got %q", out)
	}
	var doc struct {
		ID       string `json:"id"`
		Mentions []struct {
			Start, End int
			Text       string
			Kind       string
			Score      float64
			Place      struct {
				ID          string `json:"id"`
				CountryCode string `json:"country_code"`
			}
		} `json:"mentions"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &doc); err != nil {
		t.Fatal(err)
	}
	text := "Russian airstrikes hit Idlib and Aleppo."
	found := map[string]bool{}
	for _, m := range doc.Mentions {
		if text[m.Start:m.End] != m.Text || m.Score < 0 || m.Score > 1 {
			t.Errorf("bad mention %+v", m)
		}
		found[m.Text+"/"+m.Place.ID] = true
	}
	if doc.ID != "a1" || !found["Idlib/169389"] || !found["Aleppo/170063"] {
		t.Fatalf("geoparse --jsonl line 1: %s", lines[0])
	}
}

// TestPlacesImport imports a small GeoNames dump (plus alternate names) into
// the database through the CLI, then finds the new place by an alternate
// name; a corrupt dump is refused with its file and line, and leaves the
// database as it was.
func TestPlacesImport(t *testing.T) {
	bin := binary(t)
	db := filepath.Join(t.TempDir(), "places.db")
	dumps := filepath.Join("..", "..", "gazetteer", "testdata")
	lookup := func(name string) []struct {
		ID string `json:"id"`
	} {
		t.Helper()
		out, err := exec.Command(bin, "--db", db, "places", "--json", name).Output()
		if err != nil {
			t.Fatalf("places %s: %v", name, err)
		}
		var rows []struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(out, &rows); err != nil {
			t.Fatalf("places %s: %v: %s", name, err, out)
		}
		return rows
	}
	if rows := lookup("Ikhtibar Hamlet"); len(rows) != 0 {
		t.Fatalf("place known before import: %v", rows)
	}

	cmd := exec.Command(bin, "--db", db, "places", "import", filepath.Join(dumps, "SY_corrupt.txt"), filepath.Join(dumps, "alternateNamesV2.txt"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if exitStatus(err) != 1 || !strings.Contains(stderr.String(), "SY_corrupt.txt") || !strings.Contains(stderr.String(), "line 2") {
		t.Fatalf("corrupt dump: exit %d, stderr %q", exitStatus(err), stderr.String())
	}
	if rows := lookup("Ikhtibar Hamlet"); len(rows) != 0 {
		t.Fatalf("corrupt import left places behind: %v", rows)
	}

	out, err := exec.Command(bin, "--db", db, "places", "import", filepath.Join(dumps, "SY.zip"), filepath.Join(dumps, "alternateNamesV2.zip")).CombinedOutput()
	if err != nil {
		t.Fatalf("places import: %v: %s", err, out)
	}
	if rows := lookup("Ikhtibar Hamlet"); len(rows) == 0 || rows[0].ID != "99990002" {
		t.Fatalf("imported place not found by its alternate name: %v", rows)
	}
}

// TestExplainAndReextract runs the real binary: explain prints each
// event's reasons (human and GeoJSON Lines), nothing stored; reextract on
// a database whose events an older rules version derived replaces them,
// and a second run finds nothing to do.
func TestExplainAndReextract(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	art := filepath.Join(dir, "a.md")
	os.WriteFile(art, []byte("---\ntitle: Strikes on Idlib\ndate: 2024-11-08\n---\nAuthorities in Amman said air strikes hit a market in Idlib on Thursday, killing at least 12 civilians.\n"), 0o644)
	out, err := exec.Command(bin, "explain", art).CombinedOutput()
	if err != nil {
		t.Fatalf("explain: %v\n%s", err, out)
	}
	for _, want := range []string{"Explosions/Remote violence / Air/drone strike at Idlib", "12 dead", "location/preposition", "fatalities/killed-n", "date/weekday", "2024-11-07 (day)"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "Amman,") {
		t.Errorf("explain shows the attribution place as an event without --mentions:\n%s", out)
	}
	js, err := exec.Command(bin, "explain", "--json", art).Output()
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Properties struct {
			Fatalities int `json:"fatalities"`
			Explain    []struct{ Field, Rule string }
		} `json:"properties"`
	}
	if err := json.Unmarshal(bytes.TrimLeft(js, "\x1e"), &f); err != nil || f.Properties.Fatalities != 12 || len(f.Properties.Explain) < 4 {
		t.Errorf("explain --json: %v %+v\n%s", err, f, js)
	}

	db := filepath.Join(dir, "x.db")
	if out, err := exec.Command(bin, "--db", db, "ingest", art).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v %s", err, out)
	}
	// Pretend older rules derived these events.
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE articles SET extractor = 'old'"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	// stdout only: stderr logs the gazetteer loading.
	out, err = exec.Command(bin, "--db", db, "reextract").Output()
	if err != nil || !strings.HasPrefix(string(out), "1 articles re-derived") {
		t.Fatalf("reextract: %v %s", err, out)
	}
	out, err = exec.Command(bin, "--db", db, "reextract").Output()
	if err != nil || !strings.HasPrefix(string(out), "0 articles re-derived") {
		t.Fatalf("second reextract: %v %s", err, out)
	}
	if out, err := exec.Command(bin, "--db", filepath.Join(dir, "none.db"), "reextract").CombinedOutput(); exitStatus(err) != 1 {
		t.Errorf("reextract without a database: exit %d %s", exitStatus(err), out)
	}
}

// TestImportProgressAndLazyServe imports a plain CSV into a fresh database
// (the bulk path: its steps and rows loaded are shown), again (nothing new),
// then serves it with the response cache off: the API answers without
// loading the gazetteer, which place search then loads once.
func TestImportProgressAndLazyServe(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	csvPath, db := filepath.Join(dir, "events.csv"), filepath.Join(dir, "events.db")
	var b strings.Builder
	b.WriteString("lon,lat,time,place,type,title,sentence\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "%.6f,%.6f,2020-%02d-%02dT10:00:00Z,Aleppo,shelling,Title %d,Shelling reported in Aleppo (%d).\n",
			37+float64(i%100)/1000, 36+float64(i/100)/1000, 1+i%12, 1+i%28, i, i)
	}
	if err := os.WriteFile(csvPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--db", db, "import", csvPath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("import: %v\n%s", err, stderr.String())
	}
	for _, want := range []string{"rows loaded", "index events_id", "full-text index", "committing"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("import progress lacks %q:\n%s", want, stderr.String())
		}
	}
	if !strings.Contains(string(out), "3000 imported") {
		t.Errorf("import summary: %s", out)
	}
	if out, err := exec.Command(bin, "--db", db, "import", csvPath).Output(); err != nil || !strings.Contains(string(out), "0 imported, 3000 already present") {
		t.Errorf("second import: %s %v", out, err)
	}

	addr := freeAddr(t)
	srv := exec.Command(bin, "--db", db, "serve", "--addr", addr, "--tiles", "none", "--cache", "0")
	var logs syncBuffer
	srv.Stderr = &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Process.Kill(); _ = srv.Wait() })
	base := "http://" + addr
	get := func(path string) (*http.Response, []byte) {
		t.Helper()
		for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
			resp, err := http.Get(base + path)
			if err == nil {
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				return resp, body
			}
			if time.Since(start) > 30*time.Second {
				t.Fatalf("GET %s: %v\n%s", path, err, logs.String())
			}
		}
	}
	resp, body := get("/collections/events/items?bbox=37,36,37.05,36.02&limit=10")
	if resp.StatusCode != 200 || resp.Header.Get("X-Cache") != "" || !strings.Contains(string(body), `"numberMatched":`) {
		t.Fatalf("items: %d X-Cache %q %.200s", resp.StatusCode, resp.Header.Get("X-Cache"), body)
	}
	if strings.Contains(logs.String(), "gazetteer loaded") {
		t.Errorf("serving events loaded the gazetteer:\n%s", logs.String())
	}
	if resp, body := get("/api/places?q=Aleppo&limit=3"); resp.StatusCode != 200 || !strings.Contains(string(body), "Aleppo") {
		t.Errorf("places: %d %s", resp.StatusCode, body)
	}
	if !strings.Contains(logs.String(), "gazetteer loaded") {
		t.Errorf("place search did not load the gazetteer:\n%s", logs.String())
	}
}

// syncBuffer is a bytes.Buffer safe for a process's writes and the
// test's reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
