package postgis

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"geoevents/internal/feedstate"
)

// feedStateSchema is the feed watcher's own tables, the SQLite store's
// feed_state and feed_items with PostgreSQL types, created by
// OpenFeedStates when missing (outside the numbered migrations, as on
// SQLite, so they merge with them in any order).
const feedStateSchema = `
CREATE TABLE IF NOT EXISTS feed_state (
	url           text COLLATE "C" PRIMARY KEY,
	title         text NOT NULL DEFAULT '',
	etag          text NOT NULL DEFAULT '',
	last_modified text NOT NULL DEFAULT '',
	last_poll     timestamptz,
	last_success  timestamptz,
	next_poll     timestamptz,
	status        text NOT NULL DEFAULT 'new',
	rule          text NOT NULL DEFAULT '',
	failures      integer NOT NULL DEFAULT 0,
	last_error    text NOT NULL DEFAULT '',
	error_kind    text NOT NULL DEFAULT '',
	items         integer NOT NULL DEFAULT 0,
	articles      bigint NOT NULL DEFAULT 0,
	errors        bigint NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS feed_items (
	feed_url   text COLLATE "C" NOT NULL,
	key        text COLLATE "C" NOT NULL,
	hash       text NOT NULL,
	article_id text NOT NULL DEFAULT '',
	url        text NOT NULL DEFAULT '',
	byline     text NOT NULL DEFAULT '',
	status     text NOT NULL,
	attempts   integer NOT NULL DEFAULT 0,
	last_error text NOT NULL DEFAULT '',
	seen_at    timestamptz,
	PRIMARY KEY (feed_url, key)
);
`

// FeedStates is the PostGIS feedstate.StateStore, in the same database as
// the events, so `watch` and `serve --feeds` run on a PostgreSQL DSN. It
// is safe for concurrent use.
type FeedStates struct{ s *Store }

var (
	_ feedstate.StateStore = (*FeedStates)(nil)
	_ feedstate.Keeper     = (*Store)(nil)
)

// OpenFeedStates implements feedstate.Keeper: the feed state kept in this
// store's database, its tables created if missing (under the migration
// lock, so servers starting together create them once; a database that
// has them is not written, so a standby opens it too).
func (s *Store) OpenFeedStates(ctx context.Context) (feedstate.StateStore, error) {
	var have bool
	err := s.pool.QueryRow(ctx, `SELECT to_regclass('feed_state') IS NOT NULL AND to_regclass('feed_items') IS NOT NULL`).Scan(&have)
	if err != nil {
		return nil, fmt.Errorf("feed state tables: %w", err)
	}
	if !have {
		err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(lockMigrate)); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, feedStateSchema)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("feed state tables: %w", err)
		}
	}
	return &FeedStates{s: s}, nil
}

const feedStateColumns = `url, title, etag, last_modified, last_poll, last_success, next_poll, status, rule, failures, last_error, error_kind, items, articles, errors`

// FeedState implements feedstate.StateStore.
func (f *FeedStates) FeedState(ctx context.Context, url string) (feedstate.State, bool, error) {
	st, err := scanFeedState(f.s.pool.QueryRow(ctx, `SELECT `+feedStateColumns+` FROM feed_state WHERE url = $1`, url))
	if errors.Is(err, pgx.ErrNoRows) {
		return feedstate.State{URL: url, Status: feedstate.StatusNew}, false, nil
	}
	if err != nil {
		return feedstate.State{}, false, fmt.Errorf("feed state %s: %w", url, err)
	}
	return st, true, nil
}

