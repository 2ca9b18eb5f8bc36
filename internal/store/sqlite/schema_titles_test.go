package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// undoTitlesSQL takes a database back to before schema 11 (titles in the
// rows, the full-text index reading the events table), for the tests of
// earlier migrations that start from a current database.
const undoTitlesSQL = `
DROP TRIGGER events_ad;
DROP TRIGGER events_au;
DROP TABLE events_fts;
DROP VIEW events_text;
ALTER TABLE events ADD COLUMN article_title TEXT;
UPDATE events SET article_title = (SELECT t.text FROM titles t WHERE t.rowid = events.title_id);
ALTER TABLE events DROP COLUMN title_id;
DROP TABLE titles;
` + ftsTableSQL7 + `
INSERT INTO events_fts(events_fts) VALUES ('rebuild');
` + eventTriggersSQL

// titlesStep is the index in migrations of the titles step.
func titlesStep(t *testing.T) int {
	for i, m := range migrations {
		if m.sql == schemaTitlesSQL {
			return i
		}
	}
	t.Fatal("no titles migration")
	return 0
}

// TestMigrationTitles opens a database of the schema before titles were
// stored once, holding two articles (one event titled apart) and imported
// events that repeat three titles or have none: after the migration every
// event reads as before, each title is stored once, searching a title's
// words finds its events, and the integrity check (full-text index
// against the events' documents, titles referenced) passes, also after
// re-deriving an article, which deletes and inserts events.
func TestMigrationTitles(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v10.db")
	db := openLegacy(t, path, titlesStep(t))
	a1, e1 := article("https://example.org/one", "Shelling hit Aleppo on Monday.", 4, 37.16, 36.2)
	a2, e2 := article("https://example.org/two", "Protesters rallied in Suwayda.", 3, 36.6, 35.9)
	e2[2].ArticleTitle = "A wire's own headline"
	saveLegacy(t, db, a1, e1)
	saveLegacy(t, db, a2, e2)
	var imported []event.Event
	for e := range genEvents(200, 11) {
		if e.ArticleTitle = []string{"Shelling in the north", "Flood warning", "", "Shelling in the north"}[len(imported)%4]; e.ArticleTitle == "" {
			e.Sentence = "" // an untitled event with no sentence: no document words
		}
		imported = append(imported, e)
	}
	saveLegacy(t, db, event.Article{}, imported)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	var titles int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM titles").Scan(&titles); err != nil {
		t.Fatal(err)
	}
	if titles != 5 { // two articles', one apart, two imported
		t.Errorf("%d titles stored, want 5", titles)
	}
	if _, err := s.r.ExecContext(ctx, "SELECT article_title FROM events"); err == nil {
		t.Error("events still have the article_title column")
	}
	for _, sv := range []struct {
		a   event.Article
		evs []event.Event
	}{{a1, e1}, {a2, e2}} {
		_, got, err := s.Article(ctx, sv.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range sv.evs {
			if want = store.OfArticle(sv.a, want); !reflect.DeepEqual(got[i], want) {
				t.Errorf("event %s after migration:\n got %+v\nwant %+v", want.ID, got[i], want)
			}
		}
	}
	for _, want := range imported[:8] {
		got, err := s.Event(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.ArticleTitle != want.ArticleTitle || got.Sentence != want.Sentence {
			t.Errorf("event %s after migration: title %q sentence %q, want %q %q", want.ID, got.ArticleTitle, got.Sentence, want.ArticleTitle, want.Sentence)
		}
	}
	for q, want := range map[string]int64{"wire headline": 1, "flood warning": 50, "shelling north": 100, "title suwayda": 2} {
		p, err := s.Events(ctx, store.Filter{Text: q, Mentions: true})
		if err != nil {
			t.Fatal(err)
		}
		if p.NumberMatched != want {
			t.Errorf("q=%q matched %d after migration, want %d", q, p.NumberMatched, want)
		}
	}
	if _, err := s.SaveArticle(ctx, a2, e2[:2]); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("after re-saving an article: %v", err)
	}
}

