package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// propertyKeys returns the property names of each feature of a
// FeatureCollection (or of one Feature), in document order.
func propertyKeys(t *testing.T, body []byte) [][]string {
	t.Helper()
	var doc struct {
		Type       string            `json:"type"`
		Features   []json.RawMessage `json:"features"`
		Properties json.RawMessage   `json:"properties"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	raws := doc.Features
	if doc.Type == "Feature" {
		raws = []json.RawMessage{body}
	}
	var out [][]string
	for _, raw := range raws {
		var f struct {
			Properties json.RawMessage `json:"properties"`
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(strings.NewReader(string(f.Properties)))
		var keys []string
		if _, err := dec.Token(); err != nil { // {
			t.Fatal(err)
		}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			keys = append(keys, k.(string))
			var v json.RawMessage
			if err := dec.Decode(&v); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, keys)
	}
	return out
}

func TestPropertiesSelection(t *testing.T) {
	s := newTestServer(t, Config{CacheTTL: -1}, openStore(t, genEvents(50, 3)), nil)
	h := s.Handler()
	for _, tt := range []struct {
		target string
		want   []string
	}{
		{"/api/events?limit=5&properties=date,type,place_name", []string{"date", "type", "place_name"}},
		{"/collections/events/items?limit=5&properties=sentence,date&properties=sentence", []string{"sentence", "date"}},
		{"/collections/events/items?limit=3&properties=", []string{}},
		{"/api/events?limit=2&properties=%20article_title%20,,score", []string{"article_title", "score"}},
	} {
		rec := do(t, h, http.MethodGet, tt.target, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", tt.target, rec.Code, rec.Body)
		}
		feats := propertyKeys(t, rec.Body.Bytes())
		if len(feats) == 0 {
			t.Fatalf("%s: no features", tt.target)
		}
		for _, keys := range feats {
			if !slices.Equal(keys, tt.want) && !(len(keys) == 0 && len(tt.want) == 0) {
				t.Errorf("%s: properties %v, want %v", tt.target, keys, tt.want)
			}
		}
		// Paging links keep the selection.
		if strings.Contains(tt.target, "limit=2") && !strings.Contains(rec.Body.String(), "properties=") {
			t.Errorf("%s: links dropped properties", tt.target)
		}
	}
	// One feature, and the full set by default.
	rec := do(t, h, http.MethodGet, "/api/events?limit=1", nil)
	all := propertyKeys(t, rec.Body.Bytes())[0]
	if len(all) < 20 {
		t.Fatalf("default properties %v", all)
	}
	var page struct {
		Features []struct {
			ID string `json:"id"`
		} `json:"features"`
	}
	decode(t, rec, &page)
	for _, target := range []string{"/api/events/" + page.Features[0].ID + "?properties=type", "/collections/events/items/" + page.Features[0].ID + "?properties=type"} {
		rec := do(t, h, http.MethodGet, target, nil)
		if keys := propertyKeys(t, rec.Body.Bytes()); rec.Code != http.StatusOK || !slices.Equal(keys[0], []string{"type"}) {
			t.Errorf("%s: %d %v", target, rec.Code, keys)
		}
	}
	for _, target := range []string{"/api/events?properties=bogus", "/collections/events/items?properties=type,lon", "/api/events/x?properties=nope"} {
		rec := do(t, h, http.MethodGet, target, nil)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "properties") {
			t.Errorf("%s: %d %s, want a 400 naming properties", target, rec.Code, rec.Body)
		}
	}
}
