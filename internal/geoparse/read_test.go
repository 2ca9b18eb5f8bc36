package geoparse_test

import (
	"context"
	"strings"
	"testing"

	"geoevents/internal/geoparse"
)

// TestParseReadSaysHowFar: ParseRead reads an ordinary text whole, and a
// hostile one up to where a bound stopped it (MaxCandidates names,
// MaxTokens words), at the start of a word, with every mention before it.
func TestParseReadSaysHowFar(t *testing.T) {
	p := parser(t)
	article := "Russian airstrikes hit Idlib and Aleppo's eastern districts; Syria TV said the convoy reached Deir ez-Zor. "
	tests := []struct {
		name  string
		text  string
		whole bool
	}{
		{"an article", article, true},
		{"an article of 4,000 words", strings.Repeat(article, 250), true},
		{"one long word", strings.Repeat("x", 1<<20), true},
		{"more names than MaxCandidates", strings.Repeat("Aleppo ", geoparse.MaxCandidates+10), false},
		{"more words than MaxTokens", strings.Repeat("and ", geoparse.MaxTokens) + "Aleppo", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms, read, err := p.ParseRead(context.Background(), tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if whole := read == len(tc.text); whole != tc.whole {
				t.Fatalf("read %d of %d bytes, want whole=%v", read, len(tc.text), tc.whole)
			}
			if read < len(tc.text) && (read <= 0 || tc.text[read-1] != ' ') {
				t.Errorf("read up to %d, not the start of a word: %q", read, tc.text[max(0, read-10):min(len(tc.text), read+10)])
			}
			for _, m := range ms {
				if m.Start >= read {
					t.Fatalf("mention %q at %d, past the %d bytes read", m.Text, m.Start, read)
				}
			}
			plain, err := p.Parse(context.Background(), tc.text)
			if err != nil || len(plain) != len(ms) {
				t.Errorf("Parse found %d mentions (%v), ParseRead %d", len(plain), err, len(ms))
			}
		})
	}
}
