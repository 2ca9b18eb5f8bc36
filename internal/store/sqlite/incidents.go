package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"modernc.org/sqlite"

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
const schemaIncidentsSQL = `
CREATE TABLE IF NOT EXISTS incidents (id INTEGER PRIMARY KEY AUTOINCREMENT);
CREATE TABLE IF NOT EXISTS incident_splits (event_id TEXT PRIMARY KEY) WITHOUT ROWID;
`

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
// of this article in its incident yet, and the new report not split off.
const candidateTests = ` AND event_date_precision(p.more) = ?3 AND coalesce(p.article_id, '') <> ?4
	AND NOT EXISTS (SELECT 1 FROM incident_splits s WHERE s.event_id = p.id)
	AND NOT EXISTS (SELECT 1 FROM events m WHERE m.incident = p.incident AND m.article_id = ?4)
	AND NOT EXISTS (SELECT 1 FROM incident_splits s WHERE s.event_id = ?5)
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
type joiner struct {
	tx                      *sql.Tx
	byPlace, byPoint, store *sql.Stmt
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

// incidentsOf returns the incidents the events a WHERE clause on events
// (alias e) picks are in, to settle after they are removed.
func incidentsOf(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT e.incident FROM events e WHERE e.incident IS NOT NULL AND "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("incidents: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("incidents: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// detachSQL makes a report an event of its own again: not joined, no
// incident, its own toll back, no source count.
const detachSQL = `UPDATE events SET kind = kind & ~4, incident = NULL,
	more = event_incident(more, coalesce(own_fatal, event_fatalities(more)), 0), own_fatal = NULL WHERE rowid = ?`

// settleIncidents recounts incidents some reports left: an incident
// whose primary left promotes its earliest stored report; one of a
// single report is no incident any more; the count and toll are
// recomputed from the reports that remain.
func settleIncidents(ctx context.Context, tx *sql.Tx, ids []int64) error {
	for _, id := range ids {
		if err := settleIncident(ctx, tx, id); err != nil {
			return fmt.Errorf("incident %d: %w", id, err)
		}
	}
	return nil
}

func settleIncident(ctx context.Context, tx *sql.Tx, id int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT rowid, kind, coalesce(own_fatal, 0) FROM events WHERE incident = ? ORDER BY rowid`, id)
	if err != nil {
		return err
	}
	type report struct {
		rowid       int64
		kind, fatal int
	}
	var reports []report
	for rows.Next() {
		var r report
		if err := rows.Scan(&r.rowid, &r.kind, &r.fatal); err != nil {
			rows.Close()
			return err
		}
		reports = append(reports, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(reports) < 2 {
		for _, r := range reports {
			if _, err := tx.ExecContext(ctx, detachSQL, r.rowid); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM incidents WHERE id = ?`, id)
		return err
	}
	primary := reports[0].rowid
	if i := slices.IndexFunc(reports, func(r report) bool { return r.kind&kindJoined == 0 }); i >= 0 {
		primary = reports[i].rowid
	}
	toll := 0
	for _, r := range reports {
		toll = store.LowestStated(toll, r.fatal)
	}
	_, err = tx.ExecContext(ctx, `UPDATE events SET kind = kind & ~4, more = event_incident(more, ?, ?) WHERE rowid = ?`,
		toll, len(reports), primary)
	return err
}

// IncidentSources returns the reports of the incident event id is in,
// the primary first (store.Incidents).
func (s *Store) IncidentSources(ctx context.Context, id string, limit int) ([]event.Event, int, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("incident of %q: %w", id, err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	var incident sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT incident FROM events WHERE id = ?`, id).Scan(&incident)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, fmt.Errorf("incident of %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("incident of %q: %w", id, err)
	}
	where, arg := "e.id = ?", any(id)
	total := 1
	if incident.Valid {
		where, arg = "e.incident = ?", incident.Int64
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE incident = ?`, arg).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("incident of %q: %w", id, err)
		}
	}
	if limit <= 0 {
		limit = -1
	}
	out, err := listReports(ctx, tx, where, arg, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("incident of %q: %w", id, err)
	}
	return out, total, nil
}

// listReports reads the reports a condition on e picks, the primary
// first, each with its own toll and no source count.
func listReports(ctx context.Context, tx *sql.Tx, where string, arg any, limit int) ([]event.Event, error) {
	rows, err := tx.QueryContext(ctx, "SELECT "+eventColumns+", e.own_fatal FROM events e WHERE "+where+
		" ORDER BY e.kind & 4, e.rowid LIMIT ?", arg, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []event.Event
	var sc eventScan
	for rows.Next() {
		var e event.Event
		var own sql.NullInt64
		if err := sc.scanMore(rows, &e, &own); err != nil {
			return nil, err
		}
		if own.Valid {
			e.Fatalities = int(own.Int64)
		}
		e.Sources = 0
		out = append(out, e)
	}
	return out, rows.Err()
}

// SplitIncident takes events out of their incidents for good
// (store.Incidents).
func (s *Store) SplitIncident(ctx context.Context, ids []string) (int, error) {
	n := 0
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		var touched []int64
		for _, id := range ids {
			var rowid int64
			var incident sql.NullInt64
			err := tx.QueryRowContext(ctx, `SELECT rowid, incident FROM events WHERE id = ?`, id).Scan(&rowid, &incident)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("event %q: %w", id, store.ErrNotFound)
			}
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO incident_splits (event_id) VALUES (?)`, id); err != nil {
				return err
			}
			if !incident.Valid {
				continue
			}
			if _, err := tx.ExecContext(ctx, detachSQL, rowid); err != nil {
				return err
			}
			n++
			if !slices.Contains(touched, incident.Int64) {
				touched = append(touched, incident.Int64)
			}
		}
		return settleIncidents(ctx, tx, touched)
	})
	if err != nil {
		return 0, fmt.Errorf("split incident: %w", err)
	}
	return n, nil
}

