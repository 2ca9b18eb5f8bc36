package ingest

import (
	"errors"
	"fmt"
)

// Sentinel errors for bad input. Callers branch on them with errors.Is; the
// HTTP layer maps every one of them (see IsInputError) to 400 Bad Request.
var (
	// ErrEmptyArticle: the article has no text (after any front matter).
	ErrEmptyArticle = errors.New("empty article text")
	// ErrInvalidUTF8: the input is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrTooLarge: an article (or a file) exceeds the configured size limit.
	ErrTooLarge = errors.New("too large")
	// ErrMalformed: the input is not well-formed JSON, front matter, CSV or GeoJSON.
	ErrMalformed = errors.New("malformed input")
	// ErrInvalidRecord: a well-formed record has an invalid or missing value
	// (coordinates out of range, a bad date, no coordinates).
	ErrInvalidRecord = errors.New("invalid record")
	// ErrUnsupported: the file is of a kind this command does not read.
	ErrUnsupported = errors.New("unsupported input")
)

// IsInputError reports whether err is caused by bad input rather than by
// the system (database, context), i.e. whether it wraps one of the sentinel
// errors above.
func IsInputError(err error) bool {
	for _, s := range []error{ErrEmptyArticle, ErrInvalidUTF8, ErrTooLarge, ErrMalformed, ErrInvalidRecord, ErrUnsupported} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// InputError is a failure of one input: a file, or one record (line) of it.
// Line is 1-based; 0 when the failure concerns the whole file.
type InputError struct {
	Path string
	Line int
	Err  error
}

// Error formats the failure as "path:line: message", like a compiler.
func (e InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

// Unwrap returns the underlying error, so errors.Is finds the sentinels.
func (e InputError) Unwrap() error { return e.Err }

// inputErr builds an InputError wrapping a sentinel with a detail message.
func inputErr(path string, line int, sentinel error, format string, args ...any) *InputError {
	return &InputError{Path: path, Line: line, Err: fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))}
}
