package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"geoevents/internal/store"
)

// indexStatsOK reports whether Stats can count by type and country from
// events_agg alone: the filter tests only what that index holds (area as
// a box, time, kinds and types), so no row needs reading. Circles,
// polygons, text and the other row filters take the general path.
func indexStatsOK(f store.Filter, s *spec) bool {
	return f.Near == nil && f.Within == nil && f.Text == "" && len(f.SubTypes) == 0 && len(f.Countries) == 0 &&
		f.Place == "" && f.Article == "" && f.MinScore == 0 && len(f.IDs) == 0 && len(s.index.where) == 0
}

// indexStats counts the events of s by type and by country in one scan of
// events_agg per box (type_counts over the whole scan, no GROUP BY), for
// filters indexStatsOK admits. Country codes are counted as stored; a
// missing one as "".
func indexStats(ctx context.Context, tx *sql.Tx, s *spec, st *store.Stats) error {
	arms, args := indexArms(s, "type_counts(e.type), type_counts(coalesce(e.country_code, ''))", "")
	for i, arm := range arms {
		var byType, byCountry string
		if err := tx.QueryRowContext(ctx, arm, args[i]...).Scan(&byType, &byCountry); err != nil {
			return err
		}
		for _, m := range []struct {
			raw string
			dst map[string]int64
		}{{byType, st.ByType}, {byCountry, st.ByCountry}} {
			var counts map[string]int64
			if err := json.Unmarshal([]byte(m.raw), &counts); err != nil {
				return err
			}
			for k, n := range counts {
				m.dst[k] += n
			}
		}
	}
	return nil
}

// indexArms are the scans of events_agg selecting cols for the events of
// s (area as a box, time, kinds and types: what indexStatsOK admits), one
// per box or one for the whole kinds without an area, each with its
// arguments; more is a further condition on the index's columns ("" for
// none).
func indexArms(s *spec, cols, more string) ([]string, [][]any) {
	var cond query
	if tsql, targs := timeSQL(s.t); tsql != "" {
		cond.add(strings.TrimPrefix(tsql, " AND "), targs...)
	}
	cond.where = append(cond.where, s.row.where...) // the type test: on the index
	cond.args = append(cond.args, s.row.args...)
	if more != "" {
		cond.add(more)
	}
	if s.boxes == nil {
		return []string{"SELECT " + cols + " FROM events e INDEXED BY events_agg WHERE " + s.kindSQL() + cond.and()}, [][]any{cond.args}
	}
	var arms []string
	var args [][]any
	for _, b := range s.boxes {
		arms = append(arms, "SELECT "+cols+" FROM json_each(?) r CROSS JOIN events e INDEXED BY events_agg WHERE "+s.kindSQL()+
			" AND e.h BETWEEN r.value ->> 0 AND r.value ->> 1 AND e.x BETWEEN ? AND ? AND e.y BETWEEN ? AND ?"+cond.and())
		args = append(args, append([]any{rangesJSON(boxRanges(b, maxBoxCells)), b.MinX, b.MaxX, b.MinY, b.MaxY}, cond.args...))
	}
	return arms, args
}
