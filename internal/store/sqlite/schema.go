package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"

	"geoevents/internal/store"
)

// migrations are the schema steps, applied in order; step i brings the
// database from user_version i to i+1. Never edit a released step: append.
// A step is SQL, optionally followed by Go code in the same transaction.
var migrations = []migration{
	// 1: articles, events with R*Tree and FTS5, places. New events are
	// added to the R*Tree and FTS5 in one statement per transaction
	// (indexNewEvents), not by an insert trigger: a trigger writing a
	// virtual table makes every insert a statement savepoint, and FTS5
	// flushes its pending terms at each one, which is ten times slower.
	// Deletes and updates, rare, are kept in step by triggers.
	{sql: `
CREATE TABLE articles (
	id          TEXT PRIMARY KEY,
	url         TEXT UNIQUE,
	title       TEXT NOT NULL DEFAULT '',
	source      TEXT,
	published   INTEGER,
	text        TEXT NOT NULL DEFAULT '',
	ingested_at INTEGER NOT NULL
);
CREATE INDEX articles_published ON articles(published DESC, id);

CREATE TABLE events (
	rowid          INTEGER PRIMARY KEY,
	id             TEXT NOT NULL UNIQUE,
	article_id     TEXT REFERENCES articles(id) ON DELETE CASCADE,
	article_title  TEXT,
	article_url    TEXT,
	source         TEXT,
	published      INTEGER,
	sentence       TEXT,
	sentence_start INTEGER NOT NULL DEFAULT 0,
	mention_start  INTEGER NOT NULL DEFAULT 0,
	mention_end    INTEGER NOT NULL DEFAULT 0,
	mention        TEXT,
	mention_kind   TEXT,
	place_id       TEXT,
	place_name     TEXT NOT NULL DEFAULT '',
	country_code   TEXT,
	country        TEXT,
	admin1         TEXT,
	feature_code   TEXT,
	lon            REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
	lat            REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
	geo_precision  INTEGER NOT NULL DEFAULT 0,
	score          REAL NOT NULL DEFAULT 0,
	type           TEXT NOT NULL DEFAULT '',
	subtype        TEXT NOT NULL DEFAULT '',
	actors         TEXT,
	fatalities     INTEGER NOT NULL DEFAULT 0,
	notes          TEXT,
	date           INTEGER,
	date_precision TEXT
);
CREATE INDEX events_date ON events(date DESC, id);
CREATE INDEX events_type ON events(type, subtype);
CREATE INDEX events_country ON events(country_code);
CREATE INDEX events_place_id ON events(place_id);
CREATE INDEX events_place_name ON events(place_name COLLATE NOCASE);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_score ON events(score DESC, id);

CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);

CREATE VIRTUAL TABLE events_fts USING fts5(
	article_title, sentence,
	content='events', content_rowid='rowid',
	tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER events_ad AFTER DELETE ON events BEGIN
	DELETE FROM events_rtree WHERE id = old.rowid;
	INSERT INTO events_fts(events_fts, rowid, article_title, sentence)
		VALUES ('delete', old.rowid, old.article_title, old.sentence);
END;
CREATE TRIGGER events_au AFTER UPDATE ON events BEGIN
	UPDATE events_rtree SET min_lon = new.lon, max_lon = new.lon, min_lat = new.lat, max_lat = new.lat
		WHERE id = old.rowid;
	INSERT INTO events_fts(events_fts, rowid, article_title, sentence)
		VALUES ('delete', old.rowid, old.article_title, old.sentence);
	INSERT INTO events_fts(rowid, article_title, sentence)
		VALUES (new.rowid, new.article_title, new.sentence);
END;

CREATE TABLE places (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL,
	ascii_name    TEXT,
	lat           REAL NOT NULL,
	lon           REAL NOT NULL,
	feature_class TEXT,
	feature_code  TEXT,
	country_code  TEXT,
	country_name  TEXT,
	admin1        TEXT,
	population    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE place_names (
	place_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
	name     TEXT NOT NULL,
	PRIMARY KEY (place_id, name)
) WITHOUT ROWID;
`},
	// 2: databases made by the first version of step 1 had an insert
	// trigger for the R*Tree and FTS5; indexNewEvents does that now.
	{sql: `DROP TRIGGER IF EXISTS events_ai;`},
	// 3: the R*Tree holds integer micro-degrees (rtree_i32), the precision
	// of the coordinates we serve, so box queries are answered exactly by
	// the R*Tree alone (a float R*Tree rounds to 32 bits, up to 1.7 m).
	{sql: `
DROP TABLE events_rtree;
CREATE VIRTUAL TABLE events_rtree USING rtree_i32(id, min_lon, max_lon, min_lat, max_lat);
INSERT INTO events_rtree (id, min_lon, max_lon, min_lat, max_lat)
	SELECT rowid, ` + e6("lon") + `, ` + e6("lon") + `, ` + e6("lat") + `, ` + e6("lat") + ` FROM events ORDER BY rowid;
DROP TRIGGER events_au;
CREATE TRIGGER events_au AFTER UPDATE ON events BEGIN
	UPDATE events_rtree SET min_lon = ` + e6("new.lon") + `, max_lon = ` + e6("new.lon") + `,
		min_lat = ` + e6("new.lat") + `, max_lat = ` + e6("new.lat") + ` WHERE id = old.rowid;
	INSERT INTO events_fts(events_fts, rowid, article_title, sentence)
		VALUES ('delete', old.rowid, old.article_title, old.sentence);
	INSERT INTO events_fts(rowid, article_title, sentence)
		VALUES (new.rowid, new.article_title, new.sentence);
END;
`},
	// 4: the R*Tree gains a third dimension, the event's day (dayKey), so
	// box queries sorted by date, or limited to whole days, count and pick
	// their page's candidates from the R*Tree alone.
	{sql: `
DROP TABLE events_rtree;
CREATE VIRTUAL TABLE events_rtree USING rtree_i32(id, min_lon, max_lon, min_lat, max_lat, min_day, max_day);
INSERT INTO events_rtree (id, min_lon, max_lon, min_lat, max_lat, min_day, max_day)
	SELECT rowid, ` + e6("lon") + `, ` + e6("lon") + `, ` + e6("lat") + `, ` + e6("lat") + `, ` + dayKey("date") + `, ` + dayKey("date") + `
	FROM events ORDER BY rowid;
DROP TRIGGER events_au;
CREATE TRIGGER events_au AFTER UPDATE ON events BEGIN
	UPDATE events_rtree SET min_lon = ` + e6("new.lon") + `, max_lon = ` + e6("new.lon") + `,
		min_lat = ` + e6("new.lat") + `, max_lat = ` + e6("new.lat") + `,
		min_day = ` + dayKey("new.date") + `, max_day = ` + dayKey("new.date") + ` WHERE id = old.rowid;
	INSERT INTO events_fts(events_fts, rowid, article_title, sentence)
		VALUES ('delete', old.rowid, old.article_title, old.sentence);
	INSERT INTO events_fts(rowid, article_title, sentence)
		VALUES (new.rowid, new.article_title, new.sentence);
END;
`},
	// 5: events keep why they were coded as they are (explain, JSON), and
	// articles the version of the extraction rules that derived their
	// events, so a newer version re-derives them on the next ingest.
	{sql: `
ALTER TABLE events ADD COLUMN explain TEXT;
ALTER TABLE articles ADD COLUMN extractor TEXT;
`},
	// 6: lean rows, a Hilbert-ordered space index and the count grid
	// (see schema6.go).
	{sql: schema6SQL, run: schema6Run},
	// 7: the full-text index stems English words (see schema7.go).
	{sql: schema7SQL},
	// 8: each sentence of an article stored once (see schema8.go).
	{sql: schema8SQL, run: schema8Run},
	// 9: country- and province-level events are kinds of their own (see
	// schema_coarse.go).
	{sql: schemaCoarseSQL, run: schemaCoarseRun},
	// 10: the actors' index of the actor filter (see actors.go).
	{sql: actorsTableSQL},
	// 11: each title stored once (see schema_titles.go).
	{sql: schemaTitlesSQL, run: schemaTitlesRun},
	// 12: events counted per kind, day, type and country, the timeline's
	// and the weekly chart's counts (see days.go).
	{sql: schemaDaysSQL, run: schemaDaysRun},
	// 13: events summed per kind, cell and type, what the map's
	// aggregates sum (see cellsums.go).
	{sql: schemaCellsSQL, run: schemaCellsRun},
	// 14: reports of one incident across articles (see incidents.go).
	{sql: schemaIncidentsSQL, run: schemaIncidentsRun},
}

