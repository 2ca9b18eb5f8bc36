package namekey

import "strings"

// Spelling returns the spelling key of a matching key (Key's output): the
// consonant skeleton romanisations of one Arabic, Kurdish, Persian or
// Ukrainian name share however they write its vowels and its sounds
// English lacks. Per word:
//
//   - the digraphs of one sound count once: kh = h (Khmeimim, Hmeimim),
//     sh = ch (French Mchaïrfé), dh = z, th = t, gh = g, zh = j (Ukrainian
//     ж), dj = j (Djebel);
//   - q, k, g and c are one letter (Qamishli, Kamishli; Gamal, Qamal);
//   - vowels are dropped, and so are y and w beside a vowel (e/a, ei/ay,
//     ou/u: Msheirfeh = Mushayrifah, Zor = Zawr, Bouatni = Buatni), and h
//     after the last vowel of a word (the -eh, -ah, -a of Qabliyeh,
//     Qibliyah, Zeita);
//   - a doubled letter counts once (Hazzeh, Hazeh); the articles are already
//     gone (Key drops al-, el-, ad-, ash-...).
//
// So Msheirfeh Qabliyeh and Mushayrifah Qibliyah both give "mSrf kbl" (S
// stands for sh), Kyiv and Kiev "kv", Kharkiv and Kharkov "hrkv", Odesa and
// Odessa "ds". Words in
// other scripts are kept as they are. The key is lossy by design (Homs and
// Hamas share "hms"): it is a fallback for names found under no spelling,
// to be weighed with the rest of the text. Spelling never panics; callers
// key the gazetteer's keys and the text's keys the same way.
func Spelling(key string) string {
	if key == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(key))
	for i, w := range strings.Split(key, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		spellWord(&b, w)
	}
	return strings.TrimSpace(strings.Join(strings.Fields(b.String()), " "))
}

// spellWord writes the skeleton of one word; a word that is not plain
// lower-case ASCII (Arabic script, digits mixed in) is written unchanged.
func spellWord(b *strings.Builder, w string) {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			b.WriteString(w)
			return
		}
	}
	lastVowel := -1
	for i := len(w) - 1; i >= 0; i-- {
		if isVowel(w[i]) {
			lastVowel = i
			break
		}
	}
	var prev byte // the last consonant unit written
	for i := 0; i < len(w); i++ {
		c := w[i]
		var next byte
		if i+1 < len(w) {
			next = w[i+1]
		}
		unit := c
		switch {
		case isVowel(c):
			prev = 0 // a vowel between two equal consonants keeps both
			continue
		case (c == 'y' || c == 'w') && (i > 0 && isVowel(w[i-1]) || isVowel(next)):
			prev = 0
			continue
		case c == 'k' && next == 'h', c == 'g' && next == 'h':
			unit = map[byte]byte{'k': 'h', 'g': 'k'}[c]
			i++
		case c == 's' && next == 'h', c == 'c' && next == 'h':
			unit = 'S'
			i++
		case c == 'd' && next == 'h':
			unit = 'z'
			i++
		case c == 't' && next == 'h':
			unit = 't'
			i++
		case c == 'z' && next == 'h', c == 'd' && next == 'j':
			unit = 'j'
			i++
		case c == 'h' && i > lastVowel && lastVowel >= 0 && i == len(w)-1:
			continue // the -ah, -eh of a word's end
		case c == 'q' || c == 'k' || c == 'g' || c == 'c':
			unit = 'k'
		case c == 'w':
			unit = 'v'
		case c == 'y':
			continue // y between consonants is a vowel too (Yakhtul, Ikhtul)
		}
		if unit == prev {
			continue // a doubled letter or digraph
		}
		b.WriteByte(unit)
		prev = unit
	}
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}
