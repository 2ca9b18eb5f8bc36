package postgis

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// Incidents across articles (see store.Incidents for the rule), as the
// SQLite store keeps them. An incident is rows of events: its primary is
// an ordinary row (kind 0), the other reports are rows of kind
// kindJoined, which no filter lists, so every read path (pages, counts,
// the count grid, the day counts, aggregates, text search, export) shows
// the incident once without knowing about incidents. Each report of an
// incident has its incident id (column incident, from the sequence
// incident_ids, never reused) and its own stated toll (own_fatal); the
// primary's sources and fatalities columns hold the incident's source
// count and toll, which is what the aggregates and the API read. Column
// seq numbers the rows in the order they were stored (the SQLite rowid's
// part): the earliest candidate is joined, the earliest report promoted.
//
// A join costs one indexed lookup (all of an article's in one round
// trip) and one statement inserting the report and updating the primary
// (queued with the article's other inserts), both independent of the
// incident's size: the count and toll are kept incrementally (count + 1,
// LowestStated of the two). Removing reports (re-derivation, a replaced
// article, a split) recounts the incidents they were in
// (settleIncidents).

// incidentsMigration is migration 5: the columns, the incident ids, the
// split reports and the join's indexes. Rows stored before it have no
// seq (NULL, ordered first: they are older than any row stored after).
const incidentsMigration = `
ALTER TABLE events ADD COLUMN incident bigint, ADD COLUMN own_fatal integer,
	ADD COLUMN sources integer NOT NULL DEFAULT 0, ADD COLUMN seq bigint;
CREATE SEQUENCE events_seq;
ALTER TABLE events ALTER COLUMN seq SET DEFAULT nextval('events_seq');
CREATE SEQUENCE incident_ids;
CREATE TABLE incident_splits (event_id text COLLATE "C" PRIMARY KEY);
CREATE INDEX events_join ON events (place_id, type, date, date_precision) WHERE place_id IS NOT NULL AND kind = 0;
CREATE INDEX events_incident ON events (incident, article_id) WHERE incident IS NOT NULL;
`

// candidateTests are the conditions on a candidate primary p beyond its
// place ($1 the article, $2 the new report's id, $3 the type, $4 the
// date, $5 the date precision): another article, not split off, no
// report of this article in its incident yet, the new report not split
// off, and another outlet: a report joins only when its article's source
// is known and no report of the incident has it (store.Incidents).
const candidateTests = ` AND p.kind = 0 AND p.type = $3 AND p.date = $4 AND coalesce(p.date_precision, '') = $5
	AND coalesce(p.article_id, '') <> $1
	AND NOT EXISTS (SELECT 1 FROM incident_splits s WHERE s.event_id = p.id)
	AND NOT EXISTS (SELECT 1 FROM events m WHERE m.incident = p.incident AND m.article_id = $1)
	AND NOT EXISTS (SELECT 1 FROM incident_splits s WHERE s.event_id = $2)
	AND coalesce((SELECT n.source FROM articles n WHERE n.id = $1), '') <> ''
	AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = p.article_id AND a.source = (SELECT n.source FROM articles n WHERE n.id = $1))
	AND NOT EXISTS (SELECT 1 FROM events m JOIN articles a ON a.id = m.article_id
		WHERE m.incident = p.incident AND a.source = (SELECT n.source FROM articles n WHERE n.id = $1))
ORDER BY p.seq NULLS FIRST, p.id LIMIT `

const joinColumns = `SELECT p.id, p.fatalities, p.sources, p.x, p.y FROM events p `

// byPlaceSQL finds the earliest primary of the same place id ($6), type,
// date and precision (index events_join).
const byPlaceSQL = joinColumns + `WHERE p.place_id = $6` + candidateTests + `1`

// byPointSQL lists the primaries of a point without a place id in a box
// ($6…$9: min lon, min lat, max lon, max lat) of the same type on the
// same date, through the indexes every query uses (events_geom's box or
// events_date's day, whichever the planner finds narrower): an index of
// their own would have held every imported event (they have no place
// id, and may be joined), slowing imports for the rare article event
// without a place id. The distance is tested in Go, with the SQLite
// store's function, so both backends draw the 5 km line alike.
const byPointSQL = joinColumns + `WHERE p.place_id IS NULL AND p.geom && ST_MakeEnvelope($6, $7, $8, $9, 4326)` +
	candidateTests + `50`

// primaryRef is a primary a new report can join.
type primaryRef struct {
	id             string
	fatal, sources int
	distanceKm     float64 // -1 when joined by place id
}

// joinable reports whether e may join an incident: a typed, dated report
// of an article.
func joinable(e *event.Event) bool {
	return e.ArticleID != "" && e.Type != "" && e.Type != event.TypeMention && !e.Date.IsZero()
}

// joinKey is what a report is looked up by.
func joinKey(e *event.Event) string {
	where := e.PlaceID
	if where == "" {
		where = strconv.FormatInt(micro(e.Lon), 10) + "," + strconv.FormatInt(micro(e.Lat), 10)
	}
	return where + "\x00" + e.Type + "\x00" + strconv.FormatInt(e.Date.Unix(), 10) + "\x00" + string(e.DatePrecision)
}

