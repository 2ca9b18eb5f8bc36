package postgis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// textConfig is the text search configuration of the events' tsvector:
// the english parser, diacritics removed (unaccent), Snowball English
// stemming, no stop words.
const textConfig = "geoevents_english"

// text adds the full-text condition for the user's text, read as the
// store contract says: whitespace separates tokens; a token's words are
// its runs of letters and digits; every word must occur, and the words of
// one token in a row. Each token becomes a phrase query of its words
// (phraseto_tsquery, which only ever sees letters, digits and spaces, so
// no input is tsquery syntax); text without a word matches nothing.
func (w *where) text(text string) {
	q, ok := w.tsquery(text)
	if !ok {
		w.add("false") // only punctuation: no word can match
		return
	}
	// An event of an article finds its sentence's words in the sentence's
	// vector (title and sentence); its own holds its title (schema 2).
	w.add("(e.tsv @@ " + q + " OR e.sentence_id IN (SELECT s.id FROM sentences s WHERE s.tsv @@ " + q + "))")
}

// tsquery returns the tsquery expression of the user's text, as text
// reads it; ok is false when the text holds no word.
func (w *where) tsquery(text string) (q string, ok bool) {
	var qs []string
	for _, tok := range strings.FieldsFunc(text, isTextSpace) {
		words := strings.FieldsFunc(norm.NFC.String(tok), func(r rune) bool { return !isWordRune(r) })
		if len(words) == 0 {
			continue
		}
		qs = append(qs, "phraseto_tsquery('"+textConfig+"', "+w.arg(strings.Join(words, " "))+")")
	}
	if len(qs) == 0 {
		return "", false
	}
	return "(" + strings.Join(qs, " && ") + ")", true
}

// isTextSpace separates tokens: white space, control characters and
// invalid UTF-8.
func isTextSpace(r rune) bool {
	return unicode.IsSpace(r) || r < 0x20 || r == 0x7f || r == utf8.RuneError
}

// isWordRune reports whether r belongs to a word: letters, numbers,
// private use characters.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}
