package geoparse_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"geoevents/internal/geoparse"
)

// checkMentions fails t unless the mentions of text keep Parse's promises.
func checkMentions(t testing.TB, text string, ms []geoparse.Mention) {
	t.Helper()
	prev := -1
	for _, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			t.Fatalf("mention %q at %d..%d outside text of %d bytes", m.Text, m.Start, m.End, len(text))
		}
		if !onBoundary(text, m.Start) || !onBoundary(text, m.End) {
			t.Fatalf("mention %q at %d..%d not on rune boundaries", m.Text, m.Start, m.End)
		}
		if text[m.Start:m.End] != m.Text {
			t.Fatalf("text[%d:%d] = %q, mention says %q", m.Start, m.End, text[m.Start:m.End], m.Text)
		}
		if m.Start < prev {
			t.Fatalf("mentions not sorted by start: %d after %d", m.Start, prev)
		}
		prev = m.Start
		if m.Place == nil {
			t.Fatalf("mention %q without place", m.Text)
		}
		if m.Score < 0 || m.Score > 1 || m.Score != m.Score {
			t.Fatalf("mention %q score %v outside [0,1]", m.Text, m.Score)
		}
		if len(m.Alternatives) > 3 {
			t.Fatalf("mention %q has %d alternatives", m.Text, len(m.Alternatives))
		}
		if m.Kind != geoparse.KindLiteral && m.Kind != geoparse.KindAdjectival {
			t.Fatalf("mention %q kind %q", m.Text, m.Kind)
		}
	}
}

// onBoundary reports whether offset i of s starts a rune, where invalid
// bytes count as one-byte runes (as range and utf8.DecodeRuneInString see
// them).
func onBoundary(s string, i int) bool {
	if i == 0 || i == len(s) {
		return true
	}
	if utf8.RuneStart(s[i]) {
		// a valid rune may not end after i
		for j := max(0, i-3); j < i; j++ {
			if r, n := utf8.DecodeRuneInString(s[j:]); r != utf8.RuneError && j+n > i {
				return false
			}
		}
		return true
	}
	// a continuation byte is a boundary only when it is not inside a valid rune
	for j := max(0, i-3); j < i; j++ {
		if r, n := utf8.DecodeRuneInString(s[j:]); r != utf8.RuneError && j+n > i {
			return false
		}
	}
	return true
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "Aleppo", "Aleppo's market", "the Et-Tanf base near Deir ez-Zor", "Syria TV reported from Idlib",
		"President Bashar al-Assad met Jordan Miles in Palmyra, New York.", "\xff\xfeAleppo\xc3", "U.S.", "al-",
		"Ash-Sharara", "A-B-C-D-E-F-G-H", strings.Repeat("Damascus ", 20), "Côte d'Ivoire", "حلب ودمشق",
	} {
		f.Add(s)
	}
	p := parser(f)
	f.Fuzz(func(t *testing.T, text string) {
		ms, err := p.Parse(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		checkMentions(t, text, ms)
	})
}

// TestParseBadInput feeds the parser text no article has.
func TestParseBadInput(t *testing.T) {
	p := parser(t)
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 1<<20)
	for i := range noise {
		noise[i] = byte(rng.UintN(256))
	}
	article := "Russian airstrikes hit Idlib and Aleppo's eastern districts; Syria TV said the convoy reached Deir ez-Zor. "
	tests := []struct {
		name    string
		text    string
		minMent int
	}{
		{"empty", "", 0},
		{"spaces", strings.Repeat(" \n\t", 1000), 0},
		{"invalid utf8", "\xff\xfe\xfd Aleppo \xc3\x28 Damascus \xe2\x82 Idlib\xf0\x9f", 3},
		{"binary noise", string(noise), 0},
		// Names past the first geoparse.MaxCandidates are not looked at.
		{"10 MB article text", strings.Repeat(article, 10<<20/len(article)+1), geoparse.MaxCandidates * 4 / 6},
		{"100000 repeated names", strings.Repeat("Aleppo ", 100000), geoparse.MaxCandidates},
		{"100000 repeated names, no spaces", strings.Repeat("Aleppo,", 100000), geoparse.MaxCandidates},
		{"long capitalised run", strings.Repeat("Foo ", 200000) + "Aleppo", 0},
		{"one long word", strings.Repeat("a", 1<<20), 0},
		{"hyphen chain", strings.Repeat("Al-", 100000), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := p.Parse(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			checkMentions(t, tt.text, ms)
			if len(ms) < tt.minMent || len(ms) > geoparse.MaxCandidates {
				t.Errorf("%d mentions, want at least %d and at most MaxCandidates", len(ms), tt.minMent)
			}
		})
	}
}

// TestParseLinear checks that allocations grow linearly with the input:
// four times the text (of distinct words, so no cache hides the work)
// allocates at most five times as often. TestWorkLinear counts the steps.
func TestParseLinear(t *testing.T) {
	p := parser(t)
	unit := func(i int) string {
		return fmt.Sprintf("Shelling hit Aleppo, Idlib and Deir ez-Zor; President Bashar al-Assad met Jordan Miles in Palmyra, New York. "+
			"Foo%d Bar%d Baz Qux Damascus. Reading%d is nice. \xff\xfe ", i, i, i)
	}
	build := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(unit(i))
		}
		return b.String()
	}
	allocs := func(text string) float64 {
		return testing.AllocsPerRun(3, func() {
			if _, err := p.Parse(context.Background(), text); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := build(300), build(1200)
	a1, a4 := allocs(small), allocs(large)
	t.Logf("allocs: %d bytes → %.0f, %d bytes → %.0f", len(small), a1, len(large), a4)
	if a1 < 300 || a4 > 5*a1 {
		t.Errorf("4× input took %.0f allocations, 1× took %.0f: not linear", a4, a1)
	}
}

func TestParseCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := parser(t).Parse(ctx, "Aleppo"); err == nil {
		t.Error("want the context's error")
	}
}
