// Package sqlite is geoevents' embedded store: one SQLite file (pure-Go
// modernc.org/sqlite) in WAL mode, events indexed by an R*Tree on their
// coordinates and FTS5 over article title and sentence. Writes are
// serialised through a single connection; reads use a separate pool so
// queries keep working while an ingest runs.
package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"geoevents/internal/store"
)

// Store is the SQLite implementation of store.Store. It is safe for
// concurrent use.
type Store struct {
	path string // the database file
	// readOnly: opened with Options.ReadOnly.
	readOnly bool
	w        *sql.DB // exactly one connection: all writes, in IMMEDIATE transactions
	r        *sql.DB // read pool, query_only
	// stmts caches prepared statements on the read pool.
	stmts *stmtCache
	// progress, when set, is told of a bulk import's steps.
	progress func(ImportProgress)
	// est holds the planner's statistics, reloaded in the background.
	est estimator
	// Background work (statistics reloads) stops with bgCtx at Close.
	bgCtx    context.Context
	bgCancel context.CancelFunc
	bg       sync.WaitGroup
}

// closing reports whether Close has begun.
func (s *Store) closing() bool { return s.bgCtx.Err() != nil }

var _ store.Store = (*Store)(nil)

// Options tune a store beyond its defaults.
type Options struct {
	// MaxBytes caps the database file (SQLite's max_page_count): a write
	// that would grow it further fails with store.ErrStorageFull and
	// stores nothing. 0: no cap but the disk's.
	MaxBytes int64
	// ReadOnly opens the file read-only (SQLite's mode=ro, and immutable=1
	// when its directory cannot be written, as on read-only media): it
	// must exist, nothing is migrated (an older schema fails with
	// store.ErrSchemaTooOld), and writes fail with store.ErrReadOnly.
	ReadOnly bool
	// CacheBytes is the page cache budget of all connections together
	// (the readers' pool and the writer), split evenly among them; 0: the
	// defaults (readerCacheKiB each, writerCacheKiB).
	CacheBytes int64
	// immutable is decided by a read-only open (readOnlyMode).
	immutable bool
	// readerKiB, writerKiB are the page cache of a connection, from
	// CacheBytes.
	readerKiB, writerKiB int64
	// pageBytes is the file's page size (filePageSize), for MaxBytes.
	pageBytes int64
}

// readers is the size of the read pool: queries are CPU-bound, so a
// connection per core and one to spare keeps the cores busy.
func readers() int { return max(3, runtime.GOMAXPROCS(0)+1) }

// cacheSizes sets the connections' page caches from CacheBytes.
func (o *Options) cacheSizes(readers int) {
	o.readerKiB, o.writerKiB = readerCacheKiB, writerCacheKiB
	if o.CacheBytes > 0 {
		per := max(1024, o.CacheBytes/1024/int64(readers+1)) // at least 1 MiB
		o.readerKiB, o.writerKiB = per, per
	}
}

// Open opens (creating if needed) the database file at path and migrates
// its schema to the current version.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("open store: empty database path")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("open store %s: path must not contain '?' or '#'", path)
	}
	if err := checkPath(path); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if opts.ReadOnly {
		if err := readOnlyMode(path, &opts); err != nil {
			return nil, fmt.Errorf("open store %s read-only: %w", path, err)
		}
	}
	n := readers()
	opts.cacheSizes(n)
	opts.pageBytes = filePageSize(path)
	w, err := sql.Open("sqlite", dsn(path, false, opts))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	check := migrate
	if opts.ReadOnly {
		check = checkVersion
	}
	if err := check(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", dsn(path, true, opts))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// Each connection's page cache counts in memory (Options.CacheBytes).
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	r.SetConnMaxIdleTime(0)
	r.SetConnMaxLifetime(0)
	st := &Store{path: path, readOnly: opts.ReadOnly, w: w, r: r, stmts: newStmtCache(r)}
	st.est.s = st
	st.bgCtx, st.bgCancel = context.WithCancel(context.Background())
	return st, nil
}

// checkPath says in words what SQLite would only call "unable to open
// database file (14)": a missing directory, or a directory where the
// database file should be.
func checkPath(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a directory, not a database file", path)
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("directory %s does not exist (create it first)", dir)
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("%s is not a directory", dir)
	}
	return nil
}

// Page cache sizes in KiB, per connection. They bound the server's memory
// (issue 12: RSS under 300 MB with 1M events): the readers' caches hold
// the B-tree interiors and hot leaves; the operating system's file cache
// serves the rest. The writer's grows only while it writes.
const (
	readerCacheKiB = 32768
	writerCacheKiB = 16384
)

// pageSize is the page size of new databases. Twice SQLite's default:
// an event row is about 300 bytes, so a 4 KiB page ends, on average, in
// half a row of unused space, and each page and cell pointer is overhead.
// Measured on the 1M-event bench (the events table and two of its
// indexes copied at each size): 4 KiB 378 MB, 8 KiB 368 MB, 16 KiB 364
// MB. Existing databases keep theirs (it changes only by VACUUM).
const pageSize = 8192

