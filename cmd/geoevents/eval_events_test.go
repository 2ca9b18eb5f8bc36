package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"geoevents/internal/testenv"
)

// TestEvalEventsAgreesWithReferenceScorer runs the reference scorer
// (../shared/eval/score_events.py, which ingests and exports through the
// real binary) and `geoevents eval --events` on the project's own gold
// files and requires every figure the scorer prints to be equal.
func TestEvalEventsAgreesWithReferenceScorer(t *testing.T) {
	python := testenv.RequireTool(t, "python3")
	scorer := filepath.Join(testenv.SharedDir(t, "eval"), "score_events.py")
	if _, err := os.Stat(scorer); err != nil {
		t.Skipf("reference scorer not present: %v", err)
	}
	bin := binary(t)
	root := testenv.RepoRoot(t)
	cases := []struct {
		file string
		args []string
	}{
		{"testdata/events/agree.jsonl", nil},
		{"testdata/events/gold.jsonl", nil},
		{"testdata/events/gold.jsonl", []string{"--country", "Sudan", "--limit", "9"}},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.file)+strings.Join(c.args, " "), func(t *testing.T) {
			gold := filepath.Join(root, c.file)
			keep := t.TempDir()
			ref := runJSON(t, exec.Command(python, append([]string{scorer, gold, bin, "--json", "--keep", keep}, c.args...)...))
			ours := runJSON(t, exec.Command(bin, append([]string{"--db", filepath.Join(keep, "unused.db"), "eval", "--events", gold, "--json"}, c.args...)...))
			if len(ref) < 20 {
				t.Fatalf("reference scorer printed %d figures: %v", len(ref), ref)
			}
			for k, want := range ref {
				got, ok := ours[k]
				if !ok {
					t.Errorf("%s missing from eval --events --json", k)
				} else if got != want {
					t.Errorf("%s = %v, reference scorer %v", k, got, want)
				}
			}
		})
	}
}

// runJSON runs a command and decodes the JSON object it prints.
func runJSON(t *testing.T, cmd *exec.Cmd) map[string]any {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("%s printed %q: %v", strings.Join(cmd.Args, " "), out, err)
	}
	return m
}

func TestEvalEventsCLI(t *testing.T) {
	root := testenv.RepoRoot(t)
	env := map[string]string{"GEOEVENTS_DB": filepath.Join(t.TempDir(), "none.db")}
	agree := filepath.Join(root, "testdata/events/agree.jsonl")

	code, out, errOut := runCLI(t, env, "eval", "--events", agree)
	if code != 0 || !strings.Contains(out, "loc_recall25_named") || !strings.Contains(out, "top type confusions") {
		t.Fatalf("eval --events: exit %d, stderr %q\n%s", code, errOut, out)
	}
	code, out, _ = runCLI(t, env, "eval", agree, "--events", "--json", "--limit", "2")
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil || rep["texts"] != 2.0 {
		t.Fatalf("--json --limit 2: exit %d, %v, %s", code, err, out)
	}

	code, out, _ = runCLI(t, env, "eval", "--events", filepath.Join(root, "testdata/events/negatives.jsonl"))
	if code != 0 || !strings.HasPrefix(out, "false_event_rate") || strings.Contains(out, "detect") {
		t.Errorf("negatives only: exit %d\n%s", code, out)
	}

	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	line1 := `{"text":"Clashes in Idlib.","date":"2024-01-01","event_type":"Remote violence","lat":35.9,"lon":36.6,"country":"Syria"}`
	if err := os.WriteFile(bad, []byte(line1+"\n"+`{"text":"Clashes.","date":"yesterday"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, env, "eval", "--events", bad)
	if code != 1 || !strings.Contains(errOut, "gold line 2") || !strings.Contains(errOut, `"yesterday"`) {
		t.Errorf("bad gold line: exit %d, stderr %q", code, errOut)
	}

	for _, args := range [][]string{
		{"eval", agree, "--country", "Syria"},
		{"eval", agree, "--events", "--limit", "-1"},
		{"eval", "--events"},
	} {
		if code, _, errOut := runCLI(t, env, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, code, errOut)
		}
	}
}
