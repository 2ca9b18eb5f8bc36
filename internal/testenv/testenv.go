// Package testenv gives tests one policy for what they need from the machine:
// the read-only ../shared folder beside the repository, and external tools
// such as chromium and ogrinfo, and a PostgreSQL server (PostgresDSN).
// Locally a missing piece skips the test; with CI=true a missing tool or
// server fails it, so CI can never pass by skipping.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// RepoRoot returns the repository root (the folder holding go.mod), found by
// walking up from the test's working directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("getwd: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod above the test directory")
		}
		dir = parent
	}
}

// SharedDir returns ../shared/<sub> beside the repository, or skips the test
// when it is absent (a user's clone has no ../shared). It never fails in CI,
// because shared/ is project material, not a tool.
func SharedDir(t testing.TB, sub string) string {
	t.Helper()
	p := filepath.Join(RepoRoot(t), "..", "shared", sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not present: %v", p, err)
	}
	return p
}

// InCI reports whether the tests run under CI (CI=true).
func InCI() bool { return os.Getenv("CI") == "true" }

// RequireTool returns the path of an external program, or skips the test
// when it is missing, except under CI, where a missing tool is a failure.
func RequireTool(t testing.TB, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if InCI() {
		t.Fatalf("CI=true but none of %v is installed", names)
	}
	t.Skipf("none of %v installed; skipping", names)
	return ""
}
