package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"geoevents/internal/testenv"
)

// TestBuildDeterministicAndCurrent runs the generator twice into temporary
// folders: the outputs must be byte-identical (determinism) and identical
// to the committed artefact (it is up to date with its sources).
func TestBuildDeterministicAndCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole gazetteer twice")
	}
	src := testenv.SharedDir(t, "data")
	committed := filepath.Join(testenv.RepoRoot(t), "gazetteer", "data")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var outs []string
	for range 2 {
		out := t.TempDir()
		if err := run(context.Background(), log, src, committed, out); err != nil {
			t.Fatalf("run: %v", err)
		}
		outs = append(outs, out)
	}
	for _, name := range []string{artefactFile, codesFile} {
		a := readFile(t, filepath.Join(outs[0], name))
		b := readFile(t, filepath.Join(outs[1], name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs: the build is not deterministic", name)
		}
		if c := readFile(t, filepath.Join(committed, name)); !bytes.Equal(a, c) {
			t.Errorf("committed %s is stale: run go generate ./gazetteer", name)
		}
	}
}

func TestBuildRejectsMissingSource(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	err := run(context.Background(), log, t.TempDir(), t.TempDir(), t.TempDir())
	if err == nil {
		t.Fatal("run with an empty source folder succeeded")
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
