package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostileText is issue 15's article that once made the server ignore
// SIGTERM: one place name 200,000 times, no punctuation (1.4 MB, within
// the 10 MB body limit).
var hostileText = strings.Repeat("Aleppo ", 200000)

// checkCounts runs `geoevents check` on db and returns its article and
// event counts; the check must pass.
func checkCounts(t *testing.T, bin, db string) (articles, events int) {
	t.Helper()
	out, err := exec.Command(bin, "--db", db, "check").CombinedOutput()
	if err != nil {
		t.Fatalf("check %s: %v\n%s", db, err, out)
	}
	m := regexp.MustCompile(`ok \((\d+) articles, (\d+) events`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("check %s: no counts in %q", db, out)
	}
	fmt.Sscan(m[1], &articles)
	fmt.Sscan(m[2], &events)
	return articles, events
}

// TestSIGTERMDuringHugeArticle (issue 15, point 2) posts the hostile
// article to the real binary and sends SIGTERM while it is being ingested,
// at several moments: the process exits within a few seconds, the
// database passes `geoevents check`, and the article is wholly there (the
// events an uninterrupted ingest stores) or absent (no events at all).
func TestSIGTERMDuringHugeArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the built binary on a 1.4 MB hostile article: not in -short")
	}
	bin := binary(t)
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref.db")
	md := filepath.Join(dir, "hostile.md")
	if err := os.WriteFile(md, []byte("---\ntitle: Hostile\n---\n"+hostileText), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "--db", ref, "ingest", md).CombinedOutput(); err != nil {
		t.Fatalf("reference ingest: %v\n%s", err, out)
	}
	_, wantEvents := checkCounts(t, bin, ref)
	if wantEvents == 0 {
		t.Fatal("the reference ingest stored no events: the test would prove nothing")
	}
	// After the gazetteer is loaded, geoparsing, event building and the
	// save take about 0.2 s of CPU (1.5 s before ingest read a hostile
	// article no further than its events need, when the second delay was
	// 700 ms); the delays reach into it.
	for _, delay := range []time.Duration{0, 60 * time.Millisecond} {
		t.Run(delay.String(), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "events.db")
			articles, events, finished, took := sigtermMidIngest(t, bin, db, delay)
			t.Logf("SIGTERM %v after the gazetteer loaded: exited %v later, the post answered first: %v; %d articles, %d events (uninterrupted: %d)",
				delay, took.Round(time.Millisecond), finished, articles, events, wantEvents)
			switch {
			case articles == 0 && events == 0:
			case articles == 1 && events == wantEvents:
			default:
				t.Fatalf("article neither whole nor absent: %d articles, %d events (whole: 1, %d)", articles, events, wantEvents)
			}
		})
	}
}

// sigtermMidIngest serves db, posts the hostile article, signals SIGTERM
// delay after the gazetteer has loaded (the ingest is then under way;
// the test fails if the reply came before the signal), and returns the
// database's counts after the process has exited, whether the request had
// its reply by then, and how long the process took to exit.
func sigtermMidIngest(t *testing.T, bin, db string, delay time.Duration) (articles, events int, finished bool, took time.Duration) {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(bin, "--db", db, "serve", "--addr", addr, "--tiles", "none", "--write-rate", "0")
	cmd.Env = append(os.Environ(), "GEOEVENTS_TOKEN=tok")
	var logs syncBuffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-done
		}
	})
	base := "http://" + addr
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Since(start) > 60*time.Second {
			t.Fatalf("server not up after 60 s\n%s", logs.String())
		}
	}
	body, _ := json.Marshal(map[string]string{"title": "Hostile", "text": hostileText})
	replied := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, base+"/api/articles", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer tok")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			replied <- 0
			return
		}
		resp.Body.Close()
		replied <- resp.StatusCode
	}()
	for start := time.Now(); !strings.Contains(logs.String(), "gazetteer loaded"); time.Sleep(10 * time.Millisecond) {
		if time.Since(start) > 60*time.Second {
			t.Fatalf("gazetteer not loaded 60 s after the post\n%s", logs.String())
		}
	}
	time.Sleep(delay)
	select {
	case code := <-replied:
		t.Fatalf("the post was answered (%d) before SIGTERM: the ingest was not interrupted; shorten the delay", code)
	default:
	}
	signalled := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The server lets running requests finish for up to 10 s; the article's
	// work is bounded well below that (issue 15, point 2).
	const exitWithin = 8 * time.Second
	select {
	case err := <-done:
		if took = time.Since(signalled); took > exitWithin {
			t.Errorf("exited %v after SIGTERM, more than %v", took, exitWithin)
		}
		if err != nil {
			t.Errorf("exit after SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(exitWithin):
		t.Fatalf("still running %v after SIGTERM\n%s", exitWithin, logs.String())
	}
	select {
	case code := <-replied:
		finished = code != 0
	case <-time.After(5 * time.Second):
		t.Fatal("the client had neither a reply nor an error 5 s after the server exited")
	}
	articles, events = checkCounts(t, bin, db)
	return articles, events, finished, took
}
