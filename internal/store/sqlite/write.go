package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// SaveArticle stores an article and all its events in one transaction. An
// article whose ID (content hash) is already stored is a no-op, unless its
// events were derived by another version of the extraction rules
// (Article.Extractor): then its events are replaced by the new ones. An
// article at a stored URL with other text replaces the old one and its
// events. Events get the article's id, title, URL, source and published
// date where they have none.
func (s *Store) SaveArticle(ctx context.Context, a event.Article, events []event.Event) (store.SaveResult, error) {
	var res store.SaveResult
	err := s.writeTx(ctx, func(tx *sql.Tx) (err error) {
		res, err = saveArticle(ctx, tx, a, events)
		return err
	})
	if err != nil {
		return store.SaveResult{}, err
	}
	return res, nil
}

// SaveArticles saves a batch of articles as SaveArticle saves each, in
// one transaction: all of them or none. One commit for many articles is
// what lets ingestion keep up with its geoparsing workers.
func (s *Store) SaveArticles(ctx context.Context, batch []store.ArticleEvents) ([]store.SaveResult, error) {
	out := make([]store.SaveResult, len(batch))
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
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
func saveArticle(ctx context.Context, tx *sql.Tx, a event.Article, events []event.Event) (store.SaveResult, error) {
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
		var extractor sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM events WHERE article_id = a.id), a.extractor FROM articles a WHERE a.id = ?`, a.ID).Scan(&n, &extractor)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		switch store.DecideSave(err == nil, extractor.String, a.Extractor) {
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
// under (event.LegacyArticleID: same text, same publication day), so
// ingesting it again after an upgrade changes nothing; otherwise it
// returns them unchanged.
func adoptLegacyID(ctx context.Context, tx *sql.Tx, a event.Article, events []event.Event) (event.Article, []event.Event, error) {
	if a.Published.IsZero() {
		return a, events, nil
	}
	legacy := event.LegacyArticleID(a.Text)
	if legacy == a.ID {
		return a, events, nil
	}
	var published sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT published FROM articles WHERE id = ?`, legacy).Scan(&published)
	if errors.Is(err, sql.ErrNoRows) {
		return a, events, nil
	}
	if err != nil {
		return a, events, fmt.Errorf("look up legacy id: %w", err)
	}
	if !published.Valid || time.Unix(published.Int64, 0).UTC().Format(time.DateOnly) != a.Published.UTC().Format(time.DateOnly) {
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
func insertArticle(ctx context.Context, tx *sql.Tx, a event.Article) (replaced bool, err error) {
	if a.URL != "" {
		r, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE url = ?`, a.URL)
		if err != nil {
			return false, fmt.Errorf("replace old version: %w", err)
		}
		k, _ := r.RowsAffected()
		replaced = k > 0
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO articles (id, url, title, source, published, text, ingested_at, extractor) VALUES (?,?,?,?,?,?,?,?)`,
		a.ID, nullStr(a.URL), a.Title, nullStr(a.Source), unixOrNull(a.Published), a.Text, a.IngestedAt.Unix(), nullStr(a.Extractor))
	if err != nil {
		return replaced, fmt.Errorf("insert article: %w", err)
	}
	return replaced, nil
}

// replaceArticle is insertArticle settling the incidents that lose the
// reports of the article it replaces.
func replaceArticle(ctx context.Context, tx *sql.Tx, a event.Article) (bool, error) {
	var incidents []int64
	if a.URL != "" {
		var err error
		if incidents, err = incidentsOf(ctx, tx, "e.article_id IN (SELECT id FROM articles WHERE url = ?)", a.URL); err != nil {
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
// derived from a stored article, and records the new version, so the
// caller can insert the events the new rules derive.
func rederive(ctx context.Context, tx *sql.Tx, a event.Article) error {
	incidents, err := incidentsOf(ctx, tx, "e.article_id = ?", a.ID)
	if err != nil {
		return fmt.Errorf("drop events of older extraction: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM events WHERE article_id = ?`, a.ID); err != nil {
		return fmt.Errorf("drop events of older extraction: %w", err)
	}
	if err := settleIncidents(ctx, tx, incidents); err != nil {
		return fmt.Errorf("drop events of older extraction: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sentences WHERE article_id = ?`, a.ID); err != nil {
		return fmt.Errorf("drop sentences of older extraction: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET extractor = ? WHERE id = ?`, a.Extractor, a.ID); err != nil {
		return fmt.Errorf("record extraction version: %w", err)
	}
	return nil
}

// insertArticleEvents inserts an article's events, filling in the
// article's fields they lack, storing each distinct sentence once
// (sentences.go), and indexes them; it returns how many it inserted.
func insertArticleEvents(ctx context.Context, tx *sql.Tx, a event.Article, events []event.Event) (int, error) {
	if len(events) == 0 {
		return 0, nil
	}
	last, stmt, err := prepareEventInsert(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	sentences, err := newSentenceWriter(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer sentences.close()
	titles, err := newTitleWriter(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer titles.close()
	j := joiner{tx: tx}
	defer j.close()
	n := 0
	for i := range events {
		e := store.OfArticle(a, events[i])
		e.Sources = 0 // the store keeps the count
		c, joins, err := j.find(ctx, &e)
		if err != nil {
			return n, err
		}
		if joins {
			e.Explain = append(slices.Clip(e.Explain), joinReason(c))
		}
		row, err := rowOf(&e)
		if err != nil {
			return n, err
		}
		if row.titleID, err = titles.id(ctx, row.articleTitle); err != nil {
			return n, fmt.Errorf("event %s: %w", e.ID, err)
		}
		if k, ok := sharedSentence(a, &e); ok {
			id, err := sentences.id(ctx, k, e.SentenceStart)
			if err != nil {
				return n, fmt.Errorf("event %s: %w", e.ID, err)
			}
			row.shareSentence(id)
		}
		if joins {
			k, err := j.insert(ctx, c, &e, &row)
			if err != nil {
				return n, err
			}
			n += int(k)
			continue
		}
		r, err := stmt.ExecContext(ctx, row.args()...)
		if err != nil {
			return n, fmt.Errorf("insert event %s: %w", e.ID, err)
		}
		k, _ := r.RowsAffected()
		n += int(k)
	}
	return n, indexNewEvents(ctx, tx, last)
}

// ImportEvents stores events without articles in one transaction, streaming
// from the sequence. The first error from the sequence or the database
// rolls everything back. Events whose ID is already stored (or repeats one
// seen earlier in the sequence) are skipped; it returns how many were new.
// Into an empty events table it loads in bulk (see bulkImport); else it
// inserts row by row, keeping the indexes up to date.
func (s *Store) ImportEvents(ctx context.Context, events iter.Seq2[event.Event, error]) (int, error) {
	var n int
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var empty bool
		if err := tx.QueryRowContext(ctx, "SELECT NOT EXISTS (SELECT 1 FROM events)").Scan(&empty); err != nil {
			return err
		}
		var err error
		if empty {
			n, err = bulkImport(ctx, tx, events, s.progress)
		} else {
			n, err = importRows(ctx, tx, events)
		}
		return err
	})
	if err != nil {
		if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
			err = fmt.Errorf("%w (%w)", ctx.Err(), err)
		}
		return 0, fmt.Errorf("import events: %w", err)
	}
	return n, nil
}

// importRows inserts events one by one into a table that holds events.
func importRows(ctx context.Context, tx *sql.Tx, events iter.Seq2[event.Event, error]) (int, error) {
	last, stmt, err := prepareEventInsert(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	titles, err := newTitleWriter(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer titles.close()
	var hasArticle *sql.Stmt // prepared on first use
	n, i := 0, 0
	for e, err := range events {
		i++
		if err != nil {
			return 0, err
		}
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		if e.ArticleID != "" {
			// Imported events have no stored article; keep the id only
			// if that article exists, else the foreign key would fail.
			if hasArticle == nil {
				if hasArticle, err = tx.PrepareContext(ctx, `SELECT 1 FROM articles WHERE id = ?`); err != nil {
					return 0, err
				}
				defer hasArticle.Close()
			}
			var one int
			if err := hasArticle.QueryRowContext(ctx, e.ArticleID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
				e.ArticleID = ""
			} else if err != nil {
				return 0, err
			}
		}
		row, err := rowOf(&e)
		if err != nil {
			return 0, fmt.Errorf("event %d: %w", i, err)
		}
		if row.titleID, err = titles.id(ctx, row.articleTitle); err != nil {
			return 0, fmt.Errorf("event %d: %w", i, err)
		}
		r, err := stmt.ExecContext(ctx, row.args()...)
		if err != nil {
			return 0, fmt.Errorf("insert event %d (%s): %w", i, e.ID, err)
		}
		k, _ := r.RowsAffected()
		n += int(k)
	}
	return n, indexNewEvents(ctx, tx, last)
}

// prepareEventInsert starts a batch of event inserts: it returns the
// highest events rowid before the batch (0 when empty; rows inserted in the
// same write transaction get larger ones, which indexNewEvents indexes) and
// the prepared insert statement, which the caller closes.
func prepareEventInsert(ctx context.Context, tx *sql.Tx) (int64, *sql.Stmt, error) {
	var last int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(rowid), 0) FROM events").Scan(&last); err != nil {
		return 0, nil, fmt.Errorf("max rowid: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, insertEventSQL)
	if err != nil {
		return 0, nil, fmt.Errorf("prepare event insert: %w", err)
	}
	return last, stmt, nil
}

// indexNewEvents adds the events inserted after rowid last to the
// full-text index (one statement), the count grid, the actors' index
// the day counts and the cell sums.
func indexNewEvents(ctx context.Context, tx *sql.Tx, last int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts (rowid, article_title, sentence)
		SELECT rowid, article_title, sentence FROM events_text WHERE rowid > ? ORDER BY rowid`, last); err != nil {
		return fmt.Errorf("index new events (fts): %w", err)
	}
	if err := addToGrid(ctx, tx, last); err != nil {
		return fmt.Errorf("index new events: %w", err)
	}
	if err := addActors(ctx, tx, last); err != nil {
		return fmt.Errorf("index new events: %w", err)
	}
	if err := addToDays(ctx, tx, last); err != nil {
		return fmt.Errorf("index new events: %w", err)
	}
	if err := addToCells(ctx, tx, last); err != nil {
		return fmt.Errorf("index new events: %w", err)
	}
	return nil
}

// writeTx runs fn in an IMMEDIATE transaction on the single writer
// connection, committing when fn returns nil and rolling back otherwise.
func (s *Store) writeTx(ctx context.Context, fn func(*sql.Tx) error) error {
	return storageErr(s.runWriteTx(ctx, fn))
}

func (s *Store) runWriteTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("rollback: %w", rerr))
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
