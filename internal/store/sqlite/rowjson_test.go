package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"geoevents/internal/event"
)

// rowTexts are text values that need escapes, or none, in JSON.
var rowTexts = []string{
	"", "Aleppo", `say "no"`, `back\slash`, "a/b", "line\nbreak\r\ttab\b\f", "nul\x00byte", "\x01\x1f\x7f",
	"Ḥalab حلب", "emoji 😀 and 𝄞", "not utf-8 \xff\xfe end", `\u0041 stays literal`, strings.Repeat("long ", 500),
}

// TestRowFieldsRoundTrip writes events holding every rowText in every text
// field and reads them back through SQLite's json_array and decodeRow.
func TestRowFieldsRoundTrip(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	var want []event.Event
	for i, text := range rowTexts {
		a, evs := article("", "Round trip "+text, 1, 37.123456, -36.654321)
		e := &evs[0]
		e.ID = "rt-" + string(rune('a'+i))
		if text != "" { // an event id is never empty
			e.ID += text
		}
		e.Type, e.SubType, e.PlaceName, e.PlaceID, e.CountryCode = text, text, text, text, text
		e.ArticleTitle, e.Sentence = text, text
		if i%2 == 0 {
			e.Date = time.Time{}
		}
		if _, err := s.SaveArticle(ctx, a, evs); err != nil {
			t.Fatalf("save %q: %v", text, err)
		}
		e.ArticleID = a.ID
		want = append(want, *e)
	}
	for _, w := range want {
		got, err := s.Event(ctx, w.ID)
		if err != nil {
			t.Fatalf("event %q: %v", w.ID, err)
		}
		if got.ID != w.ID || got.Type != w.Type || got.SubType != w.SubType || got.PlaceName != w.PlaceName ||
			got.PlaceID != w.PlaceID || got.CountryCode != w.CountryCode || got.ArticleID != w.ArticleID ||
			got.Sentence != w.Sentence || !got.Date.Equal(w.Date) || got.Lon != w.Lon || got.Lat != w.Lat || got.Score != w.Score {
			t.Errorf("event %q read back as\n%+v\nwant\n%+v", w.ID, got, w)
		}
	}
}

// TestRowReaderMalformed: arrays decodeRow cannot read are errors, never
// a panic or a half-read event.
func TestRowReaderMalformed(t *testing.T) {
	for _, s := range []string{
		"", "[", "]", "[1,2", "[1,2,3]", `[1,2,null,"a","b","c","d","e","f","g","h"]`, // one text short
		`[1,2,3,"a","b","c","d","e","f","g","h","i","j"]`, // one text too many
		`[x,2,3,"a","b","c","d","e","f","g","h","i"]`, `[1,2,3,"a","b","c","d","e","f","g","h","i`,
		`[1,2,3,"a","b","c","d","e","f","g","h","\q"]`, `[1,2,3,"a","b","c","d","e","f","g","h","\u12"]`,
		`[1,2,3,"a","b","c","d","e","f","g","h",7]`, `[99999999999999999999,2,3,"a","b","c","d","e","f","g","h","i"]`,
	} {
		sc := eventScan{fields: s}
		var e event.Event
		if err := sc.fill(&e); !errors.Is(err, errRowJSON) {
			t.Errorf("fill(%q) = %v, want errRowJSON", s, err)
		}
	}
}

// TestRowReaderEscapes decodes what SQLite's json_array writes for each
// rowText (and JSON's other escapes) back to the text.
func TestRowReaderEscapes(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, text := range rowTexts {
		var arr string
		if err := db.QueryRow("SELECT json_array(?)", text).Scan(&arr); err != nil {
			t.Fatal(err)
		}
		r := rowReader{s: arr}
		got, err := decodeOne(&r)
		if err != nil || got != text {
			t.Errorf("json_array(%q) = %s decodes to %q, %v", text, arr, got, err)
		}
	}
	for in, want := range map[string]string{
		`["\ud83d\ude00"]`: "😀", `["\u00e9\/"]`: "é/", `["\ud83d"]`: "\uFFFD", `["\ud83dx"]`: "\uFFFDx", `["\ude00\u0041"]`: "\uFFFDA",
	} {
		r := rowReader{s: in}
		if got, err := decodeOne(&r); err != nil || got != want {
			t.Errorf("%s decodes to %q, %v; want %q", in, got, err, want)
		}
	}
}

func decodeOne(r *rowReader) (string, error) {
	if err := r.open(); err != nil {
		return "", err
	}
	s, err := r.str()
	if err != nil {
		return "", err
	}
	return s, r.sep(']')
}

// FuzzRowReader: any valid text SQLite turns into a JSON array decodes
// back to itself, and no input panics.
func FuzzRowReader(f *testing.F) {
	for _, s := range rowTexts {
		f.Add(s)
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	f.Fuzz(func(t *testing.T, text string) {
		var arr string
		if err := db.QueryRow("SELECT json_array(?)", text).Scan(&arr); err != nil {
			t.Fatal(err)
		}
		r := rowReader{s: arr}
		if got, err := decodeOne(&r); err != nil || got != text {
			t.Errorf("json_array(%q) = %s decodes to %q, %v", text, arr, got, err)
		}
		// Raw input as an array must not panic.
		sc := eventScan{fields: text}
		var e event.Event
		_ = sc.fill(&e)
	})
}