// findPrimaries returns, for each of an article's events (filled in by
// store.OfArticle), the primary it joins, if any: the lookups of all its
// events go in one round trip.
//
// Each (place, type, date, precision) of the article is looked up once,
// for its first event: a later report of the same key would find only
// what the first found (the incident it joined, which then holds this
// article, or nothing) and the article's own earlier reports, which it
// may not join. Two points of the article near one primary join it once:
// the second takes the next candidate, as it would looking up after the
// first joined.
func findPrimaries(ctx context.Context, tx pgx.Tx, events []event.Event) ([]*primaryRef, error) {
	out := make([]*primaryRef, len(events))
	var b pgx.Batch
	var asked []int
	seen := map[string]bool{}
	for i := range events {
		e := &events[i]
		if !joinable(e) || seen[joinKey(e)] {
			continue
		}
		seen[joinKey(e)] = true
		args := []any{e.ArticleID, e.ID, e.Type, seconds(e.Date), string(e.DatePrecision)}
		q := byPlaceSQL
		if e.PlaceID != "" {
			args = append(args, e.PlaceID)
		} else {
			q = byPointSQL
			bb := geo.Circle{Lon: e.Lon, Lat: e.Lat, RadiusKm: store.JoinRadiusKm}.Bound()
			// A box across the antimeridian is left to its eastern part.
			if bb.MinLon > bb.MaxLon {
				bb.MinLon = -180
			}
			args = append(args, bb.MinLon-1e-6, bb.MinLat-1e-6, bb.MaxLon+1e-6, bb.MaxLat+1e-6)
		}
		b.Queue(q, args...)
		asked = append(asked, i)
	}
	if len(asked) == 0 {
		return out, nil
	}
	br := tx.SendBatch(ctx, &b)
	taken := map[string]bool{}
	for _, i := range asked {
		c, err := readCandidates(br, &events[i], taken)
		if err != nil {
			br.Close()
			return nil, fmt.Errorf("incidents: %w", err)
		}
		if c != nil {
			taken[c.id] = true
		}
		out[i] = c
	}
	if err := br.Close(); err != nil {
		return nil, fmt.Errorf("incidents: %w", err)
	}
	return out, nil
}

// readCandidates reads one lookup's candidates and returns the first
// within reach of e that this article has not joined yet, or nil.
func readCandidates(br pgx.BatchResults, e *event.Event, taken map[string]bool) (*primaryRef, error) {
	rows, err := br.Query()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c primaryRef
		var fatal, sources, x, y int32
		if err := rows.Scan(&c.id, &fatal, &sources, &x, &y); err != nil {
			return nil, err
		}
		c.fatal, c.sources, c.distanceKm = int(fatal), int(sources), -1
		if taken[c.id] {
			continue
		}
		if e.PlaceID == "" {
			c.distanceKm = geo.DistanceKm(e.Lon, e.Lat, float64(x)/1e6, float64(y)/1e6)
			if c.distanceKm > store.JoinRadiusKm {
				continue
			}
		}
		return &c, rows.Err()
	}
	return nil, rows.Err()
}

// joinReason is the explain reason of a report joining c.
func joinReason(c *primaryRef) event.Reason {
	v := c.id
	if c.distanceKm >= 0 {
		v += " (" + strconv.FormatFloat(c.distanceKm, 'f', 1, 64) + " km)"
	}
	return event.Reason{Field: event.FieldIncident, Rule: store.JoinRule, Value: v}
}

// joinSQL inserts a report (insertColumns' values, then its own toll)
// into the incident of primary P, and, only when the report was new,
// updates P: the incident id (a new one on the first join), its own
// toll kept, the incident's toll and count. One statement, so the
// article's inserts stay one round trip.
var joinSQL = func() string {
	n := len(insertColumns)
	ph := make([]string, n)
	for i := range ph {
		ph[i] = "$" + strconv.Itoa(i+1)
	}
	own, primary, toll, count := "$"+strconv.Itoa(n+1), "$"+strconv.Itoa(n+2), "$"+strconv.Itoa(n+3), "$"+strconv.Itoa(n+4)
	return `WITH p AS (SELECT coalesce(incident, nextval('incident_ids')) AS incident FROM events WHERE id = ` + primary + `),
ins AS (INSERT INTO events (` + strings.Join(insertColumns, ", ") + `, incident, own_fatal, geom)
	VALUES (` + strings.Join(ph, ", ") + `, (SELECT incident FROM p), ` + own + `, ` + geomSQL("$3::integer", "$4::integer") + `)
	ON CONFLICT (id) DO NOTHING RETURNING incident)
UPDATE events e SET incident = ins.incident, own_fatal = coalesce(e.own_fatal, e.fatalities), fatalities = ` + toll + `, sources = ` + count + `
FROM ins WHERE e.id = ` + primary
}()

// joinArgs are joinSQL's values for row, the report e joining c.
func joinArgs(row []any, c *primaryRef, e *event.Event) []any {
	row[argKind] = int16(kindJoined)
	return append(row, int32(e.Fatalities), c.id, int32(store.LowestStated(c.fatal, e.Fatalities)), int32(max(c.sources, 1)+1))
}
