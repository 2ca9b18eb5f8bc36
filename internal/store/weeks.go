package store

import (
	"maps"
	"math"
	"slices"
	"time"
)

// WeekCount is the number of events of one week (Monday to Sunday, UTC),
// in all and by type, for the map's chart of events per week.
type WeekCount struct {
	Week   string           `json:"week"` // its Monday, YYYY-MM-DD
	Count  int64            `json:"count"`
	ByType map[string]int64 `json:"by_type"`
}

// WeekDay is the day number (days since 1970-01-01, UTC) of the Monday
// starting the week of Unix time sec: the one rule of what week an event
// is in, which each backend's SQL follows.
func WeekDay(sec int64) int64 { return MondayOf(DayOf(sec)) }

// DayOf is the day number (days since 1970-01-01, UTC) of Unix time sec.
func DayOf(sec int64) int64 {
	day := sec / 86400
	if sec%86400 < 0 {
		day--
	}
	return day
}

// MondayOf is the day number of the Monday starting the week of day (a
// day number).
func MondayOf(day int64) int64 {
	return day - ((day%7 + 7 + 3) % 7) // 1970-01-01 was a Thursday
}

// WeekSums adds up events per week and type: backends group in their own
// SQL and fold the rows here, so the weeks' order and form are one rule.
type WeekSums map[int64]map[string]int64

// Add counts n events of type typ in the week starting on Monday day
// (a WeekDay).
func (w WeekSums) Add(monday int64, typ string, n int64) {
	m := w[monday]
	if m == nil {
		m = map[string]int64{}
		w[monday] = m
	}
	m[typ] += n
}

// Weeks returns the weeks in ascending order, empty weeks left out.
func (w WeekSums) Weeks() []WeekCount {
	out := make([]WeekCount, 0, len(w))
	for _, monday := range slices.Sorted(maps.Keys(w)) {
		wc := WeekCount{Week: time.Unix(monday*86400, 0).UTC().Format(time.DateOnly), ByType: w[monday]}
		for _, n := range wc.ByType {
			wc.Count += n
		}
		out = append(out, wc)
	}
	return out
}

// UndatedDay is the day number both backends' day counts give undated
// events (a key column cannot be NULL); no date's day comes near it.
const UndatedDay = math.MinInt64

// WholeDays turns a time range (zero ends open) into day numbers [from,
// to), undated days excluded, when both ends are midnights (UTC): the
// ranges the day counts answer; ok is false for any other range.
func WholeDays(from, to time.Time) (d0, d1 int64, ok bool) {
	d0, d1 = int64(UndatedDay+1), int64(math.MaxInt64)
	for _, e := range []struct {
		t   time.Time
		dst *int64
	}{{from, &d0}, {to, &d1}} {
		if e.t.IsZero() {
			continue
		}
		sec := e.t.Unix()
		if sec%86400 != 0 {
			return 0, 0, false
		}
		*e.dst = DayOf(sec)
	}
	return d0, d1, true
}
