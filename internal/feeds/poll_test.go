package feeds

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"geoevents/internal/feeds/feedtest"
	"geoevents/internal/store"
)

// Each format's items become articles with events, once: the second poll
// is a 304 and the third (validators forgotten) skips every item.
func TestPollFormatsOnce(t *testing.T) {
	for _, format := range []feedtest.Format{feedtest.RSS, feedtest.Atom, feedtest.JSONFeed} {
		t.Run(fmt.Sprint(format), func(t *testing.T) {
			e := newEnv(t)
			e.site.SetFeed("/feed", feedtest.Feed{Title: "Wire", Format: format, Stories: stories(0, 5)})
			w := e.watcher(testConfig(), e.site.URL("/feed"))
			res := e.poll(w, e.site.URL("/feed"))
			if res.Err != nil || res.Items != 5 || res.Created != 5 || res.Status != StatusOK {
				t.Fatalf("first poll: %+v", res)
			}
			arts := e.articles()
			if len(arts) != 5 {
				t.Fatalf("%d articles, want 5", len(arts))
			}
			for _, a := range arts {
				if !strings.HasPrefix(a.URL, e.site.URL("/story/s000")) || strings.Contains(a.URL, "utm_") || strings.Contains(a.URL, "#") {
					t.Errorf("article URL %q: want the canonical story URL", a.URL)
				}
				if a.Source != "Wire" || a.Published.IsZero() || !strings.Contains(a.Text, "\n\nResidents said") {
					t.Errorf("article %+v: want source, date and paragraphs", a)
				}
			}
			if n := e.eventCount(); n < 5 {
				t.Errorf("%d events from 5 reports of shelling", n)
			}
			res = e.poll(w, e.site.URL("/feed"))
			if res.Rule != "not-modified" || e.site.NotModified("/feed") != 1 {
				t.Errorf("second poll: %+v, %d 304s; want a 304", res, e.site.NotModified("/feed"))
			}
			st, _, _ := e.states.FeedState(context.Background(), e.site.URL("/feed"))
			st.ETag, st.LastModified = "", ""
			if err := e.states.SaveFeedState(context.Background(), st); err != nil {
				t.Fatal(err)
			}
			res = e.poll(w, e.site.URL("/feed"))
			if res.Skipped != 5 || res.Created != 0 || len(e.articles()) != 5 {
				t.Errorf("third poll: %+v, %d articles; want every item skipped", res, len(e.articles()))
			}
		})
	}
}

// An item with only a teaser is read from its page: the article keeps the
// page's text and canonical URL; the byline is kept with the item.
func TestPollTeaserFetchesPage(t *testing.T) {
	e := newEnv(t)
	e.site.SetFeed("/teasers", feedtest.Feed{Title: "Teasers", Stories: stories(10, 3), Teasers: true})
	w := e.watcher(testConfig(), e.site.URL("/teasers"))
	res := e.poll(w, e.site.URL("/teasers"))
	if res.Created != 3 || res.Pending != 0 {
		t.Fatalf("poll: %+v", res)
	}
	for _, a := range e.articles() {
		if !strings.Contains(a.Text, "rescue teams worked for hours") {
			t.Errorf("article %q has the teaser, not the page's text: %q", a.Title, a.Text)
		}
		if strings.Contains(a.Text, "All rights reserved") || strings.Contains(a.Text, "Sport") {
			t.Errorf("article %q kept the page's chrome: %q", a.Title, a.Text)
		}
		if !strings.HasPrefix(a.URL, e.site.URL("/story/s001")) || strings.Contains(a.URL, "utm_") {
			t.Errorf("article URL %q: want the page's canonical URL", a.URL)
		}
	}
	it, ok, err := e.states.Item(context.Background(), e.site.URL("/teasers"), e.site.URL("/story/s0010"))
	if err != nil || !ok || !strings.Contains(it.Byline, "Reporter 10") || it.Status != ItemIngested {
		t.Errorf("item: %+v, %v, %v; want the page's byline", it, ok, err)
	}
	if got := e.site.Hits("/story/s0010"); got != 1 {
		t.Errorf("page fetched %d times", got)
	}
	// --no-fetch keeps to the teaser.
	e2 := newEnv(t)
	e2.site.SetFeed("/teasers", feedtest.Feed{Title: "Teasers", Stories: stories(10, 3), Teasers: true})
	cfg := testConfig()
	cfg.NoFetch = true
	w2 := e2.watcher(cfg, e2.site.URL("/teasers"))
	if res := e2.poll(w2, e2.site.URL("/teasers")); res.Created != 3 || e2.site.Hits("/story/s0010") != 0 {
		t.Fatalf("--no-fetch poll: %+v, page hits %d", res, e2.site.Hits("/story/s0010"))
	}
	for _, a := range e2.articles() {
		if strings.Contains(a.Text, "rescue teams") {
			t.Errorf("--no-fetch article has the page's text")
		}
	}
}

