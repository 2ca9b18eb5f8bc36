package web

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// POST /api/articles reads articles as files are read: "date" is an alias
// of "published", text bodies may open with front matter, and an undated
// article is stored with a warning saying how its events are dated.
func TestPostArticleOneFormat(t *testing.T) {
	auth := []string{"Authorization", "Bearer tok"}
	js := append(auth, "Content-Type", "application/json")
	md := append(auth, "Content-Type", "text/markdown")
	tests := []struct {
		name      string
		target    string
		headers   []string
		body      string
		status    int
		title     string
		url       string
		published string // RFC 3339, "" for none
		warns     bool
		problem   string // in the error description
	}{
		{"date alias", "/api/articles", js, `{"title":"A","text":"Shelling hit Aleppo.","date":"2024-12-01"}`, 201, "A", "", "2024-12-01T00:00:00Z", false, ""},
		{"date equals published", "/api/articles", js, `{"title":"B","text":"Shelling hit Aleppo again.","date":"2024-12-01","published":"2024-12-01"}`, 201, "B", "", "2024-12-01T00:00:00Z", false, ""},
		{"date differs from published", "/api/articles", js, `{"title":"C","text":"x","date":"2024-12-01","published":"2024-12-02"}`, 400, "", "", "", false, "date and published differ"},
		{"undated JSON", "/api/articles", js, `{"title":"D","text":"Clashes near Aleppo."}`, 201, "D", "", "", true, ""},
		{"front matter", "/api/articles", md, "---\ntitle: Front\ndate: 2024-11-30\nurl: https://news.example/f\nsource: Wire\n---\nFighting in Aleppo.\n", 201, "Front", "https://news.example/f", "2024-11-30T00:00:00Z", false, ""},
		{"front matter, ?title wins", "/api/articles?title=Query", md, "---\ntitle: Front\npublished: 2024-11-29\n---\nMore fighting in Aleppo.\n", 201, "Query", "", "2024-11-29T00:00:00Z", false, ""},
		{"front matter never closed", "/api/articles", md, "---\ntitle: Open\nFighting in Aleppo.\n", 400, "", "", "", false, "closing --- missing"},
		{"front matter bad date", "/api/articles", md, "---\ndate: yesterday\n---\nFighting in Aleppo.\n", 400, "", "", "", false, "body:2"},
		{"undated text", "/api/articles?title=T", md, "Quiet in Aleppo.", 201, "T", "", "", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t, nil)
			s := newTestServer(t, Config{Token: "tok"}, st, wordIngester{st})
			rec := do(t, s.Handler(), http.MethodPost, tt.target, []byte(tt.body), tt.headers...)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.status >= 400 {
				var e errorBody
				decode(t, rec, &e)
				if !strings.Contains(e.Description, tt.problem) {
					t.Errorf("error %q does not say %q", e.Description, tt.problem)
				}
				return
			}
			var doc struct {
				Title     string    `json:"title"`
				URL       string    `json:"url"`
				Published time.Time `json:"published"`
				Warnings  []string  `json:"warnings"`
			}
			decode(t, rec, &doc)
			pub := ""
			if !doc.Published.IsZero() {
				pub = doc.Published.UTC().Format(time.RFC3339)
			}
			if doc.Title != tt.title || doc.URL != tt.url || pub != tt.published {
				t.Errorf("article %+v; want title %q, url %q, published %q", doc, tt.title, tt.url, tt.published)
			}
			if got := len(doc.Warnings) == 1 && strings.Contains(doc.Warnings[0], "no publication date"); got != tt.warns {
				t.Errorf("warnings %q; want the undated warning: %v", doc.Warnings, tt.warns)
			}
		})
	}
}
