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
// serve's heap limit rising from 3/8 to 3/4 of the budget added 7). The
// peak is highest on a quiet machine (293 at load 3-4, where the test
// passed: more articles are geoparsed at once). It stays gated by
// GEOEVENTS_TEST_SERVE_RSS=1 all the same: at load 2-10 on two cores,
// 3-10 of its ~190 hostile articles waited past the sweep's 5 s for an
// answer, which the sweep counts as a hang: the largest ones ("Aleppo " x
// 100,000, 700 KB, about 1 s alone on a quiet machine; "Aleppo, Homs, " x
// 100,000, 1.4 MB) and small ones queued behind them for the one writer.
// The lead decides.
func TestHostileSweepServeRSS(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 requests to a built binary: not in -short")
	}
	if os.Getenv("GEOEVENTS_TEST_SERVE_RSS") == "" {
		t.Skip("peak RSS holds (277-293 MiB, bound 300 MB), but on a loaded machine the largest hostile articles wait past the sweep's 5 s: set GEOEVENTS_TEST_SERVE_RSS=1 to run it")
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
