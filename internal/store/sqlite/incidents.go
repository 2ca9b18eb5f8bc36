package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// Incidents across articles (see store.Incidents for the rule). An
// incident is rows of events: its primary is an ordinary row (kind 0 or
// 2), the other reports are rows of the kind bit kindJoined, which no
// filter lists, so every read path shows the incident once without
// knowing about incidents. Each report of an incident has its incident
// id (column incident, from the incidents table, never reused) and its
// own stated toll (own_fatal); the primary's packed fields carry the
// source count (tagSources) and the incident's toll, which is what the
// aggregates, cell sums and API read.
//
// A join costs one indexed lookup and one update of the primary, both
// independent of the incident's size: the count and toll are kept
// incrementally (count + 1, LowestStated of the two). Removing reports
// (re-derivation, a replaced article, a split) recounts the incidents
// they were in (settleIncidents).

// schemaIncidentsSQL is migration 14: the columns, the incident ids and
// the split reports. Its indexes are eventIndexes since 14.
// It can run again on a database that has them (tests rewind the schema
// version to replay an earlier step), so the columns are added in Go.
//
// It also narrows the update trigger events_au (titleTriggersSQL) to the
// columns it reads, so that a join's update of the primary's packed
// fields does not re-index its text and count it again in the grid.
var schemaIncidentsSQL = `
CREATE TABLE IF NOT EXISTS incidents (id INTEGER PRIMARY KEY AUTOINCREMENT);
CREATE TABLE IF NOT EXISTS incident_splits (event_id TEXT PRIMARY KEY) WITHOUT ROWID;
DROP TRIGGER IF EXISTS events_au;
` + strings.Replace(titleTriggersSQL[strings.Index(titleTriggersSQL, "CREATE TRIGGER events_au"):],
	"AFTER UPDATE ON events", "AFTER UPDATE OF kind, h, date, title_id, sentence ON events", 1)

func schemaIncidentsRun(ctx context.Context, tx *sql.Tx) error {
	var has int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('events') WHERE name = 'incident'`).Scan(&has); err != nil {
		return err
	}
	if has == 0 {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE events ADD COLUMN incident INTEGER;
			ALTER TABLE events ADD COLUMN own_fatal INTEGER`); err != nil {
			return err
		}
	}
	return createEventIndexes(ctx, tx, 14, nil)
}

// insertJoinedSQL inserts a report that joins incident ? with its own
// toll ?: insertEventSQL's values, then those two.
const insertJoinedSQL = `INSERT INTO events (id, kind, h, x, y, date, type, subtype, place_name, place_id, country_code,
	article_id, score, title_id, sentence, more, sentence_id, incident, own_fatal)
VALUES (?,?,?,?,?,?,?,?,?,?,?, ?,?,?,?,?,?, ?,?)
ON CONFLICT(id) DO NOTHING`

// candidateTests are the conditions on a candidate primary p beyond its
// place: the date precision, another article, not split off, no report
// of this article in its incident yet, the new report not split off, and
// another outlet: a report joins only when its article's source is known
// and no report of the incident has it. Sources are independent outlets; two
// notes of one outlet on one day and place are two incidents it tells
// apart (a monitor's separate protests in one city), and the same story
// updated keeps its URL and is derived again instead.
const candidateTests = ` AND event_date_precision(p.more) = ?3 AND coalesce(p.article_id, '') <> ?4
	AND NOT EXISTS (SELECT 1 FROM incident_splits s WHERE s.event_id = p.id)
	AND NOT EXISTS (SELECT 1 FROM events m WHERE m.incident = p.incident AND m.article_id = ?4)
	AND NOT EXISTS (SELECT 1 FROM incident_splits s WHERE s.event_id = ?5)
	AND coalesce((SELECT n.source FROM articles n WHERE n.id = ?4), '') <> ''
	AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = p.article_id AND a.source = (SELECT n.source FROM articles n WHERE n.id = ?4))
	AND NOT EXISTS (SELECT 1 FROM events m JOIN articles a ON a.id = m.article_id
		WHERE m.incident = p.incident AND a.source = (SELECT n.source FROM articles n WHERE n.id = ?4))
ORDER BY p.rowid LIMIT `

const joinColumns = `SELECT p.rowid, p.id, p.incident, event_fatalities(p.more), event_sources(p.more), p.x, p.y FROM events p `

// byPlaceSQL finds the earliest primary of the same place id, type and
// date (index events_join).
const byPlaceSQL = joinColumns + `INDEXED BY events_join
WHERE p.place_id = ?1 AND p.type = ?6 AND p.date = ?2 AND p.place_id IS NOT NULL AND p.kind IN (0, 2)` + candidateTests + `1`

// byPointSQL lists the primaries of a point without a place id in a box
// on the same date (index events_date); the distance is tested in Go.
const byPointSQL = joinColumns + `INDEXED BY events_date
WHERE p.date = ?2 AND p.kind IN (0, 2) AND p.x BETWEEN ?7 AND ?8 AND p.y BETWEEN ?9 AND ?10
	AND p.place_id IS NULL AND p.type = ?6 AND ?1 IS NULL` + candidateTests + `50`

// primaryRef is a primary a new report can join.
type primaryRef struct {
	rowid, incident int64 // incident 0: not in one yet
	id              string
	fatal, sources  int
	distanceKm      float64 // -1 when joined by place id
}