// collidingTitles finds two titles with the same home id (31 bits: a
// pair is expected among about 65,000 titles).
func collidingTitles(t *testing.T) (string, string) {
	seen := map[int64]string{}
	for i := range 1 << 20 {
		title := "Clashes in district " + strconv.Itoa(i)
		if other, ok := seen[titleHome(title)]; ok {
			return other, title
		}
		seen[titleHome(title)] = title
	}
	t.Fatal("no two titles share a home id")
	return "", ""
}

// TestTitleIDsProbe: of two titles with the same home id, the second
// takes the next free id, in the row writer and the bulk pool alike, and
// each reads back as itself; the last id wraps to the first.
func TestTitleIDsProbe(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	first, second := collidingTitles(t)
	home := titleHome(first)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // a test's transaction
	w, err := newTitleWriter(ctx, tx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	for range 2 { // stored, then found
		if id, err := w.id(ctx, first); err != nil || id != home {
			t.Errorf("writer: %q id %d %v, want its home %d", first, id, err, home)
		}
		if id, err := w.id(ctx, second); err != nil || id != nextTitleID(home) {
			t.Errorf("writer: %q id %d %v, want %d", second, id, err, nextTitleID(home))
		}
	}
	fresh, err := newTitleWriter(ctx, tx) // no cache: finds them in the table
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.close()
	if id, err := fresh.id(ctx, second); err != nil || id != nextTitleID(home) {
		t.Errorf("a new writer: %q id %d %v, want %d", second, id, err, nextTitleID(home))
	}
	for id, want := range map[int64]string{home: first, nextTitleID(home): second} {
		var text string
		if err := tx.QueryRowContext(ctx, "SELECT text FROM titles WHERE rowid = ?", id).Scan(&text); err != nil || text != want {
			t.Errorf("row %d holds %q %v, want %q", id, text, err, want)
		}
	}

	pool := &titlePool{ids: map[string]int64{}, taken: map[int64]bool{home: true}}
	if id := pool.id(first); id != nextTitleID(home) {
		t.Errorf("pool: %q id %d, want %d past a taken home", first, id, nextTitleID(home))
	}
	if id := pool.id(second); id != nextTitleID(nextTitleID(home)) {
		t.Errorf("pool: %q id %d, want %d", second, id, nextTitleID(nextTitleID(home)))
	}
	if id := pool.id(first); id != nextTitleID(home) || len(pool.fresh) != 2 {
		t.Errorf("pool: %q again: id %d, %d fresh titles; want %d and 2", first, id, len(pool.fresh), nextTitleID(home))
	}
	if got := nextTitleID(titleSpace); got != 1 {
		t.Errorf("after the last id comes %d, want 1", got)
	}
}

// TestPageSize: a new database gets pageSize; one made with SQLite's
// default keeps it (it changes only by VACUUM) and opens, migrates and
// stores as any other.
func TestPageSize(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	pageSizeOf := func(s *Store) int {
		t.Helper()
		var n int
		if err := s.r.QueryRowContext(ctx, "PRAGMA page_size").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	s, err := Open(ctx, filepath.Join(dir, "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	if got := pageSizeOf(s); got != pageSize {
		t.Errorf("new database: page size %d, want %d", got, pageSize)
	}
	s.Close()

	old := filepath.Join(dir, "old.db")
	db, err := sql.Open("sqlite", old+"?_pragma=page_size(4096)&_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "CREATE TABLE before_us (x)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if s, err = Open(ctx, old); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := pageSizeOf(s); got != 4096 {
		t.Errorf("existing database: page size %d, want its own 4096", got)
	}
	// MaxBytes counts in the file's pages (max_page_count).
	if got, want := filePageSize(old), int64(4096); got != want {
		t.Errorf("filePageSize(old) = %d, want %d", got, want)
	}
	if got := filePageSize(filepath.Join(dir, "new.db")); got != pageSize {
		t.Errorf("filePageSize(new) = %d, want %d", got, pageSize)
	}
	if got := filePageSize(filepath.Join(dir, "none.db")); got != pageSize {
		t.Errorf("filePageSize of no file = %d, want %d", got, pageSize)
	}
	a, evs := article("https://example.org/pages", "Shelling hit Aleppo.", 3, 37.16, 36.2)
	if _, err := s.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}
