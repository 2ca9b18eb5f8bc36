package postgis

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// readTx runs fn in a read-only REPEATABLE READ transaction, so that
// the count and the page of one query see the same snapshot.
func (s *Store) readTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, fn)
}

// Events returns one page of matching events and how many match in all
// (an exact count).
func (s *Store) Events(ctx context.Context, f store.Filter) (store.Page, error) {
	note := store.StartQuery(ctx, "events", f)
	defer note.Done()
	w, err := filterSQL(f)
	if err != nil {
		return store.Page{}, fmt.Errorf("query events: %w", err)
	}
	// The page's SQL appends its bound values to w.args, so it is built
	// once; the count binds only the filter's values, the ones before.
	countSQL, countArgs := "SELECT count(*) FROM events e"+w.sql(), w.args
	q := "SELECT " + eventColumns + " FROM events e" + w.sql() + w.orderSQL(f) + w.pageSQL(f)
	note.ExplainWith(s.explainer(q, w.args))
	page := store.Page{Events: []event.Event{}}
	err = s.readTx(ctx, func(tx pgx.Tx) error {
		if gq, ok := gridQueryOf(f, w); ok {
			// An area, a time range and kinds: from the count grid.
			n, err := gridCount(ctx, tx, gq)
			if err != nil {
				return fmt.Errorf("count: %w", err)
			}
			page.NumberMatched = n
		} else if err := tx.QueryRow(ctx, countSQL, countArgs...).Scan(&page.NumberMatched); err != nil {
			return fmt.Errorf("count: %w", err)
		}
		if page.NumberMatched <= int64(f.Offset) {
			return nil
		}
		return eachRow(ctx, tx, q, w.args, func(e *event.Event) error {
			page.Events = append(page.Events, *e)
			return nil
		})
	})
	if err != nil {
		return store.Page{}, fmt.Errorf("query events: %w", err)
	}
	return page, nil
}

// EachEvent streams every matching event in order through fn: pgx reads
// the rows from the connection as fn takes them, inside one read-only
// transaction, so memory stays constant whatever the number of rows. The
// *event.Event passed to fn is reused: copy it to keep it.
func (s *Store) EachEvent(ctx context.Context, f store.Filter, fn func(*event.Event) error) error {
	note := store.StartQuery(ctx, "export", f)
	defer note.Done()
	w, err := filterSQL(f)
	if err != nil {
		return fmt.Errorf("stream events: %w", err)
	}
	q := "SELECT " + eventColumns + " FROM events e" + w.sql() + w.orderSQL(f) + w.pageSQL(f)
	note.ExplainWith(s.explainer(q, w.args))
	var fnErr error
	err = s.readTx(ctx, func(tx pgx.Tx) error {
		return eachRow(ctx, tx, q, w.args, func(e *event.Event) error {
			if err := fn(e); err != nil {
				fnErr = err
				return err
			}
			return nil
		})
	})
	if fnErr != nil && errors.Is(err, fnErr) {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("stream events: %w", err)
	}
	return nil
}

