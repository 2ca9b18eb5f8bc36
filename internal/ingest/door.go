package ingest

import (
	"strings"
	"time"

	"geoevents/internal/event"
)

// UndatedWarning says how the events of an article without a publication
// date are dated; every door that takes articles (files, stdin, POST
// /api/articles, feeds) warns with it.
const UndatedWarning = "the article has no publication date: its events take only the dates its text states in full " +
	"(with a year); relative dates (\"on Monday\", \"yesterday\") and dates without a year stay unknown, never today's"

// HasFrontMatter reports whether a text body opens with a "---" front
// matter block, as article files may.
func HasFrontMatter(text string) bool {
	first, _, found := strings.Cut(event.NormalizeNewlines(text), "\n")
	return found && strings.TrimSpace(first) == "---"
}

// ParseText reads a text body as an article file is read: optional front
// matter (title, date or published, url, source), then the text. name
// stands for the body in errors ("body:3: …"), which are *InputError
// wrapping ErrMalformed, ErrInvalidRecord or ErrEmptyArticle.
func ParseText(name, content string) (event.Article, error) {
	a, _, ierr := parseText(name, content, time.Time{})
	if ierr != nil {
		return event.Article{}, ierr
	}
	return a, nil
}
