package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"geoevents/internal/store"
)

var (
	_ store.Backuper = (*Store)(nil)
	_ store.Checker  = (*Store)(nil)
)

// Backup writes a consistent, compacted copy of the database to path with
// VACUUM INTO, from one read transaction: writes go on meanwhile and are
// not in the copy. The copy is written beside path and renamed into place,
// so path is never a half-written database; an existing file at path is
// refused rather than overwritten.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("backup: %s exists; choose a new file", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	os.Remove(tmpPath) // VACUUM INTO wants to create the file itself
	defer os.Remove(tmpPath)
	// A connection of its own: the readers are query_only, and the single
	// writer would hold up every write for the length of the copy. In WAL
	// mode the copy's read transaction blocks no one.
	db, err := sql.Open("sqlite", dsn(s.path, false, Options{}))
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	_, err = db.ExecContext(ctx, "VACUUM INTO ?", tmpPath)
	db.Close()
	if err != nil {
		return fmt.Errorf("backup: %w", storageErr(err))
	}
	if err := os.Rename(tmpPath, path); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}
