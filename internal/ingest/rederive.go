package ingest

import (
	"context"
	"fmt"

	"geoevents/internal/extract"
	"geoevents/internal/store"
)

// rederivePage is how many articles Rederive lists at a time.
const rederivePage = 500

// Rederive derives again, with the current extraction rules, the events of
// every stored article whose events older rules derived (Article.Extractor
// differs from extract.Version), each article in its own transaction: the
// upgrade path after a release that changes extraction. Articles already
// current are left alone, so running it twice changes nothing more.
func (in *Ingester) Rederive(ctx context.Context) (Summary, error) {
	var sum Summary
	if in.Store == nil {
		return sum, errNoStore
	}
	var ids []string
	for off := 0; ; off += rederivePage {
		list, _, err := in.Store.Articles(ctx, store.ArticleFilter{Limit: rederivePage, Offset: off})
		if err != nil {
			return sum, fmt.Errorf("rederive: list articles: %w", err)
		}
		for _, a := range list {
			if a.Extractor != extract.Version {
				ids = append(ids, a.ID)
			}
		}
		if len(list) < rederivePage {
			break
		}
	}
	for _, id := range ids {
		a, _, err := in.Store.Article(ctx, id)
		if err != nil {
			return sum, fmt.Errorf("rederive %s: %w", id, err)
		}
		sum.Articles++
		res, _, err := in.IngestArticle(ctx, a)
		if err != nil {
			return sum, fmt.Errorf("rederive %s: %w", id, err)
		}
		if res.Rederived {
			sum.Rederived++
			sum.Events += res.Events
		} else {
			sum.Unchanged++
		}
	}
	return sum, nil
}
