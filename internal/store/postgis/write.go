package postgis

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// geomSQL builds an event's point from its micro-degree columns (or the
// parameters holding them): IEEE division, as Go computes the served
// coordinates, so the geometry holds exactly those.
func geomSQL(x, y string) string {
	return "ST_SetSRID(ST_MakePoint(" + x + "::float8 / 1e6::float8, " + y + "::float8 / 1e6::float8), 4326)"
}

// insertEventSQL inserts one event; an existing id is left alone.
var insertEventSQL = func() string {
	ph := make([]string, len(insertColumns))
	for i := range ph {
		ph[i] = "$" + strconv.Itoa(i+1)
	}
	return "INSERT INTO events (" + strings.Join(insertColumns, ", ") + ", geom) VALUES (" + strings.Join(ph, ", ") +
		", " + geomSQL("$3::integer", "$4::integer") + ") ON CONFLICT (id) DO NOTHING"
}()

// SaveArticle stores an article and all its events in one transaction,
// with the SQLite store's rules: the same article (by id) again is a
// no-op unless its events were derived by another version of the
// extraction rules, then they are replaced; an article at a stored URL
// with other text replaces the old one and its events.
func (s *Store) SaveArticle(ctx context.Context, a event.Article, events []event.Event) (store.SaveResult, error) {
	var res store.SaveResult
	err := s.writeTx(ctx, func(tx pgx.Tx) (err error) {
		res, err = saveArticle(ctx, tx, a, events)
		return err
	})
	if err != nil {
		return store.SaveResult{}, err
	}
	return res, nil
}