// eachRow runs a query selecting eventColumns and calls fn for each row.
func eachRow(ctx context.Context, tx pgx.Tx, q string, args []any, fn func(*event.Event) error) error {
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var e event.Event
	for rows.Next() {
		if err := scanEvent(rows, &e); err != nil {
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
	err := scanEvent(s.pool.QueryRow(ctx, "SELECT "+eventColumns+" FROM events e WHERE e.id = $1", id), &e)
	if errors.Is(err, pgx.ErrNoRows) {
		return event.Event{}, fmt.Errorf("event %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return event.Event{}, fmt.Errorf("event %q: %w", id, err)
	}
	return e, nil
}

// Stats counts the events matching f in all, by type, by country and by
// day (ascending, UTC; undated events are not in ByDay). Limit, Offset
// and Sort are ignored.
func (s *Store) Stats(ctx context.Context, f store.Filter) (store.Stats, error) {
	note := store.StartQuery(ctx, "stats", f)
	defer note.Done()
	f.Limit, f.Offset, f.Sort = 0, 0, store.SortDateDesc
	w, err := filterSQL(f)
	if err != nil {
		return store.Stats{}, fmt.Errorf("stats: %w", err)
	}
	note.ExplainWith(s.explainer("SELECT e.type, count(*) FROM events e"+w.sql()+" GROUP BY 1", w.args))
	st := store.Stats{ByType: map[string]int64{}, ByCountry: map[string]int64{}, ByDay: []store.DayCount{}}
	if dw, ok := daysWhere(f); ok {
		if err := s.readTx(ctx, func(tx pgx.Tx) error { return daysStats(ctx, tx, dw, &st) }); err != nil {
			return store.Stats{}, fmt.Errorf("stats: %w", err)
		}
		for _, n := range st.ByType {
			st.Total += n
		}
		return st, nil
	}
	from := " FROM events e" + w.sql()
	groups := []struct {
		sql string
		add func(k string, n int64)
	}{
		{"SELECT e.type, count(*)" + from + " GROUP BY 1", func(k string, n int64) { st.ByType[k] = n }},
		{"SELECT coalesce(e.country_code, ''), count(*)" + from + " GROUP BY 1", func(k string, n int64) { st.ByCountry[k] = n }},
		{"SELECT to_char(e.date AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)" + from +
			andOrWhere(w) + "e.date IS NOT NULL GROUP BY 1 ORDER BY 1",
			func(k string, n int64) { st.ByDay = append(st.ByDay, store.DayCount{Day: k, Count: n}) }},
	}
	err = s.readTx(ctx, func(tx pgx.Tx) error {
		for _, g := range groups {
			rows, err := tx.Query(ctx, g.sql, w.args...)
			if err != nil {
				return err
			}
			var k string
			var n int64
			_, err = pgx.ForEachRow(rows, []any{&k, &n}, func() error {
				g.add(k, n)
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return store.Stats{}, fmt.Errorf("stats: %w", err)
	}
	for _, n := range st.ByType {
		st.Total += n
	}
	return st, nil
}

// andOrWhere continues w's WHERE clause with one more condition.
func andOrWhere(w *where) string {
	if len(w.conds) == 0 {
		return " WHERE "
	}
	return " AND "
}

// Extent returns the number of events (plain mentions included; an
// incident once), their bounding box at micro-degree precision and their
// date range.
func (s *Store) Extent(ctx context.Context) (store.Extent, error) {
	var ext store.Extent
	var minX, maxX, minY, maxY *int32
	var from, to *time.Time
	err := s.pool.QueryRow(ctx, `SELECT count(*), min(x), max(x), min(y), max(y), min(date), max(date) FROM events WHERE kind <> $1`, int16(kindJoined)).
		Scan(&ext.Count, &minX, &maxX, &minY, &maxY, &from, &to)
	if err != nil {
		return ext, fmt.Errorf("extent: %w", err)
	}
	if ext.Count > 0 {
		ext.BBox = geo.BBox{MinLon: float64(*minX) / 1e6, MinLat: float64(*minY) / 1e6, MaxLon: float64(*maxX) / 1e6, MaxLat: float64(*maxY) / 1e6}
	}
	ext.From, ext.To = utc(from), utc(to)
	return ext, nil
}

// Articles lists stored articles, newest published first (unknown dates
// last, ties by id), without their text, and the total matching.
// ArticleFilter.Text matches title or URL as a substring, ASCII letters
// in any case (as SQLite's LIKE).
func (s *Store) Articles(ctx context.Context, f store.ArticleFilter) ([]event.Article, int64, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return nil, 0, fmt.Errorf("list articles: %w: negative limit or offset", store.ErrInvalidFilter)
	}
	var w where
	if t := strings.TrimSpace(f.Text); t != "" {
		p := w.arg("%" + likeEscaper.Replace(t) + "%")
		w.add("(" + asciiLower("title") + " LIKE " + asciiLower(p+"::text") + " OR " + asciiLower("url") + " LIKE " + asciiLower(p+"::text") + ")")
	}
	var total int64
	list := []event.Article{}
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM articles"+w.sql(), w.args...).Scan(&total); err != nil {
			return fmt.Errorf("count articles: %w", err)
		}
		page := w.pageSQL(store.Filter{Limit: f.Limit, Offset: f.Offset})
		rows, err := tx.Query(ctx, "SELECT id, coalesce(url, ''), title, coalesce(source, ''), published, ingested_at, coalesce(extractor, ''), ''"+
			" FROM articles"+w.sql()+" ORDER BY published DESC NULLS LAST, id"+page, w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanArticle(rows)
			if err != nil {
				return err
			}
			list = append(list, a)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, fmt.Errorf("list articles: %w", err)
	}
	return list, total, nil
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// Article returns one article with its text and its events in text order,
// or store.ErrNotFound.
func (s *Store) Article(ctx context.Context, id string) (event.Article, []event.Event, error) {
	var a event.Article
	events := []event.Event{}
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		var err error
		a, err = scanArticle(tx.QueryRow(ctx, "SELECT id, coalesce(url, ''), title, coalesce(source, ''), published, ingested_at, coalesce(extractor, ''), text FROM articles WHERE id = $1", id))
		if err != nil {
			return err
		}
		return eachRow(ctx, tx, "SELECT "+eventColumns+" FROM events e WHERE e.article_id = $1", []any{id}, func(e *event.Event) error {
			events = append(events, *e)
			return nil
		})
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return event.Article{}, nil, fmt.Errorf("article %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return event.Article{}, nil, fmt.Errorf("article %q: %w", id, err)
	}
	slices.SortFunc(events, func(a, b event.Event) int {
		return cmp.Or(cmp.Compare(a.MentionStart, b.MentionStart), strings.Compare(a.ID, b.ID))
	})
	return a, events, nil
}

func scanArticle(row pgx.Row) (event.Article, error) {
	var a event.Article
	var published, ingested *time.Time
	if err := row.Scan(&a.ID, &a.URL, &a.Title, &a.Source, &published, &ingested, &a.Extractor, &a.Text); err != nil {
		return a, err
	}
	a.Published, a.IngestedAt = utc(published), utc(ingested)
	return a, nil
}
