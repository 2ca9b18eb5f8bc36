package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/testenv"
)

// queryLog records the datetime and bbox parameters of the item requests
// a client sends, so a test can see the filter went to the server rather
// than being applied by the client alone.
type queryLog struct {
	mu      sync.Mutex
	queries []string
}

func (l *queryLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/items") {
			l.mu.Lock()
			l.queries = append(l.queries, r.URL.RawQuery)
			l.mu.Unlock()
		}
		h.ServeHTTP(w, r)
	})
}

// sent reports whether some item request carried param with value.
func (l *queryLog) sent(param, value string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, q := range l.queries {
		v, err := url.ParseQuery(q)
		if err == nil && v.Get(param) == value {
			return true
		}
	}
	return false
}

func (l *queryLog) reset() {
	l.mu.Lock()
	l.queries = nil
	l.mu.Unlock()
}

// TestOgrinfoOAPIFFilters reads the collection with GDAL's OGC API –
// Features driver through -where date filters (which GDAL turns into
// datetime=2024-11-20T/.. and the like: dates with an empty time part),
// -spat (bbox) and small pages: each count is the events the filter
// matches, and the filter reached the server.
func TestOgrinfoOAPIFFilters(t *testing.T) {
	testenv.RequireTool(t, "ogrinfo")
	evs := genEvents(1500, 21)
	var log queryLog
	s := newTestServer(t, Config{}, openStore(t, evs), nil)
	ts := httptest.NewServer(log.wrap(s.Handler()))
	t.Cleanup(ts.Close)
	target := "OAPIF:" + ts.URL + "/collections/events"

	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	inBox := func(e event.Event) bool { return e.Lon >= 35 && e.Lon <= 39 && e.Lat >= 33 && e.Lat <= 37.5 }
	tests := []struct {
		name  string
		args  []string
		keep  func(event.Event) bool
		param string // a parameter the server must have received
		value string
	}{
		{"date_ge", []string{"-where", "date >= '2024-11-20'"},
			func(e event.Event) bool { return !e.Date.IsZero() && !e.Date.Before(day("2024-11-20")) }, "datetime", "2024-11-20T/.."},
		// GDAL sends "date < X" as datetime=../X and evaluates nothing
		// itself, so the answer is the OGC interval, whose end is
		// inclusive: events of X itself come back (GDAL's limit, not
		// ours; it cannot say "before" in a datetime).
		{"date_lt_is_le", []string{"-where", "date < '2024-11-10'"},
			func(e event.Event) bool { return !e.Date.IsZero() && !e.Date.After(day("2024-11-10")) }, "datetime", "../2024-11-10T"},
		{"date_le", []string{"-where", "date <= '2024-11-10'"},
			func(e event.Event) bool { return !e.Date.IsZero() && !e.Date.After(day("2024-11-10")) }, "datetime", "../2024-11-10T"},
		{"date_eq", []string{"-where", "date = '2024-11-15'"},
			func(e event.Event) bool { return e.Date.Equal(day("2024-11-15")) }, "datetime", "2024-11-15T"},
		{"date_between", []string{"-where", "date >= '2024-11-05' AND date <= '2024-12-05'"},
			func(e event.Event) bool {
				return !e.Date.IsZero() && !e.Date.Before(day("2024-11-05")) && !e.Date.After(day("2024-12-05"))
			}, "datetime", "2024-11-05T/2024-12-05T"},
		{"date_time_ge", []string{"-where", "date >= '2024-11-20T00:00:00Z'"},
			func(e event.Event) bool { return !e.Date.IsZero() && !e.Date.Before(day("2024-11-20")) }, "datetime", "2024-11-20T00:00:00Z/.."},
		{"spat", []string{"-spat", "35", "33", "39", "37.5"}, inBox, "", ""},
		{"spat_and_date_small_pages", []string{"-spat", "35", "33", "39", "37.5", "-where", "date >= '2024-11-20'"},
			func(e event.Event) bool { return inBox(e) && !e.Date.IsZero() && !e.Date.Before(day("2024-11-20")) }, "datetime", "2024-11-20T/.."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			log.reset()
			want := 0
			for _, e := range evs {
				if e.Type != event.TypeMention && tc.keep(e) {
					want++
				}
			}
			if want == 0 || want == countEvents(evs) {
				t.Fatalf("the filter matches %d of %d events: not a test of the filter", want, countEvents(evs))
			}
			// A full read (-al, not -so) follows every page, in pages of 50.
			args := append([]string{"-ro", "-q", "-al", target, "-oo", "PAGE_SIZE=50"}, tc.args...)
			if got := strings.Count(ogrinfo(t, args...), "OGRFeature("); got != want {
				t.Errorf("%d features, want %d", got, want)
			}
			if tc.param != "" && !log.sent(tc.param, tc.value) {
				t.Errorf("no item request carried %s=%s: %q", tc.param, tc.value, log.queries)
			}
			if tc.name == "spat" && !log.sent("bbox", "35,33,39,37.5") {
				t.Errorf("no item request carried the bbox: %q", log.queries)
			}
		})
	}
}

// TestOgr2ogrOAPIFDateFilter copies the filtered collection into a
// GeoPackage with ogr2ogr, as an analyst would, and reads the file back.
func TestOgr2ogrOAPIFDateFilter(t *testing.T) {
	bin := testenv.RequireTool(t, "ogr2ogr")
	testenv.RequireTool(t, "ogrinfo")
	evs := genEvents(800, 22)
	s := newTestServer(t, Config{}, openStore(t, evs), nil)
	base := startServer(t, s)
	want := 0
	from := time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, e := range evs {
		if e.Type != event.TypeMention && !e.Date.IsZero() && !e.Date.Before(from) {
			want++
		}
	}
	out := filepath.Join(t.TempDir(), "events.gpkg")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-f", "GPKG", out, "OAPIF:"+base+"/collections/events", "-where", "date >= '2024-12-01'", "-oo", "PAGE_SIZE=100")
	cmd.Env = append(os.Environ(), "NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1", "HTTP_PROXY=", "http_proxy=")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v\n%s", err, msg)
	}
	if got := featureCount(t, ogrinfo(t, "-ro", "-al", "-so", out)); got != want {
		t.Errorf("GeoPackage holds %d features, want %d", got, want)
	}
}

// TestOgrinfoOAPIFRefusal: a datetime the server cannot read (GDAL passes
// -where "date >= '2024-02-30'" on unchecked, as 2024-02-30T/..) is a 400
// whose JSON description GDAL prints, so the user sees what is wrong.
func TestOgrinfoOAPIFRefusal(t *testing.T) {
	bin := testenv.RequireTool(t, "ogrinfo")
	s := newTestServer(t, Config{}, openStore(t, genEvents(50, 23)), nil)
	base := startServer(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-ro", "-al", "-q", "OAPIF:"+base+"/collections/events", "-where", "date >= '2024-02-30'")
	cmd.Env = append(os.Environ(), "NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1", "HTTP_PROXY=", "http_proxy=")
	out, _ := cmd.CombinedOutput()
	for _, want := range []string{"HTTP error code : 400", `interval start: \"2024-02-30T\" is not a valid date: day out of range`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("ogrinfo output does not show %q:\n%s", want, out)
		}
	}
}
