// Package namekey turns a place name into its matching key: the form under
// which the gazetteer indexes names and looks them up. It is shared by the
// gazetteer at run time and by its build-time generator, so both always
// agree on the key of a name.
package namekey

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxInput is the longest input, in bytes, that Key considers a name; longer
// inputs (no real place name comes close) yield the empty key.
const MaxInput = 512

// Key returns the matching key of s: lower case, diacritics stripped,
// apostrophes and ayn/hamza marks dropped, doubled Latin letters written
// once (transliterations of the Arabic shadda vary: Raqqa = Raqa), runs of spaces, hyphens and other
// punctuation turned into one space, and the Arabic article removed in all
// its English renderings (al-, el-, ul-, and the sun-letter assimilations
// at-, ad-, ar-, as-, ash-, az-, an-, et-, ed-, es-, ez-, ...) and in Arabic
// script (ال). Arabic script is kept, with harakat, tatweel and hamza seats
// normalised. Empty, over-long (MaxInput) or invalid UTF-8 input gives "".
// Key never panics.
func Key(s string) string { return key(s, true) }

// Literal is Key with doubled letters kept as written: the key of "Samarra"
// is that of "Samara", its literal key is not. It tells a name read as
// written from one that matched only once its doubled letters were folded.
func Literal(s string) string { return key(s, false) }

// key is Key, folding doubled Latin letters or not.
func key(s string, fold bool) string {
	if len(s) == 0 || len(s) > MaxInput || !utf8.ValidString(s) {
		return ""
	}
	if !isASCII(s) {
		s = norm.NFD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	sep := false // a separator is pending
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && '0' <= r && r <= '9':
			sep = writeRune(&b, r, sep)
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'):
			sep = writeLetter(&b, r|0x20, sep, fold) // |0x20: lower case
		case isDropped(r):
			// apostrophes, ayn/hamza letters, periods, tatweel: no trace
		case unicode.Is(unicode.Mn, r):
			// combining marks: diacritics, Arabic harakat
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if f, ok := foldSpecial(r); ok {
				for _, fr := range f {
					sep = writeLetter(&b, fr, sep, fold)
				}
				continue
			}
			sep = writeRune(&b, unicode.ToLower(r), sep)
		default:
			sep = true
		}
	}
	return stripArticles(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// writeRune writes r, preceded by one space when a separator is pending and
// something was written before, and reports that no separator is pending.
func writeRune(b *strings.Builder, r rune, sep bool) bool {
	if sep && b.Len() > 0 {
		b.WriteByte(' ')
	}
	b.WriteRune(r)
	return false
}

// writeLetter writes a letter like writeRune, except that, when fold is set,
// a Latin letter repeating the one just written is dropped: Maarrat = Marat,
// Aleppo = Alepo.
func writeLetter(b *strings.Builder, r rune, sep, fold bool) bool {
	if fold && r < utf8.RuneSelf && !sep && b.Len() > 0 && rune(b.String()[b.Len()-1]) == r {
		return false
	}
	return writeRune(b, r, sep)
}

// isDropped reports runes removed without leaving a word break: apostrophes
// and the modifier letters used for ayn and hamza (Maʿarrat = Ma'arrat =
// Maarrat), periods (U.S. = US) and the Arabic tatweel.
func isDropped(r rune) bool {
	switch r {
	case '\'', '`', '.', '\u00b4', // ASCII apostrophe, grave, period, acute accent
		'\u2018', '\u2019', '\u201b', '\u2032', // curly quotes, prime
		'\u02b9', '\u02bb', '\u02bc', '\u02bd', '\u02be', '\u02bf', '\u02c8', // modifier letters
		'\u0640': // Arabic tatweel
		return true
	}
	return false
}

// foldSpecial maps letters that have no Unicode decomposition to their usual
// Latin transliteration, and Arabic letter variants to their base letter.
func foldSpecial(r rune) (string, bool) {
	switch r {
	case 'ß', 'ẞ':
		return "ss", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ø', 'Ø':
		return "o", true
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d", true
	case 'þ', 'Þ':
		return "th", true
	case 'ł', 'Ł':
		return "l", true
	case 'ı', 'İ':
		return "i", true
	case 'ħ', 'Ħ':
		return "h", true
	case 'ŧ', 'Ŧ':
		return "t", true
	case 'ŋ', 'Ŋ':
		return "n", true
	case 'ʿ', 'ʾ':
		return "", true
	case 'ٱ', 'أ', 'إ', 'آ': // alef wasla and hamza seats (NFD usually splits the latter)
		return "ا", true
	case 'ى', 'ی', 'ئ': // alef maksura, Farsi yeh
		return "ي", true
	case 'ة': // ta marbuta
		return "ه", true
	case 'ک': // Farsi kaf
		return "ك", true
	case 'ؤ':
		return "و", true
	}
	return "", false
}
