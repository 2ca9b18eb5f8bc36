package namekey

import (
	"strings"
	"unicode/utf8"
)

// articleAny reports renderings of the Arabic article dropped before any
// word.
func articleAny(w string) bool {
	switch w {
	case "al", "el", "ul", "il":
		return true
	}
	return false
}

// articleSun returns the consonant a sun-letter assimilation of the article
// (at-Tanf, as-Suwayda, ash-Sham, ez-Zor) was assimilated to. One is
// dropped only when the next word starts with that consonant, which keeps
// ordinary words: "An Giang", "At Risk" keep their first word, "An Najaf"
// loses it.
func articleSun(w string) (string, bool) {
	switch w {
	case "at", "et", "ut":
		return "t", true
	case "ath", "eth":
		return "th", true
	case "ad", "ed", "ud":
		return "d", true
	case "adh", "edh":
		return "dh", true
	case "ar", "er", "ur":
		return "r", true
	case "as", "es", "us":
		return "s", true
	case "ash", "esh", "ush":
		return "sh", true
	case "az", "ez", "uz":
		return "z", true
	case "an", "en", "un":
		return "n", true
	}
	return "", false
}

// arabicArticle is the Arabic-script article ال.
const arabicArticle = "ال"

// stripArticles removes the Arabic article from a space-separated key: a
// Latin article word that is followed by another word (never the last word,
// so "El" stays "el"), and the ال prefix of an Arabic word of at least two
// further letters.
func stripArticles(k string) string {
	if k == "" || !needsArticleWork(k) {
		return k
	}
	words := strings.Split(k, " ")
	// Right to left, so each article is judged against the next word that
	// is kept; this makes Key idempotent ("as al-Sham" -> "sham").
	keep := make([]bool, len(words))
	next := "" // the next kept word
	for i := len(words) - 1; i >= 0; i-- {
		w := words[i]
		if next != "" {
			if articleAny(w) {
				continue
			}
			if c, ok := articleSun(w); ok && strings.HasPrefix(next, c) {
				continue
			}
		}
		for strings.HasPrefix(w, arabicArticle) && utf8.RuneCountInString(w) >= 4 {
			w = w[len(arabicArticle):]
		}
		words[i] = w
		keep[i] = true
		next = words[i]
	}
	out := words[:0]
	for i, w := range words {
		if keep[i] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// needsArticleWork reports whether k may hold an article: an article word
// before another word, or the Arabic ال. It keeps the common case (no
// article) allocation-free.
func needsArticleWork(k string) bool {
	if strings.Contains(k, arabicArticle) {
		return true
	}
	// Only a word before a space may be a Latin article.
	for start := 0; ; {
		sp := strings.IndexByte(k[start:], ' ')
		if sp < 0 {
			return false
		}
		w := k[start : start+sp]
		if _, sun := articleSun(w); sun || articleAny(w) {
			return true
		}
		start += sp + 1
	}
}