// A failing page is tried again at the next poll (the feed's validators
// are not kept meanwhile), then stored with the feed's own text and not
// asked again; a page that is no article is not asked twice.
func TestPollPageFailures(t *testing.T) {
	e := newEnv(t)
	mk := func(path string, n int) string {
		return fmt.Sprintf(`<item><title>Story %d</title><link>%s</link><description>Government forces shelled the town of Douma on Monday, killing %d civilians.</description><pubDate>Mon, 30 Nov 2026 08:00:00 +0000</pubDate></item>`, n, e.site.URL(path), n+2)
	}
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Flaky</title>` + mk(feedtest.PathPageFail, 1) + mk(feedtest.PathNotHTML, 2) + mk(feedtest.PathNoArticle, 3) + `</channel></rss>`
	e.site.SetRaw("/flaky", "application/rss+xml", feed)
	w := e.watcher(testConfig(), e.site.URL("/flaky"))
	res := e.poll(w, e.site.URL("/flaky"))
	if res.Pending != 1 || res.Created != 2 {
		t.Fatalf("first poll: %+v; want the 503 page pending, the others stored from the feed", res)
	}
	st, _, _ := e.states.FeedState(context.Background(), e.site.URL("/flaky"))
	if st.ETag != "" {
		t.Errorf("validators kept with a page pending: %q", st.ETag)
	}
	res = e.poll(w, e.site.URL("/flaky"))
	if res.Created != 1 || res.Pending != 0 || res.Skipped != 2 {
		t.Fatalf("second poll: %+v; want the 503 page given up and stored from the feed", res)
	}
	if got := e.site.Hits(feedtest.PathPageFail); got != 2 {
		t.Errorf("failing page fetched %d times, want PageAttempts = 2", got)
	}
	for _, p := range []string{feedtest.PathNotHTML, feedtest.PathNoArticle} {
		if got := e.site.Hits(p); got != 1 {
			t.Errorf("%s fetched %d times, want once", p, got)
		}
		it, _, _ := e.states.Item(context.Background(), e.site.URL("/flaky"), e.site.URL(p))
		if it.Status != ItemSummaryOnly || !strings.Contains(it.LastError, KindNotArticle) {
			t.Errorf("%s item: %+v; want summary-only with the reason", p, it)
		}
	}
	res = e.poll(w, e.site.URL("/flaky"))
	if res.Skipped != 3 || len(e.articles()) != 3 {
		t.Errorf("third poll: %+v, %d articles", res, len(e.articles()))
	}
}

// An updated story is read again and its article's events re-derived; the
// same story carried by two feeds is one article.
func TestPollUpdatesAndTwoFeeds(t *testing.T) {
	e := newEnv(t)
	s := stories(20, 2)
	e.site.SetFeed("/a", feedtest.Feed{Title: "A", Stories: s})
	e.site.SetFeed("/b", feedtest.Feed{Title: "B", Format: feedtest.Atom, Stories: s})
	w := e.watcher(testConfig(), e.site.URL("/a"), e.site.URL("/b"))
	e.poll(w, e.site.URL("/a"))
	events := e.eventCount()
	res := e.poll(w, e.site.URL("/b"))
	if res.Created != 0 || len(e.articles()) != 2 || e.eventCount() != events {
		t.Fatalf("same stories from a second feed: %+v, %d articles, %d events (had %d)", res, len(e.articles()), e.eventCount(), events)
	}
	s[0].Text = strings.Replace(s[0].Text, "Government forces shelled the town of", "Rebels stormed the town of", 1)
	e.site.SetFeed("/a", feedtest.Feed{Title: "A", Stories: s})
	res = e.poll(w, e.site.URL("/a"))
	if res.Skipped != 1 || res.Items != 2 {
		t.Fatalf("updated feed: %+v", res)
	}
	arts := e.articles()
	if len(arts) != 2 {
		t.Fatalf("%d articles after an update, want 2 (replaced, not added)", len(arts))
	}
	var updated string
	for _, a := range arts {
		if strings.Contains(a.Text, "Rebels stormed") {
			updated = a.ID
		}
	}
	if updated == "" {
		t.Fatal("the updated text was not stored")
	}
	page, err := e.st.Events(context.Background(), store.Filter{Article: updated, Limit: 100})
	if err != nil || len(page.Events) == 0 {
		t.Fatalf("events of the updated article: %v, %v", page.Events, err)
	}
	for _, ev := range page.Events {
		if !strings.Contains(ev.Sentence, "Rebels stormed") && ev.Type != "Mention" {
			t.Errorf("event %s of the updated article still has the old sentence %q", ev.ID, ev.Sentence)
		}
	}
}

// Feeds that fail say why, back off, and stop when gone or failing too
// long; the site sees our User-Agent.
func TestPollFailures(t *testing.T) {
	e := newEnv(t)
	e.site.SlowDelay = 3 * e.site.SlowDelayUnit()
	cfg := testConfig()
	cfg.Timeout = e.site.SlowDelayUnit()
	cfg.MaxFeedBytes = 1 << 20
	cfg.MaxFailures = 3
	tests := []struct {
		path, kind, rule string
		stop             bool
	}{
		{feedtest.PathSlow, KindTimeout, "back-off", false},
		{feedtest.PathFail, KindStatus, "back-off", false},
		{feedtest.PathGone, KindStatus, "gone", true},
		{feedtest.PathBusy, KindStatus, "retry-after", false},
		{feedtest.PathMalformed, KindParse, "back-off", false},
		{feedtest.PathHuge, KindTooLarge, "back-off", false},
		{feedtest.PathBinary, KindBinary, "back-off", false},
		{feedtest.PathNULs, KindBinary, "back-off", false},
		{feedtest.PathLoop, KindRedirects, "back-off", false},
		{"/missing", KindStatus, "back-off", false},
	}
	var urls []string
	for _, tt := range tests {
		urls = append(urls, e.site.URL(tt.path))
	}
	w := e.watcher(cfg, urls...)
	for _, tt := range tests {
		res := e.poll(w, e.site.URL(tt.path))
		if res.Err == nil || errorKind(res.Err) != tt.kind || res.Rule != tt.rule || res.Stop != tt.stop {
			t.Errorf("%s: %+v (kind %s); want kind %s, rule %s", tt.path, res, errorKind(res.Err), tt.kind, tt.rule)
		}
		st, _, _ := e.states.FeedState(context.Background(), e.site.URL(tt.path))
		if st.ErrorKind != tt.kind || st.LastError == "" || st.Failures != 1 {
			t.Errorf("%s state: %+v", tt.path, st)
		}
	}
	if res := e.poll(w, e.site.URL(feedtest.PathBusy)); res.Next < 100e9 {
		t.Errorf("429 with Retry-After: 120 polled again after %v", res.Next)
	}
	e.poll(w, e.site.URL(feedtest.PathFail))
	if res := e.poll(w, e.site.URL(feedtest.PathFail)); res.Rule != "give-up" || !res.Stop {
		t.Errorf("third failure in a row: %+v, want give-up", res)
	}
	if hits := e.site.Hits(feedtest.PathLoop); hits < 2 || hits > DefaultMaxRedirects+2 {
		t.Errorf("redirect loop followed %d times", hits)
	}
	for _, ua := range e.site.UserAgents() {
		if ua != DefaultUserAgent {
			t.Errorf("User-Agent %q", ua)
		}
	}
	if len(e.articles()) != 0 {
		t.Error("failing feeds stored articles")
	}
}
