package store

import "errors"

// ErrStorageFull is wrapped by write errors when the database's storage is
// full (disk full, or the size limit the operator set): nothing of the
// write was stored, and retrying will fail until space is freed.
var ErrStorageFull = errors.New("database storage is full")

// ErrReadOnly is wrapped by write errors when the database cannot be
// written (read-only file, directory or medium).
var ErrReadOnly = errors.New("database is read-only")
