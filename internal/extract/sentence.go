package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) in a text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// abbreviations end with a period but rarely end a sentence (compared
// case-insensitively, without the period).
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"gen": true, "maj": true, "col": true, "lt": true, "capt": true, "cpt": true,
	"sgt": true, "cpl": true, "pvt": true, "adm": true, "brig": true, "cmdr": true,
	"sen": true, "rep": true, "gov": true, "pres": true, "amb": true, "sec": true,
	"jr": true, "sr": true, "inc": true, "ltd": true, "co": true, "corp": true,
	"vs": true, "no": true, "nos": true, "approx": true, "est": true, "fig": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mt": true, "ft": true, "km": true, "al": true, "e.g": true, "i.e": true,
}

// sentenceStarters are words that, after a dotted acronym such as "U.S.",
// show that the acronym ended the sentence ("... backed by the U.S. The group").
var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "It": true, "He": true, "She": true,
	"They": true, "We": true, "I": true, "In": true, "On": true, "But": true,
	"This": true, "That": true, "These": true, "Those": true, "There": true,
	"Its": true, "Their": true, "His": true, "Her": true, "At": true, "As": true,
	"After": true, "Before": true, "When": true, "While": true, "However": true,
	"Meanwhile": true, "Earlier": true, "Later": true, "Some": true, "Many": true,
}

// Sentences splits English news text into sentences and returns their byte
// spans, trimmed of surrounding white space. A sentence ends at ".", "!",
// "?" or "…" (with any closing quotes or brackets) followed by white space
// and a capital letter, digit or opening quote — except after common
// abbreviations ("Maj. Gen.", "Dr."), initials ("George W. Bush"), dotted
// acronyms ("U.S.", unless a typical sentence opener follows) and inside
// decimals ("2.5"). A blank line always ends a sentence, and so does a single
// line break unless the next line starts in lower case (a soft wrap).
// A run longer than MaxSentenceBytes is cut into pieces of at most that
// size (see splitLong), and only the first MaxRunPieces pieces of a run
// are kept.
func Sentences(text string) []Span {
	return sentencesUntil(text, len(text))
}

// sentencesUntil is Sentences for the sentences that start before stop:
// splitting ends there, so a reader bounded to the head of a 10 MB text
// does not pay for splitting the rest.
func sentencesUntil(text string, stop int) []Span {
	var spans []Span
	start := 0
	emit := func(end int) {
		s, e := trimSpan(text, start, end)
		for pieces := 1; e-s > MaxSentenceBytes; pieces++ {
			cut := splitLong(text, s, s+MaxSentenceBytes)
			if a, b := trimSpan(text, s, cut); b > a {
				spans = append(spans, Span{a, b})
			}
			s, e = trimSpan(text, cut, e)
			if pieces == MaxRunPieces {
				s = e // the rest of the run is no prose: not read
			}
		}
		if e > s {
			spans = append(spans, Span{s, e})
		}
		start = end
	}
	for i := 0; i < len(text) && start < stop; {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			if lineBreakEnds(text, i) {
				emit(i)
			}
		case r == '.' || r == '!' || r == '?' || r == '…':
			end := i + size
			for end < len(text) {
				c, n := utf8.DecodeRuneInString(text[end:])
				if !isCloser(c) {
					break
				}
				end += n
			}
			if end < len(text) && !isSpace(text[end]) {
				break // "2.5", "U.S.-backed", "Et-Tanf.com"
			}
			next, word := nextWord(text, end)
			if next < 0 {
				emit(end) // end of text
				break
			}
			if r == '.' && !periodEnds(text, start, i, word) {
				break
			}
			if !startsSentence(word) {
				break
			}
			emit(end)
			i = end
			continue
		}
		i += size
	}
	if start < stop {
		emit(len(text))
	}
	for len(spans) > 0 && spans[len(spans)-1].Start >= stop {
		spans = spans[:len(spans)-1] // a run's pieces past stop
	}
	return spans
}

// MaxSentenceBytes bounds the work and storage one sentence costs: every
// event stores its sentence, and the rules read a sentence as a whole, so
// an unpunctuated text ("Aleppo Aleppo …" for 700 KB) would make each of
// its events carry all of it. News sentences are far shorter (ACLED's
// longest notes sentences are under 1,000 bytes); a longer run is cut
// into pieces of at most this size, at a clause or word boundary.
const MaxSentenceBytes = 2000

// MaxRunPieces bounds how much of one run of text without a sentence end
// is read: its first MaxRunPieces pieces of MaxSentenceBytes (32 KB in
// all). No prose goes on that long without a full stop or a line break
// (a news report's longest sentences are a few hundred bytes); a hostile
// one (10 MB of "x", "Aleppo Aleppo …" with no punctuation) would cost the
// rules' work on every piece of it, for no event worth having.
const MaxRunPieces = 16

// splitLong returns where to cut the over-long sentence starting at s so
// that its first piece ends at or before limit: after the last ";" or ","
// in the second half of the window, else at the last space, else at the
// last rune boundary (one 10 MB word).
func splitLong(text string, s, limit int) int {
	half := s + (limit-s)/2
	if i := strings.LastIndexAny(text[half:limit], ";,"); i >= 0 {
		return half + i + 1
	}
	if i := strings.LastIndexAny(text[s:limit], " \t\n\r"); i > 0 {
		return s + i + 1
	}
	for limit > s+1 && !utf8.RuneStart(text[limit]) {
		limit--
	}
	return limit
}

// lineBreakEnds reports whether the line break at text[i] ends a sentence.
func lineBreakEnds(text string, i int) bool {
	j := i + 1
	for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
		j++
	}
	if j >= len(text) || text[j] == '\n' {
		return true // blank line or end of text
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	return !unicode.IsLower(r)
}

// periodEnds decides whether the period at text[dot] ends the sentence that
// began at start, given the word that follows it.
func periodEnds(text string, start, dot int, following string) bool {
	w := start
	for k := dot - 1; k >= start; k-- {
		if isSpace(text[k]) || text[k] == '(' || text[k] == '"' {
			w = k + 1
			break
		}
	}
	prev := strings.TrimLeft(text[w:dot], "\"'“‘([")
	if prev == "" {
		return true
	}
	if abbreviations[strings.ToLower(prev)] {
		return false
	}
	first, n := utf8.DecodeRuneInString(prev)
	if n == len(prev) && unicode.IsUpper(first) {
		return false // an initial: "George W. Bush"
	}
	if strings.Contains(prev, ".") {
		// a dotted acronym "U.S", "U.N", "a.m": ends only before an opener
		return sentenceStarters[following]
	}
	return true
}

// startsSentence reports whether a sentence may begin with word.
func startsSentence(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'“‘([", r)
}

// nextWord returns the index of the next non-space character at or after i
// and the word starting there, or -1 at the end of the text.
func nextWord(text string, i int) (int, string) {
	for i < len(text) && isSpace(text[i]) {
		i++
	}
	if i >= len(text) {
		return -1, ""
	}
	j := i
	for j < len(text) && !isSpace(text[j]) && text[j] != ',' {
		j++
	}
	return i, text[i:j]
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

func isCloser(r rune) bool { return strings.ContainsRune("\"')]”’»", r) }

// trimSpan narrows [s, e) to exclude surrounding white space (including
// U+00A0 and other Unicode spaces).
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}
