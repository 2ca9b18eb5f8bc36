package event

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// featureProps are the GeoJSON properties of an event, in the order
// AppendFeature writes them: each a name and how to append its value.
// Every feature carries all of them (null when unknown), so GIS tools
// such as QGIS and GDAL see one stable set of fields. A new Event field
// that is served gets one line here.
var featureProps = []struct {
	name string
	add  func(dst []byte, e *Event) []byte
}{
	{"date", func(dst []byte, e *Event) []byte { return appendDate(dst, e.Date, time.DateOnly) }},
	{"date_precision", func(dst []byte, e *Event) []byte { return appendStrVal(dst, string(e.DatePrecision)) }},
	{"type", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.Type) }},
	{"subtype", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.SubType) }},
	{"place_name", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.PlaceName) }},
	{"place_id", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.PlaceID) }},
	{"country_code", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.CountryCode) }},
	{"country", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.CountryName) }},
	{"admin1", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.Admin1) }},
	{"feature_code", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.FeatureCode) }},
	{"geo_precision", func(dst []byte, e *Event) []byte { return strconv.AppendInt(dst, int64(e.GeoPrecision), 10) }},
	{"score", func(dst []byte, e *Event) []byte {
		if !finite(e.Score) {
			return append(dst, "null"...)
		}
		return strconv.AppendFloat(dst, e.Score, 'f', -1, 64)
	}},
	{"actors", func(dst []byte, e *Event) []byte { return appendStrVal(dst, strings.Join(e.Actors, "; ")) }},
	{"fatalities", func(dst []byte, e *Event) []byte { return strconv.AppendInt(dst, int64(e.Fatalities), 10) }},
	{"sources", func(dst []byte, e *Event) []byte {
		if e.Sources <= 1 {
			return append(dst, "null"...)
		}
		return strconv.AppendInt(dst, int64(e.Sources), 10)
	}},
	{"notes", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.Notes) }},
	{"explain", func(dst []byte, e *Event) []byte { return AppendExplain(dst, e.Explain) }},
	{"mention", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.MentionText) }},
	{"mention_kind", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.MentionKind) }},
	{"sentence", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.Sentence) }},
	{"sentence_start", func(dst []byte, e *Event) []byte { return strconv.AppendInt(dst, int64(e.SentenceStart), 10) }},
	{"mention_start", func(dst []byte, e *Event) []byte { return strconv.AppendInt(dst, int64(e.MentionStart), 10) }},
	{"mention_end", func(dst []byte, e *Event) []byte { return strconv.AppendInt(dst, int64(e.MentionEnd), 10) }},
	{"article_id", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.ArticleID) }},
	{"article_title", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.ArticleTitle) }},
	{"article_url", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.ArticleURL) }},
	{"source", func(dst []byte, e *Event) []byte { return appendStrVal(dst, e.Source) }},
	{"published", func(dst []byte, e *Event) []byte { return appendDate(dst, e.Published, time.RFC3339) }},
}

// FeatureProperties returns the GeoJSON property names AppendFeature
// writes, in order.
func FeatureProperties() []string {
	names := make([]string, len(featureProps))
	for i, p := range featureProps {
		names[i] = p.name
	}
	return names
}

// AppendFeature appends e as an RFC 7946 GeoJSON Feature to dst: a
// top-level string "id", a Point [lon, lat] with at most 6 decimals, and
// flat properties named as in Event's JSON tags (see FeatureProperties).
// "date" is a calendar date (YYYY-MM-DD), "published" full RFC 3339, and
// "actors" one "; "-joined string, "explain" an array of Reason objects;
// empty strings, empty explanations and unknown dates are null.
// Strings are escaped as encoding/json does, invalid UTF-8 becoming U+FFFD.
func AppendFeature(dst []byte, e *Event) []byte {
	return AppendFeatureProps(dst, e, nil)
}

// AppendFeatureProps is AppendFeature with only the properties whose
// indexes in FeatureProperties are listed, in that order (all when props
// is nil; none when it is empty and not nil).
func AppendFeatureProps(dst []byte, e *Event, props []int) []byte {
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
	dst = append(dst, `,"properties":{`...)
	n := len(props)
	if props == nil {
		n = len(featureProps)
	}
	for i := range n {
		p := &featureProps[i]
		if props != nil {
			p = &featureProps[props[i]]
		}
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '"')
		dst = append(dst, p.name...)
		dst = append(dst, '"', ':')
		dst = p.add(dst, e)
	}
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

// appendStrVal appends v as a JSON string, or null when empty.
func appendStrVal(dst []byte, v string) []byte {
	if v == "" {
		return append(dst, "null"...)
	}
	return appendJSONString(dst, v)
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
