// Command geoevents is the geoevents binary: it ingests news articles into
// geocoded events, serves them over HTTP (API, OGC API – Features, web map),
// exports them, and looks up places in the built-in gazetteer.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr, getenv: os.Getenv, lookupEnv: os.LookupEnv})
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// stdio is the process environment a command sees; tests pass their own.
type stdio struct {
	in     io.Reader
	out    io.Writer
	err    io.Writer
	getenv func(string) string
	// lookupEnv tells a blank variable from an unset one; nil: getenv's
	// non-empty values count as set.
	lookupEnv func(string) (string, bool)
}

// usageError is a mistake in how the command was called (exit code 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// errHelp means --help was asked for and printed: exit 0.
var errHelp = errors.New("help printed")

// exitCode maps run's error to the process exit code, printing a one-line
// message for failures: 0 ok, 1 runtime error, 2 usage error.
func exitCode(err error, stderr io.Writer) int {
	var ue *usageError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "geoevents: %s\n", ue.msg)
		return 2
	case errors.Is(err, context.Canceled):
		return 1
	default:
		fmt.Fprintf(stderr, "geoevents: %v\n", err)
		return 1
	}
}
