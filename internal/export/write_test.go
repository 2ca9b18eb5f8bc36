package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
	"geoevents/internal/testenv"
)

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"geojson": GeoJSON, " GeoJSONSeq ": GeoJSONSeq, "CSV": CSV} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "kml", "json", "geojson;drop"} {
		if _, err := ParseFormat(in); !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("ParseFormat(%q) err = %v, want ErrUnknownFormat", in, err)
		}
	}
	if _, err := Write(context.Background(), &bytes.Buffer{}, "kml", nil, store.Filter{}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Write(kml) err = %v", err)
	}
}

// want returns the events the store streams for f, in order.
func want(t *testing.T, st store.Store, f store.Filter) []event.Event {
	t.Helper()
	var out []event.Event
	if err := st.EachEvent(context.Background(), f, func(e *event.Event) error { out = append(out, *e); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteGeoJSON(t *testing.T) {
	st := seededStore(t, 300)
	f := store.Filter{BBox: &geo.BBox{MinLon: 35, MinLat: 32, MaxLon: 39, MaxLat: 37}}
	exp := want(t, st, f)
	var buf bytes.Buffer
	n, err := Write(context.Background(), &buf, GeoJSON, st, f)
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(len(exp)) || n < 100 {
		t.Fatalf("wrote %d, want %d (≥ 100)", n, len(exp))
	}
	fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes())
	if err != nil {
		t.Fatalf("not a FeatureCollection: %v", err)
	}
	if len(fc.Features) != len(exp) {
		t.Fatalf("%d features decoded, want %d", len(fc.Features), len(exp))
	}
	for i, ft := range fc.Features {
		e := exp[i]
		pt := ft.Geometry.(orb.Point)
		if ft.ID != e.ID || math.Abs(pt.Lon()-e.Lon) > 5e-7 || math.Abs(pt.Lat()-e.Lat) > 5e-7 || ft.Properties["place_name"] != e.PlaceName {
			t.Fatalf("feature %d = %v %v %v, want %s at %v,%v", i, ft.ID, pt, ft.Properties["place_name"], e.ID, e.Lon, e.Lat)
		}
	}
	// An empty result is still a valid, empty collection.
	buf.Reset()
	if n, err := Write(context.Background(), &buf, GeoJSON, st, store.Filter{Countries: []string{"FR"}}); err != nil || n != 0 {
		t.Fatalf("empty export = %d, %v", n, err)
	}
	if fc, err := geojson.UnmarshalFeatureCollection(buf.Bytes()); err != nil || len(fc.Features) != 0 {
		t.Fatalf("empty export = %v, %v: %s", fc, err, buf.Bytes())
	}
}

func TestWriteGeoJSONSeq(t *testing.T) {
	st := seededStore(t, 200)
	exp := want(t, st, store.Filter{})
	var buf bytes.Buffer
	if _, err := Write(context.Background(), &buf, GeoJSONSeq, st, store.Filter{}); err != nil {
		t.Fatal(err)
	}
	recs := bytes.Split(buf.Bytes(), []byte{0x1e})
	if len(recs[0]) != 0 {
		t.Fatalf("output does not start with RS: %q", buf.Bytes()[:20])
	}
	recs = recs[1:]
	if len(recs) != len(exp) {
		t.Fatalf("%d records, want %d", len(recs), len(exp))
	}
	for i, r := range recs {
		if !bytes.HasSuffix(r, []byte("\n")) || bytes.Count(r, []byte("\n")) != 1 {
			t.Fatalf("record %d is not one LF-terminated line: %q", i, r)
		}
		ft, err := geojson.UnmarshalFeature(r)
		if err != nil || ft.ID != exp[i].ID {
			t.Fatalf("record %d: %v, id %v want %s", i, err, ft.ID, exp[i].ID)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	st := seededStore(t, 250)
	exp := want(t, st, store.Filter{Sort: store.SortScore})
	var buf bytes.Buffer
	if _, err := Write(context.Background(), &buf, CSV, st, store.Filter{Sort: store.SortScore}); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(&buf)
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv cannot read the export: %v", err)
	}
	head := recs[0]
	if !slices.Equal(head[:4], []string{"lon", "lat", "id", "date"}) || len(head) != 8+len(event.FeatureProperties())-5 {
		t.Fatalf("header = %v", head)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	if len(recs)-1 != len(exp) {
		t.Fatalf("%d rows, want %d", len(recs)-1, len(exp))
	}
	for i, rec := range recs[1:] {
		e := exp[i]
		lon, _ := strconv.ParseFloat(rec[col["lon"]], 64)
		score, _ := strconv.ParseFloat(rec[col["score"]], 64)
		wantDate := ""
		if !e.Date.IsZero() {
			wantDate = e.Date.Format("2006-01-02")
		}
		if rec[col["id"]] != e.ID || math.Abs(lon-e.Lon) > 5e-7 || score != e.Score ||
			rec[col["sentence"]] != e.Sentence || rec[col["article_title"]] != e.ArticleTitle ||
			rec[col["actors"]] != strings.Join(e.Actors, "; ") || rec[col["date"]] != wantDate ||
			rec[col["mention_end"]] != strconv.Itoa(e.MentionEnd) || rec[col["published"]] != "2024-12-01T08:00:00Z" {
			t.Fatalf("row %d = %q\nwant event %+v", i, rec, e)
		}
	}
}

// errWriter fails after limit bytes.
type errWriter struct{ limit int }

func (w *errWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		return 0, errors.New("disk full")
	}
	w.limit -= len(p)
	return len(p), nil
}

func TestWriteErrors(t *testing.T) {
	st := seededStore(t, 500)
	if _, err := Write(context.Background(), &errWriter{limit: 100 << 10}, GeoJSON, st, store.Filter{}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("write error not reported: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Write(ctx, &bytes.Buffer{}, CSV, st, store.Filter{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled export err = %v", err)
	}
	if _, err := Write(context.Background(), &bytes.Buffer{}, CSV, st, store.Filter{Sort: "bogus"}); !errors.Is(err, store.ErrInvalidFilter) {
		t.Errorf("bad filter err = %v", err)
	}
}

// TestOgrinfoReadsExports reads each export back with GDAL.
func TestOgrinfoReadsExports(t *testing.T) {
	ogrinfo := testenv.RequireTool(t, "ogrinfo")
	const n = 300
	st := seededStore(t, n)
	dir := t.TempDir()
	fields := []string{"type", "subtype", "place_name", "place_id", "country_code", "date", "date_precision", "score",
		"geo_precision", "actors", "sentence", "article_title", "published"}
	for _, tt := range []struct {
		format Format
		file   string
		opts   []string
	}{
		{GeoJSON, "events.geojson", nil},
		{GeoJSONSeq, "events.geojsons", nil},
		{CSV, "events.csv", []string{"-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat"}},
	} {
		t.Run(string(tt.format), func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			out, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			// Mentions too: every event written is one GDAL must read.
			if _, err := Write(context.Background(), out, tt.format, st, store.Filter{Mentions: true}); err != nil {
				t.Fatal(err)
			}
			if err := out.Close(); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"-ro", "-al", "-so"}, tt.opts...)
			res, err := exec.Command(ogrinfo, append(args, path)...).CombinedOutput()
			if err != nil {
				t.Fatalf("ogrinfo: %v\n%s", err, res)
			}
			if m := regexp.MustCompile(`Feature Count: (\d+)`).FindSubmatch(res); m == nil || string(m[1]) != strconv.Itoa(n) {
				t.Errorf("ogrinfo feature count %q, want %d\n%s", m, n, res)
			}
			if tt.format != CSV && !bytes.Contains(res, []byte("Geometry: Point")) {
				t.Errorf("ogrinfo did not see points:\n%s", res)
			}
			if tt.format == CSV && !bytes.Contains(res, []byte("Extent: (")) {
				t.Errorf("ogrinfo did not find lon/lat geometry:\n%s", res)
			}
			sc := bufio.NewScanner(bytes.NewReader(res))
			seen := map[string]bool{}
			for sc.Scan() {
				if name, _, ok := strings.Cut(sc.Text(), ":"); ok {
					seen[name] = true
				}
			}
			for _, f := range fields {
				if !seen[f] {
					t.Errorf("ogrinfo lacks field %q:\n%s", f, res)
				}
			}
		})
	}
}
