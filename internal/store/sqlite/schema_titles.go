package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// Schema 11 stores each title once (see titles.go): the events' title
// moves to the titles table, and the full-text index reads an event's
// document (title and in-row sentence) through the view events_text,
// its content table. The migration rewrites every event row and rebuilds
// the full-text index (the 1M-event bench database: 102 s, 24 CPU-s at
// load 17); the space it frees stays in the file (591 -> 594 MB) until a
// VACUUM or `geoevents backup` writes a compact copy (542 MB: the copy
// also takes pageSize).
const schemaTitlesSQL = `
DROP TRIGGER events_ad;
DROP TRIGGER events_au;
DROP TABLE events_fts;
CREATE TABLE titles (rowid INTEGER PRIMARY KEY, text TEXT NOT NULL);
ALTER TABLE events ADD COLUMN title_id INTEGER;
`

// eventsTextSQL is the full-text index's content: each event's title and
// in-row sentence (shared sentences are indexed in sentences_fts).
const eventsTextSQL = `
CREATE VIEW events_text AS
	SELECT e.rowid AS rowid, ` + titleSQL + ` AS article_title, e.sentence AS sentence FROM events e;
CREATE VIRTUAL TABLE events_fts USING fts5(
	article_title, sentence,
	content='events_text', content_rowid='rowid',
	tokenize='porter unicode61 remove_diacritics 2',
	detail=none, columnsize=0
);`

// oldTitleSQL is the title of the row a trigger deletes or updates.
const oldTitleSQL = `(SELECT t.text FROM titles t WHERE t.rowid = old.title_id)`

// titleTriggersSQL keep the full-text index and the count grid exact
// when events are deleted or updated, as eventTriggersSQL did with the
// title in the row.
const titleTriggersSQL = `
CREATE TRIGGER events_ad AFTER DELETE ON events BEGIN
	INSERT INTO events_fts(events_fts, rowid, article_title, sentence)
		VALUES ('delete', old.rowid, ` + oldTitleSQL + `, old.sentence);
	UPDATE event_grid SET n = n - 1 WHERE k IN (SELECT value FROM json_each(grid_keys(old.kind, old.h, old.date)));
	DELETE FROM event_grid WHERE n = 0 AND k IN (SELECT value FROM json_each(grid_keys(old.kind, old.h, old.date)));
END;
CREATE TRIGGER events_au AFTER UPDATE ON events BEGIN
	INSERT INTO events_fts(events_fts, rowid, article_title, sentence)
		VALUES ('delete', old.rowid, ` + oldTitleSQL + `, old.sentence);
	INSERT INTO events_fts(rowid, article_title, sentence)
		VALUES (new.rowid, (SELECT t.text FROM titles t WHERE t.rowid = new.title_id), new.sentence);
	UPDATE event_grid SET n = n - 1 WHERE k IN (SELECT value FROM json_each(grid_keys(old.kind, old.h, old.date)));
	DELETE FROM event_grid WHERE n = 0 AND k IN (SELECT value FROM json_each(grid_keys(old.kind, old.h, old.date)));
	INSERT INTO event_grid (k, n) SELECT value, 1 FROM json_each(grid_keys(new.kind, new.h, new.date)) WHERE true
		ON CONFLICT(k) DO UPDATE SET n = n + 1;
END;
`

// schemaTitlesRun moves the titles out of the rows, drops the column and
// builds the full-text index and its triggers again.
func schemaTitlesRun(ctx context.Context, tx *sql.Tx) error {
	pool, err := loadTitlePool(ctx, tx)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT article_title FROM events WHERE article_title <> ''`)
	if err != nil {
		return fmt.Errorf("read titles: %w", err)
	}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return fmt.Errorf("read titles: %w", err)
		}
		pool.id(t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read titles: %w", err)
	}
	if err := pool.flush(ctx, tx); err != nil {
		return err
	}
	for _, q := range []string{
		`CREATE INDEX titles_text ON titles(text)`,
		`UPDATE events SET title_id = (SELECT t.rowid FROM titles t WHERE t.text = events.article_title) WHERE article_title <> ''`,
		`DROP INDEX titles_text`,
		`ALTER TABLE events DROP COLUMN article_title`,
		eventsTextSQL,
		`INSERT INTO events_fts(events_fts) VALUES ('rebuild')`,
		titleTriggersSQL,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("titles: %w", err)
		}
	}
	return nil
}
