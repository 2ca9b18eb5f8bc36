package postgis

import (
	"context"
	"errors"
	"fmt"

	"geoevents/internal/store"
)

var _ store.Checker = (*Store)(nil)

// integrityChecks are the invariants PostgreSQL does not enforce itself,
// each a query counting the rows that break it. (Indexes, the generated
// text vector and foreign keys the server keeps.)
var integrityChecks = []struct{ what, sql string }{
	{"events whose geometry is not the point of their coordinates",
		`SELECT count(*) FROM events WHERE ST_SRID(geom) <> 4326 OR ST_X(geom) <> x::float8 / 1e6::float8 OR ST_Y(geom) <> y::float8 / 1e6::float8`},
	{"events whose kind disagrees with their type",
		`SELECT count(*) FROM events WHERE kind <> CASE WHEN type = 'Mention' THEN 1 WHEN kind = 2 THEN 2 ELSE 0 END`},
	{"events dated at a fraction of a second",
		`SELECT count(*) FROM events WHERE date <> date_trunc('second', date)`},
	{"sentences no event points at",
		`SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.sentence_id = s.id)`},
	{"count grid buckets that disagree with a recount of the events",
		`SELECT count(*) FROM (` + gridRecountSQL + `) c
		FULL JOIN (SELECT * FROM event_grid WHERE n <> 0) g USING (kind, level, gran, cx, cy, period)
		WHERE c.n IS DISTINCT FROM g.n`},
	{"day counts that disagree with a recount of the events", daysCheckSQL},
}

// IntegrityCheck verifies the invariants the queries rely on and returns
// an error naming every one that does not hold, with how many events
// break it.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	var errs []error
	for _, c := range append(integrityChecks[:len(integrityChecks):len(integrityChecks)], incidentChecks...) {
		var n int64
		if err := s.pool.QueryRow(ctx, c.sql).Scan(&n); err != nil {
			return fmt.Errorf("integrity check: %w", err)
		}
		if n > 0 {
			errs = append(errs, fmt.Errorf("%d %s", n, c.what))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	return nil
}
