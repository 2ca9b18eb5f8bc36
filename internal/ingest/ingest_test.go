package ingest

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/store"
	"geoevents/internal/testenv"
)

// counts returns the number of stored articles and events.
func counts(t testing.TB, st store.Store) (articles, events int64) {
	t.Helper()
	ctx := context.Background()
	_, na, err := st.Articles(ctx, store.ArticleFilter{Limit: 1})
	if err != nil {
		t.Fatalf("count articles: %v", err)
	}
	p, err := st.Events(ctx, store.Filter{Limit: 1, Mentions: true})
	if err != nil {
		t.Fatalf("count events: %v", err)
	}
	return na, p.NumberMatched
}

func TestIngestArticleRejectsBadInput(t *testing.T) {
	in, st := newIngester(t)
	in.MaxArticleBytes = 1000
	ctx := context.Background()
	tests := []struct {
		name string
		a    event.Article
		want error
	}{
		{"empty", event.NewArticle("t", "  \n\t ", "", "", time.Time{}), ErrEmptyArticle},
		{"invalid utf8 text", event.NewArticle("t", "Rebels seized Alep\xffpo.", "", "", time.Time{}), ErrInvalidUTF8},
		{"invalid utf8 title", event.NewArticle("caf\xe9", "Rebels seized Aleppo.", "", "", time.Time{}), ErrInvalidUTF8},
		{"too large", event.NewArticle("t", strings.Repeat("Aleppo. ", 200), "", "", time.Time{}), ErrTooLarge},
	}
	for _, tc := range tests {
		_, _, err := in.IngestArticle(ctx, tc.a)
		if !errors.Is(err, tc.want) || !IsInputError(err) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
	if na, ne := counts(t, st); na != 0 || ne != 0 {
		t.Errorf("bad input stored %d articles, %d events", na, ne)
	}
}

func TestIngestArticle(t *testing.T) {
	in, st := newIngester(t)
	ctx := context.Background()
	pub := time.Date(2024, 11, 30, 0, 0, 0, 0, time.UTC)
	a := event.NewArticle("Rebels take Aleppo", "Rebels have taken control of Aleppo after government forces withdrew.", "https://example.org/a", "Wire", pub)
	res, events, err := in.IngestArticle(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Created || res.Events != len(events) || len(events) == 0 {
		t.Fatalf("result %+v with %d events", res, len(events))
	}
	e := events[0]
	if e.PlaceID != "170063" || e.Type != event.TypeBattles || e.SubType != event.SubNonStateOvertakes || !e.Date.Equal(pub) {
		t.Errorf("event %+v", e)
	}
	stored, err := st.Event(ctx, e.ID)
	if err != nil || stored.PlaceName != e.PlaceName || stored.SubType != e.SubType {
		t.Errorf("stored event %+v, %v", stored, err)
	}
	// Same text again: no-op. Changed text at the same URL: replaced.
	res, _, err = in.IngestArticle(ctx, a)
	if err != nil || res.Created || res.Replaced {
		t.Errorf("re-ingest: %+v %v", res, err)
	}
	b := event.NewArticle("Rebels take Aleppo", "Rebels have taken control of Aleppo and Idlib.", "https://example.org/a", "Wire", pub)
	res, _, err = in.IngestArticle(ctx, b)
	if err != nil || !res.Replaced {
		t.Errorf("changed text at same URL: %+v %v", res, err)
	}
	if na, _ := counts(t, st); na != 1 {
		t.Errorf("%d articles stored, want 1 after replacement", na)
	}
}

func TestIngestPathsFixtures(t *testing.T) {
	in, st := newIngester(t)
	ctx := context.Background()
	dir := filepath.Join("..", "..", "testdata", "articles")
	sum, err := in.IngestPaths(ctx, []string{dir, "testdata/articles/array.json", "testdata/no-such-dir"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, f := range sum.Failed {
		failed = append(failed, filepath.Base(f.Path)+":"+itoa(f.Line))
	}
	slices.Sort(failed)
	want := []string{"bad.jsonl:2", "empty.md:7", "latin1.txt:3", "no-such-dir:0"}
	if !slices.Equal(failed, want) {
		t.Errorf("failed %q, want %q", failed, want)
	}
	// xss.md, plain.txt, 2 in bad.jsonl, articles.jsonl's lines, 2 in array.json.
	jsonl, _, _ := readAll(t, filepath.Join(dir, "articles.jsonl"), ReadOptions{})
	wantArticles := 1 + 1 + 2 + len(jsonl) + 2
	if sum.Articles != wantArticles || sum.Created != wantArticles || sum.Events == 0 {
		t.Errorf("summary %v, want %d new articles", sum, wantArticles)
	}
	na, ne := counts(t, st)
	if na != int64(wantArticles) || ne != int64(sum.Events) {
		t.Errorf("stored %d articles, %d events; summary %v", na, ne, sum)
	}
	if !strings.Contains(sum.String(), "4 failed inputs") {
		t.Errorf("summary line %q", sum)
	}

	// Twice: nothing changes.
	sum2, err := in.IngestPaths(ctx, []string{dir, "testdata/articles/array.json"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum2.Unchanged != wantArticles || sum2.Created != 0 || sum2.Events != 0 {
		t.Errorf("second run %v", sum2)
	}
	if na2, ne2 := counts(t, st); na2 != na || ne2 != ne {
		t.Errorf("second run changed counts: %d/%d -> %d/%d", na, ne, na2, ne2)
	}
}

func TestIngestPathsStdinAndDate(t *testing.T) {
	in, st := newIngester(t)
	ctx := context.Background()
	d := time.Date(2024, 12, 8, 0, 0, 0, 0, time.UTC)
	input := "Rebels enter Damascus\n\nRebels entered Damascus on Sunday after government forces withdrew.\n"
	sum, err := in.IngestPaths(ctx, []string{"-"}, Options{Stdin: strings.NewReader(input), Date: d})
	if err != nil || sum.Created != 1 || len(sum.Failed) != 0 {
		t.Fatalf("stdin: %v %v", sum, err)
	}
	arts, _, _ := st.Articles(ctx, store.ArticleFilter{Limit: 10})
	if len(arts) != 1 || arts[0].Title != "Rebels enter Damascus" || !arts[0].Published.Equal(d) {
		t.Errorf("articles %+v", arts)
	}
}

func TestIngestPathsCancelled(t *testing.T) {
	in, _ := newIngester(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := in.IngestPaths(ctx, []string{filepath.Join("..", "..", "testdata", "articles")}, Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled ingest returned %v", err)
	}
}

// TestAcceptanceSharedArticles ingests ../shared/articles and checks the
// events the issue asks for.
func TestAcceptanceSharedArticles(t *testing.T) {
	dir := testenv.SharedDir(t, "articles")
	in, st := newIngester(t)
	ctx := context.Background()
	sum, err := in.IngestPaths(ctx, []string{dir}, Options{})
	if err != nil || len(sum.Failed) != 0 || sum.Created != 2 {
		t.Fatalf("ingest: %v %v", sum, err)
	}
	page, err := st.Events(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ place, typ, sub string }
	have := map[key]bool{}
	places := map[string]event.Event{}
	for _, e := range page.Events {
		have[key{e.PlaceName, e.Type, e.SubType}] = true
		places[e.PlaceName] = e
		if e.ArticleID == "" || e.Sentence == "" || e.PlaceID == "" || e.Lon == 0 || !e.Date.IsZero() {
			t.Errorf("event %s: incomplete, or a date invented for an undated article: %+v", e.ID, e)
		}
	}
	for _, k := range []key{
		{"Aleppo", event.TypeBattles, event.SubNonStateOvertakes},
		{"Aleppo", event.TypeExplosions, event.SubAirDroneStrike},
		{"Idlib", event.TypeExplosions, event.SubAirDroneStrike},
		{"Palmyra", event.TypeBattles, event.SubArmedClash},
		{"Al-Tanf", event.TypeStrategicDevelopments, event.SubOther},
	} {
		if !have[k] {
			t.Errorf("no %s / %s event at %s", k.typ, k.sub, k.place)
		}
	}
	if e, ok := places["Damascus"]; !ok || e.CountryCode != "SY" {
		t.Errorf("no event at Damascus, Syria")
	}
	if e := places["Palmyra"]; e.CountryCode != "SY" {
		t.Errorf("Palmyra resolved to %s, want Syria", e.CountryCode)
	}
	if e := places["Al-Tanf"]; e.Lat < 33.4 || e.Lat > 33.6 || e.Lon < 38.5 || e.Lon > 38.7 {
		t.Errorf("al-Tanf at %v,%v", e.Lat, e.Lon)
	}
	na, ne := counts(t, st)
	sum2, err := in.IngestPaths(ctx, []string{dir}, Options{})
	if err != nil || sum2.Unchanged != 2 {
		t.Fatalf("second ingest: %v %v", sum2, err)
	}
	if na2, ne2 := counts(t, st); na2 != na || ne2 != ne {
		t.Errorf("ingesting twice changed the counts: %d/%d -> %d/%d", na, ne, na2, ne2)
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestRederive stores an article under older rules, then re-derives it:
// its events are replaced by the current rules' (no duplicates), and a
// second run changes nothing.
func TestRederive(t *testing.T) {
	in, st := newIngester(t)
	ctx := context.Background()
	a := event.NewArticle("t", "Government forces shelled Aleppo on Monday, killing 4 civilians.", "", "", time.Date(2024, 11, 8, 0, 0, 0, 0, time.UTC))
	a.Extractor = "old-rules"
	old := []event.Event{{ID: "old-1", PlaceName: "Aleppo", Lon: 37.16, Lat: 36.2, Type: event.TypeBattles}}
	if _, err := st.SaveArticle(ctx, a, old); err != nil {
		t.Fatal(err)
	}
	sum, err := in.Rederive(ctx)
	if err != nil || sum.Rederived != 1 || sum.Events == 0 {
		t.Fatalf("rederive: %v %v", sum, err)
	}
	_, evs, err := st.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if e.ID == "old-1" {
			t.Fatal("the old rules' event is still stored")
		}
		if e.Type == event.TypeExplosions && e.Fatalities != 4 {
			t.Errorf("re-derived event %+v", e)
		}
	}
	if sum, err := in.Rederive(ctx); err != nil || sum.Rederived != 0 || sum.Articles != 0 {
		t.Errorf("second run: %v %v", sum, err)
	}
}
