package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/testenv"
)

// TestPagingOverHTTP follows next links from a real server across more
// than a thousand features: every feature exactly once.
func TestPagingOverHTTP(t *testing.T) { testPagingOverHTTP(t, openStore) }

func testPagingOverHTTP(t *testing.T, open storeOpener) {
	const n = 2345
	s := newTestServer(t, Config{}, open(t, genEvents(n, 12)), nil)
	base := startServer(t, s)
	for _, start := range []string{"/collections/events/items?limit=100&mentions=true", "/api/events?limit=1000&mentions=true", "/api/events?limit=333&sortby=score&mentions=true"} {
		seen := map[string]int{}
		next, pages := base+start, 0
		for next != "" {
			res, err := http.Get(next)
			if err != nil {
				t.Fatal(err)
			}
			var fc featureCollection
			err = json.NewDecoder(res.Body).Decode(&fc)
			res.Body.Close()
			if err != nil || res.StatusCode != http.StatusOK || fc.NumberMatched != n {
				t.Fatalf("%s: %d %v matched %d", next, res.StatusCode, err, fc.NumberMatched)
			}
			for _, id := range fc.ids() {
				seen[id]++
			}
			next = fc.link("next")
			if next != "" && !strings.HasPrefix(next, base) {
				t.Fatalf("next link %q is not an absolute link to this server", next)
			}
			if pages++; pages > 200 {
				t.Fatal("runaway paging")
			}
		}
		if len(seen) != n {
			t.Errorf("%s: %d distinct features, want %d", start, len(seen), n)
		}
		for id, c := range seen {
			if c != 1 {
				t.Errorf("%s: feature %s seen %d times", start, id, c)
			}
		}
	}
}

// ogrinfo runs GDAL's ogrinfo with a timeout and no network beyond loopback.
func ogrinfo(t *testing.T, args ...string) string {
	t.Helper()
	bin := testenv.RequireTool(t, "ogrinfo")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "GDAL_HTTP_TIMEOUT=60", "CPL_VSIL_CURL_ALLOWED_EXTENSIONS=.geojson", "GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR",
		"NO_PROXY=127.0.0.1", "no_proxy=127.0.0.1", "HTTP_PROXY=", "http_proxy=", "HTTPS_PROXY=", "https_proxy=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func featureCount(t *testing.T, out string) int {
	t.Helper()
	m := regexp.MustCompile(`Feature Count: (\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no feature count in ogrinfo output:\n%s", out)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestOgrinfoOAPIF reads the collection with GDAL's OGC API – Features
// driver, from the landing page and from the collection URL.
func TestOgrinfoOAPIF(t *testing.T) { testOgrinfoOAPIF(t, openStore) }

func testOgrinfoOAPIF(t *testing.T, open storeOpener) {
	testenv.RequireTool(t, "ogrinfo")
	evs := genEvents(1234, 13)
	n := countEvents(evs) // plain mentions are not served by default
	s := newTestServer(t, Config{}, open(t, evs), nil)
	base := startServer(t, s)
	for _, target := range []string{"OAPIF:" + base + "/collections/events", "OAPIF:" + base} {
		out := ogrinfo(t, "-ro", "-al", "-so", target)
		if got := featureCount(t, out); got != n {
			t.Errorf("%s: feature count %d, want %d\n%s", target, got, n, out)
		}
		for _, field := range []string{"type:", "subtype:", "place_name:", "date:", "score:", "sentence:"} {
			if !strings.Contains(out, field) {
				t.Errorf("%s: field %q missing:\n%s", target, field, out)
			}
		}
		if !strings.Contains(out, "Geometry: Point") {
			t.Errorf("%s: no point geometry:\n%s", target, out)
		}
	}
	// A full read (not just the summary) follows next links to the end.
	out := ogrinfo(t, "-ro", "-al", "-q", "-oo", "PAGE_SIZE=500", "OAPIF:"+base+"/collections/events", "-sql", "SELECT COUNT(*) AS n FROM events")
	if !strings.Contains(out, fmt.Sprintf("n (Integer) = %d", n)) {
		t.Errorf("count by reading every page:\n%s", out)
	}
}

// TestOgrinfoExport reads /api/export.geojson with GDAL, both straight over
// HTTP and from a downloaded file.
func TestOgrinfoExport(t *testing.T) {
	testenv.RequireTool(t, "ogrinfo")
	evs := genEvents(1500, 14)
	n := countEvents(evs) // plain mentions are not exported by default
	s := newTestServer(t, Config{}, openStore(t, evs), nil)
	base := startServer(t, s)
	// A streamed download has no Content-Length, so GDAL needs its
	// streaming reader (/vsicurl_streaming/) or its HTTP driver (plain URL);
	// /vsicurl/ proper wants a file size and range requests.
	for _, src := range []string{"/vsicurl_streaming/" + base + "/api/export.geojson", base + "/api/export.geojson"} {
		out := ogrinfo(t, "-ro", "-al", "-so", src)
		if got := featureCount(t, out); got != n {
			t.Errorf("%s: feature count %d, want %d", src, got, n)
		}
	}
	res, err := http.Get(base + "/api/export.geojson?country=SY")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	path := filepath.Join(t.TempDir(), "events.geojson")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, res.Body); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := ogrinfo(t, "-ro", "-al", "-so", path)
	want := 0
	for _, e := range evs {
		if e.CountryCode == "SY" && e.Type != event.TypeMention {
			want++
		}
	}
	if got := featureCount(t, out); got != want {
		t.Errorf("downloaded file: %d features, want %d", got, want)
	}
}
