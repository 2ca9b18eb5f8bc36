package postgis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"geoevents/internal/store"
)

// Weekly counts the dated events matching f per week (Monday, UTC, as
// date_trunc('week') cuts it: store.WeekDay's rule) and type.
func (s *Store) Weekly(ctx context.Context, f store.Filter) ([]store.WeekCount, error) {
	f.Limit, f.Offset, f.Sort = 0, 0, store.SortDateDesc
	w, err := filterSQL(f)
	if err != nil {
		return nil, fmt.Errorf("weekly: %w", err)
	}
	q := "SELECT (extract(epoch FROM date_trunc('week', e.date AT TIME ZONE 'UTC')) / 86400)::bigint, e.type, count(*) FROM events e" +
		w.sql() + andOrWhere(w) + "e.date IS NOT NULL GROUP BY 1, 2"
	if dw, ok := daysWhere(f); ok {
		var weeks []store.WeekCount
		err := s.readTx(ctx, func(tx pgx.Tx) error {
			var err error
			weeks, err = daysWeekly(ctx, tx, dw)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("weekly: %w", err)
		}
		return weeks, nil
	}
	sums := store.WeekSums{}
	err = s.readTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, q, w.args...)
		if err != nil {
			return err
		}
		var monday, n int64
		var typ string
		_, err = pgx.ForEachRow(rows, []any{&monday, &typ, &n}, func() error {
			sums.Add(monday, typ, n)
			return nil
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("weekly: %w", err)
	}
	return sums.Weeks(), nil
}
