package web

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Interval is a time range [From, To): From inclusive, To exclusive. A zero
// end is open.
type Interval struct {
	From, To time.Time
}

// ParseDatetime parses an OGC API datetime parameter: an instant
// ("2024-12-01T00:00:00Z" or "2024-12-01") or an interval "start/end" whose
// ends are instants, ".." or empty (open). Dates cover their whole UTC day;
// date-times are taken to the second and an interval's end is inclusive.
// QGIS's stand-ins for open ends, year 0000 as a start and year 9999 as an
// end, are read as open.
func ParseDatetime(s string) (Interval, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Interval{}, errors.New("empty datetime")
	}
	if len(s) > 100 {
		return Interval{}, errors.New("datetime is longer than 100 characters")
	}
	start, end, isInterval := strings.Cut(s, "/")
	if !isInterval {
		if start == ".." {
			return Interval{}, errors.New(`an instant cannot be open; use an interval such as "2024-12-01/.."`)
		}
		from, _, err := parseInstant(start, false)
		if err != nil {
			return Interval{}, err
		}
		to, _, _ := parseInstant(start, true)
		return Interval{From: from, To: to}, nil
	}
	if strings.Contains(end, "/") {
		return Interval{}, errors.New(`an interval has exactly one "/"`)
	}
	var iv Interval
	var err error
	if iv.From, _, err = parseInstant(start, false); err != nil {
		return Interval{}, fmt.Errorf("interval start: %w", err)
	}
	if iv.To, _, err = parseInstant(end, true); err != nil {
		return Interval{}, fmt.Errorf("interval end: %w", err)
	}
	if !iv.From.IsZero() && !iv.To.IsZero() && !iv.From.Before(iv.To) {
		return Interval{}, errors.New("interval ends before it starts")
	}
	return iv, nil
}

// parseInstant parses one interval end. For an end (asEnd) it returns the
// exclusive bound just after the instant: the next day for a date, the
// next second for a date-time. open reports "..", "" or a QGIS stand-in,
// returned as the zero time.
func parseInstant(s string, asEnd bool) (t time.Time, open bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" || s == ".." {
		return time.Time{}, true, nil
	}
	if len(s) == len("2006-01-02") {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("%q is not a date YYYY-MM-DD or an RFC 3339 date-time such as 2024-12-01T00:00:00Z", s)
		}
		if clampOpen(d, asEnd) {
			return time.Time{}, true, nil
		}
		if asEnd {
			d = d.AddDate(0, 0, 1)
		}
		return d, false, nil
	}
	d, err := time.Parse(time.RFC3339Nano, strings.ToUpper(s))
	if err != nil {
		return time.Time{}, false, fmt.Errorf("%q is not a date YYYY-MM-DD or an RFC 3339 date-time such as 2024-12-01T00:00:00Z", s)
	}
	d = d.UTC()
	if clampOpen(d, asEnd) {
		return time.Time{}, true, nil
	}
	if asEnd {
		d = d.Truncate(time.Second).Add(time.Second)
	}
	return d, false, nil
}

// clampOpen reports whether t is one of the far-past/far-future stand-ins
// clients such as QGIS send for an open end.
func clampOpen(t time.Time, asEnd bool) bool {
	if asEnd {
		return t.Year() >= 9999
	}
	return t.Year() <= 1
}
