package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// Removing reports from incidents (re-derivation, replacement, split),
// listing an incident's reports, and checking incidents (incidents.go).

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
