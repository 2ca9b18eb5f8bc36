package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
)

// eachRow calls fn with the tab-separated fields of every non-comment line
// of a plain or gzip'd text file (1-based line numbers).
func eachRow(ctx context.Context, path string, fn func(line int, f []string) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer fh.Close()
	var r io.Reader = fh
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(fh)
		if err != nil {
			return fmt.Errorf("gunzip %s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		if n%65536 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(n, strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("%s line %d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// header maps column names of a TSV header row to their positions.
type header map[string]int

func newHeader(f []string) header {
	h := header{}
	for i, name := range f {
		h[name] = i
	}
	return h
}

// get returns the named column of row f, or "" when absent.
func (h header) get(f []string, name string) string {
	i, ok := h[name]
	if !ok || i >= len(f) {
		return ""
	}
	return f[i]
}
