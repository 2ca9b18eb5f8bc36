package geoparse

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"geoevents/gazetteer"
)

// TestWorkLinear counts the parser's inner-loop steps (a deterministic
// measure, unlike time) and expects four times the text to take at most
// five times the work, for texts built to stress each bounded loop: long
// capitalised runs, repeated names, sentence-initial common words, people.
func TestWorkLinear(t *testing.T) {
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	p := New(g)
	units := map[string]func(i int) string{
		"article": func(i int) string {
			return fmt.Sprintf("Shelling hit Aleppo and Town%d near Idlib province. Reading%d is nice. "+
				"President Qux%d al-Assad met Jordan Miles in Palmyra, New York. Syria TV said Georgia%d was calm. ", i, i, i, i)
		},
		"repeated name":   func(int) string { return "Aleppo " },
		"capitalised run": func(i int) string { return fmt.Sprintf("Foo%d Bar Baz Qux Aleppo ", i) },
		"sentence starts": func(i int) string { return fmt.Sprintf("Nice%d day. Reading. Mobile. Hama. ", i) },
	}
	for name, unit := range units {
		t.Run(name, func(t *testing.T) {
			build := func(n int) string {
				var b strings.Builder
				for i := 0; i < n; i++ {
					b.WriteString(unit(i))
				}
				return b.String()
			}
			work := func(text string) int {
				w, err := p.analyze(context.Background(), text, &scratch{})
				if err != nil {
					t.Fatal(err)
				}
				return w
			}
			small, large := build(2000), build(8000)
			w1, w4 := work(small), work(large)
			t.Logf("%d bytes → %d steps, %d bytes → %d steps", len(small), w1, len(large), w4)
			if w1 == 0 || w4 > 5*w1 {
				t.Errorf("4× the text took %d steps, 1× took %d: not linear", w4, w1)
			}
		})
	}
}
