package postgis

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"

	"geoevents/internal/store"
)

// SQLSTATE classes and codes that callers branch on.
const (
	stateDiskFull = "53100" // disk_full
	stateReadOnly = "25006" // read_only_sql_transaction: a standby, or default_transaction_read_only
)

// storageErr wraps err with the store's sentinel for the server condition
// behind it (full storage, a read-only server), as the SQLite store does,
// so the web answers 507 or 503 saying nothing was stored.
func storageErr(err error) error {
	var pgErr *pgconn.PgError
	if err == nil || !errors.As(err, &pgErr) {
		return err
	}
	switch pgErr.Code {
	case stateDiskFull:
		return fmt.Errorf("%w: %w", store.ErrStorageFull, err)
	case stateReadOnly:
		return fmt.Errorf("%w: %w", store.ErrReadOnly, err)
	}
	return err
}
