package web

import (
	"net/http"
	"testing"
)

// TestLabels: /api/labels gives the towns of a view from the embedded
// gazetteer, the most important first, within the limit; a missing,
// malformed or too wide box and a bad limit are JSON 400s.
func TestLabels(t *testing.T) {
	s := newTestServer(t, Config{}, openStore(t, nil), nil)
	rec := do(t, s.Handler(), http.MethodGet, "/api/labels?bbox=36.9,36,37.4,36.4&limit=50", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var got struct {
		Labels []townLabel `json:"labels"`
	}
	decode(t, rec, &got)
	if len(got.Labels) != 50 || got.Labels[0].Name != "Aleppo" {
		t.Fatalf("%d labels, first %+v; want 50 with Aleppo first", len(got.Labels), got.Labels[0])
	}
	for _, l := range got.Labels {
		if l.Lon < 36.9 || l.Lon > 37.4 || l.Lat < 36 || l.Lat > 36.4 || l.Name == "" {
			t.Errorf("label %+v outside the box", l)
		}
	}
	if cc := rec.Header().Get("Cache-Control"); cc == "" {
		t.Errorf("no Cache-Control on a static answer")
	}
	for _, q := range []string{"", "bbox=1,2,3", "bbox=0,0,40,10", "bbox=0,0,10,40", "bbox=170,0,-150,10", "bbox=36,35,37,36&limit=0",
		"bbox=36,35,37,36&limit=501", "bbox=36,35,37,36&type=Battles", "bbox=NaN,0,1,1"} {
		rec := do(t, s.Handler(), http.MethodGet, "/api/labels?"+q, nil)
		if rec.Code != http.StatusBadRequest || rec.Header().Get("Content-Type") != mimeJSON {
			t.Errorf("%q: %d %q, want a JSON 400", q, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
	// Across the antimeridian, 20° wide: accepted.
	if rec := do(t, s.Handler(), http.MethodGet, "/api/labels?bbox=170,-25,-170,-10", nil); rec.Code != http.StatusOK {
		t.Errorf("a box across 180: %d %s", rec.Code, rec.Body)
	}
}
