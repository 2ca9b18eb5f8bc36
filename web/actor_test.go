package web

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestActorFilter: actor= selects the events naming an actor (whole name,
// any case; repeated for several; a name holding a comma is one name) on
// /api/events, the OGC items, /api/aggregate, /api/stats and
// the CSV export alike; bad values are JSON 400s.
func TestActorFilter(t *testing.T) {
	evs := genEvents(300, 5)
	for i := range evs {
		switch {
		case i%3 == 0:
			evs[i].Actors = []string{"Islamic State", "Civilians (Syria)"}
		case i%5 == 0:
			evs[i].Actors = []string{"Rebels, Allied"}
		}
	}
	s := newTestServer(t, Config{}, openStore(t, evs), nil)
	count := func(names ...string) int {
		n := 0
		for _, e := range evs {
			if e.Type == "Mention" {
				continue
			}
			for _, a := range e.Actors {
				for _, name := range names {
					if strings.EqualFold(a, name) {
						n++
						goto next
					}
				}
			}
		next:
		}
		return n
	}
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"actor=islamic+state", count("Islamic State")},
		{"actor=" + url.QueryEscape("Rebels, Allied"), count("Rebels, Allied")},
		{"actor=Rebels", 0},
		{"actor=ISLAMIC+STATE&actor=" + url.QueryEscape("rebels, allied"), count("Islamic State", "Rebels, Allied")},
	} {
		if tc.want == 0 && tc.query != "actor=Rebels" {
			t.Fatalf("%s: the data names no such actor", tc.query)
		}
		for _, path := range []string{"/api/events?limit=10000&", "/collections/events/items?limit=10000&", "/api/aggregate?zoom=4&"} {
			rec := do(t, s.Handler(), http.MethodGet, path+tc.query, nil)
			var fc featureCollection
			decode(t, rec, &fc)
			if rec.Code != http.StatusOK || fc.NumberMatched != int64(tc.want) {
				t.Errorf("%s%s: %d, numberMatched %d, want %d", path, tc.query, rec.Code, fc.NumberMatched, tc.want)
			}
		}
		rec := do(t, s.Handler(), http.MethodGet, "/api/export.csv?"+tc.query, nil)
		rows, err := csv.NewReader(strings.NewReader(rec.Body.String())).ReadAll()
		if err != nil || len(rows)-1 != tc.want {
			t.Errorf("export.csv?%s: %d rows, %v; want %d", tc.query, len(rows)-1, err, tc.want)
		}
		var st struct {
			Total int `json:"total"`
		}
		decode(t, do(t, s.Handler(), http.MethodGet, "/api/stats?"+tc.query, nil), &st)
		if st.Total != tc.want {
			t.Errorf("stats?%s: total %d, want %d", tc.query, st.Total, tc.want)
		}
	}
	for _, q := range []string{"actor=", "actor=+", "actor=" + strings.Repeat("a", 600), strings.Repeat("actor=a&", 21)} {
		rec := do(t, s.Handler(), http.MethodGet, "/api/events?"+q, nil)
		if rec.Code != http.StatusBadRequest || rec.Header().Get("Content-Type") != mimeJSON {
			t.Errorf("%.40s: %d %q, want a JSON 400", q, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
}
