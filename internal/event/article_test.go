package event

import (
	"testing"
	"time"
)

// TestArticleID: a report is its text and its publication day.
func TestArticleID(t *testing.T) {
	text := "Shelling hit Idlib on Monday."
	day := time.Date(2016, 3, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		a, b      time.Time
		textB     string
		wantEqual bool
	}{
		{"same text, same day, other hour", day, day.Add(10 * time.Hour), text, true},
		{"same day in another zone", day, day.In(time.FixedZone("EET", 2*3600)), text, true},
		{"same text, next day", day, day.AddDate(0, 0, 1), text, false},
		{"other text, same day", day, day, text + " Again.", false},
		{"undated and dated", time.Time{}, day, text, false},
	}
	for _, tt := range tests {
		got := ArticleID(text, tt.a) == ArticleID(tt.textB, tt.b)
		if got != tt.wantEqual {
			t.Errorf("%s: equal = %v, want %v", tt.name, got, tt.wantEqual)
		}
	}
	if ArticleID(text, time.Time{}) != LegacyArticleID(text) {
		t.Error("an undated text should keep its legacy id")
	}
	if id := ArticleID(text, day); len(id) != 32 {
		t.Errorf("id %q: want 32 hex digits", id)
	}
}
