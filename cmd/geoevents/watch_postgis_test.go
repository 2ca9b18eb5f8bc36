package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"geoevents/internal/feedstate"
	"geoevents/internal/store"
	"geoevents/internal/testenv"
)

// watch --once on a PostgreSQL DSN stores what it stores on SQLite (the
// same articles and events from the same feeds), keeps the feeds' state
// in that database, and a second run finds nothing new.
func TestWatchOnPostGIS(t *testing.T) {
	dsn := testenv.PostgresDSN(t)
	bin := binary(t)
	const feeds = 4
	_, list, stories := newsSite(t, feeds, 12, "1s")
	lite := filepath.Join(t.TempDir(), "feeds.db")
	watchOnce(t, bin, lite, list)
	// The events each store shows (Extent: an incident of several
	// reports once), not its rows: a joined report is a row of its own.
	wantArticles, wantEvents := storeCounts(t, lite)
	if wantArticles != stories {
		t.Fatalf("SQLite run stored %d articles of %d stories", wantArticles, stories)
	}

	watchOnce(t, bin, dsn, list)
	articles, events := storeCounts(t, dsn)
	if articles != wantArticles || events != wantEvents {
		t.Fatalf("on PostGIS: %d articles, %d events; on SQLite %d and %d", articles, events, wantArticles, wantEvents)
	}
	out := watchOnce(t, bin, dsn, list)
	if a, e := storeCounts(t, dsn); a != wantArticles || e != wantEvents || strings.Count(out, ", 0 new articles") != feeds {
		t.Fatalf("a second poll changed the store: %d articles, %d events\n%s", a, e, out)
	}

	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	keeper, ok := st.(feedstate.Keeper)
	if !ok {
		t.Fatalf("the %T store keeps no feed state", st)
	}
	states, err := keeper.OpenFeedStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	all, err := states.FeedStates(context.Background())
	if err != nil || len(all) != feeds {
		t.Fatalf("feed states: %d, %v; want %d", len(all), err, feeds)
	}
	for _, s := range all {
		if s.Status != feedstate.StatusOK || s.LastSuccess.IsZero() || s.Items != 12 {
			t.Errorf("feed state %+v: want ok, polled, 12 items", s)
		}
	}
}

// storeCounts returns the articles and the events (plain mentions
// included; an incident once) of the store at dsn, SQLite or PostGIS.
func storeCounts(t *testing.T, dsn string) (articles, events int) {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, n, err := st.Articles(context.Background(), store.ArticleFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	ext, err := st.Extent(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n), int(ext.Count)
}
