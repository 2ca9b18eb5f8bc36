package extract

import (
	"strconv"
	"strings"
)

// numberWords are the English number words reports spell out.
var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "single": 1, "lone": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"couple": 2, "pair": 2, "dozen": 12, "both": 2,
}

// Vague quantities, as ACLED's codebook codes them: "several", "many" and
// other unnumbered plurals are 10, "dozens" 12, "hundreds" 100.
const (
	vaguePlural   = 10
	vagueDozens   = 12
	vagueHundreds = 100
)

// vagueWords are quantity words without a number, with ACLED's reading.
var vagueWords = map[string]int{
	"several": vaguePlural, "many": vaguePlural, "numerous": vaguePlural, "scores": vaguePlural, "some": vaguePlural, "some of": vaguePlural,
	"multiple": vaguePlural, "a number of": vaguePlural, "a few": vaguePlural, "unknown number of": vaguePlural,
	"an unknown number of": vaguePlural, "unspecified number of": vaguePlural, "an unspecified number of": vaguePlural,
	"dozens": vagueDozens, "dozens of": vagueDozens, "tens": vagueDozens, "tens of": vagueDozens,
	"hundreds": vagueHundreds, "hundreds of": vagueHundreds,
}

// reQuantity finds a quantity: "at least 12", "more than 1,000", "12-15",
// "between 3 and 5", "2 000", "twenty-one", "a dozen", "dozens of",
// "several". Group 1 is the qualifier, 2 the first number, 3 the second of
// a range.
var reQuantity = pat(`(?i)\b(between|at least|at most|more than|over|nearly|almost|about|around|approximately|some|up to|as many as|roughly|an estimated|estimated|around)?\s*` +
	`(\d{1,3}(?:[, ]\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|` +
	`one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|a couple of|a pair of|both|` +
	`some of|several|many|numerous|scores of|scores|dozens of|dozens|tens of|hundreds of|hundreds|a number of|a few|multiple|(?:an? )?(?:unknown|unspecified) number of)` +
	`(?:\s*(?:-|–|to|and)\s*(\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty))?\b`)

// quantity is a number read from text, with whether it was vague.
type quantity struct {
	n     int
	vague bool
	text  string
}

// parseQuantity reads one match of reQuantity: ranges give their lower
// figure, qualifiers ("at least", "more than") the number stated, and
// vague words ACLED's figures.
func parseQuantity(s string, m []int) (quantity, bool) {
	q := quantity{text: s[m[0]:m[1]]}
	first := strings.ToLower(s[m[4]:m[5]])
	if v, ok := vagueWords[first]; ok {
		return quantity{n: v, vague: true, text: q.text}, true
	}
	n, ok := wordNumber(first)
	if !ok {
		return q, false
	}
	between := m[2] >= 0 && strings.EqualFold(s[m[2]:m[3]], "between")
	if m[6] >= 0 && (between || !strings.Contains(strings.ToLower(s[m[5]:m[6]]), "and")) {
		if n2, ok := wordNumber(strings.ToLower(s[m[6]:m[7]])); ok && n2 < n {
			n = n2 // a range gives its lower figure
		}
	}
	q.n = n
	return q, true
}

// wordNumber reads digits (with thousands separators) or number words.
func wordNumber(w string) (int, bool) {
	w = strings.TrimSpace(w)
	switch {
	case w == "a dozen":
		return 12, true
	case w == "a couple of" || w == "a pair of":
		return 2, true
	}
	if d := strings.NewReplacer(",", "", " ", "").Replace(w); d != "" && d[0] >= '0' && d[0] <= '9' {
		n, err := strconv.Atoi(d)
		return n, err == nil && n < 1_000_000
	}
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == ' ' })
	total := 0
	for _, p := range parts {
		v, ok := numberWords[p]
		if !ok {
			return 0, false
		}
		total += v
	}
	return total, len(parts) > 0
}
