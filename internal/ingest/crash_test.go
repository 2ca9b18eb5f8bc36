package ingest

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/event"
	"geoevents/internal/geoparse"
	"geoevents/internal/store"
	"geoevents/internal/store/sqlite"
)

// Environment of the child ingest process started by TestCrashSafety.
const (
	childDBEnv    = "GEOEVENTS_TEST_INGEST_CHILD_DB"
	childInputEnv = "GEOEVENTS_TEST_INGEST_CHILD_INPUT" // paths joined by os.PathListSeparator
)

// TestMain runs the test binary as a child ingest process when asked to
// (the helper-process pattern), and as the normal test runner otherwise.
func TestMain(m *testing.M) {
	if db := os.Getenv(childDBEnv); db != "" {
		os.Exit(runChildIngest(db, filepath.SplitList(os.Getenv(childInputEnv))))
	}
	os.Exit(m.Run())
}

// runChildIngest ingests paths into db, logging progress to stdout every
// 5 articles, and returns the exit code.
func runChildIngest(db string, paths []string) int {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer st.Close()
	g, err := gazetteer.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	fmt.Println("child ready")
	in := &Ingester{Parser: geoparse.New(g), Store: st, Logger: slog.New(slog.NewTextHandler(os.Stdout, nil))}
	sum, err := in.IngestPaths(ctx, paths, Options{LogEvery: 5})
	if err != nil || len(sum.Failed) > 0 {
		fmt.Fprintln(os.Stderr, sum, err, sum.Failed)
		return 1
	}
	return 0
}

// TestCrashSafety SIGKILLs a child ingest at random points at least ten
// times; after every kill the database must pass PRAGMA integrity_check and
// hold only whole articles (each with all its events), and a final run must
// yield exactly the counts of an uninterrupted ingest, with no duplicates.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test re-executes the test binary repeatedly")
	}
	ctx := context.Background()
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	if err := os.MkdirAll(filepath.Join(corpus, "md"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeCorpusJSONL(t, filepath.Join(corpus, "a.jsonl"), 200, 7)
	writeCorpusFiles(t, filepath.Join(corpus, "md"), 100, 7)
	const wantArticles = 300

	// Reference: an uninterrupted ingest in this process.
	ref, _ := openStore(t)
	in := &Ingester{Parser: testParser(t), Store: ref}
	sum, err := in.IngestPaths(ctx, []string{corpus}, Options{})
	if err != nil || sum.Created != wantArticles {
		t.Fatalf("reference ingest: %v %v", sum, err)
	}
	refEvents := eventsPerArticle(t, ref)
	_, refTotal := counts(t, ref)

	db := filepath.Join(dir, "crash.db")
	seed := uint64(time.Now().UnixNano())
	r := rand.New(rand.NewPCG(seed, 3))
	t.Logf("random seed %d", seed)
	kills, stored := 0, 0
	for attempt := 0; kills < 10 && attempt < 40; attempt++ {
		// Kill after a random number of progress lines (one every 5
		// articles; 0 = during start-up), plus a random few milliseconds.
		// Just past what is already stored, so the kill lands while new
		// articles are being written; the first run dies during start-up.
		target := stored/5 + r.IntN(4)
		if attempt == 0 {
			target = 0
		}
		extra := time.Duration(r.IntN(20)) * time.Millisecond
		killed, err := runChild(t, db, corpus, target, extra)
		if err != nil {
			t.Fatalf("child run %d: %v", attempt, err)
		}
		if killed {
			kills++
		}
		stored = checkWholeArticles(t, db, refEvents)
		t.Logf("run %d: killed=%v after %d progress lines; %d whole articles stored", attempt, killed, target, stored)
	}
	if kills < 10 {
		t.Fatalf("only %d kills landed", kills)
	}
	// Run to completion.
	if killed, err := runChild(t, db, corpus, -1, 0); err != nil || killed {
		t.Fatalf("final run: killed %v, %v", killed, err)
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	na, ne := counts(t, st)
	if na != wantArticles || ne != refTotal {
		t.Errorf("after %d kills: %d articles, %d events; want %d, %d", kills, na, ne, wantArticles, refTotal)
	}
	got := eventsPerArticle(t, st)
	for id, n := range refEvents {
		if got[id] != n {
			t.Errorf("article %s: %d events, want %d", id, got[id], n)
		}
	}
	// No duplicates: every event id is distinct and each belongs to its article.
	seen := map[string]bool{}
	err = st.EachEvent(ctx, store.Filter{Mentions: true}, func(e *event.Event) error {
		if seen[e.ID] {
			return fmt.Errorf("duplicate event %s", e.ID)
		}
		seen[e.ID] = true
		return nil
	})
	if err != nil || int64(len(seen)) != refTotal {
		t.Errorf("distinct events %d, want %d (%v)", len(seen), refTotal, err)
	}
}

// runChild starts the child ingest and SIGKILLs it after target progress
// lines plus extra (target < 0: let it finish). It reports whether the kill
// happened before the child finished.
func runChild(t *testing.T, db, corpus string, target int, extra time.Duration) (bool, error) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childDBEnv+"="+db, childInputEnv+"="+corpus)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return false, err
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return false, err
	}
	killed := false
	sc := bufio.NewScanner(out)
	progress := 0
	for sc.Scan() {
		if strings.Contains(sc.Text(), "ingest progress") {
			progress++
		}
		if target >= 0 && !killed && (progress >= target && strings.Contains(sc.Text(), "progress") || target == 0 && sc.Text() == "child ready") {
			time.Sleep(extra)
			killed = cmd.Process.Signal(syscall.SIGKILL) == nil
		}
	}
	err = cmd.Wait()
	if killed {
		if st, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && st.Signaled() {
			return true, nil
		}
		if err == nil {
			return false, nil // finished before the signal arrived
		}
		return false, fmt.Errorf("child: %v: %s", err, stderr.String())
	}
	if err != nil {
		return false, fmt.Errorf("child: %v: %s", err, stderr.String())
	}
	return false, nil
}

// checkWholeArticles opens the database after a kill and checks its
// integrity, and that every stored article has exactly its events.
func checkWholeArticles(t *testing.T, db string, want map[string]int) int {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer st.Close()
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatalf("after kill: %v", err)
	}
	got := eventsPerArticle(t, st)
	for id, n := range got {
		if want[id] != n {
			t.Errorf("after kill: article %s has %d events, want %d (a partial article)", id, n, want[id])
		}
	}
	return len(got)
}

// eventsPerArticle counts the stored events of every article.
func eventsPerArticle(t testing.TB, st store.Store) map[string]int {
	t.Helper()
	ctx := context.Background()
	arts, _, err := st.Articles(ctx, store.ArticleFilter{Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, a := range arts {
		_, evs, err := st.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[a.ID] = len(evs)
	}
	return out
}
