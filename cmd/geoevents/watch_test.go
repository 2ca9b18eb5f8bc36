package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// watch and serve --feeds refuse bad feed lists with a usage error (exit
// 2) naming what is wrong, before touching the database.
func TestWatchUsageErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("https://a.example/rss\nnot a url\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, []byte("# nothing yet\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "never.db")
	tests := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"watch"}, 2, "needs feed URLs or --feeds"},
		{[]string{"watch", "ftp://a.example/x"}, 2, "not an absolute http(s) URL"},
		{[]string{"watch", "--feeds", bad}, 2, "line 2"},
		{[]string{"watch", "--feeds", empty}, 2, "the feed list is empty"},
		{[]string{"watch", "--feeds", filepath.Join(dir, "missing.txt")}, 1, "no such file"},
		{[]string{"watch", "--interval", "10ms", "https://a.example/rss"}, 2, "--interval"},
		{[]string{"serve", "--feeds", bad, "--addr", "127.0.0.1:0"}, 2, "line 2"},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(t, map[string]string{"GEOEVENTS_DB": db}, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.says) {
			t.Errorf("%v: exit %d, stderr %q; want %d saying %q", tt.args, code, stderr, tt.code, tt.says)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a refused watch created the database")
	}
}