// FeedStates implements feedstate.StateStore.
func (f *FeedStates) FeedStates(ctx context.Context) ([]feedstate.State, error) {
	rows, err := f.s.pool.Query(ctx, `SELECT `+feedStateColumns+` FROM feed_state ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	defer rows.Close()
	var out []feedstate.State
	for rows.Next() {
		st, err := scanFeedState(rows)
		if err != nil {
			return nil, fmt.Errorf("feed states: %w", err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	return out, nil
}

// SaveFeedState implements feedstate.StateStore.
func (f *FeedStates) SaveFeedState(ctx context.Context, st feedstate.State) error {
	if st.URL == "" {
		return errors.New("save feed state: no URL")
	}
	if st.Status == "" {
		st.Status = feedstate.StatusNew
	}
	_, err := f.s.pool.Exec(ctx, `INSERT INTO feed_state (`+feedStateColumns+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
		ON CONFLICT (url) DO UPDATE SET title = excluded.title, etag = excluded.etag, last_modified = excluded.last_modified,
		last_poll = excluded.last_poll, last_success = excluded.last_success, next_poll = excluded.next_poll, status = excluded.status,
		rule = excluded.rule, failures = excluded.failures, last_error = excluded.last_error, error_kind = excluded.error_kind,
		items = excluded.items, articles = excluded.articles, errors = excluded.errors`,
		st.URL, st.Title, st.ETag, st.LastModified, millis(st.LastPoll), millis(st.LastSuccess), millis(st.NextPoll),
		st.Status, st.Rule, st.Failures, st.LastError, st.ErrorKind, st.Items, st.Articles, st.Errors)
	if err != nil {
		return fmt.Errorf("save feed state %s: %w", st.URL, err)
	}
	return nil
}

// Item implements feedstate.StateStore.
func (f *FeedStates) Item(ctx context.Context, feedURL, key string) (feedstate.Item, bool, error) {
	it := feedstate.Item{FeedURL: feedURL, Key: key}
	var seen *time.Time
	err := f.s.pool.QueryRow(ctx, `SELECT hash, article_id, url, byline, status, attempts, last_error, seen_at
		FROM feed_items WHERE feed_url = $1 AND key = $2`, feedURL, key).
		Scan(&it.Hash, &it.ArticleID, &it.URL, &it.Byline, &it.Status, &it.Attempts, &it.LastError, &seen)
	if errors.Is(err, pgx.ErrNoRows) {
		return feedstate.Item{FeedURL: feedURL, Key: key}, false, nil
	}
	if err != nil {
		return feedstate.Item{}, false, fmt.Errorf("feed item %s: %w", key, err)
	}
	it.SeenAt = utc(seen)
	return it, true, nil
}

// SaveItem implements feedstate.StateStore.
func (f *FeedStates) SaveItem(ctx context.Context, it feedstate.Item) error {
	if it.FeedURL == "" || it.Key == "" || it.Status == "" {
		return errors.New("save feed item: needs a feed URL, a key and a status")
	}
	_, err := f.s.pool.Exec(ctx, `INSERT INTO feed_items
		(feed_url, key, hash, article_id, url, byline, status, attempts, last_error, seen_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
		ON CONFLICT (feed_url, key) DO UPDATE SET hash = excluded.hash, article_id = excluded.article_id, url = excluded.url,
		byline = excluded.byline, status = excluded.status, attempts = excluded.attempts, last_error = excluded.last_error,
		seen_at = excluded.seen_at`,
		it.FeedURL, it.Key, it.Hash, it.ArticleID, it.URL, it.Byline, it.Status, it.Attempts, it.LastError, millis(it.SeenAt))
	if err != nil {
		return fmt.Errorf("save feed item %s: %w", it.Key, err)
	}
	return nil
}

// scanFeedState reads one row of feedStateColumns.
func scanFeedState(row pgx.Row) (feedstate.State, error) {
	var st feedstate.State
	var poll, success, next *time.Time
	err := row.Scan(&st.URL, &st.Title, &st.ETag, &st.LastModified, &poll, &success, &next,
		&st.Status, &st.Rule, &st.Failures, &st.LastError, &st.ErrorKind, &st.Items, &st.Articles, &st.Errors)
	st.LastPoll, st.LastSuccess, st.NextPoll = utc(poll), utc(success), utc(next)
	return st, err
}

// millis is t at the millisecond precision the SQLite store keeps, NULL
// for the zero time, so both stores give the same times back.
func millis(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	m := time.UnixMilli(t.UnixMilli()).UTC()
	return &m
}
