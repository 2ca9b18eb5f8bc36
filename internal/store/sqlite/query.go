package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// effectiveSort is f.Sort with its default filled in.
func effectiveSort(f store.Filter) string {
	if f.Sort != "" {
		return f.Sort
	}
	if f.Near != nil {
		return store.SortDistance
	}
	return store.SortDateDesc
}

// orderBy returns the ORDER BY clause (with its bound values) for a
// filter, and the index that yields that order when walked. Every order
// ends with the unique id, so pages are stable.
func orderBy(f store.Filter) (order string, args []any, index string, err error) {
	switch effectiveSort(f) {
	case store.SortDateDesc:
		// NULL sorts lowest in SQLite, so DESC puts unknown dates last.
		return " ORDER BY e.date DESC, e.id", nil, "events_date", nil
	case store.SortDateAsc:
		return " ORDER BY e.date IS NULL, e.date, e.id", nil, "", nil
	case store.SortScore:
		return " ORDER BY e.score DESC, e.id", nil, "events_score", nil
	case store.SortDistance:
		if f.Near == nil {
			return "", nil, "", fmt.Errorf("%w: sort by distance needs a near point", store.ErrInvalidFilter)
		}
		return " ORDER BY geo_distance_km(e.lon, e.lat, ?, ?), e.id", []any{f.Near.Lon, f.Near.Lat}, "", nil
	}
	return "", nil, "", fmt.Errorf("%w: unknown sort %q (want -date, date, score or distance)", store.ErrInvalidFilter, f.Sort)
}

// plan is a validated filter ready to count and select.
type plan struct {
	f          store.Filter
	q          query // through the R*Tree
	order      string
	orderArgs  []any
	orderIndex string
	// narrow: an R*Tree or FTS5 condition picks the candidates, which are
	// then sorted; otherwise SQLite walks an index in order by itself.
	narrow bool
	// rt, when set, counts and picks candidates from the R*Tree alone.
	rt *rtreePlan
	// rtLast is the sort key of the page's last event (NULL: all matches
	// are needed), known when rtLastKnown.
	rtLast      sql.NullFloat64
	rtLastKnown bool
	// rtIDs is the JSON array of the page's candidate rowids, when known.
	rtIDs sql.NullString
}

// rtCount counts the matches through the R*Tree plan and, when few
// match, finds the sort key of the page's last event too (p.rtLast).
func (p *plan) rtCount(ctx context.Context, tx cachedTx) (int64, error) {
	if p.f.Limit == 0 {
		query, args := p.rt.countSQL()
		return tx.queryInt(ctx, query, args...)
	}
	want := int64(p.f.Offset) + int64(p.f.Limit)
	query, args := p.rt.countKeySQL(want)
	n, err := p.scanCountKey(ctx, tx, query, args)
	if err != nil || n <= rtreeSortCap {
		p.rtLastKnown = err == nil
		return n, err
	}
	p.rtLast, p.rtIDs = sql.NullFloat64{}, sql.NullString{}
	query, args = p.rt.countSQL()
	return tx.queryInt(ctx, query, args...)
}

// rtKey finds p.rtLast when rtCount did not.
func (p *plan) rtKey(ctx context.Context, tx cachedTx) error {
	if p.rtLastKnown || p.f.Limit == 0 {
		return nil
	}
	query, args := p.rt.keySQL(int64(p.f.Offset) + int64(p.f.Limit))
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		if err := rows.Scan(&p.rtLast); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (p *plan) scanCountKey(ctx context.Context, tx cachedTx, query string, args []any) (int64, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	if rows.Next() {
		if err := rows.Scan(&n, &p.rtLast, &p.rtIDs); err != nil {
			return 0, err
		}
	}
	return n, rows.Err()
}

func newPlan(f store.Filter) (*plan, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return nil, fmt.Errorf("%w: negative limit or offset", store.ErrInvalidFilter)
	}
	q, err := buildWhere(f, true)
	if err != nil {
		return nil, err
	}
	order, oargs, index, err := orderBy(f)
	if err != nil {
		return nil, err
	}
	return &plan{f: f, q: q, order: order, orderArgs: oargs, orderIndex: index,
		narrow: f.BBox != nil || f.Near != nil || f.Within != nil || f.Text != "", rt: newRtreePlan(f)}, nil
}

// walks reports whether walking the sort index in order, testing each
// event, should read fewer rows than collecting the candidates and sorting
// them, assuming matches are spread evenly (matched of total rows; want =
// offset + limit rows needed). An R*Tree plan collects its candidates from
// the R*Tree several times cheaper than reading events.
func (p *plan) walks(matched, total int64) bool {
	if !p.narrow || p.orderIndex == "" || matched == 0 {
		return false
	}
	want := matched
	if p.f.Limit > 0 {
		want = min(matched, int64(p.f.Offset)+int64(p.f.Limit))
	}
	walk := float64(want) * float64(total) / float64(matched)
	if p.rt != nil && p.f.Limit > 0 {
		return walk < float64(matched)/rtreePlanSpeedup
	}
	return walk < 2*float64(matched)
}

