package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"geoevents/internal/store"
)

// readOnlyMode decides how a read-only open reads path: the file must
// exist (a read-only open creates nothing), and when its directory cannot
// be written SQLite could not create the WAL's shared-memory file, so the
// database is opened immutable (no locks, no WAL): right for read-only
// media, which nothing writes. A WAL file still holding writes there would
// be ignored by an immutable open, so that case is refused with what to do.
func readOnlyMode(path string, opts *Options) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("no database file %s (a read-only open creates nothing)", path)
	case err != nil:
		return err
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file", path)
	}
	if dirWritable(filepath.Dir(path)) {
		return nil
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return fmt.Errorf("its directory is read-only and %s-wal holds writes not yet in the database file: open it once writable, or copy it with its -wal and -shm files to a writable directory", path)
	}
	opts.immutable = true
	return nil
}

// dirWritable reports whether this process may create files in dir, as
// the kernel decides (permissions, read-only mounts; root passes
// permission checks but not a read-only mount).
func dirWritable(dir string) bool {
	return syscall.Access(dir, 2 /* W_OK */) == nil
}

// checkVersion is migrate for a read-only open: the schema must be this
// program's, since bringing it up to date would write.
func checkVersion(ctx context.Context, db *sql.DB) error {
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	switch {
	case version > len(migrations):
		return fmt.Errorf("%w: version %d, this program knows up to %d (upgrade geoevents)", store.ErrSchemaTooNew, version, len(migrations))
	case version < len(migrations):
		return fmt.Errorf("%w: version %d, this program's is %d: open it once without --read-only (writable) to upgrade it", store.ErrSchemaTooOld, version, len(migrations))
	}
	return nil
}
