package geoparse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token flags.
const (
	fCap       uint16 = 1 << iota // first rune is upper case
	fUpper                        // every letter upper case (and ≥ 2 letters)
	fSentStart                    // first word of a sentence, line or quote
	fPossess                      // followed by a possessive 's / ’s (not in the span)
	fDigit                        // contains a digit
	fAbbrev                       // ends with a period that belongs to the word (U.S., Gen.)
	fLower                        // first rune is lower case
	fLineStart                    // first word of a line
	fHeadline                     // in a title-case line ("Rebels Capture Assad's Palace")
	fDateline                     // a capitalised place at the head of a news dateline ("ALEPPO, Syria (AP) —")
	fState                        // an AP abbreviation of a US state with its period ("Calif.", "W.Va.")
)

// separators: what lies between a token and the previous one.
const (
	sepSpace  uint8 = iota // white space only (no newline)
	sepHyphen              // joined by a hyphen: "Et-Tanf", "ez-Zor"
	sepComma               // a comma (and spaces)
	sepOther               // other punctuation, a newline, a sentence end
)

// token is one word of the text: text[start:end] without a trailing
// possessive. Offsets are byte offsets on rune boundaries.
type token struct {
	start, end int
	flags      uint16
	sep        uint8 // separator before this token
}

func (t token) is(f uint16) bool { return t.flags&f != 0 }

