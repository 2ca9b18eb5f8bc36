package event

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// FeatureProperties returns the GeoJSON property names AppendFeature
// writes, in order. Every feature carries all of them (null when unknown),
// so GIS tools such as QGIS and GDAL see one stable set of fields.
func FeatureProperties() []string {
	return []string{
		"date", "date_precision", "type", "subtype",
		"place_name", "place_id", "country_code", "country", "admin1", "feature_code",
		"geo_precision", "score", "actors", "fatalities", "notes", "explain",
		"mention", "mention_kind", "sentence", "sentence_start", "mention_start", "mention_end",
		"article_id", "article_title", "article_url", "source", "published",
	}
}

// AppendFeature appends e as an RFC 7946 GeoJSON Feature to dst: a
// top-level string "id", a Point [lon, lat] with at most 6 decimals, and
// flat properties named as in Event's JSON tags (see FeatureProperties).
// "date" is a calendar date (YYYY-MM-DD), "published" full RFC 3339, and
// "actors" one "; "-joined string, "explain" an array of Reason objects;
// empty strings, empty explanations and unknown dates are null.
// Strings are escaped as encoding/json does, invalid UTF-8 becoming U+FFFD.
func AppendFeature(dst []byte, e *Event) []byte {
	dst = append(dst, `{"type":"Feature","id":`...)
	dst = appendJSONString(dst, e.ID)
	if finite(e.Lon) && finite(e.Lat) {
		dst = append(dst, `,"geometry":{"type":"Point","coordinates":[`...)
		dst = appendCoord(dst, e.Lon)
		dst = append(dst, ',')
		dst = appendCoord(dst, e.Lat)
		dst = append(dst, `]}`...)
	} else {
		dst = append(dst, `,"geometry":null`...)
	}
	dst = append(dst, `,"properties":{"date":`...)
	dst = appendDate(dst, e.Date, time.DateOnly)
	dst = appendStrProp(dst, "date_precision", string(e.DatePrecision))
	dst = appendStrProp(dst, "type", e.Type)
	dst = appendStrProp(dst, "subtype", e.SubType)
	dst = appendStrProp(dst, "place_name", e.PlaceName)
	dst = appendStrProp(dst, "place_id", e.PlaceID)
	dst = appendStrProp(dst, "country_code", e.CountryCode)
	dst = appendStrProp(dst, "country", e.CountryName)
	dst = appendStrProp(dst, "admin1", e.Admin1)
	dst = appendStrProp(dst, "feature_code", e.FeatureCode)
	dst = appendIntProp(dst, "geo_precision", e.GeoPrecision)
	dst = append(dst, `,"score":`...)
	if finite(e.Score) {
		dst = strconv.AppendFloat(dst, e.Score, 'f', -1, 64)
	} else {
		dst = append(dst, "null"...)
	}
	dst = appendStrProp(dst, "actors", strings.Join(e.Actors, "; "))
	dst = appendIntProp(dst, "fatalities", e.Fatalities)
	dst = appendStrProp(dst, "notes", e.Notes)
	dst = append(dst, `,"explain":`...)
	dst = AppendExplain(dst, e.Explain)
	dst = appendStrProp(dst, "mention", e.MentionText)
	dst = appendStrProp(dst, "mention_kind", e.MentionKind)
	dst = appendStrProp(dst, "sentence", e.Sentence)
	dst = appendIntProp(dst, "sentence_start", e.SentenceStart)
	dst = appendIntProp(dst, "mention_start", e.MentionStart)
	dst = appendIntProp(dst, "mention_end", e.MentionEnd)
	dst = appendStrProp(dst, "article_id", e.ArticleID)
	dst = appendStrProp(dst, "article_title", e.ArticleTitle)
	dst = appendStrProp(dst, "article_url", e.ArticleURL)
	dst = appendStrProp(dst, "source", e.Source)
	dst = append(dst, `,"published":`...)
	dst = appendDate(dst, e.Published, time.RFC3339)
	return append(dst, "}}"...)
}

// AppendExplain appends the reasons as a JSON array of Reason objects
// (field, rule, text, start, value; empty text and value left out), or
// null when there are none. It is the encoding the store keeps and the
// GeoJSON, CSV and API outputs share.
func AppendExplain(dst []byte, rs []Reason) []byte {
	if len(rs) == 0 {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, r := range rs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"field":`...)
		dst = appendJSONString(dst, r.Field)
		dst = append(dst, `,"rule":`...)
		dst = appendJSONString(dst, r.Rule)
		if r.Text != "" {
			dst = append(dst, `,"text":`...)
			dst = appendJSONString(dst, r.Text)
		}
		dst = append(dst, `,"start":`...)
		dst = strconv.AppendInt(dst, int64(r.Start), 10)
		if r.Value != "" {
			dst = append(dst, `,"value":`...)
			dst = appendJSONString(dst, r.Value)
		}
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// appendCoord writes a coordinate with 6 decimals (about 0.1 m), trailing
// zeros stripped.
func appendCoord(dst []byte, f float64) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'f', 6, 64)
	n := len(dst)
	for n > start && dst[n-1] == '0' {
		n--
	}
	if n > start && dst[n-1] == '.' {
		n--
	}
	dst = dst[:n]
	if string(dst[start:]) == "-0" {
		dst = append(dst[:start], '0')
	}
	return dst
}

func appendDate(dst []byte, t time.Time, layout string) []byte {
	if t.IsZero() {
		return append(dst, "null"...)
	}
	dst = append(dst, '"')
	dst = t.AppendFormat(dst, layout)
	return append(dst, '"')
}

func appendStrProp(dst []byte, name, v string) []byte {
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	dst = append(dst, '"', ':')
	if v == "" {
		return append(dst, "null"...)
	}
	return appendJSONString(dst, v)
}

func appendIntProp(dst []byte, name string, v int) []byte {
	dst = append(dst, ',', '"')
	dst = append(dst, name...)
	dst = append(dst, '"', ':')
	return strconv.AppendInt(dst, int64(v), 10)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string with encoding/json's
// escaping: ", \ and control characters escaped, <, > and & as \u003c etc.,
// U+2028/U+2029 escaped, and invalid UTF-8 replaced by U+FFFD.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '"', '\\':
				dst = append(dst, '\\', b)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
