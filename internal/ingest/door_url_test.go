package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// TestURLRefusedAtEveryDoor sends a source URL through each way an article
// or event enters from files (issue 15, point 6: "javascript:/data: URLs
// are stored and served raw"): article files (.md front matter, .json,
// .jsonl), stdin, and event imports (CSV, GeoJSON, GeoJSON Lines). An
// http(s) URL is stored; javascript:, data: and file: URLs are refused with
// the field named, and nothing of the input is stored. (POST /api/articles
// is web's TestArticlesRoundTrip; feed items, feeds' TestFeedItemURLsAreHTTP;
// `geoevents copy`, transfer's tests.)
func TestURLRefusedAtEveryDoor(t *testing.T) {
	const text = "Government forces shelled Aleppo on Sunday, killing three civilians."
	doors := []struct {
		name, file string
		content    func(url string) string
		imported   bool // an event import, not articles
	}{
		{"markdown front matter", "a.md", func(u string) string {
			return "---\ntitle: Shelling\ndate: 2024-12-01\nurl: " + u + "\n---\n" + text
		}, false},
		{"json article", "a.json", func(u string) string {
			return `{"title":"Shelling","date":"2024-12-01","url":"` + u + `","text":"` + text + `"}`
		}, false},
		{"jsonl article", "a.jsonl", func(u string) string {
			return `{"title":"Shelling","date":"2024-12-01","url":"` + u + `","text":"` + text + `"}` + "\n"
		}, false},
		{"stdin", "-", func(u string) string {
			return "---\ntitle: Shelling\ndate: 2024-12-01\nurl: " + u + "\n---\n" + text
		}, false},
		{"import csv", "e.csv", func(u string) string {
			return "lon,lat,time,place,type,title,sentence,url\n37.16,36.20,2024-12-01,Aleppo,Battles,Shelling,Shelling hit Aleppo.," + u + "\n"
		}, true},
		{"import geojson", "e.geojson", func(u string) string {
			return `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[37.16,36.2]},` +
				`"properties":{"date":"2024-12-01","type":"Battles","url":"` + u + `"}}]}`
		}, true},
		{"import geojson lines", "e.geojsonl", func(u string) string {
			return `{"type":"Feature","geometry":{"type":"Point","coordinates":[37.16,36.2]},"properties":{"date":"2024-12-01","type":"Battles","url":"` + u + `"}}` + "\n"
		}, true},
	}
	urls := []struct {
		url string
		ok  bool
	}{
		{"https://news.example/aleppo", true},
		{"javascript:alert(1)", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"file:///etc/passwd", false},
	}
	for _, d := range doors {
		for _, u := range urls {
			t.Run(d.name+" "+strings.SplitN(u.url, ":", 2)[0], func(t *testing.T) {
				in, st := newIngester(t)
				stored, err := throughDoor(t, in, st, d.file, d.content(u.url), d.imported)
				if u.ok {
					if err != nil || stored == 0 {
						t.Fatalf("an http(s) URL: %d stored, %v", stored, err)
					}
					return
				}
				if stored != 0 {
					t.Errorf("%d stored with the URL %q", stored, u.url)
				}
				if err == nil || !errors.Is(err, ErrInvalidRecord) || !strings.Contains(err.Error(), "not http or https") {
					t.Errorf("refusal %v, want the URL named as not http or https", err)
				}
			})
		}
	}
}

// throughDoor stores content through one door: an event import for
// imported files, else IngestPaths ("-" reads it as stdin). It returns how
// many articles or events the store then holds, and the input's error.
func throughDoor(t *testing.T, in *Ingester, st store.Store, file, content string, imported bool) (int, error) {
	t.Helper()
	ctx := context.Background()
	path := file
	opts := Options{Stdin: strings.NewReader(content)}
	if file != "-" {
		path = filepath.Join(t.TempDir(), file)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var inputErr error
	if imported {
		_, inputErr = ImportFile(ctx, st, path)
	} else {
		sum, err := in.IngestPaths(ctx, []string{path}, opts)
		if err != nil {
			t.Fatalf("IngestPaths: %v", err)
		}
		if len(sum.Failed) > 0 {
			inputErr = sum.Failed[0]
		}
	}
	n := 0
	err := st.EachEvent(ctx, store.Filter{Mentions: true}, func(*event.Event) error { n++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !imported {
		_, arts, err := st.Articles(ctx, store.ArticleFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		n += int(arts)
	}
	return n, inputErr
}
