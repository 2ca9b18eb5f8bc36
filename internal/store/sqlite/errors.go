package sqlite

import (
	"errors"
	"fmt"

	msqlite "modernc.org/sqlite"

	"geoevents/internal/store"
)

// SQLite's primary result codes that callers branch on (the low byte of
// an extended code).
const (
	codeReadOnly = 8  // SQLITE_READONLY
	codeFull     = 13 // SQLITE_FULL
)

// storageErr wraps err with the store's sentinel for the SQLite condition
// behind it (full storage, read-only storage), so the web and the CLI can
// say what is wrong instead of "internal error".
func storageErr(err error) error {
	var se *msqlite.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case codeFull:
		return fmt.Errorf("%w: %w", store.ErrStorageFull, err)
	case codeReadOnly:
		return fmt.Errorf("%w: %w", store.ErrReadOnly, err)
	}
	return err
}
