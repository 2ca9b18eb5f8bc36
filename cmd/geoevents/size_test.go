package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"geoevents/internal/testenv"
)

// maxBytesPerEvent is issue 12's bound on the database's size, full-text
// index included, for the 1M events of ../shared/bench/gen imported into
// an empty database (was 591 before titles were stored once and pages
// grew to 8 KiB; 547.5 after).
const maxBytesPerEvent = 550

// TestBytesPerEvent generates the 1M-event benchmark CSV, imports it with
// the real binary and holds the file to maxBytesPerEvent. It takes a few
// minutes, so it runs only with GEOEVENTS_TEST_BYTES_PER_EVENT=1 (and
// needs ../shared/bench/gen).
func TestBytesPerEvent(t *testing.T) {
	if os.Getenv("GEOEVENTS_TEST_BYTES_PER_EVENT") == "" {
		t.Skip("imports 1M events: set GEOEVENTS_TEST_BYTES_PER_EVENT=1 to run it")
	}
	gen := filepath.Join(testenv.SharedDir(t, "bench"), "gen")
	if _, err := os.Stat(gen); err != nil {
		t.Skipf("no benchmark generator: %v", err)
	}
	const n = 1_000_000
	dir := t.TempDir()
	csvPath, db := filepath.Join(dir, "events.csv"), filepath.Join(dir, "events.db")
	cmd := exec.Command("go", "run", ".", "-n", "1000000", "-seed", "42")
	cmd.Dir = gen
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	// The generator names the time column occurred_at; the plain CSV, time.
	data := strings.Replace(string(out), "lon,lat,occurred_at,", "lon,lat,time,", 1)
	if err := os.WriteFile(csvPath, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := binary(t)
	if out, err := exec.Command(bin, "--db", db, "--log-level", "warn", "import", csvPath).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	// Every write is checkpointed at close: the file is the database.
	var size int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(db + suffix); err == nil {
			size += fi.Size()
		}
	}
	per := float64(size) / n
	t.Logf("%d bytes for %d events: %.1f bytes per event", size, n, per)
	if per > maxBytesPerEvent {
		t.Errorf("%.1f bytes per event, want at most %d", per, maxBytesPerEvent)
	}
}
