package geoparse

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		text  string
		words []string // token texts
		check func(t *testing.T, toks []token)
	}{
		{"Aleppo's market", []string{"Aleppo", "market"}, func(t *testing.T, toks []token) {
			if !toks[0].is(fPossess) || !toks[0].is(fCap) || !toks[0].is(fSentStart) {
				t.Errorf("Aleppo flags %b", toks[0].flags)
			}
		}},
		{"Aleppo’s market", []string{"Aleppo", "market"}, nil},
		{"to the U.S. base", []string{"to", "the", "U.S.", "base"}, func(t *testing.T, toks []token) {
			if !toks[2].is(fUpper) {
				t.Error("U.S. not upper")
			}
		}},
		{"the Et-Tanf base", []string{"the", "Et", "Tanf", "base"}, func(t *testing.T, toks []token) {
			if toks[2].sep != sepHyphen || toks[1].sep != sepSpace {
				t.Errorf("seps %d %d", toks[1].sep, toks[2].sep)
			}
		}},
		{"Maj. Gen. Pat Ryder said.", []string{"Maj", "Gen", "Pat", "Ryder", "said"}, func(t *testing.T, toks []token) {
			for _, k := range []int{1, 2, 3} {
				if toks[k].is(fSentStart) || toks[k].sep != sepSpace {
					t.Errorf("%d: flags %b sep %d", k, toks[k].flags, toks[k].sep)
				}
			}
		}},
		{"in Homs. Damascus, Syria", []string{"in", "Homs", "Damascus", "Syria"}, func(t *testing.T, toks []token) {
			if !toks[2].is(fSentStart) || toks[2].sep != sepOther || toks[3].sep != sepComma {
				t.Errorf("flags %b seps %d %d", toks[2].flags, toks[2].sep, toks[3].sep)
			}
		}},
		{"Ma'arrat al-Nu'man", []string{"Ma'arrat", "al", "Nu'man"}, nil},
		{"well- known", []string{"well", "known"}, func(t *testing.T, toks []token) {
			if toks[1].sep == sepHyphen {
				t.Error("spaced hyphen joined words")
			}
		}},
		{"Ḥamāh and حلب", []string{"Ḥamāh", "and", "حلب"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			toks := tokenize(nil, tt.text)
			var got []string
			for _, tk := range toks {
				got = append(got, tt.text[tk.start:tk.end])
			}
			if strings.Join(got, "|") != strings.Join(tt.words, "|") {
				t.Fatalf("words %q, want %q", got, tt.words)
			}
			if tt.check != nil {
				tt.check(t, toks)
			}
		})
	}
}

func TestTokenizeRuneBoundaries(t *testing.T) {
	inputs := []string{"\xff\xfeAleppo\xc3", "Syr\xe2\x80ia's", "a'\xffs", "U.\xff.", "-\xff-A", strings.Repeat("\x80", 10)}
	for _, in := range inputs {
		for _, tk := range tokenize(nil, in) {
			if tk.start < 0 || tk.end > len(in) || tk.start > tk.end {
				t.Fatalf("%q: token %d..%d out of range", in, tk.start, tk.end)
			}
			if !boundary(in, tk.start) || !boundary(in, tk.end) {
				t.Fatalf("%q: token %d..%d not on rune boundaries", in, tk.start, tk.end)
			}
		}
	}
}

// boundary reports whether i starts a rune (or a lone invalid byte) of s.
func boundary(s string, i int) bool {
	if i == 0 || i == len(s) {
		return true
	}
	for j := 0; j < len(s); {
		if j == i {
			return true
		}
		if j > i {
			return false
		}
		_, n := utf8.DecodeRuneInString(s[j:])
		j += n
	}
	return false
}

func TestMarkHeadlines(t *testing.T) {
	text := "Syrian Rebels Capture Assad's Palace Amid Escalating Conflict\nIn a dramatic turn of events, rebels took Aleppo."
	toks := tokenize(nil, text)
	markHeadlines(toks)
	for _, tk := range toks {
		inHeadline := tk.start < strings.IndexByte(text, '\n')
		if tk.is(fHeadline) != inHeadline {
			t.Errorf("%q: headline=%v, want %v", text[tk.start:tk.end], tk.is(fHeadline), inHeadline)
		}
	}
}
