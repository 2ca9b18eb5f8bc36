package postgis

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"geoevents/internal/store"
)

// migrations are the schema steps, applied in order; step i brings the
// database from version i to i+1 (recorded in geoevents_schema), as the
// SQLite store's steps do. Never edit a released step: append.
var migrations = []string{
	// 1: articles, events, user places; text search with English
	// stemming over title and sentence, diacritics removed, no stop words
	// (every word of a query must be found, as in SQLite).
	`
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH DICTIONARY geoevents_english_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION geoevents_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION geoevents_english
	ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
	WITH unaccent, geoevents_english_stem;

CREATE TABLE articles (
	id          text COLLATE "C" PRIMARY KEY,
	url         text UNIQUE,
	title       text NOT NULL DEFAULT '',
	source      text,
	published   timestamptz,
	text        text NOT NULL DEFAULT '',
	ingested_at timestamptz NOT NULL,
	extractor   text
);
CREATE INDEX articles_published ON articles (published DESC NULLS LAST, id);

CREATE TABLE events (
	id             text COLLATE "C" PRIMARY KEY,
	kind           smallint NOT NULL,
	x              integer NOT NULL CHECK (x BETWEEN -180000000 AND 180000000),
	y              integer NOT NULL CHECK (y BETWEEN -90000000 AND 90000000),
	geom           geometry(Point, 4326) NOT NULL,
	date           timestamptz,
	type           text NOT NULL DEFAULT '',
	subtype        text NOT NULL DEFAULT '',
	place_name     text NOT NULL DEFAULT '',
	place_id       text,
	country_code   text,
	article_id     text COLLATE "C" REFERENCES articles(id) ON DELETE CASCADE,
	score          double precision NOT NULL DEFAULT 0,
	article_title  text,
	sentence       text,
	article_url    text,
	source         text,
	published      timestamptz,
	sentence_start integer NOT NULL DEFAULT 0,
	mention_start  integer NOT NULL DEFAULT 0,
	mention_end    integer NOT NULL DEFAULT 0,
	mention        text,
	mention_kind   text,
	country        text,
	admin1         text,
	feature_code   text,
	geo_precision  integer NOT NULL DEFAULT 0,
	actors         text[],
	fatalities     integer NOT NULL DEFAULT 0,
	notes          text,
	date_precision text,
	explain        jsonb,
	tsv tsvector GENERATED ALWAYS AS (to_tsvector('geoevents_english'::regconfig,
		coalesce(article_title, '') || ' ' || coalesce(sentence, ''))) STORED
);
CREATE INDEX events_geom ON events USING gist (geom);
CREATE INDEX events_tsv ON events USING gin (tsv);
CREATE INDEX events_date ON events (date DESC NULLS LAST, id);
CREATE INDEX events_kind_date ON events (kind, date DESC NULLS LAST, id);
CREATE INDEX events_score ON events (score DESC, id);
CREATE INDEX events_type ON events (type, subtype);
CREATE INDEX events_country ON events (country_code) WHERE country_code IS NOT NULL;
CREATE INDEX events_place_id ON events (place_id) WHERE place_id IS NOT NULL;
CREATE INDEX events_place_name ON events (` + asciiLower("place_name") + `);
CREATE INDEX events_article ON events (article_id) WHERE article_id IS NOT NULL;

CREATE TABLE places (
	id            bigint PRIMARY KEY,
	name          text NOT NULL,
	ascii_name    text,
	lat           double precision NOT NULL,
	lon           double precision NOT NULL,
	feature_class text,
	feature_code  text,
	country_code  text,
	country_name  text,
	admin1        text,
	population    bigint NOT NULL DEFAULT 0
);
CREATE TABLE place_names (
	place_id bigint NOT NULL REFERENCES places(id) ON DELETE CASCADE,
	name     text COLLATE "C" NOT NULL,
	PRIMARY KEY (place_id, name)
);
`,
	// 2: each sentence of an article stored once (issue 15, point 2), as
	// SQLite's schema 8: an event of an article points at its sentence
	// (sentence_id) and keeps no copy; the sentence's text vector holds
	// its article's title and the sentence, the document the event's own
	// vector held before (the event's vector now holds its title alone,
	// so a text match is either, see where.text). Imported events and
	// events titled apart from their article keep their sentence.
	`
CREATE TABLE sentences (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	article_id text COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	start      integer NOT NULL DEFAULT 0,
	text       text NOT NULL,
	tsv        tsvector NOT NULL
);
CREATE INDEX sentences_article ON sentences (article_id, start);
CREATE INDEX sentences_tsv ON sentences USING gin (tsv);
ALTER TABLE events ADD COLUMN sentence_id bigint REFERENCES sentences(id);
CREATE INDEX events_sentence ON events (sentence_id) WHERE sentence_id IS NOT NULL;
INSERT INTO sentences (article_id, start, text, tsv)
	SELECT DISTINCT ON (e.article_id, e.sentence) e.article_id, e.sentence_start, e.sentence,
		to_tsvector('geoevents_english'::regconfig, a.title || ' ' || e.sentence)
	FROM events e JOIN articles a ON a.id = e.article_id
	WHERE e.sentence <> '' AND coalesce(e.article_title, '') = a.title
	ORDER BY e.article_id, e.sentence, e.sentence_start;
UPDATE events e SET sentence_id = s.id, sentence = NULL
	FROM sentences s JOIN articles a ON a.id = s.article_id
	WHERE e.article_id = s.article_id AND e.sentence = s.text AND coalesce(e.article_title, '') = a.title;
`,
	// 3: the count grid (grid.go), filled from the events stored.
	gridMigration(),
	// 4: events counted per kind, precision, day, type and country, the
	// timeline's and the weekly chart's counts (days.go).
	daysMigration(),
	// 5: reports of one incident across articles (incidents.go); the
	// count tables' update triggers count only rows whose counted
	// columns changed.
	incidentsMigration + gridCounts.updateChangedSQL() + dayCounts.updateChangedSQL(),
}

