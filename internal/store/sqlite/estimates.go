package sqlite

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// estimates are the planner's statistics: how many events (per kind) the
// whole world holds in all and per month, and each cell of level
// estLevel over all time, copied from the count grid. Plans depend on
// them, results never do (counts always come from the snapshot a query
// reads), so they may lag behind writes: they are reloaded in the
// background when older than estMaxAge, and until the first load the
// planner asks the database.
type estimates struct {
	all     [numKinds]int64
	byMonth [numKinds]map[int64]int64 // month period → events
	cells   [numKinds]map[int64]int64 // cell index at estLevel → events
	at      time.Time
}

// estLevel is the grid level whose cell counts the planner keeps: cells
// of about 8 × 5 km, the size of a city box.
const estLevel = 12

// estMaxAge is how old the statistics may get before a reload.
const estMaxAge = 10 * time.Second

// estimator holds the current statistics and reloads them.
type estimator struct {
	s       *Store
	mu      sync.Mutex
	cur     *estimates
	loading bool
}

// get returns the statistics, or nil before the first load; it starts a
// background reload when they are missing or old.
func (e *estimator) get() *estimates {
	e.mu.Lock()
	defer e.mu.Unlock()
	if (e.cur == nil || time.Since(e.cur.at) > estMaxAge) && !e.loading && !e.s.closing() {
		e.loading = true
		e.s.bg.Add(1)
		go e.reload()
	}
	return e.cur
}

// reload reads the statistics from the count grid.
func (e *estimator) reload() {
	defer e.s.bg.Done()
	est, err := loadEstimates(e.s.bgCtx, e.s)
	e.mu.Lock()
	defer e.mu.Unlock()
	e.loading = false
	if err != nil {
		if e.s.bgCtx.Err() == nil {
			slog.Warn("planner statistics", "err", err)
		}
		return
	}
	e.cur = est
}

func loadEstimates(ctx context.Context, s *Store) (*estimates, error) {
	est := &estimates{at: time.Now()}
	for kind := range numKinds {
		est.byMonth[kind], est.cells[kind] = map[int64]int64{}, map[int64]int64{}
		for _, q := range []struct {
			lo, hi int64
			add    func(k, n int64)
		}{
			{gridKey(kind, 0, granAll, 0, 0), gridKey(kind, 0, granAll, 0, 0), func(_, n int64) { est.all[kind] = n }},
			{gridKey(kind, 0, granMonth, 0, 0), gridKey(kind, 0, granMonth, 1<<20-1, 0), func(k, n int64) { est.byMonth[kind][k&(1<<20-1)] = n }},
			{gridKey(kind, estLevel, granAll, 0, 0), gridKey(kind, estLevel, granAll, 0, 1<<(2*estLevel)-1), func(k, n int64) { est.cells[kind][k>>20&(1<<32-1)] = n }},
		} {
			rows, err := s.r.QueryContext(ctx, "SELECT k, n FROM event_grid WHERE k BETWEEN ? AND ?", q.lo, q.hi)
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var k, n int64
				if err := rows.Scan(&k, &n); err != nil {
					rows.Close()
					return nil, err
				}
				q.add(k, n)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
	}
	return est, nil
}

// inTime estimates the events of kinds in time range t anywhere (whole
// months touched).
func (est *estimates) inTime(kinds []int, t timeRange) int64 {
	var n int64
	for _, k := range kinds {
		if t.IsOpen() {
			n += est.all[k]
			continue
		}
		m1, ok1 := monthPeriod(max(t.From, gridFirst))
		m2, ok2 := monthPeriod(min(t.To, gridEnd) - 1)
		if !ok1 || !ok2 || m2-m1 > 1200 {
			n += est.all[k]
			continue
		}
		for m := m1; m <= m2; m++ {
			n += est.byMonth[k][m]
		}
	}
	return n
}

// lastMonth is the latest month holding events of kinds (0 when none).
func (est *estimates) lastMonth(kinds []int) int64 {
	var last int64
	for _, k := range kinds {
		for m := range est.byMonth[k] {
			last = max(last, m)
		}
	}
	return last
}

// inBox estimates the events of kinds in box b over all time: those of
// the estLevel cells it overlaps (an upper bound), or -1 when it
// overlaps too many to add up.
func (est *estimates) inBox(kinds []int, b microBox) int64 {
	nx := cellX(b.MaxX, estLevel) - cellX(b.MinX, estLevel) + 1
	ny := cellY(b.MaxY, estLevel) - cellY(b.MinY, estLevel) + 1
	if nx*ny > 64 {
		return -1
	}
	var n int64
	for _, c := range cellsOver(b, estLevel) {
		for _, k := range kinds {
			n += est.cells[k][c.index()]
		}
	}
	return n
}
