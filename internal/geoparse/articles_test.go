package geoparse_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"geoevents/geo"
	"geoevents/internal/geoparse"
	"geoevents/internal/testenv"
)

// TestSharedArticles checks the two source articles: every mention of the
// key Syrian places resolves within 25 km, and no person, organisation or
// medium is taken for a place.
func TestSharedArticles(t *testing.T) {
	dir := testenv.SharedDir(t, "articles")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles in %s: %v", dir, err)
	}
	truth := map[string][2]float64{ // lat, lon
		"aleppo":   {36.20124, 37.16117},
		"damascus": {33.5102, 36.2913},
		"idlib":    {35.9306, 36.6339},
		"palmyra":  {34.5600, 38.2800},
		"et-tanf":  {33.506, 38.618},
	}
	forbidden := []string{"Syria TV", "al-Assad", "Assad al-Shibani", "Ash-Sharara", "Al-Ikhbaria", "Hayat Tahrir al-Sham"}
	p := parser(t)
	seen := map[string]int{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		ms, err := p.Parse(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		covered := make([]bool, len(text))
		for _, m := range ms {
			for i := m.Start; i < m.End; i++ {
				covered[i] = true
			}
			name := strings.ToLower(m.Text)
			if want, ok := truth[name]; ok {
				seen[name]++
				if d := geo.DistanceKm(m.Place.Lon, m.Place.Lat, want[1], want[0]); d > 25 {
					t.Errorf("%s: %q at %d → %s (%s) %.4f,%.4f is %.0f km off", filepath.Base(f), m.Text, m.Start, m.Place.Name, m.Place.CountryCode, m.Place.Lat, m.Place.Lon, d)
				}
			}
		}
		// Every occurrence of the key names must have been found.
		for name := range truth {
			for off := 0; ; {
				i := strings.Index(strings.ToLower(text[off:]), name)
				if i < 0 {
					break
				}
				i += off
				if !covered[i] {
					t.Errorf("%s: %q at %d not recognised", filepath.Base(f), text[i:i+len(name)], i)
				}
				off = i + len(name)
			}
		}
		for _, fb := range forbidden {
			for off := 0; ; {
				i := strings.Index(text[off:], fb)
				if i < 0 {
					break
				}
				i += off
				for _, m := range ms {
					if m.Start < i+len(fb) && m.End > i {
						t.Errorf("%s: mention %q at %d inside %q", filepath.Base(f), m.Text, m.Start, fb)
					}
				}
				off = i + len(fb)
			}
		}
		// Lone "Assad" is the man throughout both articles.
		for _, m := range ms {
			if strings.Contains(m.Text, "Assad") || m.Text == "Sham" {
				t.Errorf("%s: %q at %d taken for a place", filepath.Base(f), m.Text, m.Start)
			}
		}
		logMentions(t, filepath.Base(f), ms)
	}
	for name := range truth {
		if seen[name] == 0 {
			t.Errorf("%s never found", name)
		}
	}
}

func logMentions(t *testing.T, name string, ms []geoparse.Mention) {
	t.Helper()
	var b strings.Builder
	for _, m := range ms {
		b.WriteString("\n  " + m.Text + " → " + m.Place.Name + " (" + m.Place.FeatureCode + ", " + m.Place.CountryCode + ") " + string(m.Kind))
	}
	t.Logf("%s: %d mentions%s", name, len(ms), b.String())
}
