package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runCLI runs the command in-process and returns its exit code and output.
func runCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	sio := stdio{in: strings.NewReader(""), out: &out, err: &errb, getenv: func(k string) string { return env[k] },
		lookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	err := run(context.Background(), args, sio)
	code = exitCode(err, &errb)
	return code, out.String(), errb.String()
}

func TestHelp(t *testing.T) {
	code, out, _ := runCLI(t, nil, "--help")
	if code != 0 {
		t.Fatalf("--help exit %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out, "  "+c.name+" ") {
			t.Errorf("--help does not list %q:\n%s", c.name, out)
		}
	}
	for _, c := range commands() {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, nil, c.name, "--help")
			if code != 0 || errOut != "" {
				t.Fatalf("%s --help: exit %d, stderr %q", c.name, code, errOut)
			}
			if !strings.Contains(out, "geoevents "+c.name) || !strings.Contains(out, "-db") {
				t.Errorf("%s --help lacks usage line or global flags:\n%s", c.name, out)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string // in the one-line message
	}{
		{[]string{"serve", "--bogus"}, "-bogus"},
		{[]string{"--nope", "serve"}, "-nope"},
		{[]string{"export", "--format", "shp"}, "shp"},
		{[]string{"export", "--bbox", "10,20,5"}, "bbox"},
		{[]string{"export", "--bbox", "0,50,10,40"}, "minLat"},
		{[]string{"export", "--from", "yesterday"}, "--from"},
		{[]string{"ingest"}, "ingest needs"},
		{[]string{"ingest", "x.txt", "--date", "12/01/2024"}, "--date"},
		{[]string{"frobnicate"}, "unknown command"},
		{[]string{}, "no command"},
		{[]string{"version", "extra"}, "no arguments"},
		{[]string{"--log-level", "loud", "ingest", "x"}, "log-level"},
		{[]string{"--read-only", "serve", "--demo"}, "--read-only"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := t.TempDir()
			code, _, errOut := runCLI(t, map[string]string{"GEOEVENTS_DB": dir + "/x.db"}, tt.args...)
			if code != 2 {
				t.Fatalf("exit %d, want 2 (stderr %q)", code, errOut)
			}
			lines := strings.Split(strings.TrimSpace(errOut), "\n")
			last := lines[len(lines)-1]
			if !strings.Contains(last, tt.want) || !strings.HasPrefix(last, "geoevents: ") {
				t.Errorf("message %q does not name %q", last, tt.want)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, nil, "version")
	if code != 0 || !strings.HasPrefix(out, "geoevents ") || len(strings.TrimSpace(out)) <= len("geoevents ") {
		t.Fatalf("version: exit %d, out %q", code, out)
	}
}

func TestRuntimeErrorExitsOne(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := runCLI(t, nil, "--db", dir+"/missing.db", "export")
	if code != 1 || !strings.Contains(errOut, "missing.db") {
		t.Fatalf("export without database: exit %d, stderr %q", code, errOut)
	}
}
