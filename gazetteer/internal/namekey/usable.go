package namekey

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Usable reports whether an alternate name is worth indexing: Latin or
// Arabic script only (other scripts are not needed to read English and
// Arabic news and cost space), no links, not absurdly long, and, unless
// codes is set, not a short all-capitals code (IATA "ALP", "DAM") that would
// match ordinary words.
func Usable(s string, codes bool) bool {
	if len(s) > 100 || strings.Contains(s, "://") {
		return false
	}
	letters, upper := 0, 0
	for _, r := range s {
		if r == utf8.RuneError {
			return false
		}
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if r < utf8.RuneSelf && 'A' <= r && r <= 'Z' {
			upper++
		}
		if !unicode.In(r, unicode.Latin, unicode.Arabic) {
			return false
		}
	}
	if letters == 0 {
		return false
	}
	if upper == letters && letters <= 4 && !codes {
		return false
	}
	return true
}