// migration is one schema step: SQL, then optionally Go code.
type migration struct {
	sql string
	run func(context.Context, *sql.Tx) error
}

// e6 is the SQL for a coordinate column in integer micro-degrees, rounded
// half away from zero like math.Round.
func e6(col string) string { return "CAST(round(" + col + " * 1e6) AS INTEGER)" }

// dayKey is the SQL for the R*Tree day key of a date column (Unix
// seconds) in migration 4: whole days since 1970-01-01 rounded down,
// clamped to int32, the least int32 for NULL.
func dayKey(col string) string {
	return "coalesce(max(-2147483647, min(2147483647, (" + col + " - ((" + col + " % 86400) + 86400) % 86400) / 86400)), -2147483648)"
}

// migrate brings the database schema up to date, one transaction per step.
func migrate(ctx context.Context, db *sql.DB) error {
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("%w: version %d, this program knows up to %d (upgrade geoevents)", store.ErrSchemaTooNew, version, len(migrations))
	}
	for v := version; v < len(migrations); v++ {
		if err := migrateStep(ctx, db, v); err != nil {
			return err
		}
	}
	return nil
}

func migrateStep(ctx context.Context, db *sql.DB, v int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %d: %w", v+1, err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit this is a no-op
	if _, err := tx.ExecContext(ctx, migrations[v].sql); err != nil {
		return fmt.Errorf("migration %d: %w", v+1, err)
	}
	if run := migrations[v].run; run != nil {
		if err := run(ctx, tx); err != nil {
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
	}
	// PRAGMA takes no bound parameters; v+1 is our own integer.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return fmt.Errorf("migration %d: set version: %w", v+1, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %d: commit: %w", v+1, err)
	}
	return nil
}

// Schema identifies this program's schema: its version (the number of
// migrations) and a digest of the migrations' SQL, which tells apart
// schemas of the same version written by other builds (branches that
// each appended a step). Tests that keep a database between runs stamp it
// with both, so a database of another schema is rebuilt, not reused.
func Schema() (version int, digest string) {
	h := sha256.New()
	for _, m := range migrations {
		h.Write([]byte(m.sql))
		h.Write([]byte{0})
	}
	return len(migrations), hex.EncodeToString(h.Sum(nil)[:6])
}
