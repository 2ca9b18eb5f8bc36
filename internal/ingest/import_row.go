package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"geoevents/internal/event"
)

// Canonical import field names and the column or property names that map
// to them (case-insensitive). ACLED export columns, the plain
// lon,lat,time,place,type,title,sentence,url header, and geoevents' own
// export property names all work.
var fieldAliases = map[string][]string{
	"id":             {"event_id_cnty", "id", "event_id"},
	"lon":            {"longitude", "lon", "lng", "long", "x"},
	"lat":            {"latitude", "lat", "y"},
	"date":           {"event_date", "date", "time", "timestamp"},
	"date_precision": {"date_precision", "time_precision"},
	"type":           {"event_type", "type"},
	"subtype":        {"sub_event_type", "subtype", "sub_type"},
	"actor1":         {"actor1"},
	"actor2":         {"actor2"},
	"actors":         {"actors"},
	"country":        {"country"},
	"country_code":   {"country_code", "iso2", "iso_a2"},
	"admin1":         {"admin1"},
	"place":          {"location", "place", "place_name"},
	"place_id":       {"place_id", "geonameid"},
	"feature_code":   {"feature_code"},
	"geo_precision":  {"geo_precision"},
	"source":         {"source"},
	"notes":          {"notes"},
	"title":          {"title", "article_title"},
	"sentence":       {"sentence"},
	"mention":        {"mention"},
	"url":            {"url", "article_url", "source_url"},
	"fatalities":     {"fatalities"},
	"score":          {"score"},
	"published":      {"published"},
}

// canonicalOf maps every alias (lower case) to its canonical field.
var canonicalOf = func() map[string]string {
	m := map[string]string{}
	for canon, aliases := range fieldAliases {
		for _, a := range aliases {
			m[a] = canon
		}
	}
	return m
}()

// getter returns the raw string value of a canonical field ("" if absent).
type getter func(canon string) string

// rowError is a bad value in one import row.
type rowError struct{ msg string }

func (e *rowError) Error() string { return e.msg }

func badRow(format string, args ...any) error { return &rowError{fmt.Sprintf(format, args...)} }

// acledDateLayouts are the date forms accepted in imports.
var acledDateLayouts = []string{
	time.DateOnly, "02 January 2006", "2 January 2006", "January 2, 2006", "2-Jan-06", "02-Jan-2006",
	"2006/01/02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05",
}

