package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// orderBy returns the ORDER BY clause (with its bound values) for a
// filter. Every order ends with the unique id, so pages are stable.
func orderBy(f store.Filter) (string, []any, error) {
	sort := f.Sort
	if sort == "" {
		sort = store.SortDateDesc
		if f.Near != nil {
			sort = store.SortDistance
		}
	}
	switch sort {
	case store.SortDateDesc:
		// NULL sorts lowest in SQLite, so DESC puts unknown dates last.
		return " ORDER BY e.date DESC, e.id", nil, nil
	case store.SortDateAsc:
		return " ORDER BY e.date IS NULL, e.date, e.id", nil, nil
	case store.SortScore:
		return " ORDER BY e.score DESC, e.id", nil, nil
	case store.SortDistance:
		if f.Near == nil {
			return "", nil, fmt.Errorf("%w: sort by distance needs a near point", store.ErrInvalidFilter)
		}
		return " ORDER BY geo_distance_km(e.lon, e.lat, ?, ?), e.id", []any{f.Near.Lon, f.Near.Lat}, nil
	}
	return "", nil, fmt.Errorf("%w: unknown sort %q (want -date, date, score or distance)", store.ErrInvalidFilter, f.Sort)
}

// selectSQL builds the page query for f.
func selectSQL(f store.Filter) (string, []any, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return "", nil, fmt.Errorf("%w: negative limit or offset", store.ErrInvalidFilter)
	}
	q, err := buildWhere(f)
	if err != nil {
		return "", nil, err
	}
	order, oargs, err := orderBy(f)
	if err != nil {
		return "", nil, err
	}
	args := append(q.args, oargs...)
	limit := int64(f.Limit)
	if limit == 0 {
		limit = -1
	}
	args = append(args, limit, f.Offset)
	return "SELECT " + eventColumns + " FROM events e" + q.sql() + order + " LIMIT ? OFFSET ?", args, nil
}

// Events returns one page of matching events and how many match in all.
func (s *Store) Events(ctx context.Context, f store.Filter) (store.Page, error) {
	query, args, err := selectSQL(f)
	if err != nil {
		return store.Page{}, fmt.Errorf("query events: %w", err)
	}
	q, _ := buildWhere(f) // same filter, already validated
	// One read transaction so the count and the page see the same snapshot.
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return store.Page{}, fmt.Errorf("query events: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	var page store.Page
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM events e"+q.sql(), q.args...).Scan(&page.NumberMatched); err != nil {
		return store.Page{}, fmt.Errorf("count events: %w", err)
	}
	if page.NumberMatched <= int64(f.Offset) {
		page.Events = []event.Event{}
		return page, nil
	}
	n := page.NumberMatched - int64(f.Offset)
	if f.Limit > 0 {
		n = min(n, int64(f.Limit))
	}
	page.Events = make([]event.Event, 0, min(n, 10000))
	err = eachRow(ctx, tx, query, args, func(e *event.Event) error {
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
	query, args, err := selectSQL(f)
	if err != nil {
		return fmt.Errorf("stream events: %w", err)
	}
	if err := eachRow(ctx, s.r, query, args, fn); err != nil {
		return fmt.Errorf("stream events: %w", err)
	}
	return nil
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
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
	row := s.r.QueryRowContext(ctx, "SELECT "+eventColumns+" FROM events e WHERE e.id = ?", id)
	if err := sc.scan(row, &e); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return event.Event{}, fmt.Errorf("event %q: %w", id, store.ErrNotFound)
		}
		return event.Event{}, fmt.Errorf("event %q: %w", id, err)
	}
	return e, nil
}