// isApos reports the apostrophe-like runes that may sit inside a word
// ("Ma'arrat", "O’Hare", "Ḥaḍramawt" transliterations with ʿ ʾ).
func isApos(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʿ' || r == 'ʾ' || r == '‘' || r == '`'
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// decode returns the rune at s[i] and its size; invalid bytes decode as
// RuneError of size 1, so every offset stays on a rune boundary.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tokenize splits text into words in one pass, appending to dst. It records
// for every word its capitalisation, whether it starts a sentence, and the
// separator before it, which is all the recogniser needs of punctuation.
func tokenize(dst []token, text string) []token {
	dst, _ = tokenizeUpTo(dst, text, -1)
	return dst
}

// MaxTokens bounds the words of one text the parser reads: 262,144, some
// 1.5 MB of English, where the longest news reports have a few tens of
// thousands. The rest of a longer text (a hostile 10 MB article) is not
// read, and names in it are not looked for (see ParseRead).
const MaxTokens = 1 << 18

// tokenizeUpTo is tokenize stopping before the word that would be the
// max-th (max < 0: no bound); it returns the words and the byte offset up
// to which the text was read (len(text), or the start of that word).
func tokenizeUpTo(dst []token, text string, max int) ([]token, int) {
	sep := sepOther
	sentStart, lineStart := true, true
	for i := 0; i < len(text); {
		r, size := decode(text, i)
		if !isWordRune(r) {
			switch {
			case r == '\n' || r == '\r':
				sep, sentStart, lineStart = sepOther, true, true
			case r == ' ' || r == '\t' || unicode.IsSpace(r):
				if sep == sepHyphen {
					sep = sepOther
				}
			case isHyphen(r):
				if sep == sepSpace && i > 0 && len(dst) > 0 && dst[len(dst)-1].end == i {
					sep = sepHyphen
				} else {
					sep = sepOther
				}
			case r == ',':
				if sep != sepOther {
					sep = sepComma
				}
			case r == '.':
				// After an abbreviation or initial ("Gen. Pat Ryder",
				// "George W. Bush") the name goes on; otherwise a sentence ends.
				if n := len(dst); n == 0 || dst[n-1].end != i || sep != sepSpace || !isAbbrev(text[dst[n-1].start:i]) {
					sep, sentStart = sepOther, true
				}
			case r == '!' || r == '?' || r == ';' || r == ':':
				sep, sentStart = sepOther, true
			case r == '"' || r == '“' || r == '(' || r == '[' || r == '‘' || r == '«':
				sep = sepOther
				if r != '(' && r != '[' {
					sentStart = true
				}
			default:
				sep = sepOther
			}
			i += size
			continue
		}
		// A word: letters/digits with inner apostrophes.
		if len(dst) == max {
			return dst, i
		}
		start := i
		t := token{start: start, sep: sep}
		if len(dst) == 0 && sep == sepSpace {
			t.sep = sepOther
		}
		letters, uppers := 0, 0
		first := true
		for i < len(text) {
			r, size = decode(text, i)
			if isWordRune(r) {
				if unicode.IsUpper(r) {
					uppers++
					if first {
						t.flags |= fCap
					}
				} else if first && unicode.IsLower(r) {
					t.flags |= fLower
				} else if first && unicode.IsLetter(r) && !unicode.IsTitle(r) {
					// Scripts without case (Arabic حلب): any word may be a name.
					t.flags |= fCap
				}
				if unicode.IsLetter(r) {
					letters++
				} else if r >= '0' && r <= '9' || unicode.IsDigit(r) {
					t.flags |= fDigit
				}
				first = false
				i += size
				continue
			}
			if isApos(r) && i+size < len(text) {
				n, nsize := decode(text, i+size)
				if isWordRune(n) {
					// possessive 's at the end of the word
					if (n == 's' || n == 'S') && (i+size+nsize == len(text) || !isWordRune(peek(text, i+size+nsize))) {
						t.flags |= fPossess
						t.end = i
						i += size + nsize
						goto done
					}
					i += size
					continue
				}
			}
			// Abbreviations with inner periods: U.S., U.K., U.A.E.
			if r == '.' && letters == 1 && i+1 < len(text) {
				if n, _ := decode(text, i+1); n < utf8.RuneSelf && n >= 'A' && n <= 'Z' {
					i++
					letters = 0
					continue
				}
			}
			break
		}
		t.end = i
		// trailing period of a dotted abbreviation (U.S.) belongs to it,
		// and so does the period of a state's abbreviation (Calif., W.Va.)
		if i < len(text) && text[i] == '.' && (start+2 < i && text[i-2] == '.' || stateAbbrevs[text[start:i]]) {
			if stateAbbrevs[text[start:i]] {
				t.flags |= fState
			}
			t.end = i + 1
			t.flags |= fAbbrev
			i++
		}
	done:
		if uppers >= 2 && uppers == countLetters(text[t.start:t.end]) {
			t.flags |= fUpper
		}
		if sentStart {
			t.flags |= fSentStart
		}
		if lineStart {
			t.flags |= fLineStart
		}
		dst = append(dst, t)
		sep, sentStart, lineStart = sepSpace, false, false
		if t.is(fAbbrev) {
			// "U.S." may end a sentence; the next capital decides nothing.
			sentStart = false
		}
	}
	return dst, len(text)
}

func peek(s string, i int) rune {
	r, _ := decode(s, i)
	return r
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// isAbbrev reports whether w followed by a period is an abbreviation or an
// initial ("George W. Bush") rather than the end of a sentence.
func isAbbrev(w string) bool {
	if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return true
	}
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Sgt", "Maj", "Capt", "Sen", "Rep",
		"Gov", "Prof", "St", "Mt", "Ft", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "No",
		"Adm", "Brig", "Cmdr", "Pres", "Rev", "vs", "Jan", "Feb", "Mar", "Apr", "Jun",
		"Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec":
		return true
	}
	return false
}

// stateAbbrevs are the AP Stylebook abbreviations of US states, written
// with a period in datelines and after a city ("Charleston, W.Va.",
// "Sacramento, Calif."), without the period.
var stateAbbrevs = map[string]bool{
	"Ala": true, "Ariz": true, "Ark": true, "Calif": true, "Colo": true, "Conn": true, "Del": true,
	"Fla": true, "Ga": true, "Ill": true, "Ind": true, "Kan": true, "Ky": true, "La": true, "Md": true,
	"Mass": true, "Mich": true, "Minn": true, "Miss": true, "Mo": true, "Mont": true, "Neb": true,
	"Nev": true, "N.H": true, "N.J": true, "N.M": true, "N.Y": true, "N.C": true, "N.D": true,
	"Okla": true, "Ore": true, "Pa": true, "R.I": true, "S.C": true, "S.D": true, "Tenn": true,
	"Tex": true, "Vt": true, "Va": true, "Wash": true, "W.Va": true, "Wis": true, "Wyo": true, "D.C": true,
}

// markDatelines flags the capitalised place names that open a line as a
// news dateline does: "WASHINGTON —", "ALEPPO, Syria (AP) —", "ALEPPO
// TOWNSHIP, Pa. —". The words in capitals are names there, not acronyms.
func markDatelines(toks []token, text string) {
	for i := 0; i < len(toks); i++ {
		if !toks[i].is(fLineStart) || !toks[i].is(fUpper) {
			continue
		}
		// The run of the dateline's words: capitals, then after a comma
		// the state or country ("Syria", "Pa.", "N.Y.").
		j := i
		for j+1 < len(toks) && !toks[j+1].is(fLineStart) && j-i < 6 &&
			(toks[j+1].is(fUpper) && toks[j+1].sep != sepOther || toks[j+1].sep == sepComma && toks[j+1].is(fCap)) {
			j++
		}
		if !datelineEnd(text[toks[j].end:]) {
			continue
		}
		for k := i; k <= j && toks[k].is(fUpper); k++ {
			toks[k].flags |= fDateline
		}
		i = j
	}
}

// datelineEnd reports whether the text after a dateline's words opens the
// story: a dash, or an agency in parentheses before one.
func datelineEnd(rest string) bool {
	rest = strings.TrimLeft(rest, " ,")
	if strings.HasPrefix(rest, "(") {
		end := strings.IndexByte(rest, ')')
		if end < 0 || end > 24 {
			return false
		}
		rest = strings.TrimLeft(rest[end+1:], " ")
	}
	for _, dash := range []string{"—", "–", "--", "- "} {
		if strings.HasPrefix(rest, dash) {
			return true
		}
	}
	return false
}

// markHeadlines flags the words of title-case lines, where capitals say
// nothing about names: a line of at least four words, most of the longer
// ones capitalised, and at most one sentence break inside ("Exclusive: ...").
func markHeadlines(toks []token) {
	for i := 0; i < len(toks); {
		j := i + 1
		for j < len(toks) && !toks[j].is(fLineStart) {
			j++
		}
		words, caps, sentences := 0, 0, 0
		for k := i; k < j; k++ {
			t := toks[k]
			if t.is(fSentStart) {
				sentences++
			}
			if t.end-t.start <= 3 && !t.is(fCap) || t.is(fDigit) {
				continue // "of", "in", "the", numbers
			}
			words++
			if t.is(fCap) {
				caps++
			}
		}
		if words >= 4 && sentences <= 2 && caps*10 >= words*7 {
			for k := i; k < j; k++ {
				toks[k].flags |= fHeadline
			}
		}
		i = j
	}
}
