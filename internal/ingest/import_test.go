package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/event"
)

func TestImportGoodFiles(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	im := &Importer{Store: st, Gazetteer: g}
	tests := []struct {
		file   string
		format ImportFormat
		rows   int
	}{
		{"acled.csv", ImportCSV, 3},
		{"plain.csv", ImportCSV, 2},
		{"events.geojson", ImportGeoJSON, 2},
		{"events.geojsonseq", ImportGeoJSONSeq, 2},
	}
	total := 0
	for _, tc := range tests {
		path := filepath.Join("testdata", "import", tc.file)
		sum, err := im.ImportFile(ctx, path)
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if sum.Format != tc.format || sum.Rows != tc.rows || sum.Imported != tc.rows || sum.Skipped != 0 {
			t.Errorf("%s: %v", tc.file, sum)
		}
		total += tc.rows
		// Importing twice adds nothing.
		again, err := im.ImportFile(ctx, path)
		if err != nil || again.Imported != 0 || again.Skipped != tc.rows {
			t.Errorf("%s again: %v %v", tc.file, again, err)
		}
	}
	if _, ne := counts(t, st); ne != int64(total) {
		t.Errorf("%d events stored, want %d", ne, total)
	}

	e, err := st.Event(ctx, "SYR100001")
	if err != nil {
		t.Fatal(err)
	}
	if e.Type != event.TypeBattles || e.SubType != event.SubNonStateOvertakes || e.PlaceName != "Aleppo" ||
		e.CountryName != "Syria" || e.CountryCode != "SY" || e.Admin1 != "Aleppo" || e.Fatalities != 12 ||
		!e.Date.Equal(time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)) || e.Lat != 36.2012 || e.Lon != 37.1612 ||
		len(e.Actors) != 2 || e.Actors[0] != "Hayat Tahrir al-Sham" || !strings.Contains(e.Notes, `"citadel"`) || e.GeoPrecision != 1 {
		t.Errorf("ACLED row: %+v", e)
	}
	tanf, err := st.Event(ctx, "SYR100003")
	if err != nil || tanf.GeoPrecision != 2 || tanf.PlaceName != "At Tanf" {
		t.Errorf("ACLED row 3: %+v %v", tanf, err)
	}
	gj, err := st.Event(ctx, "gj-1")
	if err != nil || gj.SubType != event.SubNonStateOvertakes || len(gj.Actors) != 2 || gj.CountryCode != "SY" {
		t.Errorf("GeoJSON feature: %+v %v", gj, err)
	}
}

func TestImportBadFiles(t *testing.T) {
	tests := []struct {
		file     string
		line     int
		sentinel error
		msg      string
	}{
		{"bad_missing.csv", 3, ErrInvalidRecord, "missing coordinates"},
		{"bad_nonnumeric.csv", 4, ErrInvalidRecord, `latitude "north" is not a number`},
		{"bad_lat.csv", 3, ErrInvalidRecord, "latitude 91.5"},
		{"bad_lon.csv", 2, ErrInvalidRecord, "longitude 200"},
		{"bad_date.csv", 4, ErrInvalidRecord, "32 Decembre 2024"},
		{"no_coords_header.csv", 1, ErrMalformed, "no longitude column"},
		{"bad_point.geojson", 3, ErrInvalidRecord, "latitude 95"},
		{"bad_polygon.geojson", 3, ErrInvalidRecord, "Polygon"},
		{"truncated.geojson", 3, ErrMalformed, "end of file"},
		{"bad_lines.geojsonl", 3, ErrInvalidRecord, `longitude "east"`},
	}
	for _, tc := range tests {
		st, _ := openStore(t)
		path := filepath.Join("testdata", "import", tc.file)
		sum, err := ImportFile(context.Background(), st, path)
		var ie *InputError
		if !errors.As(err, &ie) || !errors.Is(err, tc.sentinel) || ie.Line != tc.line || ie.Path != path || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: error %v (summary %v), want %v at line %d mentioning %q", tc.file, err, sum, tc.sentinel, tc.line, tc.msg)
		}
		if _, ne := counts(t, st); ne != 0 {
			t.Errorf("%s: %d events stored from a bad file, want none", tc.file, ne)
		}
	}
}

func TestImportUnsupportedAndMissing(t *testing.T) {
	st, _ := openStore(t)
	dir := t.TempDir()
	arr := filepath.Join(dir, "x.json")
	os.WriteFile(arr, []byte("[1,2]"), 0o644)
	if _, err := ImportFile(context.Background(), st, arr); !errors.Is(err, ErrUnsupported) {
		t.Errorf("JSON array: %v", err)
	}
	if _, err := ImportFile(context.Background(), st, filepath.Join(dir, "none.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, nil, 0o644)
	if _, err := ImportFile(context.Background(), st, empty); !errors.Is(err, ErrMalformed) {
		t.Errorf("empty CSV: %v", err)
	}
}

func FuzzImportCSV(f *testing.F) {
	f.Add("lon,lat,time\n37.1,36.2,2024-01-01\n")
	f.Add("event_id_cnty,latitude,longitude,event_date\nX,95,1,01 December 2024\n")
	f.Add("lon,lat\n\"1,2\n")
	f.Add("a,b\n1,2,3\n")
	f.Fuzz(func(t *testing.T, s string) {
		for e, err := range csvRows("fuzz.csv", strings.NewReader(s), nil) {
			if err != nil {
				if !IsInputError(err) {
					t.Fatalf("untyped error %v", err)
				}
				return
			}
			if e.ID == "" || e.Lat < -90 || e.Lat > 90 || e.Lon < -180 || e.Lon > 180 {
				t.Fatalf("bad event accepted: %+v", e)
			}
		}
	})
}

func FuzzImportGeoJSON(f *testing.F) {
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}]}`)
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}]}`)
	f.Add(`{"features":[`)
	f.Fuzz(func(t *testing.T, s string) {
		for e, err := range geojsonRows(context.Background(), "fuzz.geojson", strings.NewReader(s), nil) {
			if err != nil {
				if !IsInputError(err) {
					t.Fatalf("untyped error %v", err)
				}
				return
			}
			if e.ID == "" || e.Lat < -90 || e.Lat > 90 || e.Lon < -180 || e.Lon > 180 {
				t.Fatalf("bad event accepted: %+v", e)
			}
		}
	})
}
