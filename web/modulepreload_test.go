package web_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

var (
	moduleScript  = regexp.MustCompile(`<script type="module" src="/static/js/([a-z]+\.js)">`)
	modulePreload = regexp.MustCompile(`<link rel="modulepreload" href="/static/js/([a-z]+\.js)">`)
	moduleImport  = regexp.MustCompile(`(?m)^import\b[^;]*?"\./([a-z]+\.js)";`)
)

// TestIndexPreloadsModules checks that index.html preloads every module
// its module scripts import, directly or not, and nothing else. Without
// the preloads the browser finds the imports level by level (main.js,
// then its 17 imports, then theirs), three round trips before the map's
// first request (issue 14: 0.42 s of a 1.7 s first view).
func TestIndexPreloadsModules(t *testing.T) {
	dir := filepath.Join("static", "js")
	html, err := os.ReadFile(filepath.Join("static", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var entries, preloaded []string
	for _, m := range moduleScript.FindAllSubmatch(html, -1) {
		entries = append(entries, string(m[1]))
	}
	for _, m := range modulePreload.FindAllSubmatch(html, -1) {
		preloaded = append(preloaded, string(m[1]))
	}
	if len(entries) == 0 {
		t.Fatal("index.html has no module scripts")
	}
	imported := map[string]bool{}
	queue := slices.Clone(entries)
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("module %s: %v", name, err)
		}
		for _, m := range moduleImport.FindAllSubmatch(src, -1) {
			if dep := string(m[1]); !imported[dep] {
				imported[dep] = true
				queue = append(queue, dep)
			}
		}
	}
	for dep := range imported {
		if !slices.Contains(preloaded, dep) && !slices.Contains(entries, dep) {
			t.Errorf("index.html does not preload %s, which the scripts import", dep)
		}
	}
	for _, p := range preloaded {
		if !imported[p] {
			t.Errorf("index.html preloads %s, which no script imports", p)
		}
	}
	t.Logf("%d module scripts, %d modules preloaded", len(entries), len(preloaded))
}
