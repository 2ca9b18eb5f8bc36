package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// hostileNumbers are values no numeric parameter may accept.
func hostileNumbers() []string {
	return []string{"NaN", "nan", "Inf", "+Inf", "-Inf", "infinity", "1e400", "-1e400", "abc", "1,2,3,4,5",
		"99999999999999999999999", "0x10", "1_000", "١٢", "' OR 1=1 --", "1; DROP TABLE events", "\x00", "\xff\xfe",
		"1e", ".", "--1", "1..2", strings.Repeat("9", 5000), "１２３"}
}

// hostileText are values that text parameters must survive (4xx or 2xx).
func hostileText() []string {
	return []string{"' OR 1=1 --", `"; DROP TABLE events; --`, "\\", "%", "_", "*", "NEAR(a b)", `"unbalanced`, "a OR", "AND",
		"(", ")", "^", "-", ":", "{}", "[]", "\x00", "\xff\xfe", "<script>alert(1)</script>", strings.Repeat("x", 600),
		"😀", "\u202e", "a\u0000b", "title:x", "col:*", "NOT NOT", "$(rm -rf /)"}
}

type sweepReq struct {
	method, target, ct string
	body               []byte
	want               int // 0: any 4xx (or 2xx for hostile-but-valid text)
}

func sweepRequests() []sweepReq {
	var reqs []sweepReq
	q := func(name, v string) string { return name + "=" + url.QueryEscape(v) }
	bad := func(target string) { reqs = append(reqs, sweepReq{method: http.MethodGet, target: target, want: 400}) }
	anyOK := func(target string) { reqs = append(reqs, sweepReq{method: http.MethodGet, target: target}) }
	numeric := []string{"bbox", "near", "radius", "datetime", "from", "to", "min_score", "max_precision", "limit", "offset", "sortby", "type", "country", "f", "crs"}
	text := []string{"q", "place", "article", "subtype"}
	for _, path := range []string{"/api/events", "/collections/events/items", "/api/export.geojson", "/api/stats", "/api/weekly"} {
		for _, p := range numeric {
			if (path == "/api/stats" || path == "/api/weekly") && (p == "limit" || p == "offset" || p == "sortby") {
				continue
			}
			for _, v := range hostileNumbers() {
				extra := ""
				if p == "radius" {
					extra = "&near=37,36"
				}
				bad(path + "?" + q(p, v) + extra)
			}
		}
		for _, p := range text {
			for _, v := range hostileText() {
				anyOK(path + "?" + q(p, v))
			}
		}
		for _, target := range []string{"?unknown=1", "?BBOX=1,2,3,4", "?bbox=1,2,3,4&bbox=1,2,3,4", "?limit=1&limit=2",
			"?bbox=0,10,1,5", "?bbox=-181,0,0,1", "?bbox=0,-91,1,0", "?bbox=1,2,3", "?near=37,36", "?radius=5",
			"?near=37,36&radius=0", "?near=37,36&radius=-5", "?near=37,36&radius=30000", "?near=200,0&radius=5",
			"?datetime=2024-12-08/2024-12-01", "?datetime=..", "?datetime=2024-13-01", "?datetime=2024-02-30",
			"?datetime=2024-12-01/2024-12-02/2024-12-03", "?datetime=2024-12-01T25:00:00Z", "?datetime=12/01/2024",
			"?from=2024-12-05&to=2024-12-01", "?type=Bombings", "?country=SYR", "?country=S1", "?min_score=1.5",
			"?min_score=-0.1", "?max_precision=0", "?max_precision=4", "?max_precision=2.5", "?%ff=1", "?" + strings.Repeat("a", 3000) + "=1", "?crs=EPSG:3857"} {
			if (path == "/api/stats" || path == "/api/weekly") && strings.Contains(target, "limit") {
				continue
			}
			bad(path + target)
		}
		if path != "/api/export.geojson" {
			bad(path + "?limit=10001&" + strings.Repeat("type=Battles&", 3))
		}
	}
	for _, v := range []string{"0", "-1", "10001", "1000000000000"} {
		bad("/api/events?" + q("limit", v))
		bad("/collections/events/items?" + q("limit", v))
	}
	// Unknown ids and odd paths.
	for _, id := range []string{"nope", "%00", "..%2F..%2Fetc%2Fpasswd", "'%20OR%201=1", "%ff%fe", strings.Repeat("z", 300), "a%2Fb", "%E2%80%AE"} {
		for _, p := range []string{"/api/events/", "/api/articles/", "/collections/events/items/", "/collections/"} {
			reqs = append(reqs, sweepReq{method: http.MethodGet, target: p + id, want: 404})
		}
		reqs = append(reqs, sweepReq{method: http.MethodGet, target: "/static/" + id, want: 404})
	}
	// Wrong methods on known routes.
	for _, p := range []string{"/", "/healthz", "/api", "/conformance", "/collections", "/collections/events", "/collections/events/items",
		"/collections/events/items/x", "/collections/events/queryables", "/api/events", "/api/events/x", "/api/articles/x",
		"/api/places", "/api/stats", "/api/export.geojson", "/api/export.csv", "/api/config", "/api/events/search"} {
		for _, m := range []string{http.MethodPut, http.MethodDelete, http.MethodPatch} {
			reqs = append(reqs, sweepReq{method: m, target: p, want: 405})
		}
	}
	// Polygon bodies.
	for _, b := range hostilePolygons() {
		reqs = append(reqs, sweepReq{method: http.MethodPost, target: "/api/events/search", ct: "application/json", body: b, want: 400})
	}
	for _, ct := range []string{"", "text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded", "json", "application/json; charset=\"", "\xff"} {
		reqs = append(reqs, sweepReq{method: http.MethodPost, target: "/api/events/search", ct: ct, body: []byte(`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`), want: 415})
	}
	huge := append([]byte(`{"type":"Polygon","coordinates":[[`), bytes.Repeat([]byte("[1,1],"), 600000)...)
	reqs = append(reqs, sweepReq{method: http.MethodPost, target: "/api/events/search", ct: "application/json", body: huge, want: 413})
	// Article writes: refused without auth whatever the body.
	for _, b := range [][]byte{nil, []byte("{"), []byte(`{"text":"Aleppo"}`), bytes.Repeat([]byte("["), 10000), huge} {
		reqs = append(reqs, sweepReq{method: http.MethodPost, target: "/api/articles", ct: "application/json", body: b})
	}
	return reqs
}

