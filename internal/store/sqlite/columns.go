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

// eventColumns is the column list every event query selects, in scan's order.
const eventColumns = `e.id, e.x, e.y, e.date, e.type, e.subtype, e.place_name, e.place_id, e.country_code,
	e.article_id, e.score, e.article_title, e.sentence, e.more`

// leanColumns are eventColumns without date and position, for rows whose
// index entries gave those (see rowRef); scanLean reads them.
const leanColumns = `e.id, e.type, e.subtype, e.place_name, e.place_id, e.country_code,
	e.article_id, e.score, e.article_title, e.sentence, e.more`

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
	r := eventRow{kind: kindOf(e.Type), x: micro(e.Lon), y: micro(e.Lat)}
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

// kindOf is the stored kind of an event type.
func kindOf(typ string) int {
	if typ == event.TypeMention {
		return kindMention
	}
	return kindEvent
}

// eventScan holds the nullable scan targets for one event row; reuse it
// across rows to keep scanning allocation-light.
type eventScan struct {
	date                            sql.NullInt64
	placeID, countryCode, articleID sql.NullString
	articleTitle, sentence          sql.NullString
	more                            []byte
	x, y                            int64
}

// scan reads one row selected with eventColumns into e.
func (s *eventScan) scan(rows interface{ Scan(...any) error }, e *event.Event) error {
	return s.scanMore(rows, e)
}

// scanMore is scan for rows with further columns after eventColumns,
// read into extra.
func (s *eventScan) scanMore(rows interface{ Scan(...any) error }, e *event.Event, extra ...any) error {
	*e = event.Event{}
	err := rows.Scan(append([]any{&e.ID, &s.x, &s.y, &s.date, &e.Type, &e.SubType, &e.PlaceName, &s.placeID, &s.countryCode,
		&s.articleID, &e.Score, &s.articleTitle, &s.sentence, &s.more}, extra...)...)
	if err != nil {
		return fmt.Errorf("scan event: %w", err)
	}
	s.fill(e)
	if err := unpackEvent(s.more, e); err != nil {
		return fmt.Errorf("event %s: %w", e.ID, err)
	}
	return nil
}

// scanLean reads one row selected with leanColumns into e, whose date and
// position are given.
func (s *eventScan) scanLean(rows interface{ Scan(...any) error }, e *event.Event, x, y int64, date sql.NullInt64) error {
	*e = event.Event{}
	err := rows.Scan(&e.ID, &e.Type, &e.SubType, &e.PlaceName, &s.placeID, &s.countryCode,
		&s.articleID, &e.Score, &s.articleTitle, &s.sentence, &s.more)
	if err != nil {
		return fmt.Errorf("scan event: %w", err)
	}
	s.x, s.y, s.date = x, y, date
	s.fill(e)
	return unpackEvent(s.more, e)
}

// fill sets e's fields from the nullable scan targets.
func (s *eventScan) fill(e *event.Event) {
	e.Lon, e.Lat = float64(s.x)/1e6, float64(s.y)/1e6
	e.Date = fromUnix(s.date)
	e.PlaceID = s.placeID.String
	e.CountryCode = s.countryCode.String
	e.ArticleID = s.articleID.String
	e.ArticleTitle = s.articleTitle.String
	e.Sentence = s.sentence.String
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
