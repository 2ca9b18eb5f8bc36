package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// Feed is one feed to follow.
type Feed struct {
	URL string
	// Interval between polls; 0 means Config.Interval.
	Interval time.Duration
}

// Ingester geoparses and stores an article with its events, as
// *ingest.Ingester does; storing the same article again must be a no-op.
type Ingester interface {
	IngestArticle(ctx context.Context, a event.Article) (store.SaveResult, []event.Event, error)
}

// Watcher polls feeds and ingests their items. It is safe for concurrent
// use: Run polls every feed on its schedule while Status and Metrics
// answer the web server.
type Watcher struct {
	cfg     Config
	feeds   []Feed
	states  StateStore
	ing     Ingester
	fetch   *fetcher
	metrics *Metrics
	log     *slog.Logger
	now     func() time.Time
	rand    func() float64 // uniform in [0, 1), for jitter
}

// New builds a watcher of feeds, keeping its state in states and storing
// articles through ing.
func New(cfg Config, feeds []Feed, states StateStore, ing Ingester, logger *slog.Logger) (*Watcher, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if states == nil || ing == nil {
		return nil, errors.New("feeds: a watcher needs a state store and an ingester")
	}
	seen := map[string]bool{}
	for _, f := range feeds {
		if CanonicalURL(f.URL) == "" {
			return nil, fmt.Errorf("feeds: %q is not an absolute http(s) URL", f.URL)
		}
		if seen[f.URL] {
			return nil, fmt.Errorf("feeds: %s is listed twice", f.URL)
		}
		seen[f.URL] = true
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Watcher{
		cfg: cfg, feeds: feeds, states: states, ing: ing,
		fetch: newFetcher(cfg), metrics: newMetrics(), log: logger,
		now: time.Now, rand: rand.Float64,
	}, nil
}

// Run follows every feed until ctx is cancelled: each is polled when its
// stored NextPoll comes (at once when it is past, or new), then on the
// schedule its poll rules set. A poll in flight at cancellation is
// abandoned: its fetch is cancelled and its feed state left as it was, so
// the next run repeats it (items already stored are skipped). Run returns
// when every feed's loop has stopped.
func (w *Watcher) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for _, f := range w.feeds {
		wg.Go(func() { w.follow(ctx, f) })
	}
	wg.Wait()
	return nil
}

// follow polls one feed until ctx ends or its rules stop it.
func (w *Watcher) follow(ctx context.Context, f Feed) {
	var wait time.Duration
	if st, ok, err := w.states.FeedState(ctx, f.URL); err == nil && ok && st.NextPoll.After(w.now()) {
		wait = st.NextPoll.Sub(w.now())
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		res, err := w.Poll(ctx, f)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			// The state store failed, not the feed: try again later.
			w.log.Error("feed poll", "feed", f.URL, "err", err)
			res.Next = jittered(w.cfg.policy(f.Interval).Interval, w.cfg.Jitter, w.rand())
		case res.Stop:
			w.log.Warn("feed no longer polled", "feed", f.URL, "status", res.Status, "rule", res.Rule, "err", res.Err)
			return
		}
		t.Reset(res.Next)
	}
}

// PollAll polls every feed once, a few at a time, and returns what each
// poll did, in the order of the feeds. The error is the state store's (or
// ctx's), not a feed's: a failing feed's error is in its PollResult.
func (w *Watcher) PollAll(ctx context.Context) ([]PollResult, error) {
	out := make([]PollResult, len(w.feeds))
	errs := make([]error, len(w.feeds))
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i, f := range w.feeds {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i], errs[i] = w.Poll(ctx, f)
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// Status returns the state of every watched feed, in the order given
// (feeds never polled have status new).
func (w *Watcher) Status(ctx context.Context) ([]State, error) {
	out := make([]State, 0, len(w.feeds))
	for _, f := range w.feeds {
		st, ok, err := w.states.FeedState(ctx, f.URL)
		if err != nil {
			return nil, err
		}
		if !ok {
			st = State{URL: f.URL, Status: StatusNew}
		}
		out = append(out, st)
	}
	return out, nil
}

// WriteMetrics writes the watcher's metrics in the Prometheus text format.
func (w *Watcher) WriteMetrics(out io.Writer) error {
	_, err := w.metrics.WriteTo(out)
	return err
}
