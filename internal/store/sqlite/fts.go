package sqlite

import (
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// textQuery is a user's search text made safe for FTS5: words only, each
// an FTS5 string, AND-ed. The index keeps no word positions (detail=none),
// so a token that holds several words ("al-Assad") is matched word by word
// and its words' order is then checked in the text (phrases, for
// geo_phrase).
type textQuery struct {
	match   string     // FTS5 query; "" when the text holds no word
	phrases [][]string // folded words that must follow in a row
}

// textMatchSQL is the condition that an event (alias e) holds every word
// of a textQuery's match, which it binds twice (matchArgs): its own
// document in events_fts (title and in-row sentence) holds them, or its
// article's sentence document in sentences_fts (title and shared
// sentence; see schema8.go) does.
const textMatchSQL = `e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?
	UNION ALL SELECT se.rowid FROM sentences_fts JOIN events se ON se.sentence_id = sentences_fts.rowid WHERE sentences_fts MATCH ?)`

// matchArgs are textMatchSQL's bound values.
func (q textQuery) matchArgs() []any { return []any{q.match, q.match} }

// parseText turns user text into a textQuery. Whitespace separates
// tokens; inside a token, words are runs of letters, digits and private
// use characters (after NFC), which the unicode61 tokenizer never splits,
// so no input can be an FTS5 syntax error, an operator or a phrase.
func parseText(text string) textQuery {
	var q textQuery
	var b strings.Builder
	for _, tok := range strings.FieldsFunc(text, isTextSpace) {
		words := textWords(tok)
		if len(words) == 0 {
			continue
		}
		for _, w := range words {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteByte('"')
			b.WriteString(w) // words hold no quote
			b.WriteByte('"')
		}
		if len(words) > 1 {
			folded := make([]string, len(words))
			for i, w := range words {
				folded[i] = foldWord(w)
			}
			q.phrases = append(q.phrases, folded)
		}
	}
	q.match = b.String()
	return q
}

// phraseArg is the JSON argument of geo_phrase for phrase i.
func (q textQuery) phraseArg(i int) string {
	b, _ := json.Marshal(q.phrases[i]) // strings always encode
	return string(b)
}

// isTextSpace separates tokens: white space, control characters (NUL
// would cut the query short inside SQLite) and invalid UTF-8.
func isTextSpace(r rune) bool {
	return unicode.IsSpace(r) || r < 0x20 || r == 0x7f || r == utf8.RuneError
}

// isWordRune reports whether r belongs to a word: the unicode61
// tokenizer's default token characters (letters, numbers, private use).
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}

// textWords splits s (NFC) into words.
func textWords(s string) []string {
	return strings.FieldsFunc(norm.NFC.String(s), func(r rune) bool { return !isWordRune(r) })
}

// foldWord folds case and removes diacritics, as the index does.
func foldWord(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// containsPhrase reports whether the words of phrase (folded) follow one
// another among the words of text.
func containsPhrase(text string, phrase []string) bool {
	if len(phrase) == 0 {
		return true
	}
	words := textWords(text)
	for i := 0; i+len(phrase) <= len(words); i++ {
		ok := true
		for j, p := range phrase {
			if foldWord(words[i+j]) != p {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
