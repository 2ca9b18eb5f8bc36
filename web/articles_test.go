package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// wordIngester is a deliberately simple ArticleIngester for the HTTP tests:
// every "Aleppo" in the text becomes a Mention event, saved through the
// real store. (The real geoparser is tested in its own package.)
type wordIngester struct{ st store.Store }

func (w wordIngester) IngestArticle(ctx context.Context, a event.Article) (store.SaveResult, []event.Event, error) {
	var evs []event.Event
	for off := 0; ; {
		i := strings.Index(a.Text[off:], "Aleppo")
		if i < 0 {
			break
		}
		start := off + i
		evs = append(evs, event.Event{
			ID: event.EventID(a.ID, start, start+6), ArticleID: a.ID, ArticleTitle: a.Title,
			MentionStart: start, MentionEnd: start + 6, MentionText: "Aleppo", Sentence: a.Text,
			PlaceName: "Aleppo", CountryCode: "SY", Lon: 37.16, Lat: 36.2, Type: event.TypeMention,
			Date: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), DatePrecision: event.PrecisionDay, Score: 0.8,
		})
		off = start + 6
	}
	res, err := w.st.SaveArticle(ctx, a, evs)
	return res, evs, err
}

func TestPostArticleAuth(t *testing.T) {
	body := []byte(`{"title":"Shelling in Aleppo","text":"Shelling hit Aleppo on Sunday. Aleppo's east was quiet.","url":"https://news.example/1","published":"2024-12-01"}`)
	tests := []struct {
		name   string
		cfg    Config
		header []string
		want   int
	}{
		{"no token configured", Config{}, []string{"Authorization", "Bearer x"}, http.StatusForbidden},
		{"anonymous allowed", Config{AllowAnonymousWrites: true}, nil, http.StatusCreated},
		{"missing token", Config{Token: "s3cret"}, nil, http.StatusUnauthorized},
		{"wrong token", Config{Token: "s3cret"}, []string{"Authorization", "Bearer s3cre"}, http.StatusUnauthorized},
		{"wrong scheme", Config{Token: "s3cret"}, []string{"Authorization", "Basic s3cret"}, http.StatusUnauthorized},
		{"right token", Config{Token: "s3cret"}, []string{"Authorization", "Bearer s3cret"}, http.StatusCreated},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := openStore(t, nil)
			s := newTestServer(t, tc.cfg, st, wordIngester{st})
			h := append([]string{"Content-Type", "application/json"}, tc.header...)
			rec := do(t, s.Handler(), http.MethodPost, "/api/articles", body, h...)
			if rec.Code != tc.want {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.want, rec.Body)
			}
			var e errorBody
			if tc.want >= 400 {
				decode(t, rec, &e)
				if e.Code == "" || e.Description == "" {
					t.Errorf("error body %s", rec.Body)
				}
				_, n, err := st.Articles(t.Context(), store.ArticleFilter{Limit: 10})
				if err != nil || n != 0 {
					t.Errorf("a refused write stored %d articles (%v)", n, err)
				}
			}
		})
	}
}

