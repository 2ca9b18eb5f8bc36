package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestPlacesJSONSource: `places --json` shows which data set each candidate
// comes from.
func TestPlacesJSONSource(t *testing.T) {
	bin := binary(t)
	t.Setenv("GEOEVENTS_DB", filepath.Join(t.TempDir(), "none.db"))
	for name, want := range map[string]string{
		"Syria":                "countries",
		"Halab":                "geonames",
		"Mushayrifah Qibliyah": "whosonfirst",
		"Tishreen Dam":         "supplement",
	} {
		out, err := exec.Command(bin, "places", "--json", name).Output()
		if err != nil {
			t.Fatalf("places --json %s: %v", name, err)
		}
		var rows []struct {
			Name   string `json:"name"`
			Source string `json:"source"`
		}
		if err := json.Unmarshal(out, &rows); err != nil || len(rows) == 0 {
			t.Fatalf("places --json %s: %v %s", name, err, out)
		}
		if rows[0].Source != want {
			t.Errorf("places --json %s: %s from %q, want %q", name, rows[0].Name, rows[0].Source, want)
		}
		for _, r := range rows {
			if r.Source == "" {
				t.Errorf("places --json %s: %s without a source", name, r.Name)
			}
		}
	}
}
