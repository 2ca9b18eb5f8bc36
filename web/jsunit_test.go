package web_test

import (
	"os/exec"
	"path/filepath"
	"testing"

	"geoevents/internal/testenv"
)

// TestJSUnits runs the web map's JavaScript unit tests (byte offsets,
// dates, permalink, bbox, timeline bins; the province borders' extraction
// and choice of countries in view; a view's two requests side by side)
// with node's test runner.
func TestJSUnits(t *testing.T) {
	node := testenv.RequireTool(t, "node", "nodejs")
	cmd := exec.Command(node, "--test", filepath.Join("scripts", "unit.test.mjs"), filepath.Join("scripts", "provinces.test.mjs"), filepath.Join("scripts", "viewquery.test.mjs"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
