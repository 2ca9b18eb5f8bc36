package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"geoevents/internal/event"
)

// eventColumns is the column list every event query selects, in scanEvent's order.
const eventColumns = `e.id, e.article_id, e.article_title, e.article_url, e.source, e.published,
	e.sentence, e.sentence_start, e.mention_start, e.mention_end, e.mention, e.mention_kind,
	e.place_id, e.place_name, e.country_code, e.country, e.admin1, e.feature_code,
	e.lon, e.lat, e.geo_precision, e.score, e.type, e.subtype, e.actors, e.fatalities, e.notes,
	e.date, e.date_precision, e.explain`

// insertEventSQL inserts one event; an existing id is left alone.
const insertEventSQL = `INSERT INTO events (id, article_id, article_title, article_url, source, published,
	sentence, sentence_start, mention_start, mention_end, mention, mention_kind,
	place_id, place_name, country_code, country, admin1, feature_code,
	lon, lat, geo_precision, score, type, subtype, actors, fatalities, notes,
	date, date_precision, explain)
VALUES (?,?,?,?,?,?, ?,?,?,?,?,?, ?,?,?,?,?,?, ?,?,?,?,?,?,?,?,?, ?,?,?)
ON CONFLICT(id) DO NOTHING`

// eventArgs returns the bound values for insertEventSQL.
func eventArgs(e *event.Event) ([]any, error) {
	if e.ID == "" {
		return nil, fmt.Errorf("event has no id")
	}
	if e.Lon != e.Lon || e.Lat != e.Lat || e.Lon < -180 || e.Lon > 180 || e.Lat < -90 || e.Lat > 90 {
		return nil, fmt.Errorf("event %s: coordinates %v,%v outside WGS84 range", e.ID, e.Lon, e.Lat)
	}
	var actors any
	if len(e.Actors) > 0 {
		b, err := json.Marshal(e.Actors)
		if err != nil {
			return nil, fmt.Errorf("event %s: actors: %w", e.ID, err)
		}
		actors = string(b)
	}
	explain := encodeExplain(e.Explain)
	return []any{
		e.ID, nullStr(e.ArticleID), nullStr(e.ArticleTitle), nullStr(e.ArticleURL), nullStr(e.Source), unixOrNull(e.Published),
		nullStr(e.Sentence), e.SentenceStart, e.MentionStart, e.MentionEnd, nullStr(e.MentionText), nullStr(e.MentionKind),
		nullStr(e.PlaceID), e.PlaceName, nullStr(e.CountryCode), nullStr(e.CountryName), nullStr(e.Admin1), nullStr(e.FeatureCode),
		e.Lon, e.Lat, e.GeoPrecision, finiteOrZero(e.Score), e.Type, e.SubType, actors, e.Fatalities, nullStr(e.Notes),
		unixOrNull(e.Date), nullStr(string(e.DatePrecision)), explain,
	}, nil
}

// eventScan holds the nullable scan targets for one event row; reuse it
// across rows to keep scanning allocation-light.
type eventScan struct {
	articleID, articleTitle, articleURL, source sql.NullString
	published                                   sql.NullInt64
	sentence, mention, mentionKind              sql.NullString
	placeID, countryCode, country               sql.NullString
	admin1, featureCode, actors, notes          sql.NullString
	date                                        sql.NullInt64
	datePrecision, explain                      sql.NullString
}

// scan reads one row selected with eventColumns into e.
func (s *eventScan) scan(rows interface{ Scan(...any) error }, e *event.Event) error {
	*e = event.Event{}
	err := rows.Scan(&e.ID, &s.articleID, &s.articleTitle, &s.articleURL, &s.source, &s.published,
		&s.sentence, &e.SentenceStart, &e.MentionStart, &e.MentionEnd, &s.mention, &s.mentionKind,
		&s.placeID, &e.PlaceName, &s.countryCode, &s.country, &s.admin1, &s.featureCode,
		&e.Lon, &e.Lat, &e.GeoPrecision, &e.Score, &e.Type, &e.SubType, &s.actors, &e.Fatalities, &s.notes,
		&s.date, &s.datePrecision, &s.explain)
	if err != nil {
		return fmt.Errorf("scan event: %w", err)
	}
	e.ArticleID = s.articleID.String
	e.ArticleTitle = s.articleTitle.String
	e.ArticleURL = s.articleURL.String
	e.Source = s.source.String
	e.Published = fromUnix(s.published)
	e.Sentence = s.sentence.String
	e.MentionText = s.mention.String
	e.MentionKind = s.mentionKind.String
	e.PlaceID = s.placeID.String
	e.CountryCode = s.countryCode.String
	e.CountryName = s.country.String
	e.Admin1 = s.admin1.String
	e.FeatureCode = s.featureCode.String
	e.Notes = s.notes.String
	e.Date = fromUnix(s.date)
	e.DatePrecision = event.DatePrecision(s.datePrecision.String)
	if s.actors.Valid && s.actors.String != "" {
		if err := json.Unmarshal([]byte(s.actors.String), &e.Actors); err != nil {
			return fmt.Errorf("event %s: actors: %w", e.ID, err)
		}
	}
	if s.explain.Valid && s.explain.String != "" {
		rs, err := decodeExplain(s.explain.String)
		if err != nil {
			return fmt.Errorf("event %s: explain: %w", e.ID, err)
		}
		e.Explain = rs
	}
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
