package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// Schema 8 (migration 8) stores each sentence of an article once
// (issue 15, point 2). Before, every event carried its whole sentence, and
// the full-text index indexed it once per event: an article of N events
// in one long sentence stored it N times.
//
//   - sentences holds an article's sentences, each once (rowid, article,
//     start offset of its first use, text); they go with their article
//     (ON DELETE CASCADE) and with its events when they are re-derived;
//   - an event of an article points at its sentence (sentence_id) and
//     keeps no copy (sentence NULL); events without an article (imported
//     ones) keep their sentence in the row as before;
//   - sentences_fts indexes each sentence once with its article's title
//     (the document an event's title and sentence made together before).
//     It keeps no copy of the text (contentless) and deletes by rowid
//     (contentless_delete), so no trigger needs the text it indexed;
//   - events_fts is unchanged: it indexes each event's title and in-row
//     sentence, so for an event of an article its title alone. An event
//     matches words when events_fts or its sentence's sentences_fts
//     document holds them all (textMatchSQL): all words in the title are
//     in the title-and-sentence document too, so the union is exact.
//
// The migration moves the sentences of stored articles' events into
// sentences (schema8Run); imported events are not touched.
const schema8SQL = `
CREATE TABLE sentences (
	rowid      INTEGER PRIMARY KEY,
	article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	start      INTEGER NOT NULL DEFAULT 0,
	text       TEXT NOT NULL
);
CREATE INDEX sentences_article ON sentences(article_id, start);
` + sentencesFTSSQL + `
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
	DELETE FROM sentences_fts WHERE rowid = old.rowid;
END;
ALTER TABLE events ADD COLUMN sentence_id INTEGER;
CREATE INDEX events_sentence ON events(sentence_id) WHERE sentence_id IS NOT NULL;
`

// sentencesFTSSQL is the full-text index of the sentences, tokenized as
// events_fts (schema 7). columnsize stays on: contentless_delete needs it.
const sentencesFTSSQL = `
CREATE VIRTUAL TABLE sentences_fts USING fts5(
	article_title, sentence,
	content='', contentless_delete=1,
	tokenize='porter unicode61 remove_diacritics 2',
	detail=none
);`

// schema8Run moves the sentences of the stored articles' events into the
// sentences table, one row per distinct sentence of an article, and
// points the events at them. The events' update trigger re-indexes each
// moved event in events_fts (title only) and leaves the count grid as it
// was.
func schema8Run(ctx context.Context, tx *sql.Tx) error {
	type move struct {
		rowid int64
		key   sentenceKey
		start int
	}
	rows, err := tx.QueryContext(ctx, `SELECT e.rowid, e.article_id, a.title, e.article_title, e.sentence, e.more
		FROM events e JOIN articles a ON a.id = e.article_id
		WHERE e.sentence IS NOT NULL AND e.sentence <> '' ORDER BY e.article_id, e.rowid`)
	if err != nil {
		return fmt.Errorf("read sentences: %w", err)
	}
	var moves []move
	for rows.Next() {
		var m move
		var title, eventTitle sql.NullString
		var more []byte
		if err := rows.Scan(&m.rowid, &m.key.article, &title, &eventTitle, &m.key.text, &more); err != nil {
			rows.Close()
			return fmt.Errorf("read sentences: %w", err)
		}
		if eventTitle.String != title.String {
			continue // titled apart from its article: keeps its own document
		}
		m.key.title = title.String
		start, err := packedSentenceStart(more)
		if err != nil {
			rows.Close()
			return fmt.Errorf("event row %d: %w", m.rowid, err)
		}
		m.start = start
		moves = append(moves, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read sentences: %w", err)
	}
	w, err := newSentenceWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	update, err := tx.PrepareContext(ctx, `UPDATE events SET sentence = NULL, sentence_id = ? WHERE rowid = ?`)
	if err != nil {
		return fmt.Errorf("move sentences: %w", err)
	}
	defer update.Close()
	for _, m := range moves {
		id, err := w.id(ctx, m.key, m.start)
		if err != nil {
			return err
		}
		if _, err := update.ExecContext(ctx, id, m.rowid); err != nil {
			return fmt.Errorf("move sentence of event row %d: %w", m.rowid, err)
		}
	}
	return nil
}