func TestArticlesRoundTrip(t *testing.T) {
	st := openStore(t, nil)
	s := newTestServer(t, Config{Token: "tok", MaxBodyBytes: 4096}, st, wordIngester{st})
	auth := []string{"Authorization", "Bearer tok"}
	text := "Fighting near Aleppo — the city's “old town” (Aleppo) again."
	body, _ := json.Marshal(map[string]string{"title": "Aleppo <b>today</b>", "text": text, "source": "Wire"})
	rec := do(t, s.Handler(), http.MethodPost, "/api/articles", body, append(auth, "Content-Type", "application/json; charset=utf-8")...)
	if rec.Code != http.StatusCreated {
		t.Fatalf("post: %d %s", rec.Code, rec.Body)
	}
	var doc articleDoc
	decode(t, rec, &doc)
	if doc.ID == "" || doc.Title != "Aleppo <b>today</b>" || doc.Text != text || len(doc.Events) != 2 {
		t.Fatalf("posted article: %+v", doc)
	}
	for _, e := range doc.Events {
		if text[e.MentionStart:e.MentionEnd] != e.Mention || e.Mention != "Aleppo" {
			t.Errorf("mention span %d:%d is %q", e.MentionStart, e.MentionEnd, text[e.MentionStart:e.MentionEnd])
		}
	}
	if loc := rec.Header().Get("Location"); loc != "http://"+testHost+"/api/articles/"+doc.ID {
		t.Errorf("Location %q", loc)
	}
	// The same text again is unchanged: 200.
	rec = do(t, s.Handler(), http.MethodPost, "/api/articles", body, append(auth, "Content-Type", "application/json")...)
	if rec.Code != http.StatusOK {
		t.Errorf("repost: %d %s", rec.Code, rec.Body)
	}
	// text/markdown with ?title=.
	rec = do(t, s.Handler(), http.MethodPost, "/api/articles?title=Plain", []byte("Plain text about Aleppo."), append(auth, "Content-Type", "text/markdown")...)
	if rec.Code != http.StatusCreated {
		t.Fatalf("text/markdown: %d %s", rec.Code, rec.Body)
	}

	rec = do(t, s.Handler(), http.MethodGet, "/api/articles/"+doc.ID, nil)
	var got articleDoc
	decode(t, rec, &got)
	if rec.Code != http.StatusOK || got.Text != text || len(got.Events) != 2 || got.Events[0].Date != "2024-12-01" {
		t.Fatalf("get article: %d %+v", rec.Code, got)
	}
	rec = do(t, s.Handler(), http.MethodGet, "/api/articles?limit=1", nil)
	var list struct {
		Articles       []map[string]any `json:"articles"`
		NumberMatched  int              `json:"numberMatched"`
		NumberReturned int              `json:"numberReturned"`
		Links          []Link           `json:"links"`
	}
	decode(t, rec, &list)
	if list.NumberMatched != 2 || list.NumberReturned != 1 || len(list.Articles) != 1 || list.Articles[0]["text"] != nil {
		t.Errorf("list: %s", rec.Body)
	}
	if _, ok := linkByRel(list.Links, "next", ""); !ok {
		t.Errorf("list has no next link: %+v", list.Links)
	}
	// The article's events (here plain mentions) are queryable by article id.
	rec = do(t, s.Handler(), http.MethodGet, "/api/events?mentions=true&article="+doc.ID, nil)
	var fc featureCollection
	decode(t, rec, &fc)
	if fc.NumberMatched != 2 {
		t.Errorf("events of the article: %d", fc.NumberMatched)
	}

	bad := []struct {
		name, ct string
		body     []byte
		want     int
	}{
		{"too large", "application/json", []byte(`{"text":"` + strings.Repeat("a", 5000) + `"}`), http.StatusRequestEntityTooLarge},
		{"xml", "application/xml", []byte(`<a/>`), http.StatusUnsupportedMediaType},
		{"no content type", "", body, http.StatusUnsupportedMediaType},
		{"latin1 charset", "text/plain; charset=iso-8859-1", []byte("Aleppo"), http.StatusUnsupportedMediaType},
		{"broken json", "application/json", []byte(`{"text":`), http.StatusBadRequest},
		{"unknown field", "application/json", []byte(`{"text":"x","author":"y"}`), http.StatusBadRequest},
		{"empty text", "application/json", []byte(`{"title":"t","text":"  "}`), http.StatusBadRequest},
		{"bad date", "application/json", []byte(`{"text":"x","published":"yesterday"}`), http.StatusBadRequest},
		{"invalid utf8", "text/markdown", []byte("Alep\xffpo"), http.StatusBadRequest},
		{"text/plain (CORS-simple)", "text/plain", []byte("Aleppo"), http.StatusUnsupportedMediaType},
		{"form (CORS-simple)", "application/x-www-form-urlencoded", []byte("text=Aleppo"), http.StatusUnsupportedMediaType},
		{"two values", "application/json", []byte(`{"text":"x"} {"text":"y"}`), http.StatusBadRequest},
		{"javascript: url", "application/json", []byte(`{"text":"x","url":"javascript:alert(1)"}`), http.StatusBadRequest},
		{"data: url", "application/json", []byte(`{"text":"x","url":"data:text/html,x"}`), http.StatusBadRequest},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(t, s.Handler(), http.MethodPost, "/api/articles", tc.body, append(auth, "Content-Type", tc.ct)...)
			if rec.Code != tc.want {
				t.Errorf("status %d, want %d: %s", rec.Code, tc.want, rec.Body)
			}
		})
	}
	if rec := do(t, s.Handler(), http.MethodGet, "/api/articles/"+strings.Repeat("0", 32), nil); rec.Code != http.StatusNotFound {
		t.Errorf("unknown article: %d", rec.Code)
	}
}