// SaveArticles saves a batch of articles as SaveArticle saves each, in
// one transaction: all of them or none.
func (s *Store) SaveArticles(ctx context.Context, batch []store.ArticleEvents) ([]store.SaveResult, error) {
	out := make([]store.SaveResult, len(batch))
	err := s.writeTx(ctx, func(tx pgx.Tx) error {
		for i, b := range batch {
			res, err := saveArticle(ctx, tx, b.Article, b.Events)
			if err != nil {
				return err
			}
			out[i] = res
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// saveArticle is SaveArticle inside the transaction tx.
func saveArticle(ctx context.Context, tx pgx.Tx, a event.Article, events []event.Event) (store.SaveResult, error) {
	if a.ID == "" {
		return store.SaveResult{}, errors.New("save article: article has no id")
	}
	if a.IngestedAt.IsZero() {
		a.IngestedAt = time.Now().UTC()
	}
	a, events, err := adoptLegacyID(ctx, tx, a, events)
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("save article %s: %w", a.ID, err)
	}
	res := store.SaveResult{Article: a}
	err = func() error {
		var n int
		var extractor *string
		err := tx.QueryRow(ctx, `SELECT (SELECT count(*) FROM events WHERE article_id = a.id), a.extractor FROM articles a WHERE a.id = $1`, a.ID).Scan(&n, &extractor)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		stored := ""
		if extractor != nil {
			stored = *extractor
		}
		switch store.DecideSave(err == nil, stored, a.Extractor) {
		case store.SaveUnchanged:
			res.Events = n
			return nil
		case store.SaveRederive:
			if err := rederive(ctx, tx, a); err != nil {
				return err
			}
			res.Rederived = true
		case store.SaveNew:
			if res.Replaced, err = replaceArticle(ctx, tx, a); err != nil {
				return err
			}
			res.Created = true
		}
		k, err := insertArticleEvents(ctx, tx, a, events)
		res.Events = k
		return err
	}()
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("save article %s: %w", a.ID, err)
	}
	return res, nil
}

// adoptLegacyID returns a and its events under the ID a database written
// before articles were identified by their day holds the same report
// under (event.LegacyArticleID: same text, same publication day);
// otherwise it returns them unchanged. (Databases copied from SQLite keep
// such ids.)
func adoptLegacyID(ctx context.Context, tx pgx.Tx, a event.Article, events []event.Event) (event.Article, []event.Event, error) {
	if a.Published.IsZero() {
		return a, events, nil
	}
	legacy := event.LegacyArticleID(a.Text)
	if legacy == a.ID {
		return a, events, nil
	}
	var published *time.Time
	err := tx.QueryRow(ctx, `SELECT published FROM articles WHERE id = $1`, legacy).Scan(&published)
	if errors.Is(err, pgx.ErrNoRows) {
		return a, events, nil
	}
	if err != nil {
		return a, events, fmt.Errorf("look up legacy id: %w", err)
	}
	if published == nil || published.UTC().Format(time.DateOnly) != a.Published.UTC().Format(time.DateOnly) {
		return a, events, nil // another day's report of the same text
	}
	a.ID = legacy
	out := make([]event.Event, len(events))
	for i, e := range events {
		e.ArticleID = legacy
		out[i] = e
	}
	return a, out, nil
}

// insertArticle inserts a new article, first deleting an older version at
// the same URL (and, by cascade, its events); it reports whether it did.
func insertArticle(ctx context.Context, tx pgx.Tx, a event.Article) (replaced bool, err error) {
	if a.URL != "" {
		tag, err := tx.Exec(ctx, `DELETE FROM articles WHERE url = $1`, a.URL)
		if err != nil {
			return false, fmt.Errorf("replace old version: %w", err)
		}
		replaced = tag.RowsAffected() > 0
	}
	_, err = tx.Exec(ctx, `INSERT INTO articles (id, url, title, source, published, text, ingested_at, extractor) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
		a.ID, nullStr(a.URL), a.Title, nullStr(a.Source), seconds(a.Published), a.Text, seconds(a.IngestedAt), nullStr(a.Extractor))
	if err != nil {
		return replaced, fmt.Errorf("insert article: %w", err)
	}
	return replaced, nil
}

// replaceArticle is insertArticle settling the incidents that lose the
// reports of the article it replaces.
func replaceArticle(ctx context.Context, tx pgx.Tx, a event.Article) (bool, error) {
	var incidents []int64
	if a.URL != "" {
		var err error
		if incidents, err = incidentsOf(ctx, tx, "e.article_id IN (SELECT id FROM articles WHERE url = $1)", a.URL); err != nil {
			return false, fmt.Errorf("replace old version: %w", err)
		}
	}
	replaced, err := insertArticle(ctx, tx, a)
	if err != nil {
		return replaced, err
	}
	if err := settleIncidents(ctx, tx, incidents); err != nil {
		return replaced, fmt.Errorf("replace old version: %w", err)
	}
	return replaced, nil
}

// rederive drops the events an older version of the extraction rules
// derived from a stored article (settling the incidents they were in)
// and records the new version.
func rederive(ctx context.Context, tx pgx.Tx, a event.Article) error {
	incidents, err := incidentsOf(ctx, tx, "e.article_id = $1", a.ID)
	if err != nil {
		return fmt.Errorf("drop events of older extraction: %w", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM events WHERE article_id = $1`, a.ID); err != nil {
		return fmt.Errorf("drop events of older extraction: %w", err)
	}
	if err := settleIncidents(ctx, tx, incidents); err != nil {
		return fmt.Errorf("drop events of older extraction: %w", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM sentences WHERE article_id = $1`, a.ID); err != nil {
		return fmt.Errorf("drop sentences of older extraction: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE articles SET extractor = $1 WHERE id = $2`, a.Extractor, a.ID); err != nil {
		return fmt.Errorf("record extraction version: %w", err)
	}
	return nil
}

// insertArticleEvents inserts an article's events in one round trip
// (after one for their sentences, each distinct one stored once, and one
// looking up the incidents they join), filling in the article's fields
// they lack; it returns how many it inserted.
func insertArticleEvents(ctx context.Context, tx pgx.Tx, a event.Article, events []event.Event) (int, error) {
	if len(events) == 0 {
		return 0, nil
	}
	filled := make([]event.Event, len(events))
	for i := range events {
		filled[i] = store.OfArticle(a, events[i])
		filled[i].Sources = 0 // the store keeps the count
	}
	joins, err := findPrimaries(ctx, tx, filled)
	if err != nil {
		return 0, err
	}
	rows := make([][]any, len(events))
	for i := range filled {
		e := &filled[i]
		if joins[i] != nil {
			e.Explain = append(slices.Clip(e.Explain), joinReason(joins[i]))
		}
		row, err := rowOf(e)
		if err != nil {
			return 0, err
		}
		rows[i] = row
	}
	if err := shareSentences(ctx, tx, a, events, rows); err != nil {
		return 0, err
	}
	var b pgx.Batch
	for i, row := range rows {
		if joins[i] != nil {
			b.Queue(joinSQL, joinArgs(row, joins[i], &filled[i])...)
			continue
		}
		b.Queue(insertEventSQL, row...)
	}
	br := tx.SendBatch(ctx, &b)
	n := 0
	for i := range events {
		tag, err := br.Exec()
		if err != nil {
			br.Close()
			return n, fmt.Errorf("insert event %s: %w", events[i].ID, err)
		}
		n += int(tag.RowsAffected())
	}
	return n, br.Close()
}

// writeTx runs fn in a transaction holding the write lock, committing
// when fn returns nil and rolling back otherwise. The lock serialises
// writers across processes, so two servers saving the same article never
// race between the check and the insert. A full disk or a read-only
// server is reported with the store's sentinels.
//
// Its statements may use generic plans (plan_cache_mode auto, for the
// transaction only): the connections force custom plans for the sake of
// area queries (open.go), but a write's statements are lookups by key,
// planned alike for every value, and replanning each of a save's
// incident lookups took half a millisecond of their 1.3 ms.
func (s *Store) writeTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return storageErr(pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1), set_config('plan_cache_mode', 'auto', true)", int64(lockWrite)); err != nil {
			return fmt.Errorf("write lock: %w", err)
		}
		return fn(tx)
	}))
}
