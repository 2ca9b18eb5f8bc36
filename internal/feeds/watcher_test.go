package feeds

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"geoevents/internal/feeds/feedtest"
)

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// Run polls on schedule, picks up a new item, and returns promptly when
// cancelled, even with a fetch in flight.
func TestRunFollowsAndStops(t *testing.T) {
	e := newEnv(t)
	e.site.SetFeed("/live", feedtest.Feed{Title: "Live", Stories: stories(100, 2)})
	cfg := testConfig()
	w, err := New(cfg, []Feed{{URL: e.site.URL("/live"), Interval: 100 * time.Millisecond}, {URL: e.site.URL(feedtest.PathSlow)}}, e.states, e.ing, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	waitFor(t, "two articles", 20*time.Second, func() bool { return len(e.articles()) == 2 })
	e.site.SetFeed("/live", feedtest.Feed{Title: "Live", Stories: stories(100, 3)})
	waitFor(t, "the new item", 20*time.Second, func() bool { return len(e.articles()) == 3 })
	waitFor(t, "304s", 20*time.Second, func() bool { return e.site.NotModified("/live") >= 2 })
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	states, err := w.Status(context.Background())
	if err != nil || len(states) != 2 || states[0].Status != StatusOK || states[0].Articles != 3 || states[0].Items != 3 {
		t.Errorf("status: %+v, %v", states, err)
	}
	if states[1].Status != StatusNew {
		t.Errorf("the slow feed's abandoned poll left state %+v; want it untouched", states[1])
	}
}

// 20 feeds × 50 items, polled with a restart in the middle of the stream
// and with the same stories in several feeds, store every article once.
func TestTwentyFeedsAcrossRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 1,000 articles")
	}
	e := newEnv(t)
	const nFeeds, nItems = 20, 50
	var urls []string
	for f := range nFeeds {
		path := fmt.Sprintf("/feed/%d", f)
		// Feed f carries stories f*45 … f*45+49: five shared with the next feed.
		e.site.SetFeed(path, feedtest.Feed{Title: path, Format: feedtest.Format(f % 3), Stories: stories(f*45, nItems)})
		urls = append(urls, e.site.URL(path))
	}
	want := (nFeeds-1)*45 + nItems
	w := e.watcher(testConfig(), urls[:nFeeds/2]...)
	if _, err := w.PollAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.restart()
	w = e.watcher(testConfig(), urls...)
	for range 2 {
		res, err := w.PollAll(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Err != nil {
				t.Fatalf("%s: %v", r.Feed, r.Err)
			}
		}
	}
	if got := len(e.articles()); got != want {
		t.Fatalf("%d articles, want %d", got, want)
	}
	var buf bytes.Buffer
	if err := w.WriteMetrics(&buf); err != nil {
		t.Fatal(err)
	}
	// After the restart the first ten feeds' validators, kept in the
	// database, make their polls 304s; the second round is all 304s.
	if !strings.Contains(buf.String(), `geoevents_feed_polls_total{result="not-modified"} 30`) ||
		!strings.Contains(buf.String(), `geoevents_feed_polls_total{result="ok"} 10`) {
		t.Errorf("metrics after the second round:\n%s", buf.String())
	}
}

// Concurrent readers of status and metrics during polls are safe (run
// with -race).
func TestStatusDuringPolls(t *testing.T) {
	e := newEnv(t)
	e.site.SetFeed("/a", feedtest.Feed{Title: "A", Stories: stories(300, 5)})
	w := e.watcher(testConfig(), e.site.URL("/a"))
	var wg sync.WaitGroup
	wg.Go(func() { e.poll(w, e.site.URL("/a")) })
	for range 20 {
		if _, err := w.Status(context.Background()); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		w.WriteMetrics(&buf)
	}
	wg.Wait()
}
