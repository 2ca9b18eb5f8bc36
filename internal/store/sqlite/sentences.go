package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"geoevents/internal/event"
)

// An article's events share its sentences (schema 8): the first event of
// a sentence stores it in sentences and indexes it in sentences_fts with
// the article's title; the others point at the same row.

// sentenceSQL is the SQL of an event's sentence (alias e): its own, or
// its article's shared one.
const sentenceSQL = `coalesce(e.sentence, (SELECT s.text FROM sentences s WHERE s.rowid = e.sentence_id))`

// sentenceKey identifies a shared sentence: one text of one article,
// indexed with one title.
type sentenceKey struct {
	article, title, text string
}

// sharedSentence reports whether event e of article a shares its sentence
// through the sentences table, and under which key. An event titled apart
// from its article keeps its sentence in its row, so that its full-text
// document stays its own title and sentence.
func sharedSentence(a event.Article, e *event.Event) (sentenceKey, bool) {
	if e.Sentence == "" || e.ArticleID != a.ID || e.ArticleTitle != a.Title {
		return sentenceKey{}, false
	}
	return sentenceKey{article: a.ID, title: a.Title, text: e.Sentence}, true
}

// sentenceWriter stores the sentences of articles in one transaction,
// each distinct one once.
type sentenceWriter struct {
	tx     *sql.Tx
	insert *sql.Stmt
	index  *sql.Stmt
	ids    map[sentenceKey]int64
}

func newSentenceWriter(ctx context.Context, tx *sql.Tx) (*sentenceWriter, error) {
	insert, err := tx.PrepareContext(ctx, `INSERT INTO sentences (article_id, start, text) VALUES (?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("prepare sentence insert: %w", err)
	}
	index, err := tx.PrepareContext(ctx, `INSERT INTO sentences_fts (rowid, article_title, sentence) VALUES (?, ?, ?)`)
	if err != nil {
		insert.Close()
		return nil, fmt.Errorf("prepare sentence index: %w", err)
	}
	return &sentenceWriter{tx: tx, insert: insert, index: index, ids: map[sentenceKey]int64{}}, nil
}

// id returns the rowid of the sentence k, storing and indexing it first
// when this writer has not seen it (start is where it begins in the
// article's text).
func (w *sentenceWriter) id(ctx context.Context, k sentenceKey, start int) (int64, error) {
	if id, ok := w.ids[k]; ok {
		return id, nil
	}
	r, err := w.insert.ExecContext(ctx, k.article, start, k.text)
	if err != nil {
		return 0, fmt.Errorf("insert sentence: %w", err)
	}
	id, err := r.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("insert sentence: %w", err)
	}
	if _, err := w.index.ExecContext(ctx, id, nullStr(k.title), k.text); err != nil {
		return 0, fmt.Errorf("index sentence: %w", err)
	}
	w.ids[k] = id
	return id, nil
}

func (w *sentenceWriter) close() {
	w.insert.Close()
	w.index.Close()
}

// packedSentenceStart reads the sentence offset from a packed more column.
func packedSentenceStart(more []byte) (int, error) {
	var e event.Event
	if err := unpackEvent(more, &e); err != nil {
		return 0, err
	}
	return e.SentenceStart, nil
}

// checkSentences reports events pointing at a missing sentence and
// sentences no event points at.
func checkSentences(ctx context.Context, db *sql.DB) error {
	var dangling, orphans int64
	err := db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM events e WHERE e.sentence_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sentences s WHERE s.rowid = e.sentence_id)),
		(SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.sentence_id = s.rowid))`).Scan(&dangling, &orphans)
	if err != nil {
		return fmt.Errorf("sentences: %w", err)
	}
	if dangling > 0 || orphans > 0 {
		return fmt.Errorf("sentences: %d events point at a missing sentence, %d sentences belong to no event", dangling, orphans)
	}
	return nil
}
