// Package postgis is geoevents' store on PostgreSQL with PostGIS, for
// deployments that outgrow one SQLite file: several API servers on one
// database, years of wire feeds. It answers the same store.Store contract
// as the SQLite store (internal/store/storetest proves both): events keep
// their position as a geometry(Point, 4326) under a GiST index, and also
// in integer micro-degrees, the precision served, so box tests are exact;
// a stored tsvector with English stemming under a GIN index answers
// full-text queries. Writers take one advisory lock per transaction, so
// saves from several processes are serialised as SQLite's single writer
// serialises them; readers never wait for them.
package postgis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"

	"geoevents/internal/store"
)

// Store is the PostGIS implementation of store.Store, safe for concurrent
// use.
type Store struct {
	pool *pgxpool.Pool
	// progress, when set, is told of ImportEvents' progress.
	progress func(store.ImportProgress)
}

var (
	_ store.Store            = (*Store)(nil)
	_ store.ProgressReporter = (*Store)(nil)
)

func init() {
	store.Register(store.Backend{
		Name:    "postgis",
		Accepts: store.IsPostgresDSN,
		Open: func(ctx context.Context, dsn string, opts store.OpenOptions) (store.Store, error) {
			return OpenWith(ctx, dsn, opts)
		},
	})
}

// Open connects to the PostgreSQL database at dsn (a postgres:// URL; the
// pool takes pgxpool's settings such as pool_max_conns from it) and
// migrates its schema to the current version. The PostGIS extension must
// be installed on the server; it is created when missing, which needs a
// role allowed to create it.
func Open(ctx context.Context, dsn string) (*Store, error) {
	return OpenWith(ctx, dsn, store.OpenOptions{})
}

// OpenWith is Open with options. Read-only, every session's transactions
// are read-only (default_transaction_read_only), so a write fails with
// store.ErrReadOnly, and the schema is checked, never migrated.
func OpenWith(ctx context.Context, dsn string, opts store.OpenOptions) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("parse DSN: %w", err)
	}
	// Plan every query for its own values. pgx prepares each statement
	// once per connection, and after five runs PostgreSQL would switch to
	// a plan made without the values: the same for a city box and for the
	// Middle East, for a week and for all time. Measured on 1M events, a
	// Syria box and a quarter: the page in 1-22 ms with its own plan,
	// 450-2,000 ms with the generic one from the sixth run on. A DSN
	// setting plan_cache_mode (or the server's) wins.
	if _, ok := cfg.ConnConfig.RuntimeParams["plan_cache_mode"]; !ok {
		cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	if opts.ReadOnly {
		cfg.ConnConfig.RuntimeParams["default_transaction_read_only"] = "on"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect: %w", err)
	}
	check := migrate
	if opts.ReadOnly {
		check = checkVersion
	}
	if err := check(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	return &Store{pool: pool}, nil
}

// Close closes the connection pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// OnImportProgress sets a function told of ImportEvents' progress (every
// 65,536 rows copied, then each step); nil for none.
func (s *Store) OnImportProgress(fn func(store.ImportProgress)) { s.progress = fn }