// checkIncidents verifies each incident against its reports: one
// primary, at least two reports, the primary's source count and toll
// those of its reports, and no joined report outside an incident.
func checkIncidents(ctx context.Context, q queryer) error {
	lost, err := q.QueryContext(ctx, `SELECT id FROM events WHERE kind & 4 AND incident IS NULL LIMIT 1`)
	if err != nil {
		return fmt.Errorf("incidents: %w", err)
	}
	var id string
	if lost.Next() {
		err = lost.Scan(&id)
		if err == nil {
			err = fmt.Errorf("joined report %s belongs to no incident", id)
		}
	}
	if cerr := lost.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("incidents: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT i, n, primaries, coalesce(sources, 0), coalesce(fatal, 0), toll FROM (
		SELECT incident i, count(*) n, sum(kind & 4 = 0) primaries,
			max(CASE WHEN kind & 4 = 0 THEN event_sources(more) END) sources,
			max(CASE WHEN kind & 4 = 0 THEN event_fatalities(more) END) fatal,
			coalesce(min(CASE WHEN own_fatal > 0 THEN own_fatal END), 0) toll
		FROM events WHERE incident IS NOT NULL GROUP BY incident)
		WHERE primaries <> 1 OR n < 2 OR sources <> n OR fatal <> toll LIMIT 1`)
	if err != nil {
		return fmt.Errorf("incidents: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		var id, n, primaries, sources, fatal, toll int64
		if err := rows.Scan(&id, &n, &primaries, &sources, &fatal, &toll); err != nil {
			return fmt.Errorf("incidents: %w", err)
		}
		return fmt.Errorf("incident %d: %d reports, %d primaries, source count %d, toll %d (its reports give %d)",
			id, n, primaries, sources, fatal, toll)
	}
	return rows.Err()
}

// withIncident returns packed fields b with the fatalities and the
// source count set (0 leaves a field out), the others as they are: the
// SQL function event_incident(more, fatalities, sources).
func withIncident(b []byte, fatal, sources int64) ([]byte, error) {
	p := packer{b: make([]byte, 0, len(b)+8)}
	wroteFatal, wroteSources := false, false
	for len(b) > 0 {
		tag, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, errBadPacked
		}
		size, m := binary.Uvarint(b[n:])
		if m <= 0 || size > uint64(len(b)-n-m) {
			return nil, errBadPacked
		}
		field := b[:n+m+int(size)]
		b = b[len(field):]
		if tag >= tagFatalities && !wroteFatal {
			p.int(tagFatalities, fatal)
			wroteFatal = true
		}
		if tag >= tagSources && !wroteSources {
			p.int(tagSources, sources)
			wroteSources = true
		}
		if tag != tagFatalities && tag != tagSources {
			p.b = append(p.b, field...)
		}
	}
	if !wroteFatal {
		p.int(tagFatalities, fatal)
	}
	if !wroteSources {
		p.int(tagSources, sources)
	}
	return p.b, nil
}

// The SQL functions of incidents, pure:
//
//	event_date_precision(more)        → the packed date precision ('' unset)
//	event_sources(more)               → the packed source count (0 unset)
//	event_incident(more, fatal, n)    → withIncident
func init() {
	sqlite.MustRegisterFunction("event_date_precision", &sqlite.FunctionImpl{
		NArgs: 1, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, _ := args[0].([]byte)
			v, _ := packedField(b, tagDatePrecision)
			return string(v), nil
		},
	})
	sqlite.MustRegisterFunction("event_sources", &sqlite.FunctionImpl{
		NArgs: 1, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, _ := args[0].([]byte)
			return packedInt(b, tagSources), nil
		},
	})
	sqlite.MustRegisterFunction("event_incident", &sqlite.FunctionImpl{
		NArgs: 3, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, _ := args[0].([]byte)
			fatal, _ := args[1].(int64)
			n, _ := args[2].(int64)
			out, err := withIncident(b, fatal, n)
			if err != nil || len(out) == 0 {
				return nil, err
			}
			return out, nil
		},
	})
}
