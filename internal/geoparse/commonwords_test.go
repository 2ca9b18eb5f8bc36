package geoparse

import (
	"bytes"
	"compress/gzip"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "regenerate commonwords.txt.gz from the scowl package")

// TestCommonWordsFile checks the embedded list, and with -update rebuilds
// it from /usr/share/dict/scowl.
func TestCommonWordsFile(t *testing.T) {
	if *update {
		var words []string
		word := regexp.MustCompile(`^[a-z]{3,}$`)
		for _, size := range []string{"10", "20", "35"} {
			data, err := os.ReadFile(filepath.Join("/usr/share/dict/scowl", "english-words."+size))
			if err != nil {
				t.Fatalf("scowl not installed (apt-get install scowl): %v", err)
			}
			for _, w := range strings.Split(string(data), "\n") {
				if word.MatchString(w) {
					words = append(words, w)
				}
			}
		}
		slices.Sort(words)
		words = slices.Compact(words)
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write([]byte(strings.Join(words, "\n") + "\n"))
		zw.Close()
		if err := os.WriteFile("commonwords.txt.gz", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	set, err := loadCommonWords()
	if err != nil {
		t.Fatal(err)
	}
	if len(set) < 20000 {
		t.Errorf("%d common words, want the SCOWL 10-35 list (~38,000)", len(set))
	}
	for _, w := range []string{"hospital", "park", "reading", "nice", "sham"} {
		if !set[w] {
			t.Errorf("%q missing", w)
		}
	}
	for _, w := range []string{"aleppo", "damascus", "idlib", "syria"} {
		if set[w] {
			t.Errorf("%q is a place, not a common word", w)
		}
	}
}
