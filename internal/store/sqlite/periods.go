package sqlite

import (
	"math"
	"time"
)

// Granularities of the count grid's time buckets.
const (
	granAll   = 0 // all events, dated or not
	granYear  = 1 // events dated in one calendar year (UTC)
	granMonth = 2 // events dated in one calendar month (UTC)
)

// periodBias keeps period numbers positive: a period is its year (or
// month) counted from 1970, plus periodBias.
const periodBias = 1 << 19

// Dates the grid keeps in year and month buckets: years 1 to 9999, the
// dates users can write. Events dated outside (if any) are counted from
// the events themselves.
var (
	gridFirst = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	gridEnd   = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
)

// monthPeriod and yearPeriod return the grid periods of a date (Unix
// seconds); ok is false for dates the grid does not bucket.
func monthPeriod(sec int64) (int64, bool) {
	if sec < gridFirst || sec >= gridEnd {
		return 0, false
	}
	t := time.Unix(sec, 0).UTC()
	return int64(t.Year()-1970)*12 + int64(t.Month()-1) + periodBias, true
}

func yearPeriod(sec int64) (int64, bool) {
	if sec < gridFirst || sec >= gridEnd {
		return 0, false
	}
	return int64(time.Unix(sec, 0).UTC().Year()-1970) + periodBias, true
}

// monthStart and yearStart are the first second of a month or year period.
func monthStart(p int64) int64 {
	m := p - periodBias
	y := 1970 + floorDiv(m, 12)
	return time.Date(int(y), time.Month(m-(y-1970)*12+1), 1, 0, 0, 0, 0, time.UTC).Unix()
}

func yearStart(p int64) int64 {
	return time.Date(int(p-periodBias+1970), 1, 1, 0, 0, 0, 0, time.UTC).Unix()
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// periodSpan is the inclusive range of periods [lo, hi] of one granularity.
type periodSpan struct {
	gran   int
	lo, hi int64
}

// timeRange is a half-open range of Unix seconds [from, to).
type timeRange struct{ from, to int64 }

// openTime is the range of an unfiltered query.
var openTime = timeRange{math.MinInt64, math.MaxInt64}

// isOpen reports whether the range does not filter.
func (r timeRange) isOpen() bool { return r == openTime }

// timeSplit is how a count over a time range uses the grid: whole years
// and months from the grid (spans), the rest (slivers, the parts of
// months at the ends) from the events. all is set for unfiltered counts.
type timeSplit struct {
	all     bool
	spans   []periodSpan
	covered timeRange // the time the spans cover (zero when none)
	slivers []timeRange
}

// splitTime splits [from, to) into whole years, whole months and slivers.
func splitTime(r timeRange) timeSplit {
	if r.isOpen() {
		return timeSplit{all: true}
	}
	var s timeSplit
	lo, hi := max(r.from, gridFirst), min(r.to, gridEnd)
	if r.from < lo {
		s.slivers = append(s.slivers, timeRange{r.from, min(lo, r.to)})
	}
	if hi < r.to {
		s.slivers = append(s.slivers, timeRange{max(hi, r.from), r.to})
	}
	if lo >= hi {
		return s
	}
	// First whole month: the month of lo unless lo is its first second.
	m1, _ := monthPeriod(lo)
	if monthStart(m1) < lo {
		m1++
	}
	m2, ok := monthPeriod(hi - 1) // last month touched; whole only if hi is its end
	if ok && monthStart(m2+1) > hi {
		m2--
	}
	if !ok || m1 > m2 || monthStart(m1) >= gridEnd {
		s.slivers = append(s.slivers, timeRange{lo, hi})
		return s
	}
	from, to := monthStart(m1), monthStart(m2+1)
	if lo < from {
		s.slivers = append(s.slivers, timeRange{lo, from})
	}
	if to < hi {
		s.slivers = append(s.slivers, timeRange{to, hi})
	}
	s.covered = timeRange{from, to}
	// Whole years inside [from, to).
	y1, _ := yearPeriod(from)
	if yearStart(y1) < from {
		y1++
	}
	y2, _ := yearPeriod(to - 1)
	if yearStart(y2+1) > to {
		y2--
	}
	if y1 > y2 {
		s.spans = []periodSpan{{granMonth, m1, m2}}
		return s
	}
	ym1, _ := monthPeriod(yearStart(y1))
	ym2, _ := monthPeriod(yearEndStart(y2))
	if m1 < ym1 {
		s.spans = append(s.spans, periodSpan{granMonth, m1, ym1 - 1})
	}
	s.spans = append(s.spans, periodSpan{granYear, y1, y2})
	if ym2 < m2 {
		s.spans = append(s.spans, periodSpan{granMonth, ym2 + 1, m2})
	}
	return s
}

// yearEndStart is the first second of the last month of year period p.
func yearEndStart(p int64) int64 {
	return time.Date(int(p-periodBias+1970), 12, 1, 0, 0, 0, 0, time.UTC).Unix()
}
