package ingest

import (
	"fmt"
	"math"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"geoevents/internal/event"
)

// Fields that reach the map and the API as links, types and codes are
// checked at every entry point (articles posted or ingested, imported
// events), so `javascript:` links and markup posing as a type or a
// country never get stored.

// maxURLBytes bounds a source URL.
const maxURLBytes = 2048

// urlRule is one reason a source URL is refused.
type urlRule struct {
	name   string
	refuse func(raw string, u *url.URL) bool
}

// rawURLRules is how many of urlRules look at the raw string only; they
// run before parsing, the others on the parsed URL.
const rawURLRules = 2

// urlRules are checked in order on a non-empty URL.
var urlRules = []urlRule{
	{"longer than 2048 bytes", func(raw string, _ *url.URL) bool { return len(raw) > maxURLBytes }},
	{"has spaces or control characters", func(raw string, _ *url.URL) bool {
		return strings.IndexFunc(raw, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0
	}},
	{"not http or https (javascript:, data:, file: … are refused)", func(_ string, u *url.URL) bool {
		return u.Scheme != "http" && u.Scheme != "https"
	}},
	{"has no host", func(_ string, u *url.URL) bool { return u.Host == "" }},
	{"has a user name or password", func(_ string, u *url.URL) bool { return u.User != nil }},
}

// CheckURL accepts an empty URL or an absolute http(s) URL; errors wrap
// ErrInvalidRecord.
func CheckURL(raw string) error {
	if raw == "" {
		return nil
	}
	var u *url.URL
	for i, r := range urlRules {
		if i == rawURLRules {
			var err error
			if u, err = url.Parse(raw); err != nil {
				return fmt.Errorf("%w: url %q does not parse", ErrInvalidRecord, truncate(raw, 80))
			}
			u.Scheme = strings.ToLower(u.Scheme)
		}
		if r.refuse(raw, u) {
			return fmt.Errorf("%w: url %q is %s", ErrInvalidRecord, truncate(raw, 80), r.name)
		}
	}
	return nil
}

// maxLabelRunes bounds a type or sub-type outside ACLED's list.
const maxLabelRunes = 64

// canonicalType returns the ACLED event type (or Mention) t names, any
// case, in its own spelling; ok is false for anything else.
func canonicalType(t string) (string, bool) {
	for _, known := range event.Types {
		if strings.EqualFold(t, known) {
			return known, true
		}
	}
	return "", false
}

// plainWords reports whether s is a short printable label (the lead's
// rule for free-text types and sub-types, issue 15): valid UTF-8, at most
// 64 runes, letters, digits, spaces and - ' ( ) / , . only: no markup,
// quotes, ampersands or control characters.
func plainWords(s string) bool {
	if s == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) > maxLabelRunes {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || strings.ContainsRune("-/(),.'", r))
	}) < 0
}

// importType decides an imported row's type: ACLED's types in their own
// spelling; other plain-word types as given (generated and older data
// sets use "shelling", "airstrike": see ../shared/bench/gen); anything
// else is refused.
func importType(t string) (string, error) {
	if c, ok := canonicalType(t); ok {
		return c, nil
	}
	if plainWords(t) {
		return t, nil
	}
	return "", badRow("type %q is neither an ACLED event type (%s) nor plain words", truncate(t, 60), strings.Join(event.Types, ", "))
}

// validCountryCode accepts an assigned ISO 3166-1 alpha-2 country code in
// upper case (CLDR's regions that are countries, as x/text knows them:
// "SY", "XK"; not "ZZ", "EU" or "QO") or none.
func validCountryCode(c string) bool {
	if c == "" {
		return true
	}
	if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
		return false
	}
	r, err := language.ParseRegion(c)
	return err == nil && r.IsCountry() && r.String() == c
}

// checkImportFields validates an imported event's type, country code and
// URL, setting the type's canonical spelling.
func checkImportFields(e *event.Event) error {
	t, err := importType(e.Type)
	if err != nil {
		return err
	}
	e.Type = t
	if e.SubType != "" && !plainWords(e.SubType) {
		return badRow("sub_event_type %q is not a short plain label (at most %d letters, digits, spaces and - ' ( ) / , .)", truncate(e.SubType, 60), maxLabelRunes)
	}
	if !validCountryCode(e.CountryCode) {
		return badRow("country_code %q is not an ISO 3166-1 alpha-2 code", truncate(e.CountryCode, 20))
	}
	if err := CheckURL(e.ArticleURL); err != nil {
		return badRow("%v", err)
	}
	return nil
}

// CheckEvent holds a stored event to the rules imported rows are held to,
// for copies between databases (internal/transfer): finite coordinates in
// range, a type of ACLED's list or plain words, a plain sub-type, an ISO
// country code, an http(s) article URL, a known date precision and no
// negative fatalities. It changes nothing; errors wrap ErrInvalidRecord.
func CheckEvent(e *event.Event) error {
	if err := CheckURL(e.ArticleURL); err != nil {
		return err // wraps ErrInvalidRecord already
	}
	var err error
	switch {
	case math.IsNaN(e.Lon) || math.IsInf(e.Lon, 0) || e.Lon < -180 || e.Lon > 180:
		err = badRow("longitude %v is not a number in [-180, 180]", e.Lon)
	case math.IsNaN(e.Lat) || math.IsInf(e.Lat, 0) || e.Lat < -90 || e.Lat > 90:
		err = badRow("latitude %v is not a number in [-90, 90]", e.Lat)
	case e.Fatalities < 0:
		err = badRow("fatalities %d is negative", e.Fatalities)
	case !knownDatePrecision(e.DatePrecision):
		err = badRow("date_precision %q is not day, week, month, year or empty", truncate(string(e.DatePrecision), 20))
	default:
		c := *e
		err = checkImportFields(&c)
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidRecord, err)
	}
	return nil
}

func knownDatePrecision(p event.DatePrecision) bool {
	switch p {
	case event.PrecisionDay, event.PrecisionWeek, event.PrecisionMonth, event.PrecisionYear, event.PrecisionUnknown:
		return true
	}
	return false
}