// rowEvent turns one row into an event. countryCode resolves a country
// name to its ISO code when the row has none (may be nil).
func rowEvent(get getter, countryCode func(string) string) (event.Event, error) {
	var e event.Event
	lonS, latS := strings.TrimSpace(get("lon")), strings.TrimSpace(get("lat"))
	if lonS == "" || latS == "" {
		return e, badRow("missing coordinates (longitude %q, latitude %q)", lonS, latS)
	}
	lon, err := strconv.ParseFloat(lonS, 64)
	if err != nil || math.IsNaN(lon) || math.IsInf(lon, 0) {
		return e, badRow("longitude %q is not a number", truncate(lonS, 40))
	}
	lat, err := strconv.ParseFloat(latS, 64)
	if err != nil || math.IsNaN(lat) || math.IsInf(lat, 0) {
		return e, badRow("latitude %q is not a number", truncate(latS, 40))
	}
	if lat < -90 || lat > 90 {
		return e, badRow("latitude %v is outside [-90, 90]", lat)
	}
	if lon < -180 || lon > 180 {
		return e, badRow("longitude %v is outside [-180, 180]", lon)
	}
	e.Lon, e.Lat = lon, lat

	if d := strings.TrimSpace(get("date")); d != "" {
		t, ok := parseImportDate(d)
		if !ok {
			return e, badRow("date %q is not YYYY-MM-DD, \"01 December 2024\" or RFC 3339", truncate(d, 40))
		}
		e.Date, e.DatePrecision = t, event.PrecisionDay
		switch p := strings.TrimSpace(get("date_precision")); p {
		case "2", "week":
			e.DatePrecision = event.PrecisionWeek
		case "3", "month":
			e.DatePrecision = event.PrecisionMonth
		case "year":
			e.DatePrecision = event.PrecisionYear
		}
	}
	if p := strings.TrimSpace(get("published")); p != "" {
		if t, ok := parseImportDate(p); ok {
			e.Published = t
		}
	}
	e.GeoPrecision = 1
	if gp := strings.TrimSpace(get("geo_precision")); gp != "" {
		n, err := strconv.Atoi(gp)
		if err != nil || n < 1 || n > 3 {
			return e, badRow("geo_precision %q is not 1, 2 or 3", truncate(gp, 20))
		}
		e.GeoPrecision = n
	}
	if f := strings.TrimSpace(get("fatalities")); f != "" {
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 {
			return e, badRow("fatalities %q is not a non-negative whole number", truncate(f, 20))
		}
		e.Fatalities = n
	}
	if s := strings.TrimSpace(get("score")); s != "" {
		if v, err := strconv.ParseFloat(s, 64); err == nil && v >= 0 && v <= 1 {
			e.Score = v
		}
	}
	e.Type = strings.TrimSpace(get("type"))
	if e.Type == "" {
		e.Type = event.TypeMention
	}
	e.SubType = strings.TrimSpace(get("subtype"))
	e.PlaceName = strings.TrimSpace(get("place"))
	e.PlaceID = strings.TrimSpace(get("place_id"))
	e.FeatureCode = strings.TrimSpace(get("feature_code"))
	e.CountryName = strings.TrimSpace(get("country"))
	e.CountryCode = strings.ToUpper(strings.TrimSpace(get("country_code")))
	if e.CountryCode == "" && e.CountryName != "" && countryCode != nil {
		e.CountryCode = countryCode(e.CountryName)
	}
	e.Admin1 = strings.TrimSpace(get("admin1"))
	e.Source = strings.TrimSpace(get("source"))
	e.Notes = strings.TrimSpace(get("notes"))
	e.ArticleTitle = strings.TrimSpace(get("title"))
	e.ArticleURL = strings.TrimSpace(get("url"))
	e.Sentence = strings.TrimSpace(get("sentence"))
	e.MentionText = strings.TrimSpace(get("mention"))
	for _, a := range []string{get("actor1"), get("actor2")} {
		if a = strings.TrimSpace(a); a != "" {
			e.Actors = append(e.Actors, a)
		}
	}
	if as := get("actors"); as != "" {
		for _, a := range strings.FieldsFunc(as, func(r rune) bool { return r == ';' || r == '|' }) {
			if a = strings.TrimSpace(a); a != "" {
				e.Actors = append(e.Actors, a)
			}
		}
	}
	if err := checkImportFields(&e); err != nil {
		return e, err
	}
	e.ID = strings.TrimSpace(get("id"))
	if e.ID == "" {
		e.ID = contentID(&e)
	}
	return e, nil
}

func parseImportDate(s string) (time.Time, bool) {
	// The two forms of nearly every file first, by their shape: trying
	// each layout in turn costs a failed parse (and its error) per row.
	switch {
	case len(s) == len(time.DateOnly) && s[4] == '-':
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return t, true
		}
	case len(s) >= len("2006-01-02T15:04:05Z") && s[4] == '-' && s[10] == 'T':
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t.UTC(), true
		}
	}
	for _, layout := range acledDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// contentID is a stable ID for an imported event without one: a hash of
// its content, so importing the same row again (from any of the formats)
// adds nothing.
func contentID(e *event.Event) string {
	h := sha256.New()
	var date string
	if !e.Date.IsZero() {
		date = e.Date.Format(time.DateOnly)
	}
	for _, s := range []string{
		strconv.FormatFloat(e.Lon, 'f', 6, 64), strconv.FormatFloat(e.Lat, 'f', 6, 64), date, string(e.DatePrecision),
		e.Type, e.SubType, e.PlaceName, e.PlaceID, e.CountryName, e.Admin1, e.Source, e.Notes, e.ArticleTitle,
		e.ArticleURL, e.Sentence, e.MentionText, strings.Join(e.Actors, ";"), strconv.Itoa(e.Fatalities), strconv.Itoa(e.GeoPrecision),
	} {
		h.Write([]byte(s))
		h.Write([]byte{0x1f})
	}
	return "imp-" + hex.EncodeToString(h.Sum(nil)[:10])
}
