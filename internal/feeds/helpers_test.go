package feeds

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/event"
	"geoevents/internal/feeds/feedtest"
	"geoevents/internal/geoparse"
	"geoevents/internal/ingest"
	"geoevents/internal/store"
	"geoevents/internal/store/sqlite"
)

var (
	parserOnce sync.Once
	parser     *geoparse.Parser
	parserErr  error
)

// testParser loads the real embedded gazetteer once per test binary.
func testParser(t testing.TB) *geoparse.Parser {
	t.Helper()
	parserOnce.Do(func() {
		g, err := gazetteer.Load()
		if err != nil {
			parserErr = err
			return
		}
		parser = geoparse.New(g)
	})
	if parserErr != nil {
		t.Fatalf("load gazetteer: %v", parserErr)
	}
	return parser
}

// env is a watcher's world: a real SQLite file, the real geoparser and
// ingester, and a local news site.
type env struct {
	t      *testing.T
	path   string
	st     *sqlite.Store
	states *sqlite.FeedStates
	ing    *ingest.Ingester
	site   *feedtest.Server
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, path: filepath.Join(t.TempDir(), "events.db"), site: feedtest.New()}
	t.Cleanup(e.site.Close)
	e.open()
	t.Cleanup(func() { e.st.Close() })
	return e
}

// open (re)opens the database, as a restarted process would.
func (e *env) open() {
	e.t.Helper()
	st, err := sqlite.Open(context.Background(), e.path)
	if err != nil {
		e.t.Fatal(err)
	}
	states, err := sqlite.OpenFeedStates(context.Background(), st)
	if err != nil {
		e.t.Fatal(err)
	}
	e.st, e.states = st, states
	e.ing = &ingest.Ingester{Parser: testParser(e.t), Store: st}
}

// restart closes the database and opens it again.
func (e *env) restart() {
	e.t.Helper()
	if err := e.st.Close(); err != nil {
		e.t.Fatal(err)
	}
	e.open()
}

// testConfig polls fast and never waits on the rate limit.
func testConfig() Config {
	return Config{Timeout: 2 * time.Second, HostRate: 1000, HostBurst: 1000, Interval: time.Hour, PageAttempts: 2}
}

func (e *env) watcher(cfg Config, urls ...string) *Watcher {
	e.t.Helper()
	var list []Feed
	for _, u := range urls {
		list = append(list, Feed{URL: u})
	}
	w, err := New(cfg, list, e.states, e.ing, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return w
}

// poll polls one feed and fails the test on a state store error.
func (e *env) poll(w *Watcher, url string) PollResult {
	e.t.Helper()
	res, err := w.Poll(context.Background(), Feed{URL: url})
	if err != nil {
		e.t.Fatalf("poll %s: %v", url, err)
	}
	return res
}

// articles returns every stored article, with its text.
func (e *env) articles() []event.Article {
	e.t.Helper()
	arts, _, err := e.st.Articles(context.Background(), store.ArticleFilter{Limit: 100000})
	if err != nil {
		e.t.Fatal(err)
	}
	for i, a := range arts {
		if arts[i], _, err = e.st.Article(context.Background(), a.ID); err != nil {
			e.t.Fatal(err)
		}
	}
	return arts
}

// eventCount returns how many events are stored.
func (e *env) eventCount() int64 {
	e.t.Helper()
	page, err := e.st.Events(context.Background(), store.Filter{Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return page.NumberMatched
}

var day = time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)

// stories makes n stories numbered from first.
func stories(first, n int) []feedtest.Story {
	out := make([]feedtest.Story, n)
	for i := range out {
		out[i] = feedtest.MakeStory(first+i, day)
	}
	return out
}
