package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/store/sqlite"
)

// nobody is the unprivileged user the read-only tests run the binary as
// when the tests run as root: root writes files whatever their mode, so a
// chmod proves nothing to it.
const nobody = 65534

// asUnprivileged makes cmd run without the power to write files it does
// not own: as nobody when the test runs as root (the binary must then be
// where nobody can run it), as the test's own user otherwise.
func asUnprivileged(cmd *exec.Cmd) {
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}
}

// publicBinary is the real binary copied into a directory everyone may
// read and search (the build's temporary directory is the builder's only).
func publicBinary(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(binary(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := publicDir(t)
	p := filepath.Join(dir, "geoevents")
	if err := os.WriteFile(p, b, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// publicDir is a fresh directory that every user may search and read.
func publicDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for d := dir; d != os.TempDir() && d != "/" && d != "."; d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readOnlyDatabase writes a database of n events at dir/events.db, then
// takes away the write permission of the file, and of dir too when
// dirToo (read-only media), restoring it at cleanup so TempDir can go.
func readOnlyDatabase(t *testing.T, dir string, n int, dirToo bool) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, "events.db")
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	base := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	evs := func(yield func(event.Event, error) bool) {
		for i := range n {
			e := event.Event{ID: "ro-" + string(rune('a'+i%26)) + strings.Repeat("x", i/26), PlaceName: "Aleppo", CountryCode: "SY",
				Lon: 37.16 + float64(i)*0.001, Lat: 36.2, Type: event.TypeBattles, SubType: "Armed clash",
				Date: base.AddDate(0, 0, i), DatePrecision: event.PrecisionDay, Sentence: "Clashes near Aleppo."}
			if !yield(e, nil) {
				return
			}
		}
	}
	if _, err := st.ImportEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	if err := st.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if dirToo {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
	} else if os.Geteuid() == 0 {
		// The directory is nobody's to write (SQLite's -shm file goes
		// there); only the database file is read-only.
		if err := os.Chown(dir, nobody, nobody); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// runAs runs the binary unprivileged and returns its exit status and output.
func runAs(t *testing.T, bin string, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append([]string{"PATH=/usr/bin:/bin", "HOME=/nonexistent"}, env...)
	asUnprivileged(cmd)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	return exitStatus(err), out.String(), errb.String()
}

// TestReadOnlyDatabase: a database the process cannot write — the file
// read-only, or its directory too as on read-only media — is exported,
// checked and served with --read-only by an unprivileged user, and a
// write to it answers 503 ReadOnly with a JSON body; nothing is created
// beside it when its directory is read-only. Without --read-only the same
// user cannot ingest into it: the permissions are real.
func TestReadOnlyDatabase(t *testing.T) {
	bin := publicBinary(t)
	for _, tc := range []struct {
		name   string
		dirToo bool
	}{{"file", false}, {"directory", true}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := publicDir(t)
			const n = 40
			db := readOnlyDatabase(t, dir, n, tc.dirToo)
			before := listDir(t, dir)

			article := filepath.Join(publicDir(t), "a.txt")
			if err := os.WriteFile(article, []byte("Shelling hit Homs on Monday, killing two."), 0o644); err != nil {
				t.Fatal(err)
			}
			if code, _, errOut := runAs(t, bin, nil, "--db", db, "ingest", article); code == 0 {
				t.Fatalf("ingest into the read-only database succeeded: the test's permissions are not real\n%s", errOut)
			}

			code, out, errOut := runAs(t, bin, nil, "--db", db, "--read-only", "export", "--format", "csv")
			if code != 0 {
				t.Fatalf("--read-only export: exit %d\n%s", code, errOut)
			}
			if lines := strings.Count(out, "\n"); lines != n+1 {
				t.Errorf("--read-only export: %d lines, want a header and %d events", lines, n)
			}
			code, out, errOut = runAs(t, bin, []string{"GEOEVENTS_READ_ONLY=1"}, "--db", db, "check")
			if code != 0 || !strings.Contains(out, "ok") {
				t.Errorf("GEOEVENTS_READ_ONLY=1 check: exit %d, out %q\n%s", code, out, errOut)
			}

			serveReadOnly(t, bin, db, n)
			if after := listDir(t, dir); tc.dirToo && !slices.Equal(before, after) {
				t.Errorf("files in the read-only directory changed: %v -> %v", before, after)
			}
		})
	}
}

// serveReadOnly serves db with --read-only as an unprivileged user: reads
// answer, a write is 503 ReadOnly with a JSON body.
func serveReadOnly(t *testing.T, bin, db string, n int) {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(bin, "--db", db, "--read-only", "serve", "--addr", addr, "--tiles", "none")
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=/nonexistent", "GEOEVENTS_TOKEN=secret-token"}
	asUnprivileged(cmd)
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
	waitHealthy(t, base, &logs)

	resp, err := http.Get(base + "/api/events?limit=5")
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		NumberMatched int `json:"numberMatched"`
	}
	err = json.NewDecoder(resp.Body).Decode(&fc)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || fc.NumberMatched != n {
		t.Fatalf("GET /api/events: %d, numberMatched %d (%v), want 200 and %d\n%s", resp.StatusCode, fc.NumberMatched, err, n, logs.String())
	}

	body := `{"title":"Shelling in Homs","text":"Shelling hit Homs on Monday, killing two.","url":"https://example.org/homs"}`
	req, _ := http.NewRequest(http.MethodPost, base+"/api/articles", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer secret-token")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var e struct {
		Code string `json:"code"`
	}
	if resp.StatusCode != http.StatusServiceUnavailable || json.Unmarshal(b, &e) != nil || e.Code != "ReadOnly" {
		t.Errorf("POST /api/articles on a read-only server: %d %s, want 503 with code ReadOnly\n%s", resp.StatusCode, b, logs.String())
	}
}

func waitHealthy(t *testing.T, base string, logs *bytes.Buffer) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not healthy after 60 s\n%s", logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}
