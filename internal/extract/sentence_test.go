package extract

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func sentenceTexts(text string) []string {
	var out []string
	for _, s := range Sentences(text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"simple", "Rebels seized Aleppo. The army withdrew.", []string{"Rebels seized Aleppo.", "The army withdrew."}},
		{"U.S. mid-sentence", "The U.S. military's position in Syria remains complicated. It has troops there.",
			[]string{"The U.S. military's position in Syria remains complicated.", "It has troops there."}},
		{"U.S. at the end", "The group is backed by the U.S. The army denied it.", []string{"The group is backed by the U.S.", "The army denied it."}},
		{"titles", "Pentagon spokesperson Maj. Gen. Pat Ryder said so. Dr. Smith agreed.",
			[]string{"Pentagon spokesperson Maj. Gen. Pat Ryder said so.", "Dr. Smith agreed."}},
		{"initials", "President George W. Bush spoke. He left.", []string{"President George W. Bush spoke.", "He left."}},
		{"decimals", "Prices rose 2.5 percent in Damascus. Bread is scarce.", []string{"Prices rose 2.5 percent in Damascus.", "Bread is scarce."}},
		{"quotes", `"We no longer know which road is safe," said a teacher. "Nobody came." He left.`,
			[]string{`"We no longer know which road is safe," said a teacher.`, `"Nobody came."`, "He left."}},
		{"question in quotes then lower case", `"Where is safe?" he asked. They fled.`, []string{`"Where is safe?" he asked.`, "They fled."}},
		{"curly quotes", "“There were no injuries,” she said. “None.” Then silence.", []string{"“There were no injuries,” she said.", "“None.”", "Then silence."}},
		{"paragraph break", "Syrian Rebels Capture Assad's Palace\n\nIn a dramatic turn, rebels advanced.", []string{"Syrian Rebels Capture Assad's Palace", "In a dramatic turn, rebels advanced."}},
		{"single newline before capital", "U.S. Response to the Syrian Conflict\nThe United States finds itself in a bind.", []string{"U.S. Response to the Syrian Conflict", "The United States finds itself in a bind."}},
		{"soft wrap", "Rebels advanced toward\nthe city at dawn.", []string{"Rebels advanced toward\nthe city at dawn."}},
		{"ellipsis", "They waited… Then the shelling began.", []string{"They waited…", "Then the shelling began."}},
		{"abbreviated month", "The base was hit on Oct. 7 and again later. Nobody was hurt.", []string{"The base was hit on Oct. 7 and again later.", "Nobody was hurt."}},
		{"trailing space and no final period", "  Rebels seized Aleppo  ", []string{"Rebels seized Aleppo"}},
		{"empty", "", nil},
		{"only space", " \n\n ", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := sentenceTexts(tc.text); !slices.Equal(got, tc.want) {
				t.Errorf("Sentences(%q) =\n%q\nwant\n%q", tc.text, got, tc.want)
			}
		})
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"U.S. forces. The end.", "\xff.\xfe A.", "“x.” Y", "a\n\nb", "...", "Dr. . . ."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range Sentences(s) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("bad span %v (prev end %d, len %d)", sp, prev, len(s))
			}
			if utf8.ValidString(s) && (!utf8.ValidString(s[sp.Start:sp.End]) || strings.TrimSpace(s[sp.Start:sp.End]) != s[sp.Start:sp.End]) {
				t.Fatalf("span %v of %q not trimmed on rune boundaries: %q", sp, s, s[sp.Start:sp.End])
			}
			prev = sp.End
		}
	})
}

func TestSentencesLongRunsAreCut(t *testing.T) {
	list := "Shelling hit " + strings.Repeat("Aleppo, Homs, Idlib, ", 500) + "and Hama."
	tests := []struct {
		name   string
		text   string
		endsIn string // every piece but the last ends with one of these bytes ("": any rune)
	}{
		{"one place name repeated without punctuation", strings.Repeat("Aleppo ", 100_000), "o"},
		{"a list of places in one sentence", list, ","},
		{"one huge word", strings.Repeat("x", 1<<20), "x"},
		{"one huge word of multi-byte runes", strings.Repeat("حلب", 100_000), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spans := Sentences(tc.text)
			if len(spans) < 2 {
				t.Fatalf("got %d sentences, want the run cut into pieces", len(spans))
			}
			if len(spans) > MaxRunPieces {
				t.Fatalf("got %d pieces of one run, want at most MaxRunPieces (%d)", len(spans), MaxRunPieces)
			}
			covered := 0
			for i, sp := range spans {
				if sp.End-sp.Start > MaxSentenceBytes {
					t.Fatalf("sentence %d is %d bytes, over MaxSentenceBytes", i, sp.End-sp.Start)
				}
				if !utf8.ValidString(tc.text[sp.Start:sp.End]) {
					t.Fatalf("sentence %d is cut inside a rune", i)
				}
				if i < len(spans)-1 && tc.endsIn != "" && !strings.ContainsRune(tc.endsIn, rune(tc.text[sp.End-1])) && !strings.HasSuffix(tc.text[:sp.End], tc.endsIn) {
					t.Errorf("sentence %d ends with %q, want a cut after %q", i, tc.text[sp.End-1:sp.End], tc.endsIn)
				}
				covered += len(strings.Join(strings.Fields(tc.text[sp.Start:sp.End]), ""))
			}
			// The pieces hold the run's head, up to MaxRunPieces of them.
			head := tc.text[:spans[len(spans)-1].End]
			if want := len(strings.Join(strings.Fields(head), "")); covered != want {
				t.Errorf("pieces hold %d non-space bytes, the head of the text %d: text lost or repeated", covered, want)
			}
			if long := len(tc.text) > MaxRunPieces*MaxSentenceBytes; long != (len(spans) == MaxRunPieces) {
				t.Errorf("%d pieces of a run of %d bytes: want MaxRunPieces exactly when the run is longer than they hold", len(spans), len(tc.text))
			}
		})
	}
}

// TestSentencesAfterALongRun: the rest of an over-long run is not read,
// yet the sentences after it are, and sentencesUntil stops at its bound
// with the spans Sentences gives.
func TestSentencesAfterALongRun(t *testing.T) {
	tail := "Shelling hit Aleppo. Rebels entered Homs."
	text := strings.Repeat("x", 1<<20) + ".\n\n" + tail
	spans := Sentences(text)
	if n := len(spans); n != MaxRunPieces+2 {
		t.Fatalf("got %d sentences, want %d pieces of the run and the 2 sentences after it", n, MaxRunPieces+2)
	}
	if got := text[spans[MaxRunPieces].Start:spans[len(spans)-1].End]; got != tail {
		t.Errorf("the sentences after the run read %q, want %q", got, tail)
	}
	for _, stop := range []int{0, 1, MaxSentenceBytes + 1, len(text) - len(tail), len(text) - 5, len(text)} {
		got := sentencesUntil(text, stop)
		var want []Span
		for _, sp := range spans {
			if sp.Start < stop {
				want = append(want, sp)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("sentencesUntil(%d) = %d spans %v…, want the %d of Sentences that start before it", stop, len(got), got[max(0, len(got)-2):], len(want))
		}
	}
}
