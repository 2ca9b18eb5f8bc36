package feeds

import (
	"strings"
	"testing"
)

// TestFeedItemURLsAreHTTP polls an RSS feed whose items link to
// javascript:, data: and file: URLs (issue 15, point 6): the items' texts
// are stored, but no stored article carries such a URL (CanonicalURL
// keeps only absolute http(s) links; Ingester.Validate would refuse the
// rest), while an http(s) link is stored as the article's URL.
func TestFeedItemURLsAreHTTP(t *testing.T) {
	e := newEnv(t)
	text := strings.Repeat("Government forces shelled Aleppo on Sunday, killing three civilians. ", 12) // no teaser: no page fetch
	links := []string{"javascript:alert(1)", "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;", "file:///etc/passwd", "https://news.example/aleppo"}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://news.example/</link>`)
	for i, l := range links {
		b.WriteString("<item><title>Story " + string(rune('A'+i)) + "</title><link>" + l + "</link>" +
			"<pubDate>Mon, 30 Nov 2026 06:00:00 GMT</pubDate><description>" + string(rune('A'+i)) + ". " + text + "</description></item>")
	}
	b.WriteString(`</channel></rss>`)
	e.site.SetRaw("/rss", "application/rss+xml", b.String())
	w := e.watcher(testConfig(), e.site.URL("/rss"))
	res := e.poll(w, e.site.URL("/rss"))
	if res.Err != nil || res.Items != len(links) {
		t.Fatalf("poll: %+v", res)
	}
	arts := e.articles()
	if len(arts) == 0 {
		t.Fatalf("nothing stored: %+v", res)
	}
	https := 0
	for _, a := range arts {
		switch {
		case a.URL == "https://news.example/aleppo":
			https++
		case a.URL != "":
			t.Errorf("article %q stored with the URL %q", a.Title, a.URL)
		}
	}
	if https != 1 {
		t.Errorf("the http(s) item: %d articles with its URL, want 1 (%d articles)", https, len(arts))
	}
}
