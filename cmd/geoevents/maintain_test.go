package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackupAndCheck backs a database up with the CLI, checks the copy,
// then damages the copy and checks that `check` fails and says so.
func TestBackupAndCheck(t *testing.T) {
	dir := t.TempDir()
	db, copyDB := filepath.Join(dir, "events.db"), filepath.Join(dir, "copy.db")
	art := filepath.Join(dir, "a.md")
	text := "---\ntitle: Shelling in Aleppo\ndate: 2024-12-01\n---\n" + strings.Repeat("Government forces shelled Aleppo and Idlib on Sunday, killing three civilians. ", 200)
	if err := os.WriteFile(art, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, nil, "--db", db, "ingest", art); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	code, out, errOut := runCLI(t, nil, "--db", db, "backup", copyDB)
	if code != 0 || !strings.Contains(out, copyDB) {
		t.Fatalf("backup: exit %d, %q %q", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, nil, "--db", db, "backup", copyDB); code != 1 || !strings.Contains(errOut, "exists") {
		t.Errorf("backup over an existing file: exit %d, %q", code, errOut)
	}
	code, out, errOut = runCLI(t, nil, "--db", copyDB, "check")
	if code != 0 || !strings.Contains(out, "ok (1 articles") {
		t.Fatalf("check of the copy: exit %d, %q %q", code, out, errOut)
	}
	// Damage the copy: overwrite the middle of the file.
	f, err := os.OpenFile(copyDB, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	if _, err := f.WriteAt([]byte(strings.Repeat("\xde\xad\xbe\xef", 2048)), fi.Size()/2/4096*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, out, errOut = runCLI(t, nil, "--db", copyDB, "check")
	if code != 1 || strings.Contains(out, "ok") || !strings.Contains(errOut, "copy.db") {
		t.Errorf("check of a damaged database: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	t.Logf("damaged: %s", strings.TrimSpace(errOut))
}
