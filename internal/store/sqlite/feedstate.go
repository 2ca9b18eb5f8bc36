package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"geoevents/internal/feedstate"
)

// feedStateSchema is the feed watcher's own tables, created by
// OpenFeedStates if missing (idempotent, outside the numbered migrations,
// so it merges with them in any order). Times are Unix milliseconds.
const feedStateSchema = `
CREATE TABLE IF NOT EXISTS feed_state (
	url           TEXT PRIMARY KEY,
	title         TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_poll     INTEGER,
	last_success  INTEGER,
	next_poll     INTEGER,
	status        TEXT NOT NULL DEFAULT 'new',
	rule          TEXT NOT NULL DEFAULT '',
	failures      INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT '',
	error_kind    TEXT NOT NULL DEFAULT '',
	items         INTEGER NOT NULL DEFAULT 0,
	articles      INTEGER NOT NULL DEFAULT 0,
	errors        INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS feed_items (
	feed_url   TEXT NOT NULL,
	key        TEXT NOT NULL,
	hash       TEXT NOT NULL,
	article_id TEXT NOT NULL DEFAULT '',
	url        TEXT NOT NULL DEFAULT '',
	byline     TEXT NOT NULL DEFAULT '',
	status     TEXT NOT NULL,
	attempts   INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT '',
	seen_at    INTEGER,
	PRIMARY KEY (feed_url, key)
) WITHOUT ROWID;
`

// FeedStates is the SQLite feedstate.StateStore, in the same database
// file as the events. It is safe for concurrent use.
type FeedStates struct{ s *Store }

var _ feedstate.StateStore = (*FeedStates)(nil)

// OpenFeedStates returns the feed state kept in s's database, creating its
// tables if they are missing.
func OpenFeedStates(ctx context.Context, s *Store) (*FeedStates, error) {
	if _, err := s.w.ExecContext(ctx, feedStateSchema); err != nil {
		return nil, fmt.Errorf("feed state tables: %w", err)
	}
	return &FeedStates{s: s}, nil
}

// OpenFeedStates implements feedstate.Keeper: the feed state kept in this
// store's database.
func (s *Store) OpenFeedStates(ctx context.Context) (feedstate.StateStore, error) {
	return OpenFeedStates(ctx, s)
}

var _ feedstate.Keeper = (*Store)(nil)

const feedStateColumns = `url, title, etag, last_modified, last_poll, last_success, next_poll, status, rule, failures, last_error, error_kind, items, articles, errors`

// FeedState implements feedstate.StateStore.
func (f *FeedStates) FeedState(ctx context.Context, url string) (feedstate.State, bool, error) {
	row := f.s.r.QueryRowContext(ctx, `SELECT `+feedStateColumns+` FROM feed_state WHERE url = ?`, url)
	st, err := scanFeedState(row)
	if errors.Is(err, sql.ErrNoRows) {
		return feedstate.State{URL: url, Status: feedstate.StatusNew}, false, nil
	}
	if err != nil {
		return feedstate.State{}, false, fmt.Errorf("feed state %s: %w", url, err)
	}
	return st, true, nil
}

// FeedStates implements feedstate.StateStore.
func (f *FeedStates) FeedStates(ctx context.Context) ([]feedstate.State, error) {
	rows, err := f.s.r.QueryContext(ctx, `SELECT `+feedStateColumns+` FROM feed_state ORDER BY url`)
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
	_, err := f.s.w.ExecContext(ctx, `INSERT OR REPLACE INTO feed_state (`+feedStateColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
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
	var seen sql.NullInt64
	err := f.s.r.QueryRowContext(ctx, `SELECT hash, article_id, url, byline, status, attempts, last_error, seen_at
		FROM feed_items WHERE feed_url = ? AND key = ?`, feedURL, key).
		Scan(&it.Hash, &it.ArticleID, &it.URL, &it.Byline, &it.Status, &it.Attempts, &it.LastError, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return feedstate.Item{FeedURL: feedURL, Key: key}, false, nil
	}
	if err != nil {
		return feedstate.Item{}, false, fmt.Errorf("feed item %s: %w", key, err)
	}
	it.SeenAt = fromMillis(seen)
	return it, true, nil
}

// SaveItem implements feedstate.StateStore.
func (f *FeedStates) SaveItem(ctx context.Context, it feedstate.Item) error {
	if it.FeedURL == "" || it.Key == "" || it.Status == "" {
		return errors.New("save feed item: needs a feed URL, a key and a status")
	}
	_, err := f.s.w.ExecContext(ctx, `INSERT OR REPLACE INTO feed_items
		(feed_url, key, hash, article_id, url, byline, status, attempts, last_error, seen_at) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		it.FeedURL, it.Key, it.Hash, it.ArticleID, it.URL, it.Byline, it.Status, it.Attempts, it.LastError, millis(it.SeenAt))
	if err != nil {
		return fmt.Errorf("save feed item %s: %w", it.Key, err)
	}
	return nil
}

// scanFeedState reads one row of feedStateColumns.
func scanFeedState(row interface{ Scan(...any) error }) (feedstate.State, error) {
	var st feedstate.State
	var poll, success, next sql.NullInt64
	err := row.Scan(&st.URL, &st.Title, &st.ETag, &st.LastModified, &poll, &success, &next,
		&st.Status, &st.Rule, &st.Failures, &st.LastError, &st.ErrorKind, &st.Items, &st.Articles, &st.Errors)
	st.LastPoll, st.LastSuccess, st.NextPoll = fromMillis(poll), fromMillis(success), fromMillis(next)
	return st, err
}

// millis is t in Unix milliseconds, NULL for the zero time.
func millis(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

// fromMillis is millis' inverse, in UTC.
func fromMillis(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}
