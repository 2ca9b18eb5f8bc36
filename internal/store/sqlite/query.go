package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// count returns how many events match s; est (may be nil) guides the
// grid count.
func count(ctx context.Context, tx cachedTx, s *spec, est *estimates) (int64, error) {
	if s.gridCountable() {
		return gridCountEst(ctx, tx, s, est)
	}
	src, args, ok := candidatesSQL("e.rowid", nil, s)
	if s.boxes != nil && ok && len(s.row.where) == 0 && s.text.match == "" {
		return tx.queryInt(ctx, "SELECT count(*) FROM ("+src+")", args...)
	}
	if s.boxes != nil && ok {
		var extra query
		if s.text.match != "" {
			extra.add(textMatchSQL, s.text.matchArgs()...)
		}
		extra.where = append(extra.where, s.row.where...)
		extra.args = append(extra.args, s.row.args...)
		return tx.queryInt(ctx, "SELECT count(*) FROM events e WHERE e.rowid IN ("+src+")"+extra.and(), append(args, extra.args...)...)
	}
	where, args := rowWhere(s)
	return tx.queryInt(ctx, "SELECT count(*) FROM events e"+where, args...)
}

// Events returns one page of matching events and how many match in all.
func (s *Store) Events(ctx context.Context, f store.Filter) (store.Page, error) {
	note := store.StartQuery(ctx, "events", f)
	defer note.Done()
	sp, err := newSpec(f)
	if err != nil {
		return store.Page{}, fmt.Errorf("query events: %w", err)
	}
	// One read transaction so the count and the page see the same snapshot.
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return store.Page{}, fmt.Errorf("query events: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	rtx := cachedTx{tx: tx, cache: s.stmts}
	est := s.est.get()
	if fewInBoxes(sp, est) {
		// Few events around: one scan of the candidates counts them and
		// finds the page.
		note.Plan("few candidates: one scan counts and pages")
		evs, matched, err := readCountedPage(ctx, rtx, sp)
		if err != nil {
			return store.Page{}, fmt.Errorf("query events: %w", err)
		}
		return store.Page{NumberMatched: matched, Events: evs}, nil
	}
	matched, err := count(ctx, rtx, sp, est)
	if err != nil {
		return store.Page{}, fmt.Errorf("count events: %w", err)
	}
	page := store.Page{NumberMatched: matched, Events: []event.Event{}}
	if matched <= int64(f.Offset) {
		return page, nil
	}
	n := matched - int64(f.Offset)
	if f.Limit > 0 {
		n = min(n, int64(f.Limit))
	}
	plan, err := chosenPlan(ctx, rtx, sp, matched, est)
	if err != nil {
		return store.Page{}, fmt.Errorf("query events: %w", err)
	}
	note.Plan(planName(sp, plan))
	if page.Events, err = readPageBy(ctx, rtx, sp, plan, matched, est); err != nil {
		return store.Page{}, fmt.Errorf("query events: %w", err)
	}
	if int64(len(page.Events)) > n {
		return store.Page{}, fmt.Errorf("query events: page of %d events, want at most %d", len(page.Events), n)
	}
	return page, nil
}

// EachEvent streams every matching event in order through fn, holding one
// row at a time. The *event.Event passed to fn is reused: copy it to keep it.
func (s *Store) EachEvent(ctx context.Context, f store.Filter, fn func(*event.Event) error) error {
	note := store.StartQuery(ctx, "export", f)
	defer note.Done()
	sp, err := newSpec(f)
	if err != nil {
		return fmt.Errorf("stream events: %w", err)
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("stream events: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	rtx := cachedTx{tx: tx, cache: s.stmts}
	matched, err := count(ctx, rtx, sp, s.est.get())
	if err != nil {
		return fmt.Errorf("stream events: %w", err)
	}
	if matched <= int64(f.Offset) {
		return nil
	}
	plan, err := chosenPlan(ctx, rtx, sp, matched, s.est.get())
	note.Plan(planName(sp, plan))
	if err != nil {
		return fmt.Errorf("stream events: %w", err)
	}
	if err := streamPage(ctx, rtx, sp, plan, fn); err != nil {
		return fmt.Errorf("stream events: %w", err)
	}
	return nil
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// limitSQL is a LIMIT bound as a value the planner does not read. Since
// SQLite 3.4x (3.54.1 in modernc.org/sqlite v1.61.1), "LIMIT ?" reads the
// bound value to estimate the rows a query returns (sqlite3ExprIsInteger)
// and marks the statement to be re-prepared when that parameter is bound
// to another value. The mark is one bit per parameter up to the 31st and
// one bit shared by all later ones, so in a statement of more than 31
// values (a city box's page binds its h ranges and box twice, 56 values)
// every new box re-prepared it, the LIMIT unchanged: a cached page
// statement was parsed and planned again at every request, 250–300 µs, a
// quarter of a city-box page's CPU on 1M events. Behind the unary plus
// the value is not inspected, as with SQLITE_DBCONFIG_ENABLE_QPSG, which
// modernc does not expose. The plans stay the same (EXPLAIN QUERY PLAN of
// every page statement of the served shapes compared with the value-aware
// ones): the page queries name their index or sort a few candidates
// either way.
const limitSQL = " LIMIT +?"

// cachedTx runs queries in a read transaction through the statement cache.
type cachedTx struct {
	tx    *sql.Tx
	cache *stmtCache
}

// QueryContext runs query on the transaction's own connection: the cached
// statement when there is one, else the query text (the cache prepares it
// in the background). It never waits for a second pooled connection, which
// would deadlock once every connection is held by such a transaction.
func (c cachedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := c.cache.lookup(query); st != nil {
		return c.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return c.tx.QueryContext(ctx, query, args...)
}

// queryInt runs a query returning one integer.
func (c cachedTx) queryInt(ctx context.Context, query string, args ...any) (int64, error) {
	rows, err := c.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n sql.NullInt64
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	return n.Int64, rows.Err()
}

func eachRow(ctx context.Context, db queryer, query string, args []any, fn func(*event.Event) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var sc eventScan
	var e event.Event
	for rows.Next() {
		if err := sc.scan(rows, &e); err != nil {
			return err
		}
		if err := fn(&e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Event returns one event by id, or store.ErrNotFound.
func (s *Store) Event(ctx context.Context, id string) (event.Event, error) {
	var e event.Event
	var sc eventScan
	st, release, err := s.stmts.get(ctx, "SELECT "+eventColumns+" FROM events e WHERE e.id = ?")
	if err != nil {
		return event.Event{}, fmt.Errorf("event %q: %w", id, err)
	}
	defer release()
	if err := sc.scan(st.QueryRowContext(ctx, id), &e); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return event.Event{}, fmt.Errorf("event %q: %w", id, store.ErrNotFound)
		}
		return event.Event{}, fmt.Errorf("event %q: %w", id, err)
	}
	return e, nil
}
