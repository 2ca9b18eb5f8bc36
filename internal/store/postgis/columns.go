package postgis

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"geoevents/internal/event"
)

// This file is the one place that maps event.Event to the events row.
// Every field is a column of its own (QGIS and SQL users read the table
// directly); coordinates are stored as integer micro-degrees, the
// precision served (x, y), and as the geometry built from them, so both
// backends return the same coordinates and box tests are exact.

// eventColumns is what every event query selects (alias e), in scanEvent's
// order; text columns that may be NULL come back as ”.
const eventColumns = `e.id, e.x, e.y, e.date, e.type, e.subtype, e.place_name, coalesce(e.place_id, ''),
	coalesce(e.country_code, ''), coalesce(e.article_id, ''), e.score, coalesce(e.article_title, ''), ` + sentenceSQL + `,
	coalesce(e.article_url, ''), coalesce(e.source, ''), e.published, e.sentence_start, e.mention_start, e.mention_end,
	coalesce(e.mention, ''), coalesce(e.mention_kind, ''), coalesce(e.country, ''), coalesce(e.admin1, ''),
	coalesce(e.feature_code, ''), e.geo_precision, e.actors, e.fatalities, coalesce(e.notes, ''),
	coalesce(e.date_precision, ''), e.explain, e.sources`

// insertColumns are the columns an insert sets, in rowOf's order; geom is
// derived from x and y by the insert.
var insertColumns = []string{"id", "kind", "x", "y", "date", "type", "subtype", "place_name", "place_id", "country_code",
	"article_id", "score", "article_title", "sentence", "article_url", "source", "published", "sentence_start",
	"mention_start", "mention_end", "mention", "mention_kind", "country", "admin1", "feature_code", "geo_precision",
	"actors", "fatalities", "notes", "date_precision", "explain", "sentence_id", "sources"}

// sentenceSQL is an event's sentence (alias e): its own, or its article's
// shared one (schema 2), or ”.
const sentenceSQL = `coalesce(e.sentence, (SELECT s.text FROM sentences s WHERE s.id = e.sentence_id), '')`

// argKind, argSentence and argSentenceID are the positions of the kind,
// the sentence and sentence_id in rowOf's values.
const (
	argKind       = 1
	argSentence   = 13
	argSentenceID = 31
)

// Kinds of event rows: plain mentions are kept apart, so the default
// query (events only) never reads them. A report that joined another
// article's incident (incidents.go) is of kind kindJoined, which no
// filter lists, so every read path shows the incident once, as its
// primary (never a mention: mentions do not join).
const (
	kindEvent   = 0
	kindMention = 1
	kindJoined  = 2
)

func kindOf(typ string) int16 {
	if typ == event.TypeMention {
		return kindMention
	}
	return kindEvent
}

// rowOf validates e and returns its insertColumns values.
func rowOf(e *event.Event) ([]any, error) {
	if e.ID == "" {
		return nil, fmt.Errorf("event has no id")
	}
	if e.Lon != e.Lon || e.Lat != e.Lat || e.Lon < -180 || e.Lon > 180 || e.Lat < -90 || e.Lat > 90 {
		return nil, fmt.Errorf("event %s: coordinates %v,%v outside WGS84 range", e.ID, e.Lon, e.Lat)
	}
	var explain any
	if len(e.Explain) > 0 {
		b, err := json.Marshal(e.Explain)
		if err != nil {
			return nil, fmt.Errorf("event %s: explain: %w", e.ID, err)
		}
		explain = string(b)
	}
	var actors any
	if len(e.Actors) > 0 {
		actors = e.Actors
	}
	return []any{
		e.ID, kindOf(e.Type), int32(micro(e.Lon)), int32(micro(e.Lat)), seconds(e.Date), e.Type, e.SubType, e.PlaceName,
		nullStr(e.PlaceID), nullStr(e.CountryCode), nullStr(e.ArticleID), finiteOrZero(e.Score), nullStr(e.ArticleTitle),
		nullStr(e.Sentence), nullStr(e.ArticleURL), nullStr(e.Source), seconds(e.Published), int32(e.SentenceStart),
		int32(e.MentionStart), int32(e.MentionEnd), nullStr(e.MentionText), nullStr(e.MentionKind), nullStr(e.CountryName),
		nullStr(e.Admin1), nullStr(e.FeatureCode), int32(e.GeoPrecision), actors, int32(e.Fatalities), nullStr(e.Notes),
		nullStr(string(e.DatePrecision)), explain, nil, int32(e.Sources),
	}, nil
}

// scanEvent reads one row selected with eventColumns (and extra columns
// after them) into e.
func scanEvent(row interface{ Scan(...any) error }, e *event.Event, extra ...any) error {
	*e = event.Event{}
	var x, y, sentStart, mStart, mEnd, geoPrec, fatal, sources int32
	var date, published *time.Time
	var dateprec string
	var explain []byte
	dst := append([]any{&e.ID, &x, &y, &date, &e.Type, &e.SubType, &e.PlaceName, &e.PlaceID, &e.CountryCode,
		&e.ArticleID, &e.Score, &e.ArticleTitle, &e.Sentence, &e.ArticleURL, &e.Source, &published, &sentStart,
		&mStart, &mEnd, &e.MentionText, &e.MentionKind, &e.CountryName, &e.Admin1, &e.FeatureCode, &geoPrec,
		&e.Actors, &fatal, &e.Notes, &dateprec, &explain, &sources}, extra...)
	if err := row.Scan(dst...); err != nil {
		return fmt.Errorf("scan event: %w", err)
	}
	e.Lon, e.Lat = float64(x)/1e6, float64(y)/1e6
	e.Date, e.Published = utc(date), utc(published)
	e.SentenceStart, e.MentionStart, e.MentionEnd = int(sentStart), int(mStart), int(mEnd)
	e.GeoPrecision, e.Fatalities, e.Sources = int(geoPrec), int(fatal), int(sources)
	e.DatePrecision = event.DatePrecision(dateprec)
	if len(explain) > 0 {
		if err := json.Unmarshal(explain, &e.Explain); err != nil {
			return fmt.Errorf("event %s: explain: %w", e.ID, err)
		}
	}
	return nil
}

// micro converts degrees to integer micro-degrees, rounded half away from
// zero, as the SQLite store does.
func micro(deg float64) int64 { return int64(math.Round(deg * 1e6)) }

// seconds is t at whole seconds (the precision both stores keep), or NULL
// for the zero time.
func seconds(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return time.Unix(t.Unix(), 0).UTC()
}

func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func finiteOrZero(f float64) float64 {
	if f != f || f > 1e308 || f < -1e308 {
		return 0
	}
	return f
}