// hostilePolygons are request bodies ParsePolygon must reject.
func hostilePolygons() [][]byte {
	bodies := []string{
		``, `null`, `[]`, `{}`, `"Polygon"`, `{"type":"Polygon"}`, `{"type":"Polygon","coordinates":null}`,
		`{"type":"Polygon","coordinates":[]}`, `{"type":"Polygon","coordinates":[[]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,"0"]]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0,0,0]]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0]]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[541,0],[1,1],[0,0]]]}`,
		`{"type":"Polygon","coordinates":[[[0,80],[90,80],[180,80],[-90,80],[0,80]]]}`,
		`{"type":"Polygon","coordinates":[[[-180,0],[360,0],[360,10],[-180,10],[-180,0]]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[1,-91],[1,1],[0,0]]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[1e400,0],[1,1],[0,0]]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[NaN,0],[1,1],[0,0]]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[Infinity,0],[1,1],[0,0]]]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]`,
		`{"type":"Point","coordinates":[0,0]}`, `{"type":"LineString","coordinates":[[0,0],[1,1]]}`,
		`{"type":"FeatureCollection","features":[]}`, `{"type":"Feature","geometry":null}`,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}`,
		`{"type":"MultiPolygon","coordinates":[]}`, `{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1]]]]}`,
		`{"type":"GeometryCollection","geometries":[]}`, `{"type":"Polygon","coordinates":"' OR 1=1"}`,
		`{"type":1}`, "{\"type\":\"Polygon\xff\"}", `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}garbage`,
	}
	out := make([][]byte, 0, len(bodies)+4)
	for _, b := range bodies {
		out = append(out, []byte(b))
	}
	out = append(out,
		append(bytes.Repeat([]byte("["), 10000), bytes.Repeat([]byte("]"), 10000)...),
		[]byte(`{"type":"Polygon","coordinates":`+strings.Repeat("[", 10000)+strings.Repeat("]", 10000)+`}`),
		[]byte(strings.Repeat(`{"a":`, 10000)+"1"+strings.Repeat("}", 10000)),
		[]byte(`{"type":"Feature","geometry":`+strings.Repeat(`{"type":"Feature","geometry":`, 5000)+"null"+strings.Repeat("}", 5001)),
	)
	return out
}

// TestBadRequestSweep sends over a thousand malformed or hostile requests
// to a real server: only 4xx (or 2xx for hostile-but-valid text), never a
// 5xx, always the JSON error shape, and the server stays healthy.
func TestBadRequestSweep(t *testing.T) {
	st := openStore(t, genEvents(200, 10))
	s := newTestServer(t, Config{Token: "tok", MaxBodyBytes: 1 << 20}, st, wordIngester{st})
	base := startServer(t, s)
	reqs := sweepRequests()
	if len(reqs) < 1000 {
		t.Fatalf("only %d requests in the sweep", len(reqs))
	}
	client := &http.Client{}
	counts := map[int]int{}
	for _, r := range reqs {
		req, err := http.NewRequest(r.method, base+r.target, bytes.NewReader(r.body))
		if err != nil {
			t.Fatalf("build %s %q: %v", r.method, r.target, err)
		}
		if r.ct != "" {
			req.Header.Set("Content-Type", r.ct)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %.80q: %v", r.method, r.target, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		counts[res.StatusCode]++
		label := fmt.Sprintf("%s %.100q", r.method, r.target)
		switch {
		case res.StatusCode >= 500:
			t.Errorf("%s: %d %s", label, res.StatusCode, body)
			continue
		case r.want != 0 && res.StatusCode != r.want:
			t.Errorf("%s: %d, want %d: %.200s", label, res.StatusCode, r.want, body)
		case r.want == 0 && res.StatusCode >= 300 && res.StatusCode < 400:
			t.Errorf("%s: unexpected %d", label, res.StatusCode)
		}
		if res.StatusCode >= 400 && r.method != http.MethodHead {
			var e errorBody
			if err := json.Unmarshal(body, &e); err != nil || e.Code == "" || e.Description == "" {
				t.Errorf("%s: %d without the JSON error shape: %.200s", label, res.StatusCode, body)
			}
		}
	}
	t.Logf("%d requests, statuses %v", len(reqs), counts)
	res, err := client.Get(base + "/healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("server unhealthy after the sweep: %v %v", err, res)
	}
	res.Body.Close()
}
