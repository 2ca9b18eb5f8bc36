package feeds

import (
	"strings"
	"testing"
	"time"

	"geoevents/internal/feeds/feedtest"
)

// The three formats give the same entries for the same stories.
func TestParseFormatsAgree(t *testing.T) {
	st := []feedtest.Story{feedtest.MakeStory(2, day), feedtest.MakeStory(1, day)}
	var first []entry
	for _, f := range []feedtest.Format{feedtest.RSS, feedtest.Atom, feedtest.JSONFeed} {
		body := feedtest.Render(feedtest.Feed{Title: "W", Format: f, Stories: st}, "https://n.example")
		pf, err := parseFeed([]byte(body))
		if err != nil {
			t.Fatalf("format %d: %v", f, err)
		}
		if pf.title != "W" || len(pf.entries) != 2 {
			t.Fatalf("format %d: %+v", f, pf)
		}
		e := pf.entries[0]
		if e.link != "https://n.example/story/s0001" || !e.published.Equal(st[1].Published) || e.title != st[1].Title ||
			!strings.HasPrefix(e.text, "Government forces shelled") || !strings.Contains(e.text, "\n\nResidents said") {
			t.Errorf("format %d: first entry (oldest) %+v", f, e)
		}
		if first == nil {
			first = pf.entries
		} else if pf.entries[0].hash != first[0].hash || pf.entries[1].key != first[1].key {
			t.Errorf("format %d: hash or key differ from RSS's", f)
		}
	}
}

func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(feedtest.Render(feedtest.Feed{Title: "W", Stories: []feedtest.Story{feedtest.MakeStory(1, day)}}, "https://n.example")))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_text":"x"}]}`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title></entry></feed>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var pf parsedFeed
		var err error
		done := make(chan struct{})
		go func() { pf, err = parseFeed(body); close(done) }()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatalf("parsing %d bytes took more than 2 s: %q", len(body), body)
		}
		if err != nil {
			return
		}
		for i, e := range pf.entries {
			if e.key == "" || e.hash == "" {
				t.Fatalf("entry without identity: %+v", e)
			}
			if i > 0 && e.published.Before(pf.entries[i-1].published) {
				t.Fatal("entries not oldest first")
			}
		}
	})
}

func BenchmarkParseFeed(b *testing.B) {
	var st []feedtest.Story
	for i := range 50 {
		st = append(st, feedtest.MakeStory(i, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)))
	}
	body := []byte(feedtest.Render(feedtest.Feed{Title: "W", Stories: st}, "https://n.example"))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := parseFeed(body); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExtractPage(b *testing.B) {
	page := []byte(feedtest.Page(feedtest.MakeStory(1, day), "https://n.example"))
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := extractPage(page, "https://n.example/story/s0001", 100); err != nil {
			b.Fatal(err)
		}
	}
}