func TestStatsPlacesConfig(t *testing.T) {
	evs := genEvents(200, 7)
	s := newTestServer(t, Config{Version: "1.2.3", TilesURL: "http://tiles.local/{z}/{x}/{y}.png", TilesAttribution: "local"}, openStore(t, evs), nil)
	rec := do(t, s.Handler(), http.MethodGet, "/api/stats?country=SY&datetime=2024-11-01/2024-11-30", nil)
	var st store.Stats
	decode(t, rec, &st)
	want := store.Stats{ByType: map[string]int64{}, ByCountry: map[string]int64{}}
	days := map[string]int64{}
	for _, e := range evs {
		if e.CountryCode == "SY" && dated("2024-11-01", "2024-11-30")(e) && e.Type != event.TypeMention {
			want.Total++
			want.ByType[e.Type]++
			want.ByCountry[e.CountryCode]++
			days[e.Date.Format(time.DateOnly)]++
		}
	}
	if st.Total != want.Total || fmt.Sprint(st.ByType) != fmt.Sprint(want.ByType) || fmt.Sprint(st.ByCountry) != fmt.Sprint(want.ByCountry) {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	var sum int64
	for _, d := range st.ByDay {
		if days[d.Day] != d.Count {
			t.Errorf("day %s: %d, want %d", d.Day, d.Count, days[d.Day])
		}
		sum += d.Count
	}
	if sum != want.Total {
		t.Errorf("by_day sums to %d, want %d", sum, want.Total)
	}
	if rec := do(t, s.Handler(), http.MethodGet, "/api/stats?limit=5", nil); rec.Code != http.StatusBadRequest {
		t.Errorf("stats with limit: %d", rec.Code)
	}

	rec = do(t, s.Handler(), http.MethodGet, "/api/config", nil)
	var cfg map[string]string
	decode(t, rec, &cfg)
	if cfg["tiles_url"] != "http://tiles.local/{z}/{x}/{y}.png" || cfg["tiles_attribution"] != "local" || cfg["version"] != "1.2.3" {
		t.Errorf("config %v", cfg)
	}

	rec = do(t, s.Handler(), http.MethodGet, "/api/places?q=Ale&limit=5", nil)
	var places struct {
		Places []map[string]any `json:"places"`
	}
	decode(t, rec, &places)
	if rec.Code != http.StatusOK || places.Places == nil || len(places.Places) > 5 {
		t.Errorf("places: %d %s", rec.Code, rec.Body)
	}
	for _, p := range places.Places {
		if name, _ := p["name"].(string); !strings.HasPrefix(strings.ToLower(name), "ale") {
			t.Logf("place %q does not start with the prefix (alternate name match?)", name)
		}
	}
	if rec := do(t, s.Handler(), http.MethodGet, "/api/places?q=Ale&limit=1000", nil); rec.Code != http.StatusBadRequest {
		t.Errorf("places limit 1000: %d", rec.Code)
	}
}
