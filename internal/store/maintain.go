package store

import "context"

// Backuper is a store that can write a consistent copy of itself while it
// is in use (readers and writers go on). The copy is a database the same
// backend opens as it is: restoring is opening it.
type Backuper interface {
	Backup(ctx context.Context, path string) error
}

// Checker is a store that can verify its own integrity: storage, spatial
// and text indexes, and derived counts. The error says what is wrong.
type Checker interface {
	IntegrityCheck(ctx context.Context) error
}
