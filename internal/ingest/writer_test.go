package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// rejectingStore is the real store that refuses to save one article, as a
// store may refuse bad input: a batch holding it fails as a whole.
type rejectingStore struct {
	store.Store
	title   string // the refused article's title starts so
	batches int    // batches of more than one article saved
}

var errRejected = fmt.Errorf("%w: rejected by the store", ErrInvalidRecord)

func (s *rejectingStore) SaveArticle(ctx context.Context, a event.Article, evs []event.Event) (store.SaveResult, error) {
	if strings.HasPrefix(a.Title, s.title) {
		return store.SaveResult{}, errRejected
	}
	return s.Store.SaveArticle(ctx, a, evs)
}

func (s *rejectingStore) SaveArticles(ctx context.Context, batch []store.ArticleEvents) ([]store.SaveResult, error) {
	for _, b := range batch {
		if strings.HasPrefix(b.Article.Title, s.title) {
			return nil, errRejected
		}
	}
	s.batches++
	return s.Store.SaveArticles(ctx, batch)
}

// TestWriterBatchesAndIsolatesFailures ingests many articles: the writer
// saves them in batches, and an article the store refuses fails alone,
// named by its line, while every other article of its batch is saved.
func TestWriterBatchesAndIsolatesFailures(t *testing.T) {
	ctx := context.Background()
	st, _ := openStore(t)
	rs := &rejectingStore{Store: st, title: "Dispatch 17:"}
	corpus := filepath.Join(t.TempDir(), "corpus.jsonl")
	writeCorpusJSONL(t, corpus, 300, 7)
	in := &Ingester{Parser: testParser(t), Store: rs, Workers: 4}
	sum, err := in.IngestPaths(ctx, []string{corpus}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 299 || len(sum.Failed) != 1 || sum.Failed[0].Line != 18 || !errors.Is(sum.Failed[0].Err, errRejected) {
		t.Fatalf("summary %s, failed %+v; want 299 created and line 18 failed", sum, sum.Failed)
	}
	if rs.batches == 0 {
		t.Error("no batch of several articles was saved")
	}
	arts, n, err := st.Articles(ctx, store.ArticleFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if n != 299 || len(arts) != 299 {
		t.Errorf("%d articles stored, want 299", n)
	}
}
