package geoparse

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
)

// commonWordsGz is the SCOWL list of common lower-case English words (see
// COMMONWORDS.md).
//
//go:embed commonwords.txt.gz
var commonWordsGz []byte

// loadCommonWords decodes the embedded word list into a set.
func loadCommonWords() (map[string]bool, error) {
	zr, err := gzip.NewReader(bytes.NewReader(commonWordsGz))
	if err != nil {
		return nil, fmt.Errorf("common words: %w", err)
	}
	defer zr.Close()
	set := make(map[string]bool, 40000)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if w := sc.Text(); w != "" {
			set[w] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("common words: %w", err)
	}
	return set, nil
}
