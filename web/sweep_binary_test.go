package web

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// maxServeRSS is issue 15's bound on a serve process's resident memory.
const maxServeRSS = 300 << 20

// procHWM is a process's peak resident set size (VmHWM), from /proc.
func procHWM(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	t.Fatalf("no VmHWM in /proc/%d/status", pid)
	return 0
}

// TestHostileSweepServeRSS runs the real binary (`geoevents serve`, its
// default memory budget) on 5,000 events and sends it 10,000 hostile
// exchanges (the sweep's families but slow clients, which would wait out
// the 60 s read timeout; TestHostileSweep has those): the sweep's rules
// hold, and the process's peak resident memory (VmHWM, gazetteer loaded
// by the articles posted) stays within 300 MB.
//
// The memory bound holds, narrowly: 277-293 MiB of VmHWM (RssFile 19 MiB;
// RssAnon sampled every 0.5 s up to 255), was 343-350 before the
// gazetteer's places shared their Attrs (heap 198 -> 152 MB) and the
// embedded artefact's pages were given back after loading (276 then;
// serve's heap limit rising from 3/8 to 3/4 of the budget added 7);
// 261-267 in four runs at load 3-14 once hostile articles were read no
// further than their events need (below). The peak is highest on a quiet machine, where more articles are
// geoparsed at once.
//
// It was gated (GEOEVENTS_TEST_SERVE_RSS=1) while, at load 2-10 on two
// cores, 3-10 of its ~190 hostile articles waited past the sweep's 5 s:
// the largest ("Aleppo " x 100,000, 700 KB: 0.5 s of serve's CPU;
// "Aleppo, Homs, " x 100,000, 1.4 MB: 0.9 s) and the first ones, behind
// the gazetteer's load (see warmUp). Since ingest reads a hostile article
// no further than its events need (geoparse.MaxTokens, extract.Limits,
// extract.MaxMentionsPerSentence) they cost serve 0.18 and 0.40 s, a 7 KB
// one 0.07 s instead of 0.19; the writer was never the cause (it is held
// for the save alone, 35-55 ms for these).
func TestHostileSweepServeRSS(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 requests to a built binary: not in -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "geoevents")
	build := exec.Command("go", "build", "-o", bin, "../cmd/geoevents")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "events.db")
	st := openStoreAt(t, db, genEvents(5000, 21))
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "--db", db, "--log-level", "error", "serve", "--addr", addr, "--tiles", "none",
		"--query-timeout", "3s", "--write-rate", "0", "--access-log", "off")
	cmd.Env = append(os.Environ(), "GEOEVENTS_TOKEN=tok")
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}()
	base := "http://" + addr
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("server not up within a minute\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	warmUp(t, base)
	sweep(t, base, 10_000, hostileCases(t, 11, false), func() {})
	hwm := procHWM(t, cmd.Process.Pid)
	t.Logf("serve: peak RSS (VmHWM) %d MB after 10,000 hostile exchanges", hwm>>20)
	if hwm > maxServeRSS {
		t.Errorf("serve's peak RSS %d MB, want ≤ %d MB", hwm>>20, maxServeRSS>>20)
	}
	if strings.Contains(logs.String(), "panic") {
		t.Errorf("the server logged a panic:\n%.2000s", logs.String())
	}
}

// warmUp posts one article and waits for its answer: serve loads the
// gazetteer on the first write (1.2 s of CPU, and more than the sweep's
// 5 s on a machine at load 10: the route's deadline is a minute for it),
// which is start-up, not what a hostile request costs. Without it the
// sweep's first articles, a 700 KB one among them, waited past 5 s.
func warmUp(t *testing.T, base string) {
	t.Helper()
	body := `{"title":"warm-up","published":"2024-12-01","text":"Rebels shelled Aleppo on Monday."}`
	req, _ := http.NewRequest(http.MethodPost, base+"/api/articles", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer tok")
	start := time.Now()
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	if err != nil {
		t.Fatalf("warm-up article: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("warm-up article: %d, want 201", resp.StatusCode)
	}
	t.Logf("first article (gazetteer load) answered in %v", time.Since(start).Round(time.Millisecond))
}
