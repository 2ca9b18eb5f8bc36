package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"geoevents/internal/testenv"
)

// TestCopyThroughPostgres imports a CSV into SQLite, copies it to
// PostgreSQL and back with the CLI, and compares the exports.
func TestCopyThroughPostgres(t *testing.T) {
	pg := testenv.PostgresDSN(t)
	dir := t.TempDir()
	csvPath, db, back := filepath.Join(dir, "events.csv"), filepath.Join(dir, "events.db"), filepath.Join(dir, "back.db")
	var b strings.Builder
	b.WriteString("lon,lat,time,place,type,title,sentence\n")
	for i := range 500 {
		fmt.Fprintf(&b, "%.6f,%.6f,2020-%02d-%02dT10:00:00Z,Aleppo,shelling,Title %d,Shelling reported in Aleppo (%d).\n",
			37+float64(i%100)/1000, 36+float64(i/100)/1000, 1+i%12, 1+i%28, i, i)
	}
	if err := os.WriteFile(csvPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, nil, "--db", db, "import", csvPath); code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	export := func(db string) string {
		t.Helper()
		code, out, errOut := runCLI(t, nil, "--db", db, "export", "--format", "csv")
		if code != 0 {
			t.Fatalf("export %s: %d %s", db, code, errOut)
		}
		return out
	}
	want := export(db)
	code, out, errOut := runCLI(t, nil, "copy", "--from", db, "--to", pg)
	if code != 0 || !strings.Contains(out, "500 events read, 500 new") || !strings.Contains(errOut, "copy: events:") {
		t.Fatalf("copy to PostgreSQL: %d\n%s\n%s", code, out, errOut)
	}
	if strings.Contains(out, "@127.0.0.1") && !strings.Contains(pg, "@") {
		t.Errorf("copy printed an unexpected DSN: %s", out)
	}
	if got := export(pg); got != want {
		t.Errorf("export from PostgreSQL differs (%d bytes, want %d)", len(got), len(want))
	}
	if code, out, errOut := runCLI(t, nil, "--db", pg, "check"); code != 0 || !strings.Contains(out, ": ok (") || !strings.Contains(out, "500 events") {
		t.Errorf("check on PostgreSQL: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, nil, "--db", pg, "backup", filepath.Join(dir, "b.db")); code != 1 || !strings.Contains(errOut, "pg_dump") {
		t.Errorf("backup on PostgreSQL: %d %s; want a pointer to pg_dump", code, errOut)
	}
	if code, out, _ := runCLI(t, map[string]string{"GEOEVENTS_DB": pg}, "copy", "--to", back); code != 0 || !strings.Contains(out, "500 new") {
		t.Fatalf("copy back: %d %s", code, out)
	}
	if code, out, _ := runCLI(t, map[string]string{"GEOEVENTS_DB": pg}, "copy", "--to", back); code != 0 || !strings.Contains(out, "500 events read, 0 new") {
		t.Errorf("copy again: %d %s; want nothing new", code, out)
	}
	if got := export(back); got != want {
		t.Errorf("export after the round trip differs (%d bytes, want %d)", len(got), len(want))
	}
}

func TestCopyUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"copy"}, "needs --to"},
		{[]string{"copy", "--to", "x.db", "extra"}, "no arguments"},
		{[]string{"copy", "--from", "a.db", "--to", "a.db"}, "same database"},
	} {
		code, _, errOut := runCLI(t, nil, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	code, _, errOut := runCLI(t, nil, "copy", "--from", filepath.Join(t.TempDir(), "none.db"), "--to", "x.db")
	if code != 1 || !strings.Contains(errOut, "no database") {
		t.Errorf("copy from a missing file: %d %q", code, errOut)
	}
}
