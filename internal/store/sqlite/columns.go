package sqlite

import (
	"database/sql"
	"fmt"
	"time"

	"geoevents/internal/event"
)

// An event row keeps as columns what queries filter, sort or search on
// (and the sentence and title id, which the full-text index reads); every
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
	article_id, score, title_id, sentence, more, sentence_id)
VALUES (?,?,?,?,?,?,?,?,?,?,?, ?,?,?,?,?,?)
ON CONFLICT(id) DO NOTHING`

// eventRow is an event in its stored form: insertEventSQL's values,
// typed, so that a bulk import holding many rows in memory keeps one
// object per row for the garbage collector, not one per value (column
// boxes each value only when SQLite reads it).
type eventRow struct {
	kind                            int
	h, x, y                         int64
	date                            sql.NullInt64
	id, typ, subtype, placeName     string
	placeID, countryCode, articleID string // "" is NULL
	articleTitle, sentence          string // "" is NULL
	titleID                         int64  // articleTitle's row in titles (titles.go); 0 is NULL
	score                           float64
	more                            []byte // empty is NULL
	sentenceID                      int64  // 0 is NULL
}

// insertColumnCount is the number of insertEventSQL's values; argTitleID
// and argSentenceID are the positions of title_id and sentence_id among
// them.
const (
	insertColumnCount = 17
	argTitleID        = 13
	argSentenceID     = 16
)

// column is the value of insertEventSQL's column i.
func (r *eventRow) column(i int) any {
	switch i {
	case 0:
		return r.id
	case 1:
		return int64(r.kind)
	case 2:
		return r.h
	case 3:
		return r.x
	case 4:
		return r.y
	case 5:
		if !r.date.Valid {
			return nil
		}
		return r.date.Int64
	case 6:
		return r.typ
	case 7:
		return r.subtype
	case 8:
		return r.placeName
	case 9:
		return nullStr(r.placeID)
	case 10:
		return nullStr(r.countryCode)
	case 11:
		return nullStr(r.articleID)
	case 12:
		return r.score
	case argTitleID:
		if r.titleID == 0 {
			return nil
		}
		return r.titleID
	case 14:
		return nullStr(r.sentence)
	case 15:
		if len(r.more) == 0 {
			return nil
		}
		return r.more
	case 16:
		if r.sentenceID == 0 {
			return nil
		}
		return r.sentenceID
	}
	return nil
}

// args are insertEventSQL's values.
func (r *eventRow) args() []any {
	a := make([]any, insertColumnCount)
	for i := range a {
		a[i] = r.column(i)
	}
	return a
}

// shareSentence makes r point at the shared sentence id instead of
// carrying its text.
func (r *eventRow) shareSentence(id int64) {
	r.sentence, r.sentenceID = "", id
}

// rowOf validates e and returns its stored form.
func rowOf(e *event.Event) (eventRow, error) {
	if e.ID == "" {
		return eventRow{}, fmt.Errorf("event has no id")
	}
	if e.Lon != e.Lon || e.Lat != e.Lat || e.Lon < -180 || e.Lon > 180 || e.Lat < -90 || e.Lat > 90 {
		return eventRow{}, fmt.Errorf("event %s: coordinates %v,%v outside WGS84 range", e.ID, e.Lon, e.Lat)
	}
	r := eventRow{kind: kindOf(e.Type, e.GeoPrecision), x: micro(e.Lon), y: micro(e.Lat), date: nullInt(e.Date),
		id: e.ID, typ: e.Type, subtype: e.SubType, placeName: e.PlaceName, placeID: e.PlaceID, countryCode: e.CountryCode,
		articleID: e.ArticleID, articleTitle: e.ArticleTitle, sentence: e.Sentence, score: finiteOrZero(e.Score),
		more: packEvent(nil, e)}
	r.h = pointHilbert(r.x, r.y)
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
