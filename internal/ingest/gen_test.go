package ingest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
)

// Generated test corpora: varied English news articles built from sentence
// templates, places the gazetteer knows, actors and date phrases, so that
// crash and speed tests exercise the real parser on realistic text.

var genPlaces = []string{
	"Aleppo", "Damascus", "Idlib", "Homs", "Hama", "Latakia", "Tartus", "Raqqa", "Deir ez-Zor", "Palmyra",
	"Daraa", "Suwayda", "Qamishli", "Hasakah", "Manbij", "Kobani", "Afrin", "Azaz", "al-Bab", "Jarabulus",
	"Saraqib", "Maarat al-Numan", "Khan Shaykhun", "Ariha", "Jisr al-Shughur", "Atareb", "Sarmada", "Douma",
	"Harasta", "Jableh", "Baniyas", "Salamiyah", "Tal Abyad", "Ras al-Ain", "Albu Kamal", "Mayadin", "Quneitra",
	"Beirut", "Baghdad", "Mosul", "Amman", "Gaziantep", "Tripoli", "Erbil", "Tadmur",
}

var genActors = []string{
	"Government forces", "Rebel fighters", "HTS fighters", "Fighters of the Syrian Democratic Forces",
	"Islamic State militants", "Turkish-backed factions", "Russian warplanes", "Pro-government militias",
	"Opposition factions", "Unidentified gunmen", "Hezbollah fighters", "Kurdish units",
}

var genTemplates = []string{
	"%[1]s shelled villages on the outskirts of %[2]s %[3]s, killing %[4]d civilians, rescue workers said.",
	"%[1]s have taken control of %[2]s after days of heavy fighting, according to local monitors.",
	"An air strike hit a market in %[2]s %[3]s, wounding at least %[4]d people.",
	"A roadside bomb exploded near a checkpoint in %[2]s %[3]s, a security source said.",
	"Heavy clashes broke out between %[1]s and army units near %[2]s %[3]s.",
	"Hundreds of people protested in %[2]s %[3]s against rising prices and power cuts.",
	"%[1]s arrested %[4]d young men during a raid in %[2]s, relatives said.",
	"Aid agencies said convoys had reached %[2]s with food and medicine for %[4]d families.",
	"Officials in %[2]s said the situation had calmed after a night of gunfire.",
	"%[1]s recaptured %[2]s %[3]s after a two-week offensive.",
	"Drones targeted a base near %[2]s %[3]s, but no casualties were reported.",
	"Residents of %[2]s described long queues for bread and fuel.",
	"Negotiators from both sides met in %[2]s to discuss a prisoner exchange.",
	"A car bomb killed %[4]d people outside a mosque in %[2]s %[3]s.",
	"Displaced families from %[2]s returned home for the first time since the war began.",
}

var genDates = []string{"on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday", "yesterday", "earlier this week", "on 3 March", "in December", "late on Sunday", ""}

// genArticle returns the i-th generated article as title, text and date.
func genArticle(r *rand.Rand, i int) (title, text string, published time.Time) {
	n := 3 + r.IntN(5)
	var b strings.Builder
	var first string
	for s := 0; s < n; s++ {
		place := genPlaces[r.IntN(len(genPlaces))]
		if s == 0 {
			first = place
		}
		fmt.Fprintf(&b, genTemplates[r.IntN(len(genTemplates))], genActors[r.IntN(len(genActors))], place, genDates[r.IntN(len(genDates))], 2+r.IntN(40))
		if s%3 == 2 {
			b.WriteString("\n\n")
		} else {
			b.WriteString(" ")
		}
	}
	fmt.Fprintf(&b, "\n\nThis is dispatch %d from our correspondents in the region.", i)
	published = time.Date(2024, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
	return fmt.Sprintf("Dispatch %d: fighting and aid around %s", i, first), strings.ReplaceAll(b.String(), "  ", " "), published
}

// writeCorpusJSONL writes n generated articles to path as JSON Lines.
func writeCorpusJSONL(t testing.TB, path string, n int, seed uint64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	r := rand.New(rand.NewPCG(seed, 1))
	for i := range n {
		title, text, pub := genArticle(r, i)
		if err := enc.Encode(map[string]string{"title": title, "text": text, "published": pub.Format(time.DateOnly),
			"url": fmt.Sprintf("https://example.org/gen/%d/%d", seed, i), "source": "generated"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// writeCorpusFiles writes n generated articles as Markdown files with front
// matter into dir.
func writeCorpusFiles(t testing.TB, dir string, n int, seed uint64) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 2))
	for i := range n {
		title, text, pub := genArticle(r, i)
		content := fmt.Sprintf("---\ntitle: %s\ndate: %s\nurl: https://example.org/genmd/%d/%d\n---\n%s\n", title, pub.Format(time.DateOnly), seed, i, text)
		if err := os.WriteFile(fmt.Sprintf("%s/%05d.md", dir, i), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestGeneratedCorpusIsVaried(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	seen := map[string]bool{}
	for i := range 200 {
		_, text, _ := genArticle(r, i)
		first, _, _ := strings.Cut(text, ".")
		seen[first] = true
	}
	if len(seen) < 150 {
		t.Errorf("only %d distinct first sentences in 200 generated articles", len(seen))
	}
}
