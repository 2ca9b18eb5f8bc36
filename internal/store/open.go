package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// ErrSchemaTooNew is wrapped by Open's error when the database was written
// by a newer version of geoevents (its schema version is beyond the
// migrations this program knows): it is refused, never downgraded.
var ErrSchemaTooNew = errors.New("database schema is newer than this program")

// ErrSchemaTooOld is wrapped by a read-only Open's error when the database
// was written by an older version of geoevents: migrating it would write,
// so it must be opened once writable (by this version) to upgrade it.
var ErrSchemaTooOld = errors.New("database schema is older than this program")

// ErrUnknownBackend is wrapped by Open's error when no registered backend
// accepts the DSN.
var ErrUnknownBackend = errors.New("no store backend for this DSN")

// Backend is a storage implementation that Open can choose by DSN.
type Backend struct {
	// Name names the backend in messages ("sqlite", "postgis").
	Name string
	// Accepts reports whether the backend opens dsn.
	Accepts func(dsn string) bool
	// Open opens (creating or migrating as needed) the store at dsn.
	Open func(ctx context.Context, dsn string, opts OpenOptions) (Store, error)
}

// OpenOptions say how a store is opened.
type OpenOptions struct {
	// ReadOnly opens the database for reading only: nothing is created or
	// migrated (a schema older than the program's fails with
	// ErrSchemaTooOld), and every write fails with ErrReadOnly. It serves
	// and exports from read-only media, snapshots and standbys.
	ReadOnly bool
	// CacheBytes bounds the database's page caches in this process, all
	// connections together (SQLite; a PostgreSQL server keeps its own);
	// 0: the backend's default.
	CacheBytes int64
}

// backends are the registered backends, tried in registration order.
// Registration happens from the backends' init functions, so the list is
// fixed before main runs; the lock only keeps the race detector content.
var backends struct {
	sync.RWMutex
	list []Backend
}

// Register makes a backend available to Open. Backends call it from an
// init function; a program links the backends it wants by importing them
// (package internal/store/all imports every one). A second backend of the
// same name panics, as a programming error.
func Register(b Backend) {
	backends.Lock()
	defer backends.Unlock()
	if slices.ContainsFunc(backends.list, func(o Backend) bool { return o.Name == b.Name }) {
		panic("store: backend " + b.Name + " registered twice")
	}
	backends.list = append(backends.list, b)
}

// Open opens the store a DSN names: a PostgreSQL URL
// (postgres://user:pass@host:5432/db or postgresql://…) opens PostGIS; a
// file path or a file: URI opens SQLite. The backend must be linked in
// (see Register).
func Open(ctx context.Context, dsn string) (Store, error) {
	return OpenWith(ctx, dsn, OpenOptions{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, dsn string, opts OpenOptions) (Store, error) {
	if strings.TrimSpace(dsn) == "" {
		return nil, errors.New("open store: empty DSN")
	}
	backends.RLock()
	list := slices.Clone(backends.list)
	backends.RUnlock()
	for _, b := range list {
		if b.Accepts(dsn) {
			st, err := b.Open(ctx, dsn, opts)
			if err != nil {
				return nil, fmt.Errorf("open %s store %s: %w", b.Name, Redact(dsn), err)
			}
			return st, nil
		}
	}
	return nil, fmt.Errorf("open store %s: %w (linked: %s)", Redact(dsn), ErrUnknownBackend, backendNames(list))
}

func backendNames(list []Backend) string {
	names := make([]string, len(list))
	for i, b := range list {
		names[i] = b.Name
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// IsPostgresDSN reports whether dsn is a PostgreSQL URL.
func IsPostgresDSN(dsn string) bool {
	l := strings.ToLower(dsn)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// Redact returns dsn with the password of a URL replaced by "xxxxx", for
// messages and logs.
func Redact(dsn string) string {
	scheme, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return dsn
	}
	at := strings.LastIndex(rest, "@")
	if slash := strings.Index(rest, "/"); slash >= 0 && slash < at {
		at = strings.LastIndex(rest[:slash], "@")
	}
	if at < 0 {
		return dsn
	}
	user, _, hasPass := strings.Cut(rest[:at], ":")
	if !hasPass {
		return dsn
	}
	return scheme + "://" + user + ":xxxxx" + rest[at:]
}
