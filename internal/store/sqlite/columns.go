package sqlite

import (
	"database/sql"
	"fmt"
	"time"

	"geoevents/internal/event"
)

// An event row keeps as columns what queries filter, sort or search on
// (and the sentence and title, which the full-text index reads); every
// other field is packed into one BLOB column, "more" (see packed.go), so
// rows stay lean to store and cheap to read. This file and packed.go are
// the one place that maps event.Event to the row: a new field that is
// only returned goes into packed.go (no migration needed); one that is
// filtered on becomes a column here and in a migration.

// eventColumns is the column list every event query selects, in scan's
// order: the score (a REAL, which JSON would round), the integer and text
// fields as one JSON array (rowjson.go), the packed fields.
const eventColumns = `e.score, ` + rowFields + `, e.more`

// insertEventSQL inserts one event; an existing id is left alone.
const insertEventSQL = `INSERT INTO events (id, kind, h, x, y, date, type, subtype, place_name, place_id, country_code,
	article_id, score, article_title, sentence, more)
VALUES (?,?,?,?,?,?,?,?,?,?,?, ?,?,?,?,?)
ON CONFLICT(id) DO NOTHING`

// eventRow is an event in its stored form.
type eventRow struct {
	kind int
	h    int64
	x, y int64
	args []any // bound values for insertEventSQL
}

// rowOf validates e and returns its stored form.
func rowOf(e *event.Event) (eventRow, error) {
	if e.ID == "" {
		return eventRow{}, fmt.Errorf("event has no id")
	}
	if e.Lon != e.Lon || e.Lat != e.Lat || e.Lon < -180 || e.Lon > 180 || e.Lat < -90 || e.Lat > 90 {
		return eventRow{}, fmt.Errorf("event %s: coordinates %v,%v outside WGS84 range", e.ID, e.Lon, e.Lat)
	}
	more := packEvent(nil, e)
	r := eventRow{kind: kindOf(e.Type, e.GeoPrecision), x: micro(e.Lon), y: micro(e.Lat)}
	r.h = pointHilbert(r.x, r.y)
	var moreArg any
	if len(more) > 0 {
		moreArg = more
	}
	r.args = []any{
		e.ID, int64(r.kind), r.h, r.x, r.y, unixOrNull(e.Date), e.Type, e.SubType, e.PlaceName, nullStr(e.PlaceID), nullStr(e.CountryCode),
		nullStr(e.ArticleID), finiteOrZero(e.Score), nullStr(e.ArticleTitle), nullStr(e.Sentence), moreArg,
	}
	return r, nil
}

// coarsePrecision is the least geo_precision stored as a coarse kind:
// ACLED's 3, a province or country standing for an unknown place in it.
const coarsePrecision = 3

// kindOf is the stored kind of an event of a type and geo-precision.
func kindOf(typ string, precision int) int {
	k := kindEvent
	if typ == event.TypeMention {
		k = kindMention
	}
	if precision >= coarsePrecision {
		k |= kindCoarse
	}
	return k
}

// eventScan holds the scan targets for one event row; reuse it across
// rows to keep scanning allocation-light.
type eventScan struct {
	fields string
	more   []byte
}

// scan reads one row selected with eventColumns into e.
func (s *eventScan) scan(rows interface{ Scan(...any) error }, e *event.Event) error {
	return s.scanMore(rows, e)
}

// scanMore is scan for rows with further columns after eventColumns,
// read into extra.
func (s *eventScan) scanMore(rows interface{ Scan(...any) error }, e *event.Event, extra ...any) error {
	*e = event.Event{}
	if err := rows.Scan(append([]any{&e.Score, &s.fields, &s.more}, extra...)...); err != nil {
		return fmt.Errorf("scan event: %w", err)
	}
	if err := s.fill(e); err != nil {
		return fmt.Errorf("scan event: %w", err)
	}
	if err := unpackEvent(s.more, e); err != nil {
		return fmt.Errorf("event %s: %w", e.ID, err)
	}
	return nil
}

// fill sets e's fields from the row array (rowFields).
func (s *eventScan) fill(e *event.Event) error {
	r := rowReader{s: s.fields}
	if err := r.open(); err != nil {
		return err
	}
	var x, y, date int64
	var dated bool
	var err error
	for i, dst := range []*int64{&x, &y, &date} {
		if i > 0 {
			if err := r.sep(','); err != nil {
				return err
			}
		}
		var valid bool
		if *dst, valid, err = r.int(); err != nil {
			return err
		}
		if i == 2 {
			dated = valid
		}
	}
	for _, dst := range []*string{&e.ID, &e.Type, &e.SubType, &e.PlaceName, &e.PlaceID, &e.CountryCode,
		&e.ArticleID, &e.ArticleTitle, &e.Sentence} {
		if err := r.sep(','); err != nil {
			return err
		}
		if *dst, err = r.str(); err != nil {
			return err
		}
	}
	if err := r.sep(']'); err != nil {
		return err
	}
	e.Lon, e.Lat = float64(x)/1e6, float64(y)/1e6
	e.Date = fromUnix(sql.NullInt64{Int64: date, Valid: dated})
	return nil
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func unixOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

func fromUnix(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.Unix(v.Int64, 0).UTC()
}

func finiteOrZero(f float64) float64 {
	if f != f || f > 1e308 || f < -1e308 {
		return 0
	}
	return f
}
