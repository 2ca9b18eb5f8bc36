package postgis

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// Removing reports from incidents (re-derivation, replacement, split),
// listing an incident's reports, and checking incidents (incidents.go).

// incidentsOf returns the incidents the events a condition on events
// (alias e) picks are in, to settle after they are removed.
func incidentsOf(ctx context.Context, tx pgx.Tx, where string, args ...any) ([]int64, error) {
	rows, err := tx.Query(ctx, "SELECT DISTINCT e.incident FROM events e WHERE e.incident IS NOT NULL AND "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("incidents: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("incidents: %w", err)
	}
	return out, nil
}

// detachSQL makes report $1 an event of its own again: not joined, no
// incident, its own toll back, no source count.
const detachSQL = `UPDATE events SET kind = 0, incident = NULL, fatalities = coalesce(own_fatal, fatalities),
	own_fatal = NULL, sources = 0 WHERE id = $1`

// settleIncidents recounts incidents some reports left: an incident
// whose primary left promotes its earliest stored report; one of a
// single report is no incident any more; the count and toll are
// recomputed from the reports that remain.
func settleIncidents(ctx context.Context, tx pgx.Tx, ids []int64) error {
	for _, id := range ids {
		if err := settleIncident(ctx, tx, id); err != nil {
			return fmt.Errorf("incident %d: %w", id, err)
		}
	}
	return nil
}

func settleIncident(ctx context.Context, tx pgx.Tx, id int64) error {
	type report struct {
		id    string
		kind  int16
		fatal int32
	}
	rows, err := tx.Query(ctx, `SELECT id, kind, coalesce(own_fatal, 0) FROM events WHERE incident = $1 ORDER BY seq NULLS FIRST, id`, id)
	if err != nil {
		return err
	}
	var reports []report
	var r report
	if _, err := pgx.ForEachRow(rows, []any{&r.id, &r.kind, &r.fatal}, func() error {
		reports = append(reports, r)
		return nil
	}); err != nil {
		return err
	}
	if len(reports) < 2 {
		for _, r := range reports {
			if _, err := tx.Exec(ctx, detachSQL, r.id); err != nil {
				return err
			}
		}
		return nil
	}
	primary := reports[0].id
	if i := slices.IndexFunc(reports, func(r report) bool { return r.kind != kindJoined }); i >= 0 {
		primary = reports[i].id
	}
	toll := 0
	for _, r := range reports {
		toll = store.LowestStated(toll, int(r.fatal))
	}
	_, err = tx.Exec(ctx, `UPDATE events SET kind = 0, fatalities = $1, sources = $2 WHERE id = $3`,
		int32(toll), int32(len(reports)), primary)
	return err
}

// IncidentSources returns the reports of the incident event id is in,
// the primary first (store.Incidents).
func (s *Store) IncidentSources(ctx context.Context, id string, limit int) ([]event.Event, int, error) {
	var out []event.Event
	total := 1
	err := s.readTx(ctx, func(tx pgx.Tx) error {
		var incident *int64
		if err := tx.QueryRow(ctx, `SELECT incident FROM events WHERE id = $1`, id).Scan(&incident); err != nil {
			return err
		}
		where, arg := "e.id = $1", any(id)
		if incident != nil {
			where, arg = "e.incident = $1", *incident
			if err := tx.QueryRow(ctx, `SELECT count(*) FROM events WHERE incident = $1`, arg).Scan(&total); err != nil {
				return err
			}
		}
		var err error
		out, err = listReports(ctx, tx, where, arg, limit)
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, 0, fmt.Errorf("incident of %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("incident of %q: %w", id, err)
	}
	return out, total, nil
}

// listReports reads the reports a condition on e picks, the primary
// first, then in the order stored, each with its own toll and no source
// count; limit 0 is all.
func listReports(ctx context.Context, tx pgx.Tx, where string, arg any, limit int) ([]event.Event, error) {
	q := "SELECT " + eventColumns + ", e.own_fatal FROM events e WHERE " + where +
		" ORDER BY e.kind = " + fmt.Sprint(kindJoined) + ", e.seq NULLS FIRST, e.id"
	args := []any{arg}
	if limit > 0 {
		q += " LIMIT $2"
		args = append(args, int64(limit))
	}
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []event.Event
	for rows.Next() {
		var e event.Event
		var own *int32
		if err := scanEvent(rows, &e, &own); err != nil {
			return nil, err
		}
		if own != nil {
			e.Fatalities = int(*own)
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
	err := s.writeTx(ctx, func(tx pgx.Tx) error {
		var touched []int64
		for _, id := range ids {
			var incident *int64
			err := tx.QueryRow(ctx, `SELECT incident FROM events WHERE id = $1`, id).Scan(&incident)
			if errors.Is(err, pgx.ErrNoRows) {
				return fmt.Errorf("event %q: %w", id, store.ErrNotFound)
			}
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO incident_splits (event_id) VALUES ($1) ON CONFLICT DO NOTHING`, id); err != nil {
				return err
			}
			if incident == nil {
				continue
			}
			if _, err := tx.Exec(ctx, detachSQL, id); err != nil {
				return err
			}
			n++
			if !slices.Contains(touched, *incident) {
				touched = append(touched, *incident)
			}
		}
		return settleIncidents(ctx, tx, touched)
	})
	if err != nil {
		return 0, fmt.Errorf("split incident: %w", err)
	}
	return n, nil
}

// incidentChecks are IntegrityCheck's invariants of incidents (check.go):
// every joined report in an incident, and each incident of at least two
// reports with one primary whose source count and toll are its reports'.
var incidentChecks = []struct{ what, sql string }{
	{"joined reports in no incident",
		`SELECT count(*) FROM events WHERE kind = ` + fmt.Sprint(kindJoined) + ` AND incident IS NULL`},
	{"incidents whose primary, source count or toll disagrees with their reports",
		`SELECT count(*) FROM (
		SELECT count(*) n, count(*) FILTER (WHERE kind <> ` + fmt.Sprint(kindJoined) + `) primaries,
			coalesce(max(sources) FILTER (WHERE kind <> ` + fmt.Sprint(kindJoined) + `), 0) sources,
			coalesce(max(fatalities) FILTER (WHERE kind <> ` + fmt.Sprint(kindJoined) + `), 0) fatal,
			coalesce(min(own_fatal) FILTER (WHERE own_fatal > 0), 0) toll
		FROM events WHERE incident IS NOT NULL GROUP BY incident) i
		WHERE primaries <> 1 OR n < 2 OR sources <> n OR fatal <> toll`},
}
