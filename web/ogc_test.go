package web

import (
	"net/http"
	"strings"
	"testing"

	"geoevents/internal/event"
)

func linkByRel(links []Link, rel, typ string) (Link, bool) {
	for _, l := range links {
		if l.Rel == rel && (typ == "" || l.Type == typ) {
			return l, true
		}
	}
	return Link{}, false
}

func TestLandingPage(t *testing.T) {
	s := newTestServer(t, Config{Version: "test"}, openStore(t, genEvents(10, 4)), nil)
	for _, target := range []string{"/?f=json", "/"} {
		rec := do(t, s.Handler(), http.MethodGet, target, nil, "Accept", "application/json")
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), mimeJSON) {
			t.Fatalf("%s: %d %s", target, rec.Code, rec.Header().Get("Content-Type"))
		}
		var doc struct {
			Title string `json:"title"`
			Links []Link `json:"links"`
		}
		decode(t, rec, &doc)
		for _, want := range []struct{ rel, typ, path string }{
			{"self", mimeJSON, "/?f=json"},
			{"alternate", mimeHTML, "/"},
			{"service-desc", mimeOpenAPI, "/api"},
			{"service-doc", mimeHTML, "/api?f=html"},
			{"conformance", mimeJSON, "/conformance"},
			{"data", mimeJSON, "/collections"},
		} {
			l, ok := linkByRel(doc.Links, want.rel, want.typ)
			if !ok || l.Href != "http://"+testHost+want.path {
				t.Errorf("%s: link %s (%s) = %+v, want href http://%s%s", target, want.rel, want.typ, l, testHost, want.path)
			}
		}
	}
	// A browser gets the web map.
	rec := do(t, s.Handler(), http.MethodGet, "/", nil, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") || !strings.Contains(rec.Body.String(), "<html") {
		t.Fatalf("browser landing: %d %s %.100s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	// Base URL from the configuration wins over Host.
	s2 := newTestServer(t, Config{BaseURL: "https://events.example.org/"}, openStore(t, nil), nil)
	rec = do(t, s2.Handler(), http.MethodGet, "/?f=json", nil)
	if !strings.Contains(rec.Body.String(), `"https://events.example.org/collections"`) {
		t.Errorf("BaseURL not used in links: %s", rec.Body)
	}
}

func TestConformanceAndOpenAPI(t *testing.T) {
	s := newTestServer(t, Config{}, openStore(t, nil), nil)
	rec := do(t, s.Handler(), http.MethodGet, "/conformance", nil)
	var conf struct {
		ConformsTo []string `json:"conformsTo"`
	}
	decode(t, rec, &conf)
	for _, c := range []string{"core", "geojson", "oas30", "html"} {
		if !strings.Contains(strings.Join(conf.ConformsTo, " "), confPrefix+c) {
			t.Errorf("conformance lacks %s: %v", c, conf.ConformsTo)
		}
	}
	rec = do(t, s.Handler(), http.MethodGet, "/api", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != mimeOpenAPI {
		t.Fatalf("/api: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var api struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	decode(t, rec, &api)
	if !strings.HasPrefix(api.OpenAPI, "3.0") {
		t.Errorf("openapi %q", api.OpenAPI)
	}
	// Every route the router knows is described.
	for _, r := range s.e.Routes() {
		if r.Method == http.MethodHead || r.Method == "echo_route_not_found" || r.Path == "/static/*" {
			continue
		}
		p := r.Path
		for _, seg := range []string{":collectionId", ":featureId", ":id"} {
			p = strings.ReplaceAll(p, seg, "{"+seg[1:]+"}")
		}
		if _, ok := api.Paths[p][strings.ToLower(r.Method)]; !ok {
			t.Errorf("route %s %s missing from /api", r.Method, p)
		}
	}
	items := api.Paths["/collections/{collectionId}/items"]["get"]["parameters"].([]any)
	found := false
	for _, p := range items {
		m := p.(map[string]any)
		if m["name"] == "limit" {
			sch := m["schema"].(map[string]any)
			found = sch["default"] == float64(DefaultLimit) && sch["maximum"] == float64(MaxLimit)
		}
	}
	if !found {
		t.Error("items limit parameter lacks default 100 / maximum 10000")
	}
	rec = do(t, s.Handler(), http.MethodGet, "/api?f=html", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "/collections/{collectionId}/items") {
		t.Errorf("/api?f=html: %d", rec.Code)
	}
}

func TestCollections(t *testing.T) {
	evs := genEvents(120, 5)
	s := newTestServer(t, Config{}, openStore(t, evs), nil)
	rec := do(t, s.Handler(), http.MethodGet, "/collections", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	var cols struct {
		Collections []struct {
			ID     string `json:"id"`
			Links  []Link `json:"links"`
			Extent struct {
				Spatial struct {
					BBox [][]float64 `json:"bbox"`
					CRS  string      `json:"crs"`
				} `json:"spatial"`
				Temporal struct {
					Interval [][]*string `json:"interval"`
				} `json:"temporal"`
			} `json:"extent"`
			ItemType  string `json:"itemType"`
			ItemCount int    `json:"itemCount"`
		} `json:"collections"`
	}
	decode(t, rec, &cols)
	if len(cols.Collections) != 1 || cols.Collections[0].ID != "events" {
		t.Fatalf("collections: %+v", cols.Collections)
	}
	c := cols.Collections[0]
	if l, ok := linkByRel(c.Links, "items", mimeGeoJSON); !ok || l.Href != "http://"+testHost+"/collections/events/items" {
		t.Errorf("items link %+v", l)
	}
	if _, ok := linkByRel(c.Links, relQueryables, mimeSchema); !ok {
		t.Error("no queryables link")
	}
	minLon, minLat, maxLon, maxLat := 180.0, 90.0, -180.0, -90.0
	first, last := "9999", "0000"
	for _, e := range evs {
		minLon, maxLon = min(minLon, e.Lon), max(maxLon, e.Lon)
		minLat, maxLat = min(minLat, e.Lat), max(maxLat, e.Lat)
		if !e.Date.IsZero() {
			d := e.Date.Format("2006-01-02T15:04:05Z")
			first, last = min(first, d), max(last, d)
		}
	}
	if got := c.Extent.Spatial.BBox; len(got) != 1 || got[0][0] != minLon || got[0][1] != minLat || got[0][2] != maxLon || got[0][3] != maxLat {
		t.Errorf("bbox %v, want %v", got, []float64{minLon, minLat, maxLon, maxLat})
	}
	if iv := c.Extent.Temporal.Interval; len(iv) != 1 || iv[0][0] == nil || *iv[0][0] != first || iv[0][1] == nil || *iv[0][1] != last {
		t.Errorf("interval %v, want %s/%s", iv, first, last)
	}
	if c.ItemType != "feature" || c.ItemCount != len(evs) || c.Extent.Spatial.CRS != crs84 {
		t.Errorf("itemType %q itemCount %d crs %q", c.ItemType, c.ItemCount, c.Extent.Spatial.CRS)
	}

	// ETag and 304, per resource.
	for _, target := range []string{"/collections", "/collections/events"} {
		rec := do(t, s.Handler(), http.MethodGet, target, nil)
		etag := rec.Header().Get("ETag")
		if rec.Code != http.StatusOK || etag == "" || !strings.Contains(rec.Header().Get("Cache-Control"), "max-age") {
			t.Fatalf("%s: %d etag %q cache %q", target, rec.Code, etag, rec.Header().Get("Cache-Control"))
		}
		rec = do(t, s.Handler(), http.MethodGet, target, nil, "If-None-Match", etag)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("%s with If-None-Match: %d", target, rec.Code)
		}
		rec = do(t, s.Handler(), http.MethodGet, target, nil, "If-None-Match", `"other"`)
		if rec.Code != http.StatusOK {
			t.Errorf("%s with a stale ETag: %d", target, rec.Code)
		}
	}
	// The ETag follows the data.
	rec1 := do(t, s.Handler(), http.MethodGet, "/collections/events", nil)
	if _, err := s.st.ImportEvents(t.Context(), seqOf([]event.Event{{ID: "extra", Lon: 10, Lat: 10, Type: event.TypeMention}})); err != nil {
		t.Fatal(err)
	}
	rec2 := do(t, s.Handler(), http.MethodGet, "/collections/events", nil)
	if rec1.Header().Get("ETag") == rec2.Header().Get("ETag") {
		t.Error("ETag did not change after an import")
	}

	rec = do(t, s.Handler(), http.MethodGet, "/collections/other", nil)
	if rec.Code != http.StatusNotFound {
		t.Errorf("/collections/other: %d", rec.Code)
	}
	rec = do(t, s.Handler(), http.MethodGet, "/collections?f=html", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "<pre>") {
		t.Errorf("/collections?f=html: %d", rec.Code)
	}
}

func TestQueryablesItemsAndItem(t *testing.T) { testQueryablesItemsAndItem(t, openStore) }

func testQueryablesItemsAndItem(t *testing.T, open storeOpener) {
	evs := genEvents(150, 6)
	s := newTestServer(t, Config{}, open(t, evs), nil)
	rec := do(t, s.Handler(), http.MethodGet, "/collections/events/queryables", nil)
	var q struct {
		Schema     string         `json:"$schema"`
		Properties map[string]any `json:"properties"`
	}
	decode(t, rec, &q)
	if rec.Header().Get("Content-Type") != mimeSchema || q.Schema == "" {
		t.Errorf("queryables: %q %q", rec.Header().Get("Content-Type"), q.Schema)
	}
	// Every queryable works as a query parameter on items.
	for name := range q.Properties {
		if name == "geometry" {
			continue
		}
		v := map[string]string{"datetime": "2024-11-01/..", "type": "Battles", "subtype": "Attack", "country": "SY",
			"place": "Aleppo", "article": "x", "q": "battles", "min_score": "0.5", "max_precision": "2", "actor": "Rebels"}[name]
		rec := do(t, s.Handler(), http.MethodGet, "/collections/events/items?"+name+"="+v, nil)
		if rec.Code != http.StatusOK {
			t.Errorf("queryable %s: %d %s", name, rec.Code, rec.Body)
		}
	}

	rec = do(t, s.Handler(), http.MethodGet, "/collections/events/items?type=Battles&limit=5", nil)
	var fc featureCollection
	decode(t, rec, &fc)
	want := 0
	for _, e := range evs {
		if e.Type == event.TypeBattles {
			want++
		}
	}
	if fc.NumberMatched != int64(want) || fc.NumberReturned != 5 || !strings.HasPrefix(fc.link("next"), "http://"+testHost+"/collections/events/items?") {
		t.Errorf("items: matched %d (want %d) returned %d next %q", fc.NumberMatched, want, fc.NumberReturned, fc.link("next"))
	}
	checkGolden(t, "items_battles.json", rec.Body.Bytes())

	rec = do(t, s.Handler(), http.MethodGet, "/collections/events/items/"+evs[7].ID, nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != mimeGeoJSON {
		t.Fatalf("item: %d %s", rec.Code, rec.Body)
	}
	checkGolden(t, "item_7.json", rec.Body.Bytes())
	var f struct {
		Type  string `json:"type"`
		Links []Link `json:"links"`
	}
	decode(t, rec, &f)
	if _, ok := linkByRel(f.Links, "collection", ""); f.Type != "Feature" || !ok {
		t.Errorf("item: type %q links %+v", f.Type, f.Links)
	}
	for _, target := range []string{"/collections/events/items/nope", "/api/events/nope", "/collections/events/items/" + strings.Repeat("x", 500)} {
		if rec := do(t, s.Handler(), http.MethodGet, target, nil); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d", target[:40], rec.Code)
		}
	}
	rec = do(t, s.Handler(), http.MethodGet, "/api/events/"+evs[7].ID, nil)
	checkGolden(t, "event_7.json", rec.Body.Bytes())
	rec = do(t, s.Handler(), http.MethodGet, "/collections/events/items?f=html&limit=3", nil)
	if rec.Code != http.StatusOK || strings.Count(rec.Body.String(), "<tr>") != 4 {
		t.Errorf("items as HTML: %d", rec.Code)
	}
}
