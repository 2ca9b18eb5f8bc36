package event

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// NewArticle returns an Article whose text has its newlines normalised
// (CRLF and lone CR become LF) and whose ID is ArticleID of that text and
// its publication day, so the same report always gets the same ID
// whatever file or URL it came from.
func NewArticle(title, text, url, source string, published time.Time) Article {
	text = NormalizeNewlines(text)
	return Article{
		ID:        ArticleID(text, published),
		URL:       strings.TrimSpace(url),
		Title:     strings.TrimSpace(title),
		Source:    strings.TrimSpace(source),
		Published: published,
		Text:      text,
	}
}

// NormalizeNewlines turns CRLF and lone CR line endings into LF.
func NormalizeNewlines(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// ArticleID identifies a report by its text and its publication day: the
// hex of the first 16 bytes of SHA-256 of the day (UTC, YYYY-MM-DD), a NUL
// and the text. The same text published on another day is another report
// (wire services and monitors repeat a note for each day an incident
// lasts; each day is an event), while copies of one story published the
// same day stay one article. An undated text is identified by its text
// alone, the form every article had before extraction rules 2026.12-4
// (see LegacyArticleID). The caller passes newline-normalised text (see
// NormalizeNewlines).
func ArticleID(text string, published time.Time) string {
	if published.IsZero() {
		return LegacyArticleID(text)
	}
	h := sha256.New()
	h.Write([]byte(published.UTC().Format(time.DateOnly)))
	h.Write([]byte{0})
	h.Write([]byte(text))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// LegacyArticleID is the ID articles had before they were identified by
// their day as well: the hex of the first 16 bytes of SHA-256(text). A
// store keeps an article it holds under this ID when the same text comes
// again with the same day, so upgrading creates no duplicates.
func LegacyArticleID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:16])
}

// EventID is the stable ID of the event for the mention at [start, end) of
// an article: the hex of the first 8 bytes of SHA-256(articleID:start:end).
func EventID(articleID string, start, end int) string {
	sum := sha256.Sum256([]byte(articleID + ":" + strconv.Itoa(start) + ":" + strconv.Itoa(end)))
	return hex.EncodeToString(sum[:8])
}
