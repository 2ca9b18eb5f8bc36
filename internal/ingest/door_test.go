package ingest

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"geoevents/internal/event"
)

// Every door warns about an undated article, saying how its events are
// dated; a dated one passes quietly.
func TestUndatedArticleWarns(t *testing.T) {
	in, _ := newIngester(t)
	var logs bytes.Buffer
	in.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	undated := event.NewArticle("Undated", "Government forces shelled Douma on Monday.", "", "", time.Time{})
	if _, _, err := in.IngestArticle(context.Background(), undated); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "article without a date") || !strings.Contains(logs.String(), "relative dates") {
		t.Errorf("no warning for an undated article:\n%s", logs.String())
	}
	logs.Reset()
	dated := event.NewArticle("Dated", "Government forces shelled Douma on Monday.", "", "", time.Date(2024, 12, 2, 0, 0, 0, 0, time.UTC))
	if _, _, err := in.IngestArticle(context.Background(), dated); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), "without a date") {
		t.Errorf("a dated article warned:\n%s", logs.String())
	}
}

func TestParseTextBody(t *testing.T) {
	a, err := ParseText("body", "---\ntitle: T\ndate: 2024-12-01\nurl: https://n.example/a\n---\nText.\n")
	if err != nil || a.Title != "T" || a.URL != "https://n.example/a" || !a.Published.Equal(time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)) || a.Text != "Text." {
		t.Errorf("ParseText: %+v, %v", a, err)
	}
	if _, err := ParseText("body", "---\ndate: soon\n---\nText."); !errors.Is(err, ErrInvalidRecord) || !strings.HasPrefix(err.Error(), "body:2:") {
		t.Errorf("bad date: %v", err)
	}
	for s, want := range map[string]bool{"---\nx: y\n---\nt": true, "---\r\nx: y\r\n---\r\nt": true, "text\n---\n": false, "---": false} {
		if got := HasFrontMatter(s); got != want {
			t.Errorf("HasFrontMatter(%q) = %v", s, got)
		}
	}
}