// rtreePlanSpeedup is how many R*Tree cells an R*Tree plan reads in the time a
// walk of the date index reads one event (estimated from profiles on 1M
// events: well under a microsecond per cell, about 1.4 µs per event read).
const rtreePlanSpeedup = 4.0

// selectSQL builds the page query. The narrowing plan collects every
// candidate from the R*Tree or FTS5 and sorts them: best when few match.
// When many match, walking the date (or score) index in order and testing
// each event stops after the page (see walks).
func (p *plan) selectSQL(matched, total int64) (string, []any) {
	limit := int64(p.f.Limit)
	if limit == 0 {
		limit = -1
	}
	if p.walks(matched, total) {
		q, _ := buildWhere(p.f, false) // already validated
		args := append(append(q.args, p.orderArgs...), limit, p.f.Offset)
		return "SELECT " + eventColumns + " FROM events e INDEXED BY " + p.orderIndex + q.sql() + p.order + " LIMIT ? OFFSET ?", args
	}
	if !p.narrow {
		args := append(append(append([]any{}, p.q.args...), p.orderArgs...), limit, p.f.Offset)
		return "SELECT " + eventColumns + " FROM events e" + p.q.sql() + p.order + " LIMIT ? OFFSET ?", args
	}
	// Sort the candidates' rowids only, then read the page's rows: the
	// sorter then never carries whole events (sentences and all).
	args := append(append([]any{}, p.q.args...), p.orderArgs...)
	args = append(append(args, limit, p.f.Offset), p.orderArgs...)
	return "SELECT " + eventColumns + " FROM events e WHERE e.rowid IN (SELECT e.rowid FROM events e" + p.q.sql() + p.order +
		" LIMIT ? OFFSET ?)" + p.order, args
}

// count returns how many events match, and an estimate of all events.
func (p *plan) count(ctx context.Context, tx cachedTx) (matched, total int64, err error) {
	if p.rt != nil {
		if matched, err = p.rtCount(ctx, tx); err != nil {
			return 0, 0, fmt.Errorf("count events: %w", err)
		}
	} else {
		query, args := p.q.countSQL()
		if matched, err = tx.queryInt(ctx, query, args...); err != nil {
			return 0, 0, fmt.Errorf("count events: %w", err)
		}
	}
	if p.narrow {
		// max(rowid) is one B-tree descent; close to the row count.
		if total, err = tx.queryInt(ctx, "SELECT max(rowid) FROM events"); err != nil {
			return 0, 0, fmt.Errorf("count events: %w", err)
		}
	}
	return matched, total, nil
}

// Events returns one page of matching events and how many match in all.
func (s *Store) Events(ctx context.Context, f store.Filter) (store.Page, error) {
	p, err := newPlan(f)
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
	matched, total, err := p.count(ctx, rtx)
	if err != nil {
		return store.Page{}, err
	}
	page := store.Page{NumberMatched: matched, Events: []event.Event{}}
	if matched <= int64(f.Offset) {
		return page, nil
	}
	n := matched - int64(f.Offset)
	if f.Limit > 0 {
		n = min(n, int64(f.Limit))
	}
	page.Events = make([]event.Event, 0, min(n, 10000))
	query, args := p.selectSQL(matched, total)
	if p.rt != nil && !p.walks(matched, total) {
		if p.rtIDs.Valid {
			query, args = pageByIDsSQL(f, p.order, p.orderArgs, p.rtIDs.String)
		} else {
			if err := p.rtKey(ctx, rtx); err != nil {
				return store.Page{}, fmt.Errorf("query events: %w", err)
			}
			query, args = p.rt.pageSQL(f, p.order, p.orderArgs, p.rtLast)
		}
	}
	err = eachRow(ctx, rtx, query, args, func(e *event.Event) error {
		page.Events = append(page.Events, *e)
		return nil
	})
	if err != nil {
		return store.Page{}, fmt.Errorf("query events: %w", err)
	}
	return page, nil
}

// EachEvent streams every matching event in order through fn, holding one
// row at a time. The *event.Event passed to fn is reused: copy it to keep it.
func (s *Store) EachEvent(ctx context.Context, f store.Filter, fn func(*event.Event) error) error {
	p, err := newPlan(f)
	if err != nil {
		return fmt.Errorf("stream events: %w", err)
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("stream events: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	rtx := cachedTx{tx: tx, cache: s.stmts}
	var matched, total int64
	if p.narrow && p.orderIndex != "" {
		if matched, total, err = p.count(ctx, rtx); err != nil {
			return fmt.Errorf("stream events: %w", err)
		}
	}
	query, args := p.selectSQL(matched, total)
	if err := eachRow(ctx, rtx, query, args, fn); err != nil {
		return fmt.Errorf("stream events: %w", err)
	}
	return nil
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

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
