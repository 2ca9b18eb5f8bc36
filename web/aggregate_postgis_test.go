package web

import (
	"bytes"
	"net/http"
	"testing"

	"geoevents/internal/testenv"
)

// TestAggregateSameOnBothStores: /api/aggregate answers each query with
// the same bytes from SQLite and from PostGIS holding the same events
// (cells, their order, means, bounds, counts and types). Polygons, which
// the endpoint does not take, are held alike by the store contract suite.
func TestAggregateSameOnBothStores(t *testing.T) {
	testenv.PostgresDSN(t) // skip (or, in CI, fail) early without a server
	evs := aggregateEvents()
	lite := newTestServer(t, Config{}, openStore(t, evs), nil).Handler()
	pg := newTestServer(t, Config{}, openPostGIS(t, evs), nil).Handler()
	queries := append([]string{
		"zoom=3&near=37.16,36.2&radius=80", "zoom=14&bbox=36,35,38,37&min_score=0.5",
		"zoom=1&bbox=170,-30,-170,10&mentions=true&datetime=../2024-12-01",
	}, aggregateQueries...)
	for _, q := range queries {
		a := do(t, lite, http.MethodGet, "/api/aggregate?"+q, nil)
		b := do(t, pg, http.MethodGet, "/api/aggregate?"+q, nil)
		if a.Code != http.StatusOK || b.Code != http.StatusOK {
			t.Errorf("%s: SQLite %d, PostGIS %d: %s %s", q, a.Code, b.Code, a.Body, b.Body)
			continue
		}
		if !bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) {
			t.Errorf("%s: the stores answer differently\nSQLite  %.400s\nPostGIS %.400s", q, a.Body, b.Body)
		}
		if bytes.Contains(a.Body.Bytes(), []byte(`"numberMatched":0,`)) {
			t.Errorf("%s: no event matched; the comparison proves little", q)
		}
	}
}