// filePageSize is the page size of the database file at path, read from
// its header (big-endian at offset 16; 1 means 65536), or pageSize for a
// file not yet written: the page size is the file's, whatever the DSN asks.
func filePageSize(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return pageSize
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || string(h[:16]) != "SQLite format 3\x00" {
		return pageSize
	}
	if n := int64(h[16])<<8 | int64(h[17]); n == 1 {
		return 65536
	} else if n >= 512 {
		return n
	}
	return pageSize
}

// dsn builds the modernc DSN; pragmas go in _pragma so every pooled
// connection gets them.
func dsn(path string, readOnly bool, opts Options) string {
	q := url.Values{}
	if opts.ReadOnly {
		// A read-only connection cannot set the journal mode; the file's
		// own (WAL for every database we made) stands.
		q.Set("mode", "ro")
		if opts.immutable {
			q.Set("immutable", "1")
		}
	} else {
		// The page size takes only for a database not yet written, so it
		// must come before the journal mode, which writes a new file's
		// header: the driver runs the _pragma list (sorted by name) first
		// and the _journal_mode key after it.
		q.Add("_pragma", fmt.Sprintf("page_size(%d)", pageSize))
		q.Set("_journal_mode", "WAL")
	}
	for _, p := range []string{
		"busy_timeout(5000)",
		"foreign_keys(1)",
		"synchronous(NORMAL)",
		"mmap_size(0)", // measured: per-connection page caches beat mmap here (pages stay parsed)
	} {
		q.Add("_pragma", p)
	}
	cache := opts.writerKiB
	if readOnly {
		cache = opts.readerKiB
	}
	if cache == 0 { // an Options not through OpenWith (tests)
		cache = writerCacheKiB
	}
	q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", cache))
	if opts.MaxBytes > 0 {
		// In pages of the file's size; at least one page.
		q.Add("_pragma", fmt.Sprintf("max_page_count(%d)", max(1, opts.MaxBytes/cmp.Or(opts.pageBytes, pageSize))))
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	if opts.ReadOnly {
		// mode and immutable are URI parameters: SQLite reads them only
		// from a file: URI (the driver passes those whole). '?' and '#'
		// are refused in paths; '%' is the URI's escape.
		return "file:" + strings.ReplaceAll(path, "%", "%25") + "?" + q.Encode()
	}
	return path + "?" + q.Encode()
}

// Close stops background work and closes both connection pools.
func (s *Store) Close() error {
	s.est.mu.Lock() // under the lock, so no reload starts after this
	s.bgCancel()
	s.est.mu.Unlock()
	s.bg.Wait()
	s.stmts.close()
	return errors.Join(s.r.Close(), s.w.Close())
}

// IntegrityCheck runs PRAGMA integrity_check, the FTS5 integrity check
// (index against the events' titles and sentences), recounts the count
// grid, the day counts and the cell sums from the events and looks up
// every event's title, and returns an error unless all report no problem. On a
// read-only open the FTS5 check cannot run (it is an INSERT by syntax, so
// SQLite refuses it on a read-only file): the index's own structure is
// still checked by integrity_check, not its agreement with the events.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	if err := s.pragmaIntegrity(ctx); err != nil {
		return err
	}
	if err := checkGrid(ctx, s.r); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if err := checkTitles(ctx, s.r); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if err := checkDays(ctx, s.r); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if err := checkCells(ctx, s.r); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if err := checkIncidents(ctx, s.r); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if s.readOnly {
		return nil
	}
	// An INSERT by syntax, so it runs on the writer; it changes nothing.
	if _, err := s.w.ExecContext(ctx, "INSERT INTO events_fts(events_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
		return fmt.Errorf("integrity check: full-text index: %w", err)
	}
	if _, err := s.w.ExecContext(ctx, "INSERT INTO sentences_fts(sentences_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
		return fmt.Errorf("integrity check: sentences' full-text index: %w", err)
	}
	if err := checkSentences(ctx, s.r); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	return nil
}

// pragmaIntegrity runs PRAGMA integrity_check on the writer. Not on the
// read pool: a pooled reader keeps FTS5's structure record of the last
// time it read the index, and once the writer's automerge has replaced a
// segment, integrity_check on that reader reports "corruption found
// reading blob" for the segment that no longer exists, while a fresh
// connection and the writer find the file sound (queries on the reader
// reload the structure and are right; TestIntegrityCheckAcrossMerges).
// The writer made every change, so its view is current; on a read-only
// open nothing writes. The check holds the writer meanwhile, so saves
// wait for it.
func (s *Store) pragmaIntegrity(ctx context.Context) error {
	rows, err := s.w.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(msgs) != 1 || msgs[0] != "ok" {
		return fmt.Errorf("integrity check: %s", strings.Join(msgs, "; "))
	}
	return nil
}

// Checkpoint copies the WAL into the database file and truncates it, e.g.
// after a large import.
func (s *Store) Checkpoint(ctx context.Context) error {
	if _, err := s.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}
