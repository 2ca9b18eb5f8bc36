package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// writeV5 makes a database of schema 5 (R*Tree, one column per field)
// holding evs, as the previous version of the store wrote them.
func writeV5(t *testing.T, path string, evs []event.Event) {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite", dsn(path, false, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for v := range 5 {
		if _, err := db.ExecContext(ctx, migrations[v].sql); err != nil {
			t.Fatalf("schema step %d: %v", v+1, err)
		}
	}
	const ins = `INSERT INTO events (id, article_id, article_title, article_url, source, published,
		sentence, sentence_start, mention_start, mention_end, mention, mention_kind,
		place_id, place_name, country_code, country, admin1, feature_code,
		lon, lat, geo_precision, score, type, subtype, actors, fatalities, notes,
		date, date_precision, explain) VALUES (?,?,?,?,?,?, ?,?,?,?,?,?, ?,?,?,?,?,?, ?,?,?,?,?,?,?,?,?, ?,?,?)`
	for _, e := range evs {
		var actors, explain any
		if len(e.Actors) > 0 {
			b, _ := json.Marshal(e.Actors)
			actors = string(b)
		}
		if len(e.Explain) > 0 {
			explain = string(event.AppendExplain(nil, e.Explain))
		}
		if _, err := db.ExecContext(ctx, ins, e.ID, nullStr(e.ArticleID), nullStr(e.ArticleTitle), nullStr(e.ArticleURL), nullStr(e.Source), unixOrNull(e.Published),
			nullStr(e.Sentence), e.SentenceStart, e.MentionStart, e.MentionEnd, nullStr(e.MentionText), nullStr(e.MentionKind),
			nullStr(e.PlaceID), e.PlaceName, nullStr(e.CountryCode), nullStr(e.CountryName), nullStr(e.Admin1), nullStr(e.FeatureCode),
			e.Lon, e.Lat, e.GeoPrecision, e.Score, e.Type, e.SubType, actors, e.Fatalities, nullStr(e.Notes),
			unixOrNull(e.Date), nullStr(string(e.DatePrecision)), explain); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO events_rtree SELECT rowid, `+e6("lon")+`, `+e6("lon")+`, `+e6("lat")+`, `+e6("lat")+`, `+
		dayKey("date")+`, `+dayKey("date")+` FROM events;
		INSERT INTO events_fts (rowid, article_title, sentence) SELECT rowid, article_title, sentence FROM events;
		PRAGMA user_version = 5;`); err != nil {
		t.Fatal(err)
	}
}

// TestMigration6KeepsEvents opens a schema 5 database: migration 6 must
// keep every field of every event (coordinates at the micro-degrees they
// were served at), and afterwards queries, counts and the integrity check
// (count grid included) must hold, also after updates and deletes.
func TestMigration6KeepsEvents(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v5.db")
	var all []event.Event
	for e := range genEvents(1500, 11) {
		all = append(all, e)
	}
	all[0].ArticleURL, all[0].Source, all[0].Published = "https://example.org/a", "Wire", time.Date(2020, 3, 4, 5, 6, 7, 0, time.UTC)
	all[0].MentionText, all[0].MentionKind, all[0].SentenceStart, all[0].MentionStart, all[0].MentionEnd = "Idlib", "place", 3, 10, 15
	all[0].Notes, all[0].Explain = "note", []event.Reason{{Field: event.FieldType, Rule: "type/x", Text: "shelled", Start: 4, Value: "v"}}
	writeV5(t, path, all)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	for _, want := range all[:200] {
		got, err := s.Event(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		want.Lon, want.Lat = float64(micro(want.Lon))/1e6, float64(micro(want.Lat))/1e6
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("event %s after migration:\n got %+v\nwant %+v", want.ID, got, want)
		}
	}
	check := func(when string) {
		t.Helper()
		for _, f := range []store.Filter{
			{BBox: boxAround(37.16, 36.2, 2), From: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC), Limit: 10},
			{BBox: boxAround(37.16, 36.2, 2), Limit: 10, Offset: 3, Mentions: true},
			{Limit: 10},
		} {
			p, err := s.Events(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			want := reference(all, f)
			if len(want) <= f.Offset+f.Limit {
				t.Fatalf("%s: %d matches, not a useful case", when, len(want))
			}
			if got, w := ids(p.Events), ids(want[min(f.Offset, len(want)):min(f.Offset+f.Limit, len(want))]); p.NumberMatched != int64(len(want)) || !slices.Equal(got, w) {
				t.Errorf("%s: %d matched, %v; want %d, %v", when, p.NumberMatched, got, len(want), w)
			}
		}
	}
	check("after migration")
	// Move the newest events in the box into 2017 and delete others, as
	// other writers might: the triggers keep the count grid exact.
	newest, err := s.Events(ctx, store.Filter{BBox: boxAround(37.16, 36.2, 2), Limit: 8})
	if err != nil {
		t.Fatal(err)
	}
	moved := time.Date(2017, 6, 1, 0, 0, 0, 0, time.UTC)
	for i, e := range newest.Events {
		stmt, args := "UPDATE events SET date = ? WHERE id = ?", []any{moved.Unix(), e.ID}
		if i%2 == 1 {
			stmt, args = "DELETE FROM events WHERE id = ?", []any{e.ID}
		}
		if _, err := s.w.ExecContext(ctx, stmt, args...); err != nil {
			t.Fatal(err)
		}
		for j := range all {
			if all[j].ID == e.ID {
				all[j].Date = moved
				if i%2 == 1 {
					all = slices.Delete(all, j, j+1)
				}
				break
			}
		}
	}
	check("after update and delete")
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestIntegrityCheckDetectsGridDrift proves the grid check can fail.
func TestIntegrityCheckDetectsGridDrift(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var all []event.Event
	for e := range genEvents(50, 2) {
		all = append(all, e)
	}
	if _, err := s.ImportEvents(ctx, seqOf(all)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, "UPDATE event_grid SET n = n + 1 WHERE k = (SELECT max(k) FROM event_grid)"); err != nil {
		t.Fatal(err)
	}
	if err := s.IntegrityCheck(ctx); err == nil {
		t.Error("IntegrityCheck passed with a drifted count grid")
	}
	if _, err := s.w.ExecContext(ctx, "UPDATE event_grid SET n = n - 1 WHERE k = (SELECT max(k) FROM event_grid)"); err != nil {
		t.Fatal(err)
	}
}

// TestSchemaNamesTheVersionWritten: Schema's version is the user_version
// a new database gets, and its digest changes with the migrations' SQL.
func TestSchemaNamesTheVersionWritten(t *testing.T) {
	s := openTemp(t)
	var v int
	if err := s.r.QueryRowContext(context.Background(), "PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	version, digest := Schema()
	if version != v || len(digest) != 12 {
		t.Errorf("Schema() = %d, %q; the database is at version %d", version, digest, v)
	}
	saved := migrations[len(migrations)-1].sql
	migrations[len(migrations)-1].sql += " "
	_, other := Schema()
	migrations[len(migrations)-1].sql = saved
	if other == digest {
		t.Error("the digest does not change with the migrations' SQL")
	}
}
