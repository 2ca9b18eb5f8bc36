package postgis

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"
)

// explainer returns a function naming the plan PostgreSQL chooses for q:
// the slow-query log calls it only for a query that was slow, so fast
// queries pay nothing. It is EXPLAIN without ANALYZE (the plan, not a
// second run), the top nodes down to the first scans, on one line.
func (s *Store) explainer(q string, args []any) func(context.Context) (string, error) {
	args = append([]any(nil), args...)
	return func(ctx context.Context) (string, error) {
		var lines []string
		err := s.readTx(ctx, func(tx pgx.Tx) error {
			rows, err := tx.Query(ctx, "EXPLAIN (COSTS OFF) "+q, args...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var l string
				if err := rows.Scan(&l); err != nil {
					return err
				}
				lines = append(lines, l)
			}
			return rows.Err()
		})
		if err != nil {
			return "", err
		}
		return planSummary(lines), nil
	}
}

// planSummary joins a text plan's node lines ("Limit -> Sort -> Index Scan
// using events_geom on events e"), leaving out the conditions.
func planSummary(lines []string) string {
	var nodes []string
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(t, "->"); ok {
			nodes = append(nodes, strings.TrimSpace(rest))
		} else if i == 0 {
			nodes = append(nodes, t)
		} // else a detail line (Filter:, Sort Key:, Index Cond:)
	}
	return strings.Join(nodes, " -> ")
}
