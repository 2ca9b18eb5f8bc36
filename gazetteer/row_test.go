package gazetteer

import (
	"encoding/json"
	"sync"
	"testing"
)

func TestRowsJSON(t *testing.T) {
	g := loadT(t)
	b, err := json.Marshal(Rows(g.Lookup("Idlib")))
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) < 2 {
		t.Fatalf("%d rows", len(got))
	}
	for _, k := range []string{"id", "name", "lat", "lon", "feature_code", "country_code", "admin1", "population", "prior"} {
		if _, ok := got[0][k]; !ok {
			t.Errorf("row lacks %q: %s", k, b)
		}
	}
	if got[0]["id"] != "169389" || got[1]["id"] != "169387" || got[1]["feature_code"] != "ADM1" {
		t.Errorf("rows = %s", b)
	}
}

// TestConcurrentLookups: look-ups share the gazetteer read-only (run with
// -race).
func TestConcurrentLookups(t *testing.T) {
	g := loadT(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				name := benchNames[(i+j)%len(benchNames)]
				g.Lookup(name)
				g.Prefix(name[:min(3, len(name))], 3)
				g.Nearest(float64(j%90), float64(i*10))
			}
		}()
	}
	wg.Wait()
}