// joiner finds and joins the incidents of one article's reports inside
// a write transaction; its statements are prepared on first use.
//
// It looks up each (place, type, date, precision) of the article once:
// a later report of the same key would find only what the first found
// (the incident it joined, which already holds this article, or nothing)
// and the article's own earlier reports, which it may not join. Looking
// again would walk those own reports in the index for every event, which
// made an article of 200 events at one place quadratic.
type joiner struct {
	tx                      *sql.Tx
	byPlace, byPoint, store *sql.Stmt
	seen                    map[string]bool
}

// joinKey is what a report is looked up by.
func joinKey(e *event.Event) string {
	where := e.PlaceID
	if where == "" {
		where = strconv.FormatInt(micro(e.Lon), 10) + "," + strconv.FormatInt(micro(e.Lat), 10)
	}
	return where + "\x00" + e.Type + "\x00" + strconv.FormatInt(e.Date.Unix(), 10) + "\x00" + string(e.DatePrecision)
}

func (j *joiner) close() {
	for _, s := range []*sql.Stmt{j.byPlace, j.byPoint, j.store} {
		if s != nil {
			s.Close()
		}
	}
}

// joinable reports whether e may join an incident: a typed, dated report
// of an article.
func joinable(e *event.Event) bool {
	return e.ArticleID != "" && e.Type != "" && e.Type != event.TypeMention && !e.Date.IsZero()
}

// find returns the primary e joins, if any.
func (j *joiner) find(ctx context.Context, e *event.Event) (primaryRef, bool, error) {
	if !joinable(e) {
		return primaryRef{}, false, nil
	}
	key := joinKey(e)
	if j.seen[key] {
		return primaryRef{}, false, nil
	}
	if j.seen == nil {
		j.seen = map[string]bool{}
	}
	j.seen[key] = true
	args := []any{nullStr(e.PlaceID), e.Date.Unix(), string(e.DatePrecision), e.ArticleID, e.ID, e.Type}
	stmt, q := &j.byPlace, byPlaceSQL
	if e.PlaceID == "" {
		stmt, q = &j.byPoint, byPointSQL
		b := geo.Circle{Lon: e.Lon, Lat: e.Lat, RadiusKm: store.JoinRadiusKm}.Bound()
		// A box across the antimeridian is left to its eastern part.
		if b.MinLon > b.MaxLon {
			b.MinLon = -180
		}
		args = append(args, micro(b.MinLon), micro(b.MaxLon), micro(b.MinLat), micro(b.MaxLat))
	}
	if *stmt == nil {
		var err error
		if *stmt, err = j.tx.PrepareContext(ctx, q); err != nil {
			return primaryRef{}, false, fmt.Errorf("incidents: %w", err)
		}
	}
	rows, err := (*stmt).QueryContext(ctx, args...)
	if err != nil {
		return primaryRef{}, false, fmt.Errorf("incidents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c primaryRef
		var incident sql.NullInt64
		var x, y int64
		if err := rows.Scan(&c.rowid, &c.id, &incident, &c.fatal, &c.sources, &x, &y); err != nil {
			return primaryRef{}, false, fmt.Errorf("incidents: %w", err)
		}
		c.incident, c.distanceKm = incident.Int64, -1
		if e.PlaceID == "" {
			c.distanceKm = geo.DistanceKm(e.Lon, e.Lat, float64(x)/1e6, float64(y)/1e6)
			if c.distanceKm > store.JoinRadiusKm {
				continue
			}
		}
		return c, true, rows.Err()
	}
	return primaryRef{}, false, rows.Err()
}

// joinReason is the explain reason of a report joining c.
func joinReason(c primaryRef) event.Reason {
	v := c.id
	if c.distanceKm >= 0 {
		v += " (" + strconv.FormatFloat(c.distanceKm, 'f', 1, 64) + " km)"
	}
	return event.Reason{Field: event.FieldIncident, Rule: store.JoinRule, Value: v}
}

// insert stores row, the report e joining c, and updates the primary:
// the incident id (a new one on the first join), its own toll kept, the
// count and toll of the incident. It returns the rows inserted (0 when
// the id existed).
func (j *joiner) insert(ctx context.Context, c primaryRef, e *event.Event, row *eventRow) (int64, error) {
	if c.incident == 0 {
		r, err := j.tx.ExecContext(ctx, `INSERT INTO incidents DEFAULT VALUES`)
		if err != nil {
			return 0, fmt.Errorf("new incident: %w", err)
		}
		if c.incident, err = r.LastInsertId(); err != nil {
			return 0, fmt.Errorf("new incident: %w", err)
		}
	}
	row.kind |= kindJoined
	r, err := j.tx.ExecContext(ctx, insertJoinedSQL, append(row.args(), c.incident, e.Fatalities)...)
	if err != nil {
		return 0, fmt.Errorf("insert event %s: %w", e.ID, err)
	}
	n, _ := r.RowsAffected()
	if n == 0 {
		return 0, nil
	}
	if j.store == nil {
		j.store, err = j.tx.PrepareContext(ctx, `UPDATE events SET incident = ?1,
			own_fatal = coalesce(own_fatal, event_fatalities(more)), more = event_incident(more, ?2, ?3) WHERE rowid = ?4`)
		if err != nil {
			return 0, fmt.Errorf("incidents: %w", err)
		}
	}
	toll := store.LowestStated(c.fatal, e.Fatalities)
	if _, err := j.store.ExecContext(ctx, c.incident, toll, max(c.sources, 1)+1, c.rowid); err != nil {
		return 0, fmt.Errorf("join incident of %s: %w", c.id, err)
	}
	return n, nil
}
