package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"geoevents/internal/store"
)

// dbExists reports whether the database a --db DSN names may hold data: a
// server URL always may (the server decides), a SQLite file when it exists,
// so that read-only commands never create an empty file.
func dbExists(dsn string) bool {
	if store.IsPostgresDSN(dsn) {
		return true
	}
	if p, ok := strings.CutPrefix(dsn, "file://"); ok {
		return fileExists(p)
	}
	p, _ := strings.CutPrefix(dsn, "file:")
	return fileExists(p)
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// openInput opens a file argument, or standard input for "-" or no argument.
func openInput(sio stdio, args []string) (io.ReadCloser, string, error) {
	if len(args) == 0 || args[0] == "-" {
		return io.NopCloser(sio.in), "stdin", nil
	}
	if len(args) > 1 {
		return nil, "", usagef("expected one input file, got %d", len(args))
	}
	f, err := os.Open(args[0])
	if err != nil {
		return nil, "", fmt.Errorf("open input: %w", err)
	}
	return f, args[0], nil
}

// createOutput creates the -o file, or returns standard output for "" or "-".
// Closing the result flushes it to disk and reports write errors.
func createOutput(sio stdio, path string) (io.WriteCloser, error) {
	if path == "" || path == "-" {
		return nopWriteCloser{sio.out}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create output: %w", err)
	}
	return f, nil
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }
