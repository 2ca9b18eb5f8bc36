package sqlite

import (
	"context"
	"database/sql"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// openLegacy makes a database of schema version v (6 or 7) at path,
// through the released migration steps, and returns its connection, for
// a test to write into as that version's store did and then open it with
// this one (which migrates it).
func openLegacy(t *testing.T, path string, v int) *sql.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite", dsn(path, false, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	for i := range v {
		if err := migrateStep(ctx, db, i); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// legacyInsertSQL is the event insert of schemas 6 and 7: every event
// carries its sentence.
const legacyInsertSQL = `INSERT INTO events (id, kind, h, x, y, date, type, subtype, place_name, place_id, country_code,
	article_id, score, article_title, sentence, more) VALUES (?,?,?,?,?,?,?,?,?,?,?, ?,?,?,?,?)`

// saveLegacy stores article a (none when a.ID is "") and events as the
// store of schemas 6 and 7 did: each event with its sentence in its row,
// indexed in events_fts and the count grid.
func saveLegacy(t *testing.T, db *sql.DB, a event.Article, evs []event.Event) {
	t.Helper()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit a no-op
	if a.ID != "" {
		if _, err := insertArticle(ctx, tx, a); err != nil {
			t.Fatal(err)
		}
	}
	var last int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(rowid), 0) FROM events").Scan(&last); err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if a.ID != "" {
			e = store.OfArticle(a, e)
		}
		row, err := rowOf(&e)
		if err != nil {
			t.Fatal(err)
		}
		args := row.args()[:argSentenceID]
		args[argTitleID] = nullStr(row.articleTitle) // the title in the row, before schema 11
		if _, err := tx.ExecContext(ctx, legacyInsertSQL, args...); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO events_fts (rowid, article_title, sentence)
		SELECT rowid, article_title, sentence FROM events WHERE rowid > ?`, last); err != nil {
		t.Fatal(err)
	}
	if err := addToGrid(ctx, tx, last); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}
