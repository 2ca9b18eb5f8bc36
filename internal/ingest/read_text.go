package ingest

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"time"

	"geoevents/internal/event"
)

// maxTitleLen is the longest line taken as a title when none is given.
const maxTitleLen = 200

// titleScanLines is how many non-empty lines are searched for a title.
const titleScanLines = 20

// readText reads one plain-text or Markdown article: an optional front
// matter block between "---" lines (keys title, date or published, url,
// source; other keys are ignored), then the text.
func readText(path string, r io.Reader, opts ReadOptions, fn ArticleFunc) error {
	fail := func(e *InputError) error { return fn(event.Article{}, Position{Path: path, Line: e.Line}, e) }
	data, err := io.ReadAll(io.LimitReader(r, opts.max()+1))
	if err != nil {
		return fail(&InputError{Path: path, Err: err})
	}
	if int64(len(data)) > opts.max() {
		return fail(inputErr(path, 0, ErrTooLarge, "article is larger than the limit of %d bytes", opts.max()))
	}
	data = bytes.TrimPrefix(data, bom)
	if line, msg := invalidUTF8(data, 1); msg != "" {
		return fail(inputErr(path, line, ErrInvalidUTF8, "%s", msg))
	}
	a, line, ierr := parseText(path, string(data), opts.Date)
	if ierr != nil {
		return fail(ierr)
	}
	return fn(a, Position{Path: path, Line: line, Offset: int64(len(data))}, nil)
}

// parseText turns a text file's content into an article, and returns the
// line where the article's text starts.
func parseText(path, content string, defaultDate time.Time) (event.Article, int, *InputError) {
	content = event.NormalizeNewlines(content)
	meta, body, bodyLine, ierr := splitFrontMatter(path, content)
	if ierr != nil {
		return event.Article{}, 0, ierr
	}
	text := strings.TrimSpace(body)
	if text == "" {
		return event.Article{}, 0, inputErr(path, bodyLine, ErrEmptyArticle, "no article text after line %d", max(bodyLine-1, 0))
	}
	bodyLine += strings.Count(body[:strings.Index(body, text)], "\n")
	published := defaultDate
	if d, ok := meta.get("date", "published"); ok {
		t, err := parseDate(d.value)
		if err != nil {
			return event.Article{}, 0, inputErr(path, d.line, ErrInvalidRecord, "front matter %s: %v", d.key, err)
		}
		published = t
	}
	title := meta.value("title")
	if title == "" {
		title = TitleFromText(text)
	}
	if title == "" {
		title = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	a := event.NewArticle(title, text, meta.value("url"), meta.value("source"), published)
	return a, bodyLine, nil
}

// metaField is one front matter entry.
type metaField struct {
	key, value string
	line       int
}

// frontMatter holds the parsed front matter keys (lower case).
type frontMatter map[string]metaField

func (m frontMatter) get(keys ...string) (metaField, bool) {
	for _, k := range keys {
		if f, ok := m[k]; ok && f.value != "" {
			return f, true
		}
	}
	return metaField{}, false
}

func (m frontMatter) value(key string) string { return m[key].value }

// splitFrontMatter separates a leading "---" block of "key: value" lines
// from the body and returns the 1-based line where the body starts.
func splitFrontMatter(path, content string) (frontMatter, string, int, *InputError) {
	meta := frontMatter{}
	first, _, found := strings.Cut(content, "\n")
	if strings.TrimSpace(first) != "---" || !found {
		return meta, content, 1, nil
	}
	line := 1
	for pos := len(first) + 1; pos <= len(content); {
		l, next := content[pos:], len(content)+1
		if i := strings.IndexByte(l, '\n'); i >= 0 {
			l, next = l[:i], pos+i+1
		}
		line++
		pos = next
		t := strings.TrimSpace(l)
		if t == "---" || t == "..." {
			if next > len(content) {
				return meta, "", line + 1, nil
			}
			return meta, content[next:], line + 1, nil
		}
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		key, val, ok := strings.Cut(t, ":")
		if !ok || strings.TrimSpace(key) == "" {
			return nil, "", 0, inputErr(path, line, ErrMalformed, "front matter line %q is not \"key: value\" (is the closing --- missing?)", truncate(t, 60))
		}
		key = strings.ToLower(strings.TrimSpace(key))
		meta[key] = metaField{key: key, value: unquote(strings.TrimSpace(val)), line: line}
	}
	return nil, "", 0, inputErr(path, 1, ErrMalformed, "front matter opened with --- on line 1 is never closed with ---")
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// TitleFromText picks a title for an article that has none: the first
// short line (at most 200 bytes) that does not end like a sentence (a
// headline has no final period), among the first 20 non-empty lines,
// without Markdown heading marks; failing that, the first line shortened to
// 200 bytes at a word boundary, without its final punctuation.
func TitleFromText(text string) string {
	var firstLine string
	seen := 0
	for l := range strings.Lines(text) {
		l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "#"))
		if l == "" {
			continue
		}
		if firstLine == "" {
			firstLine = l
		}
		if len(l) <= maxTitleLen && !strings.ContainsAny(l[len(l)-1:], ".!?,;:") && !strings.HasSuffix(l, "…") {
			return l
		}
		if seen++; seen == titleScanLines {
			break
		}
	}
	if len(firstLine) > maxTitleLen {
		cut := strings.LastIndexByte(firstLine[:maxTitleLen], ' ')
		if cut <= 0 {
			cut = maxTitleLen
			for cut > 0 && firstLine[cut]&0xC0 == 0x80 { // not inside a rune
				cut--
			}
		}
		firstLine = firstLine[:cut]
	}
	return strings.TrimRight(firstLine, ".!?,;: …")
}

// parseDate accepts RFC 3339 date-times and YYYY-MM-DD dates.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02 15:04:05", s); err == nil {
		return t, nil
	}
	return time.Time{}, &dateError{s}
}

type dateError struct{ s string }

func (e *dateError) Error() string {
	return "date " + quote(truncate(e.s, 40)) + " is not YYYY-MM-DD or RFC 3339"
}

func quote(s string) string { return `"` + s + `"` }

// truncate shortens s to at most n bytes (on a rune boundary), adding "…".
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