// asciiLower is the SQL folding the ASCII letters of col to lower case
// and nothing else: SQLite's NOCASE, which the place filter's contract
// follows.
func asciiLower(col string) string {
	return "translate(" + col + ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
}

// lockMigrate and lockWrite are the advisory lock keys of schema
// migration and of writes (one writer at a time, across processes).
const (
	lockMigrate = 0x67656f6576656e74 // "geoevent"
	lockWrite   = 0x67656f6576777274 // "geoevwrt"
)

// migrate brings the schema up to date in one transaction, under an
// advisory lock so that several servers starting together migrate once.
// A database whose version is beyond the known steps is refused.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	// Up to date: nothing to write, so a read-only server (a standby)
	// serves too.
	var current int
	if err := pool.QueryRow(ctx, `SELECT version FROM geoevents_schema`).Scan(&current); err == nil {
		if current > len(migrations) {
			return fmt.Errorf("migrate: %w: version %d, this program knows up to %d (upgrade geoevents)", store.ErrSchemaTooNew, current, len(migrations))
		}
		if current == len(migrations) {
			return nil
		}
	}
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(lockMigrate)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS geoevents_schema (version integer NOT NULL)`); err != nil {
			return err
		}
		var version int
		err := tx.QueryRow(ctx, `SELECT version FROM geoevents_schema`).Scan(&version)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			if _, err := tx.Exec(ctx, `INSERT INTO geoevents_schema (version) VALUES (0)`); err != nil {
				return err
			}
		case err != nil:
			return fmt.Errorf("read schema version: %w", err)
		}
		if version > len(migrations) {
			return fmt.Errorf("%w: version %d, this program knows up to %d (upgrade geoevents)", store.ErrSchemaTooNew, version, len(migrations))
		}
		if version < len(migrations) {
			if err := createPostGIS(ctx, tx); err != nil {
				return err
			}
		}
		for v := version; v < len(migrations); v++ {
			if _, err := tx.Exec(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migration %d: %w", v+1, err)
			}
			if _, err := tx.Exec(ctx, `UPDATE geoevents_schema SET version = $1`, v+1); err != nil {
				return fmt.Errorf("migration %d: set version: %w", v+1, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// checkVersion is migrate for a read-only open: the schema must be this
// program's, since bringing it up to date would write.
func checkVersion(ctx context.Context, pool *pgxpool.Pool) error {
	var current int
	err := pool.QueryRow(ctx, `SELECT version FROM geoevents_schema`).Scan(&current)
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "42P01", errors.Is(err, pgx.ErrNoRows): // undefined_table: never opened
		current = 0
	case err != nil:
		return fmt.Errorf("read schema version: %w", err)
	}
	switch {
	case current > len(migrations):
		return fmt.Errorf("%w: version %d, this program knows up to %d (upgrade geoevents)", store.ErrSchemaTooNew, current, len(migrations))
	case current < len(migrations):
		return fmt.Errorf("%w: version %d, this program's is %d: open it once without --read-only to upgrade it", store.ErrSchemaTooOld, current, len(migrations))
	}
	return nil
}

// createPostGIS creates the PostGIS extension when it is missing, in a
// savepoint, so that a role that may not create it gets a message saying
// what to do.
func createPostGIS(ctx context.Context, tx pgx.Tx) error {
	var have bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis')`).Scan(&have); err != nil {
		return err
	}
	if have {
		return nil
	}
	if _, err := tx.Exec(ctx, `CREATE EXTENSION postgis`); err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && (pgErr.Code == "42501" || pgErr.Code == "0A000" || pgErr.Code == "58P01") {
			return fmt.Errorf("the PostGIS extension is missing and could not be created (%w): install PostGIS on the server and run CREATE EXTENSION postgis; as a superuser in this database", err)
		}
		return fmt.Errorf("create extension postgis: %w", err)
	}
	return nil
}
