package gazetteer

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestNormalizeEquivalences: every spelling in a group gets the same key.
func TestNormalizeEquivalences(t *testing.T) {
	groups := [][]string{
		{"Ḩalab", "Halab", "HALAB", "halab"},
		{"Maʿarrat al-Nuʿmān", "Ma'arrat an-Nu'man", "Maarrat al Numan", "Ma’arrat an Nu’man", "Maʾarrat en-Numan", "Maarat al-Numan"},
		{"Raqqa", "Raqa", "Ar-Raqqa", "ar Raqa"},
		{"Et-Tanf", "al-Tanf", "At Tanf", "Tanf", "Aṭ-Ṭanf", "el Tanf", "AL TANF"},
		{"التنف", "تنف", "التَّنْف", "ٱلتنف"},
		{"Deir ez-Zor", "Deir al-Zor", "Deir az Zor", "Deir Zor", "Deir-ez-Zor"},
		{"Winston-Salem", "Winston Salem", "winston  salem"},
		{"U.S.", "US", "u.s."},
		{"São Paulo", "Sao Paulo"},
		{"إدلب", "ادلب", "أدلب"},
	}
	for _, g := range groups {
		want := Normalize(g[0])
		if want == "" {
			t.Errorf("Normalize(%q) is empty", g[0])
		}
		for _, s := range g[1:] {
			if got := Normalize(s); got != want {
				t.Errorf("Normalize(%q) = %q, want %q (as %q)", s, got, want, g[0])
			}
		}
	}
}

// TestNormalizeKeepsOrdinaryNames: article-like beginnings of ordinary
// names are not articles.
func TestNormalizeKeepsOrdinaryNames(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Anna", "ana"}, {"Asheville", "ashevile"}, {"Adana", "adana"}, {"Arlington", "arlington"},
		{"Alabama", "alabama"}, {"Elmira", "elmira"}, {"An Giang", "an giang"}, {"As", "as"},
		{"Al", "al"}, {"Ash Fork", "ash fork"}, {"Ulm", "ulm"}, {"Ed", "ed"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeBadInput(t *testing.T) {
	for _, s := range []string{"", " ", "\t\r\n ", strings.Repeat("x", 10*1024), "\xff", "Ale\xc3ppo", "---", "'''", "ـــ"} {
		if got := Normalize(s); got != "" {
			t.Errorf("Normalize(%.20q) = %q, want \"\"", s, got)
		}
	}
}

// FuzzNormalize: Normalize never panics, is idempotent, and returns valid
// UTF-8 without stray spaces.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Aleppo", "Et-Tanf", "Maʿarrat al-Nuʿmān", "التَّنْف", "as al-Sham", "", " ", "\xff", strings.Repeat("a", 600), "İstanbul", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Normalize(s)
		if !utf8.ValidString(k) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", s, k)
		}
		if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
			t.Fatalf("Normalize(%q) = %q has stray spaces", s, k)
		}
		if k2 := Normalize(k); k2 != k {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, k, k2)
		}
		if len(k) > 4*len(s) {
			t.Fatalf("Normalize(%q) grew to %d bytes", s, len(k))
		}
	})
}
