package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"geoevents/internal/store"
	"geoevents/internal/store/sqlite"
)

// circlePolygon is a GeoJSON Polygon of n vertices around (lon, lat),
// radius r degrees: the shape of the costly searches of issue 15.
func circlePolygon(lon, lat, r float64, n int) string {
	var b strings.Builder
	b.WriteString(`{"type":"Polygon","coordinates":[[`)
	for i := 0; i <= n; i++ {
		a := 2 * math.Pi * float64(i%n) / float64(n)
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "[%.6f,%.6f]", lon+r*math.Cos(a), lat+r*math.Sin(a))
	}
	b.WriteString(`]]}`)
	return b.String()
}

// TestPolygonCostOnBigStore measures the worst accepted polygon search on
// a big store: a polygon of maxPolygonPositions vertices whose bound holds
// most of the store's events (every event near the four Syrian and
// Lebanese test cities). It runs when GEOEVENTS_POLYGON_BENCH_EVENTS gives
// the store size (e.g. 1000000; the store is built once under
// GEOEVENTS_POLYGON_BENCH_DB when set, else in a temp dir) and must answer
// in under a second; smaller polygons are timed for the record.
func TestPolygonCostOnBigStore(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("GEOEVENTS_POLYGON_BENCH_EVENTS"))
	if n <= 0 {
		t.Skip("set GEOEVENTS_POLYGON_BENCH_EVENTS=1000000 to measure polygon searches on a big store")
	}
	path := os.Getenv("GEOEVENTS_POLYGON_BENCH_DB")
	if path == "" {
		path = filepath.Join(t.TempDir(), "big.db")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if p, err := st.Events(ctx, bigFilter()); err != nil || p.NumberMatched == 0 {
		start := time.Now()
		if _, err := st.ImportEvents(ctx, seqOf(genEvents(n, 42))); err != nil {
			t.Fatal(err)
		}
		t.Logf("imported %d events in %v", n, time.Since(start))
	}
	s, err := New(Config{QueryTimeout: time.Minute, WriteTimeout: 2 * time.Minute}, st, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	base := startServer(t, s)
	for _, v := range []int{1000, maxPolygonPositions / 2, maxPolygonPositions} {
		body := circlePolygon(37.5, 34.8, 2.6, v-1)
		best := time.Duration(math.MaxInt64)
		var matched string
		for range 3 {
			start := time.Now()
			res := request(t, http.DefaultClient, "POST", base+"/api/events/search?limit=10", body, "Content-Type", mimeJSON)
			took := time.Since(start)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%d vertices: %d %.200s", v, res.StatusCode, res.Body.(nopBody).Bytes())
			}
			b := res.Body.(nopBody).String()
			if i := strings.Index(b, `"numberMatched":`); i >= 0 {
				matched = b[i+16 : i+16+strings.IndexAny(b[i+16:], ",}")]
			}
			best = min(best, took)
		}
		t.Logf("%d events, polygon of %d vertices: %s matched in %v (best of 3)", n, v, matched, best)
		if v == maxPolygonPositions && best > time.Second {
			t.Errorf("the worst accepted polygon took %v; want < 1 s", best)
		}
	}
}

// bigFilter asks for one event, to see whether a store is filled.
func bigFilter() store.Filter { return store.Filter{Limit: 1} }
