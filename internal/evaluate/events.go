package evaluate

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"geoevents/internal/event"
)

// ExtractFunc is the event extraction under evaluation: the events of one
// article, Mentions included. ingest.Ingester.Events (without its returned
// article) is one; tests pass tables.
type ExtractFunc func(ctx context.Context, a event.Article) ([]event.Event, error)

// EventsOptions narrows an event evaluation as the reference scorer's flags do.
type EventsOptions struct {
	// Country keeps only the gold rows whose "country" equals it (before
	// grouping, like the scorer's --country); empty keeps all.
	Country string
	// Limit keeps the first Limit texts (after grouping, like --limit); 0 keeps all.
	Limit int
	// Workers is how many articles are extracted at once; 0 means GOMAXPROCS.
	// The figures do not depend on it.
	Workers int
}

// The article fields the reference scorer gives each gold text.
const (
	goldSource = "acled"
	goldURL    = "https://example.org/acled/%d"
	goldTitle  = "gold-%06d"
)

// ScoreEvents reads an ACLED-style gold file from r (see GoldEvent),
// ingests each distinct (text, date) as an article published on that date
// through extract, and scores the events against the gold rows with the
// definitions of the reference scorer ../shared/eval/score_events.py (see
// EventsReport). As in the scorer, which ingests every text into one
// database, an article already seen (the same ID: the same normalised
// text on the same day, see event.ArticleID) yields no events the second
// time, while the same text under another date is another report; and
// events are compared in the order the export gives them.
func ScoreEvents(ctx context.Context, r io.Reader, extract ExtractFunc, opts EventsOptions) (EventsReport, error) {
	rows, err := ReadGold(r)
	if err != nil {
		return EventsReport{}, fmt.Errorf("evaluate events: %w", err)
	}
	texts, err := groupGold(rows, opts.Country, opts.Limit)
	if err != nil {
		return EventsReport{}, fmt.Errorf("evaluate events: %w", err)
	}
	preds, err := extractAll(ctx, texts, extract, opts.Workers)
	if err != nil {
		return EventsReport{}, fmt.Errorf("evaluate events: %w", err)
	}
	var t tally
	for i := range texts {
		t.add(&texts[i], preds[i])
	}
	return t.report(), nil
}

// goldArticle is the article the scorer ingests for the i-th text: the
// JSON Lines reader's normalisation (newlines, surrounding space), title
// gold-NNNNNN, source "acled", published at midnight UTC of the date.
func goldArticle(i int, t *goldText) (event.Article, error) {
	published, err := time.Parse(time.DateOnly, t.date)
	if err != nil {
		return event.Article{}, err
	}
	text := strings.TrimSpace(event.NormalizeNewlines(t.text))
	return event.NewArticle(fmt.Sprintf(goldTitle, i), text, fmt.Sprintf(goldURL, i), goldSource, published), nil
}

// extractAll runs extract over the texts, Workers at a time, and returns
// each text's exported events (see exported); a repeated article gets none.
func extractAll(ctx context.Context, texts []goldText, extract ExtractFunc, workers int) ([][]predEvent, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	arts := make([]event.Article, len(texts))
	first := map[string]bool{}
	todo := make([]int, 0, len(texts))
	for i := range texts {
		a, err := goldArticle(i, &texts[i])
		if err != nil {
			return nil, err
		}
		arts[i] = a
		if !first[a.ID] {
			first[a.ID] = true
			todo = append(todo, i)
		}
	}
	out := make([][]predEvent, len(texts))
	errs := make([]error, len(texts))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				evs, err := extract(ctx, arts[i])
				if err != nil {
					errs[i] = fmt.Errorf("gold line %d: extract: %w", texts[i].rows[0].line, err)
					cancel()
					continue
				}
				out[i] = exported(evs)
			}
		})
	}
	for _, i := range todo {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
