package event

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// NewArticle returns an Article whose text has its newlines normalised
// (CRLF and lone CR become LF) and whose ID is the hex of the first 16 bytes
// of the SHA-256 of that normalised text, so the same text always gets the
// same ID whatever file or URL it came from.
func NewArticle(title, text, url, source string, published time.Time) Article {
	text = NormalizeNewlines(text)
	return Article{
		ID:        ArticleID(text),
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

// ArticleID is the hex of the first 16 bytes of SHA-256(text). The caller
// passes newline-normalised text (see NormalizeNewlines).
func ArticleID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:16])
}

// EventID is the stable ID of the event for the mention at [start, end) of
// an article: the hex of the first 8 bytes of SHA-256(articleID:start:end).
func EventID(articleID string, start, end int) string {
	sum := sha256.Sum256([]byte(articleID + ":" + strconv.Itoa(start) + ":" + strconv.Itoa(end)))
	return hex.EncodeToString(sum[:8])
}
