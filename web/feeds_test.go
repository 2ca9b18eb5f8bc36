package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"geoevents/internal/feeds"
	"geoevents/internal/feeds/feedtest"
	"geoevents/internal/feedstate"
)

func TestFeedsAndMetricsWithoutFeeds(t *testing.T) {
	st := openStore(t, nil)
	s := newTestServer(t, Config{Version: "v9"}, st, nil)
	rec := do(t, s.Handler(), http.MethodGet, "/api/feeds", nil)
	if rec.Code != http.StatusOK || strings.TrimSpace(rec.Body.String()) != `{"feeds":[]}` {
		t.Errorf("/api/feeds without feeds: %d %s", rec.Code, rec.Body)
	}
	rec = do(t, s.Handler(), http.MethodGet, "/metrics", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `geoevents_build_info{version="v9"} 1`) ||
		strings.Contains(rec.Body.String(), "geoevents_feed_") || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Errorf("/metrics without feeds: %d %s %s", rec.Code, rec.Header(), rec.Body)
	}
	if rec := do(t, s.Handler(), http.MethodGet, "/api/feeds?x=1", nil); rec.Code != http.StatusBadRequest {
		t.Errorf("/api/feeds?x=1: %d, want 400", rec.Code)
	}
}

// /api/feeds and /metrics report a real watcher's polls of a local site:
// one healthy feed, one failing.
func TestFeedsAndMetrics(t *testing.T) { testFeedsAndMetrics(t, openStore) }

func testFeedsAndMetrics(t *testing.T, open storeOpener) {
	site := feedtest.New()
	defer site.Close()
	day := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	site.SetFeed("/rss", feedtest.Feed{Title: "Wire", Stories: []feedtest.Story{feedtest.MakeStory(1, day), feedtest.MakeStory(2, day)}})
	st := open(t, nil)
	keeper, isKeeper := any(st).(feedstate.Keeper)
	if !isKeeper {
		t.Fatalf("the %T store keeps no feed state", st)
	}
	states, err := keeper.OpenFeedStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	w, err := feeds.New(feeds.Config{HostRate: 100}, []feeds.Feed{{URL: site.URL("/rss")}, {URL: site.URL(feedtest.PathFail)}}, states, wordIngester{st}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.PollAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, Config{Feeds: w}, st, nil)
	var body struct {
		Feeds []struct {
			URL       string `json:"url"`
			Title     string `json:"title"`
			Status    string `json:"status"`
			Items     int    `json:"items"`
			Articles  int    `json:"articles"`
			ErrorKind string `json:"error_kind"`
			LastError string `json:"last_error"`
			LastPoll  string `json:"last_poll"`
			Failures  int    `json:"failures"`
		} `json:"feeds"`
	}
	rec := do(t, s.Handler(), http.MethodGet, "/api/feeds", nil)
	decode(t, rec, &body)
	if len(body.Feeds) != 2 {
		t.Fatalf("/api/feeds: %s", rec.Body)
	}
	ok, bad := body.Feeds[0], body.Feeds[1]
	if ok.Status != "ok" || ok.Title != "Wire" || ok.Items != 2 || ok.Articles != 2 || ok.LastPoll == "" {
		t.Errorf("healthy feed: %+v", ok)
	}
	if bad.Status != "backing-off" || bad.ErrorKind != "http-status" || !strings.Contains(bad.LastError, "500") || bad.Failures != 1 {
		t.Errorf("failing feed: %+v", bad)
	}
	rec = do(t, s.Handler(), http.MethodGet, "/metrics", nil)
	for _, want := range []string{
		`geoevents_feed_polls_total{result="ok"} 1`,
		`geoevents_feed_polls_total{result="error"} 1`,
		`geoevents_feed_errors_total{kind="http-status"} 1`,
		"geoevents_feed_articles_ingested_total 2",
		`geoevents_feed_fetch_seconds_count{what="feed"} 2`,
	} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("/metrics lacks %q:\n%s", want, rec.Body)
		}
	}
}
