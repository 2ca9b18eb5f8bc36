package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"geoevents/internal/store"
	"geoevents/internal/store/sqlite/sqlitetest"
)

// TestPostArticleStorageFull posts an article to a server whose real
// SQLite database is at its size cap: the client gets a 507 with a JSON
// body, nothing of the article is stored, and reads keep working.
func TestPostArticleStorageFull(t *testing.T) {
	ctx := context.Background()
	st := sqlitetest.Full(t)
	s := newTestServer(t, Config{AllowAnonymousWrites: true}, st, wordIngester{st})
	text := strings.Repeat("Shelling hit Aleppo on Sunday. ", 20_000)
	body := []byte(`{"title":"Shelling in Aleppo","text":"` + text + `","url":"https://news.example/1","published":"2024-12-01"}`)
	rec := do(t, s.Handler(), http.MethodPost, "/api/articles", body, "Content-Type", "application/json")
	if rec.Code != http.StatusInsufficientStorage {
		t.Fatalf("status %d, want 507: %.300s", rec.Code, rec.Body)
	}
	var e errorBody
	decode(t, rec, &e)
	if e.Code != "InsufficientStorage" || !strings.Contains(e.Description, "nothing of this request was stored") {
		t.Errorf("error body %s", rec.Body)
	}
	if _, n, err := st.Articles(ctx, store.ArticleFilter{Limit: 10}); err != nil || n != 0 {
		t.Errorf("%d articles stored after a failed write (%v)", n, err)
	}
	if rec := do(t, s.Handler(), http.MethodGet, "/api/events", nil); rec.Code != http.StatusOK {
		t.Errorf("reads after the failed write: %d", rec.Code)
	}
}
