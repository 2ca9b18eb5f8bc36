package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"geoevents/internal/feeds/feedtest"
)

var watchDay = time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)

// newsSite serves nFeeds feeds of nItems stories each on a local site,
// each feed sharing 5 stories with the next, in the three formats, and
// writes their list; it returns the list's path and how many distinct
// stories the feeds carry.
func newsSite(t *testing.T, nFeeds, nItems int, interval string) (*feedtest.Server, string, int) {
	t.Helper()
	site := feedtest.New()
	t.Cleanup(site.Close)
	var list strings.Builder
	list.WriteString("# test feeds\n")
	for f := range nFeeds {
		path := fmt.Sprintf("/feed/%d", f)
		st := make([]feedtest.Story, nItems)
		for i := range st {
			st[i] = feedtest.MakeStory(f*(nItems-5)+i, watchDay)
		}
		site.SetFeed(path, feedtest.Feed{Title: path, Format: feedtest.Format(f % 3), Stories: st})
		fmt.Fprintf(&list, "%s %s\n", site.URL(path), interval)
	}
	file := filepath.Join(t.TempDir(), "feeds.txt")
	if err := os.WriteFile(file, []byte(list.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return site, file, (nFeeds-1)*(nItems-5) + nItems
}

// dbCounts returns the articles, distinct article URLs and events stored
// in the database at path (read while another process may write it).
func dbCounts(t *testing.T, path string) (articles, urls, events int) {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)&mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.QueryRow(`SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT url) FROM articles), (SELECT count(*) FROM events)`).Scan(&articles, &urls, &events)
	if err != nil && !strings.Contains(err.Error(), "no such table") {
		t.Fatal(err)
	}
	return articles, urls, events
}

// watchOnce runs watch --once and fails the test unless it succeeds.
func watchOnce(t *testing.T, bin, db, list string) string {
	t.Helper()
	out, err := exec.Command(bin, "watch", "--once", "--db", db, "--feeds", list, "--host-rate", "1000", "--log-level", "warn").CombinedOutput()
	if err != nil {
		t.Fatalf("watch --once: %v\n%s", err, out)
	}
	return string(out)
}

// 20 feeds × 50 items, the watcher killed with SIGKILL twice in the middle
// of ingesting them, then run to the end: every story is one article, and
// the articles and events are those of one uninterrupted run.
func TestWatchKill9ExactlyOnce(t *testing.T) {
	bin := binary(t)
	_, list, stories := newsSite(t, 20, 50, "1s")
	clean := filepath.Join(t.TempDir(), "clean.db")
	watchOnce(t, bin, clean, list)
	wantArticles, _, wantEvents := dbCounts(t, clean)
	if wantArticles != stories || wantEvents < stories {
		t.Fatalf("an uninterrupted run stored %d articles and %d events of %d stories", wantArticles, wantEvents, stories)
	}

	db := filepath.Join(t.TempDir(), "killed.db")
	last := 0
	for round := range 2 {
		cmd := exec.Command(bin, "watch", "--db", db, "--feeds", list, "--host-rate", "1000", "--log-level", "warn")
		var logs syncBuffer
		cmd.Stderr = &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(60 * time.Second)
		for {
			n, _, _ := dbCounts(t, db)
			if n >= last+50 {
				last = n
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatalf("round %d: %d articles after 60 s\n%s", round, n, logs.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		n, _, _ := dbCounts(t, db)
		t.Logf("round %d: killed at %d articles of %d", round, n, stories)
		if n >= stories {
			t.Logf("round %d: the watcher finished before the kill; the test proves less", round)
		}
	}
	watchOnce(t, bin, db, list)
	articles, urls, events := dbCounts(t, db)
	if articles != wantArticles || urls != wantArticles || events != wantEvents {
		t.Fatalf("after two kills: %d articles (%d URLs), %d events; an uninterrupted run stored %d and %d",
			articles, urls, events, wantArticles, wantEvents)
	}
	out := watchOnce(t, bin, db, list)
	if a, _, e := dbCounts(t, db); a != wantArticles || e != wantEvents || strings.Count(out, ", 0 new articles") != 20 {
		t.Fatalf("a further poll changed the store: %d articles, %d events\n%s", a, e, out)
	}
}

// serve --feeds follows the feeds while serving: a story published on the
// site reaches the API the map reads, /api/feeds shows the feed's health,
// /metrics its counters, and SIGTERM stops both cleanly.
func TestServeFeedsLive(t *testing.T) {
	bin := binary(t)
	site, list, _ := newsSite(t, 1, 6, "1s")
	addr := freeAddr(t)
	db := filepath.Join(t.TempDir(), "live.db")
	cmd := exec.Command(bin, "serve", "--db", db, "--addr", addr, "--tiles", "none", "--feeds", list, "--host-rate", "1000", "--cache", "0")
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
		}
	})
	base := "http://" + addr
	getJSON := func(path string, v any) bool {
		resp, err := http.Get(base + path)
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		return resp.StatusCode == http.StatusOK && json.NewDecoder(resp.Body).Decode(v) == nil
	}
	var feedsBody struct {
		Feeds []struct {
			Status   string `json:"status"`
			Articles int    `json:"articles"`
		} `json:"feeds"`
	}
	eventsOf := func(q string) int {
		var fc struct {
			NumberMatched int `json:"numberMatched"`
		}
		if !getJSON("/api/events?limit=1&q="+url.QueryEscape(q), &fc) {
			return -1
		}
		return fc.NumberMatched
	}
	waitUntil := func(what string, cond func() bool) {
		t.Helper()
		for end := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
			if cond() {
				return
			}
			select {
			case err := <-done:
				t.Fatalf("server exited: %v\n%s", err, logs.String())
			default:
			}
			if time.Now().After(end) {
				t.Fatalf("timed out waiting for %s\n%s", what, logs.String())
			}
		}
	}
	waitUntil("the feed's first poll", func() bool {
		return getJSON("/api/feeds", &feedsBody) && len(feedsBody.Feeds) == 1 && feedsBody.Feeds[0].Articles == 6
	})
	if eventsOf("report 77") != 0 {
		t.Fatal("story 77 is on the map before it was published")
	}
	site.SetFeed("/feed/0", feedtest.Feed{Title: "live", Stories: []feedtest.Story{feedtest.MakeStory(77, watchDay)}})
	waitUntil("the new story on the map", func() bool { return eventsOf("report 77") > 0 })
	var metrics string
	waitUntil("metrics", func() bool {
		resp, err := http.Get(base + "/metrics")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		metrics = string(b)
		// A feed polled every second soon answers 304s.
		return err == nil && strings.Contains(metrics, "geoevents_feed_articles_ingested_total 7") &&
			strings.Contains(metrics, `geoevents_feed_polls_total{result="not-modified"}`)
	})
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("after SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve --feeds did not stop within 15 s of SIGTERM")
	}
}
