package sqlite

import (
	"context"
	"database/sql"
	"strings"
)

// Schema 6 (migration 6) replaces the R*Tree with indexes a B-tree keeps
// compact and fast to build, and adds the count grid:
//
//   - events keep coordinates as integer micro-degrees (x, y: the
//     precision served), their Hilbert cell (h, see hilbert.go) and kind
//     (event or plain mention) as columns, and the fields nothing filters
//     on packed into one column (more, see packed.go);
//   - events_space (kind, h, x, y, date) finds the events of an area
//     (the cells' h ranges) and tests them without reading rows; mentions
//     sort apart from events, so the default query never sees them;
//   - events_cell (kind, h >> 8, date, x, y) keeps each cell's events of
//     about 8 × 5 km in date order: a time range is one seek per cell,
//     and the newest events of a few cells merge in order (space.go);
//   - events_date (date, kind, x, y) serves time ranges and date order,
//     testing kind and area without reading rows; ties are ordered by id
//     with a small sort (no id copy in the index);
//   - the full-text index keeps which documents hold a word, not where
//     (detail=none, a fifth of the size): multi-word tokens are matched
//     word by word and then checked in the text (geo_phrase);
//   - event_grid holds the counts (see grid.go); triggers keep it and the
//     full-text index exact on delete and update, inserts do it in bulk.
//
// The rows are copied in (kind, h) order, so neighbours share pages.
var schema6SQL = `
DROP TRIGGER events_ad;
DROP TRIGGER events_au;
DROP TABLE events_fts;
DROP TABLE events_rtree;
` + eventsTableSQL + `
INSERT INTO events_v6 (id, kind, h, x, y, date, type, subtype, place_name, place_id, country_code,
	article_id, score, article_title, sentence, more)
SELECT id, type = 'Mention', geo_hilbert(x, y), x, y, date, type, subtype, place_name, place_id, country_code,
	article_id, score, article_title, sentence,
	event_pack(article_url, source, published, sentence_start, mention_start, mention_end, mention, mention_kind,
		country, admin1, feature_code, geo_precision, actors, fatalities, notes, date_precision, explain)
FROM (SELECT *, ` + e6("lon") + ` AS x, ` + e6("lat") + ` AS y FROM events)
ORDER BY 2, 3;
DROP TABLE events;
ALTER TABLE events_v6 RENAME TO events;
CREATE TABLE event_grid (k INTEGER PRIMARY KEY, n INTEGER NOT NULL);
` + ftsTableSQL + `
INSERT INTO events_fts(events_fts) VALUES ('rebuild');
` + eventTriggersSQL

// eventsTableSQL creates the events table of schema 6 (as events_v6).
const eventsTableSQL = `
CREATE TABLE events_v6 (
	rowid         INTEGER PRIMARY KEY,
	id            TEXT NOT NULL,
	kind          INTEGER NOT NULL,
	h             INTEGER NOT NULL,
	x             INTEGER NOT NULL CHECK (x BETWEEN -180000000 AND 180000000),
	y             INTEGER NOT NULL CHECK (y BETWEEN -90000000 AND 90000000),
	date          INTEGER,
	type          TEXT NOT NULL DEFAULT '',
	subtype       TEXT NOT NULL DEFAULT '',
	place_name    TEXT NOT NULL DEFAULT '',
	place_id      TEXT,
	country_code  TEXT,
	article_id    TEXT REFERENCES articles(id) ON DELETE CASCADE,
	score         REAL NOT NULL DEFAULT 0,
	article_title TEXT,
	sentence      TEXT,
	more          BLOB
);`

// ftsTableSQL creates the full-text index over the events' title and
// sentence.
const ftsTableSQL = `
CREATE VIRTUAL TABLE events_fts USING fts5(
	article_title, sentence,
	content='events', content_rowid='rowid',
	tokenize='unicode61 remove_diacritics 2',
	detail=none, columnsize=0
);`

// eventTriggersSQL keeps the full-text index and the count grid in step
// with deleted and updated events (an update must set h with x and y).
const eventTriggersSQL = `
CREATE TRIGGER events_ad AFTER DELETE ON events BEGIN
	INSERT INTO events_fts(events_fts, rowid, article_title, sentence)
		VALUES ('delete', old.rowid, old.article_title, old.sentence);
	UPDATE event_grid SET n = n - 1 WHERE k IN (SELECT value FROM json_each(grid_keys(old.kind, old.h, old.date)));
	DELETE FROM event_grid WHERE n = 0 AND k IN (SELECT value FROM json_each(grid_keys(old.kind, old.h, old.date)));
END;
` + eventsAUTriggerSQL

