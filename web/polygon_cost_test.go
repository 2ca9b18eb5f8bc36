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

// TestPolygonCostOnBigStore measures the worst polygon searches the cost
// rule accepts on a big store: for each vertex count up to the cap, the
// largest circle around the densest test city that is let through. Each
// must answer in under a second. It runs when
// GEOEVENTS_POLYGON_BENCH_EVENTS gives the store size (e.g. 1000000; the
// store is built once under GEOEVENTS_POLYGON_BENCH_DB when set, else in
// a temp dir). The store has the page caches serve's default memory
// budget gives them (64 MiB in all), so the figures are serve's.
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
	st, err := sqlite.OpenWith(ctx, path, sqlite.Options{CacheBytes: 64 << 20})
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
	// The worst accepted polygon of each size: shrink a circle around the
	// densest city until the cost rule lets it through, then time it.
	for _, v := range []int{5, 100, 1000, 5000, maxPolygonPositions} {
		r := 3.0
		for ; r > 1e-3; r *= 0.85 {
			body := circlePolygon(37.16, 36.20, r, v-1)
			res := request(t, http.DefaultClient, "POST", base+"/api/events/search?limit=10", body, "Content-Type", mimeJSON)
			b := res.Body.(nopBody).String()
			if res.StatusCode == http.StatusBadRequest && strings.Contains(b, "PolygonTooComplex") {
				continue
			}
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%d vertices, radius %.4f: %d %.300s", v, r, res.StatusCode, b)
			}
			best := time.Duration(math.MaxInt64)
			var matched string
			for range 3 {
				start := time.Now()
				res := request(t, http.DefaultClient, "POST", base+"/api/events/search?limit=10", body, "Content-Type", mimeJSON)
				best = min(best, time.Since(start))
				b := res.Body.(nopBody).String()
				if i := strings.Index(b, `"numberMatched":`); i >= 0 {
					matched = b[i+16 : i+16+strings.IndexAny(b[i+16:], ",}")]
				}
			}
			t.Logf("%d events: worst accepted polygon of %d vertices (radius %.4f°) matched %s in %v (best of 3)", n, v, r, matched, best)
			if best > time.Second {
				t.Errorf("%d vertices: the worst accepted polygon took %v; want < 1 s", v, best)
			}
			break
		}
	}
}

// bigFilter asks for one event, to see whether a store is filled.
func bigFilter() store.Filter { return store.Filter{Limit: 1} }
