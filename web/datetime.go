package web

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Interval is a time range [From, To): From inclusive, To exclusive. A zero
// end is open.
type Interval struct {
	From, To time.Time
}

// ParseDatetime parses an OGC API datetime parameter: an instant or an
// interval "start/end" whose ends are instants, ".." or empty (open). The
// instant forms are the rules of instantForms: dates, RFC 3339 date-times,
// and the forms real clients send beside them (GDAL's "2025-06-01T" with an
// empty time part, date-times without an offset). Dates cover their whole
// UTC day; date-times are taken to the second and an interval's end is
// inclusive. QGIS's stand-ins for open ends, year 0000 as a start and year
// 9999 as an end, are read as open.
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

// instantForm is one accepted spelling of an instant: the pattern that
// recognises it, the time layout that reads it and how far an end written
// in it reaches (a whole day for a date, one second for a date-time).
type instantForm struct {
	name   string // what an error calls it
	match  *regexp.Regexp
	layout string
	span   func(time.Time) time.Time
}

func nextDay(t time.Time) time.Time    { return t.AddDate(0, 0, 1) }
func nextSecond(t time.Time) time.Time { return t.Truncate(time.Second).Add(time.Second) }

// instantForms are the instants ParseDatetime reads, tried in order on the
// upper-cased text with a space between date and time read as "T" (RFC
// 3339 allows it). The first two are the standard's; the others are what
// GDAL and hand-written URLs send for the same thing.
var instantForms = []instantForm{
	// 2024-12-01: the whole UTC day.
	{"date", regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`), time.DateOnly, nextDay},
	// 2024-12-01T10:00:00Z, 2024-12-01T10:00:00.5+02:00: RFC 3339.
	{"RFC 3339 date-time", regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`), time.RFC3339Nano, nextSecond},
	// 2024-12-01T: GDAL's OAPIF driver turns -where "date >= '2024-12-01'"
	// into datetime=2024-12-01T/.. (a date-time with an empty time part);
	// it is the date.
	{"date", regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T$`), "2006-01-02T", nextDay},
	// 2024-12-01T10:00:00 without an offset: read as UTC, the zone every
	// event date is stored in.
	{"date-time", regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$`), "2006-01-02T15:04:05.999999999", nextSecond},
}

// plusAsSpace is an offset whose "+" a URL query turned into a space:
// 2024-12-01T10:00:00 02:00.
var plusAsSpace = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)? \d{2}:\d{2}$`)

// parseInstant parses one interval end. For an end (asEnd) it returns the
// exclusive bound just after the instant: the next day for a date, the
// next second for a date-time. open reports "..", "" or a QGIS stand-in,
// returned as the zero time.
func parseInstant(s string, asEnd bool) (t time.Time, open bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" || s == ".." {
		return time.Time{}, true, nil
	}
	if plusAsSpace.MatchString(s) {
		return time.Time{}, false, fmt.Errorf("%q has a space before its UTC offset: a \"+\" in a URL query must be written %%2B", s)
	}
	norm := strings.ToUpper(s)
	if len(norm) > 10 && norm[10] == ' ' {
		norm = norm[:10] + "T" + norm[11:]
	}
	for _, f := range instantForms {
		if !f.match.MatchString(norm) {
			continue
		}
		d, err := time.Parse(f.layout, norm)
		if err != nil {
			return time.Time{}, false, fmt.Errorf("%q is not a valid %s%s", s, f.name, parseProblem(err))
		}
		d = d.UTC()
		if clampOpen(d, asEnd) {
			return time.Time{}, true, nil
		}
		if asEnd {
			d = f.span(d)
		}
		return d, false, nil
	}
	return time.Time{}, false, fmt.Errorf("%q is not a date YYYY-MM-DD or an RFC 3339 date-time such as 2024-12-01T00:00:00Z", s)
}

// parseProblem is what time.Parse found wrong ("day out of range"), as a
// suffix ": day out of range", without repeating the input.
func parseProblem(err error) string {
	var pe *time.ParseError
	if errors.As(err, &pe) && pe.Message != "" {
		return pe.Message
	}
	return ""
}

// clampOpen reports whether t is one of the far-past/far-future stand-ins
// clients such as QGIS send for an open end.
func clampOpen(t time.Time, asEnd bool) bool {
	if asEnd {
		return t.Year() >= 9999
	}
	return t.Year() <= 1
}
