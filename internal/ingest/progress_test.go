package ingest

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	p := &progress{total: 1000, start: time.Now().Add(-10 * time.Second)}
	line := p.line(Summary{Articles: 50, Events: 400, Failed: []InputError{{Path: "x"}}}, 250, time.Now())
	for _, want := range []string{"[######..................]  25%", "50 articles", "400 events", "5 articles/s", "1 failed", "ETA 30s"} {
		if !strings.Contains(line, want) {
			t.Errorf("progress line %q lacks %q", line, want)
		}
	}
	p.total = -1 // stdin: no bar, no ETA
	if line := p.line(Summary{Articles: 3}, 10, time.Now()); strings.Contains(line, "%") || strings.Contains(line, "ETA") {
		t.Errorf("unknown total: %q", line)
	}
}

func TestProgressNotATerminal(t *testing.T) {
	if isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is not a terminal")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("a regular file is not a terminal")
	}
	// Not a terminal: plain log lines every LogEvery articles, a summary at
	// the end, and nothing written to the progress writer.
	in, _ := newIngester(t)
	var logs bytes.Buffer
	in.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	dir := t.TempDir()
	writeCorpusFiles(t, dir, 12, 3)
	var out bytes.Buffer
	sum, err := in.IngestPaths(context.Background(), []string{dir}, Options{Progress: &out, LogEvery: 5})
	if err != nil || sum.Created != 12 {
		t.Fatalf("%v %v", sum, err)
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q to a non-terminal", out.String())
	}
	if n := strings.Count(logs.String(), "ingest progress"); n != 2 {
		t.Errorf("%d progress log lines for 12 articles every 5, want 2:\n%s", n, logs.String())
	}
	if !strings.Contains(logs.String(), "ingest done") || !strings.Contains(logs.String(), "created=12") {
		t.Errorf("no summary log line:\n%s", logs.String())
	}
}