// eventsAUTriggerSQL is the update trigger of eventTriggersSQL.
const eventsAUTriggerSQL = `
CREATE TRIGGER events_au AFTER UPDATE ON events BEGIN
	INSERT INTO events_fts(events_fts, rowid, article_title, sentence)
		VALUES ('delete', old.rowid, old.article_title, old.sentence);
	INSERT INTO events_fts(rowid, article_title, sentence)
		VALUES (new.rowid, new.article_title, new.sentence);
	UPDATE event_grid SET n = n - 1 WHERE k IN (SELECT value FROM json_each(grid_keys(old.kind, old.h, old.date)));
	DELETE FROM event_grid WHERE n = 0 AND k IN (SELECT value FROM json_each(grid_keys(old.kind, old.h, old.date)));
	INSERT INTO event_grid (k, n) SELECT value, 1 FROM json_each(grid_keys(new.kind, new.h, new.date)) WHERE true
		ON CONFLICT(k) DO UPDATE SET n = n + 1;
END;
`

// eventIndexes are the secondary indexes of events (schema 6 on; since
// is the schema that added one, 0 for 6). A bulk import into an empty
// table drops the dense ones and builds them after the load; the sparse
// (partial) ones stay, as most rows skip them.
var eventIndexes = []struct {
	name, sql string
	sparse    bool
	since     int
}{
	{"events_id", "CREATE UNIQUE INDEX events_id ON events(id)", false, 0},
	{"events_date", "CREATE INDEX events_date ON events(date, kind, x, y)", false, 0},
	{"events_space", "CREATE INDEX events_space ON events(kind, h, x, y, date)", false, 0},
	{"events_cell", "CREATE INDEX events_cell ON events(kind, h >> 8, date, x, y)", false, 0},
	{"events_type", "CREATE INDEX events_type ON events(type, subtype)", false, 0},
	{"events_score", "CREATE INDEX events_score ON events(score) WHERE score <> 0", true, 0},
	{"events_place_name", "CREATE INDEX events_place_name ON events(place_name COLLATE NOCASE)", false, 0},
	{"events_place_id", "CREATE INDEX events_place_id ON events(place_id) WHERE place_id IS NOT NULL", true, 0},
	{"events_country", "CREATE INDEX events_country ON events(country_code) WHERE country_code IS NOT NULL", true, 0},
	{"events_article", "CREATE INDEX events_article ON events(article_id) WHERE article_id IS NOT NULL", true, 0},
	// Built after a bulk load too: kept up row by row during the load it
	// was 10% slack (4.5 of its 48 bytes an event on the 1M benchmark)
	// and a Go call (event_fatalities) per row inserted.
	{"events_agg", "CREATE INDEX events_agg ON events(kind, h, type, date, x, y, event_fatalities(more), country_code)", false, 7},
	{"events_sentence", "CREATE INDEX events_sentence ON events(sentence_id) WHERE sentence_id IS NOT NULL", true, 8},
	// The incidents' (incidents.go): a new report's candidate primaries,
	// and an incident's reports.
	{"events_join", "CREATE INDEX events_join ON events(place_id, type, date) WHERE place_id IS NOT NULL AND kind IN (0, 2)", false, 14},
	{"events_incident", "CREATE INDEX events_incident ON events(incident, article_id) WHERE incident IS NOT NULL", true, 14},
}

// createEventIndexes builds the secondary indexes of schema upTo (and
// before) that do not exist.
func createEventIndexes(ctx context.Context, tx *sql.Tx, upTo int, step func(name string)) error {
	for _, ix := range eventIndexes {
		if ix.since > upTo {
			continue
		}
		if step != nil {
			step("index " + ix.name)
		}
		q := strings.Replace(ix.sql, "INDEX ", "INDEX IF NOT EXISTS ", 1)
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// schema6Run finishes migration 6: the indexes and the count grid.
func schema6Run(ctx context.Context, tx *sql.Tx) error {
	if err := createEventIndexes(ctx, tx, 6, nil); err != nil {
		return err
	}
	return rebuildGrid(ctx, tx)
}
