package gridwalk

import (
	"math"
	"time"
)

// Granularities of the count grid's time buckets.
const (
	GranAll   = 0 // all events, dated or not
	GranYear  = 1 // events dated in one calendar year (UTC)
	GranMonth = 2 // events dated in one calendar month (UTC)
)

// PeriodBias keeps period numbers positive: a period is its year (or
// month) counted from 1970, plus PeriodBias.
const PeriodBias = 1 << 19

// Dates the grid keeps in year and month buckets: years 1 to 9999, the
// dates users can write. Events dated outside are counted from the
// events themselves. (TestGridDates checks them against time.Date.)
const (
	GridFirst int64 = -62135596800 // 0001-01-01T00:00:00Z
	GridEnd   int64 = 253402300800 // 10000-01-01T00:00:00Z
)

// MonthPeriod and YearPeriod return the grid periods of a date (Unix
// seconds); ok is false for dates the grid does not bucket.
func MonthPeriod(sec int64) (int64, bool) {
	if sec < GridFirst || sec >= GridEnd {
		return 0, false
	}
	t := time.Unix(sec, 0).UTC()
	return int64(t.Year()-1970)*12 + int64(t.Month()-1) + PeriodBias, true
}

// YearPeriod is MonthPeriod for calendar years.
func YearPeriod(sec int64) (int64, bool) {
	if sec < GridFirst || sec >= GridEnd {
		return 0, false
	}
	return int64(time.Unix(sec, 0).UTC().Year()-1970) + PeriodBias, true
}

// MonthStart and YearStart are the first second of a month or year period.
func MonthStart(p int64) int64 {
	m := p - PeriodBias
	y := 1970 + floorDiv(m, 12)
	return time.Date(int(y), time.Month(m-(y-1970)*12+1), 1, 0, 0, 0, 0, time.UTC).Unix()
}

// YearStart is the first second of year period p.
func YearStart(p int64) int64 {
	return time.Date(int(p-PeriodBias+1970), 1, 1, 0, 0, 0, 0, time.UTC).Unix()
}

// yearEndStart is the first second of the last month of year period p.
func yearEndStart(p int64) int64 {
	return time.Date(int(p-PeriodBias+1970), 12, 1, 0, 0, 0, 0, time.UTC).Unix()
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Span is the inclusive range of periods [Lo, Hi] of one granularity.
type Span struct {
	Gran   int
	Lo, Hi int64
}

// Range is a half-open range of Unix seconds [From, To).
type Range struct{ From, To int64 }

// Open is the range of a query without a time filter.
var Open = Range{math.MinInt64, math.MaxInt64}

// IsOpen reports whether the range does not filter.
func (r Range) IsOpen() bool { return r == Open }

// Split is how a count over a time range uses the grid: whole years and
// months from the grid (Spans, covering Covered), the rest (Slivers: the
// parts of months at the ends, and dates the grid does not bucket) from
// the events. All is set for a count over all time.
type Split struct {
	All     bool
	Spans   []Span
	Covered Range
	Slivers []Range
}

// SplitTime splits r into whole years, whole months and slivers.
func SplitTime(r Range) Split {
	if r.IsOpen() {
		return Split{All: true}
	}
	var s Split
	lo, hi := max(r.From, GridFirst), min(r.To, GridEnd)
	if r.From < lo {
		s.Slivers = append(s.Slivers, Range{r.From, min(lo, r.To)})
	}
	if hi < r.To {
		s.Slivers = append(s.Slivers, Range{max(hi, r.From), r.To})
	}
	if lo >= hi {
		return s
	}
	m1, _ := MonthPeriod(lo) // the first whole month: lo's unless lo is its first second
	if MonthStart(m1) < lo {
		m1++
	}
	m2, ok := MonthPeriod(hi - 1) // the last month touched; whole only if hi is its end
	if ok && MonthStart(m2+1) > hi {
		m2--
	}
	if !ok || m1 > m2 || MonthStart(m1) >= GridEnd {
		s.Slivers = append(s.Slivers, Range{lo, hi})
		return s
	}
	from, to := MonthStart(m1), MonthStart(m2+1)
	if lo < from {
		s.Slivers = append(s.Slivers, Range{lo, from})
	}
	if to < hi {
		s.Slivers = append(s.Slivers, Range{to, hi})
	}
	s.Covered = Range{from, to}
	y1, _ := YearPeriod(from) // whole years inside [from, to)
	if YearStart(y1) < from {
		y1++
	}
	y2, _ := YearPeriod(to - 1)
	if YearStart(y2+1) > to {
		y2--
	}
	if y1 > y2 {
		s.Spans = []Span{{GranMonth, m1, m2}}
		return s
	}
	ym1, _ := MonthPeriod(YearStart(y1))
	ym2, _ := MonthPeriod(yearEndStart(y2))
	if m1 < ym1 {
		s.Spans = append(s.Spans, Span{GranMonth, m1, ym1 - 1})
	}
	s.Spans = append(s.Spans, Span{GranYear, y1, y2})
	if ym2 < m2 {
		s.Spans = append(s.Spans, Span{GranMonth, ym2 + 1, m2})
	}
	return s
}
