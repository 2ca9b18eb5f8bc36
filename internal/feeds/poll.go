package feeds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/ingest"
)

// acceptFeed is the Accept header of feed requests.
const acceptFeed = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"

// PollResult says what one poll of a feed did.
type PollResult struct {
	Feed   string
	Status string // the feed's status after the poll
	Rule   string // the poll rule that decided it
	Next   time.Duration
	Stop   bool  // the feed is not polled again
	Err    error // the feed's error, if the poll failed
	Items  int   // items in the response (0 on 304)
	// Created counts articles stored new; Skipped items already handled;
	// Pending items whose page failed and will be tried again; Rejected
	// items that are no article geoevents can store.
	Created, Skipped, Pending, Rejected int
}

// Poll fetches a feed once, ingests its new and changed items and saves
// its state. The error is the state store's, or ctx's when the poll was
// abandoned (nothing of the feed's state is saved then); the feed's own
// failure is PollResult.Err.
func (w *Watcher) Poll(ctx context.Context, f Feed) (PollResult, error) {
	res := PollResult{Feed: f.URL}
	st, _, err := w.states.FeedState(ctx, f.URL)
	if err != nil {
		return res, fmt.Errorf("feed %s: %w", f.URL, err)
	}
	st.URL = f.URL
	now := w.now()
	resp, out, ferr := w.fetchFeed(ctx, f, &st, &res)
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	d := decidePoll(out, st.Failures, w.cfg.policy(f.Interval))
	st.LastPoll, st.Status, st.Rule, st.Failures = now, d.Status, d.Rule, d.Failures
	st.Articles += int64(res.Created)
	st.Errors += int64(res.Rejected)
	res.Status, res.Rule, res.Stop, res.Err = d.Status, d.Rule, d.Stop, ferr
	w.record(&st, d, out, resp, ferr, res)
	st.NextPoll = time.Time{}
	if !d.Stop {
		res.Next = jittered(d.Delay, w.cfg.Jitter, w.rand())
		st.NextPoll = now.Add(res.Next)
	}
	// The poll is done: its state is saved even if ctx ends now.
	if err := w.states.SaveFeedState(context.WithoutCancel(ctx), st); err != nil {
		return res, fmt.Errorf("feed %s: save state: %w", f.URL, err)
	}
	return res, nil
}

// fetchFeed fetches and reads the feed and handles its items; it returns
// the response, the outcome the poll rules decide on and the feed's
// error. The feed's title and item count go into st.
func (w *Watcher) fetchFeed(ctx context.Context, f Feed, st *State, res *PollResult) (Response, Outcome, error) {
	start := time.Now()
	resp, err := w.fetch.get(ctx, f.URL, st.ETag, st.LastModified, w.cfg.MaxFeedBytes, acceptFeed)
	w.metrics.observeFetch("feed", time.Since(start))
	switch {
	case err != nil:
		return resp, outcomeOf(err), err
	case resp.Status == http.StatusNotModified:
		return resp, Outcome{HTTPStatus: resp.Status}, nil
	}
	pf, err := parseFeed(resp.Body)
	if err != nil {
		return resp, Outcome{HTTPStatus: resp.Status, Kind: KindParse}, &FetchError{URL: f.URL, Kind: KindParse, Err: err}
	}
	st.Title, st.Items, res.Items = pf.title, len(pf.entries), len(pf.entries)
	if err := w.handleEntries(ctx, f, pf.entries, res); err != nil {
		return resp, Outcome{HTTPStatus: resp.Status, Kind: errorKindOr(err, KindIngest)}, err
	}
	return resp, Outcome{HTTPStatus: resp.Status}, nil
}

// record notes a poll's outcome in the feed's state, metrics and log.
func (w *Watcher) record(st *State, d Decision, out Outcome, resp Response, ferr error, res PollResult) {
	if out.failed() {
		st.LastError, st.ErrorKind = ferr.Error(), out.Kind
		st.Errors++
		w.metrics.fail(out.Kind)
		w.metrics.poll("error")
		w.log.Warn("feed poll failed", "feed", st.URL, "kind", out.Kind, "rule", d.Rule, "failures", d.Failures, "err", ferr)
		return
	}
	st.LastError, st.ErrorKind, st.LastSuccess = "", "", st.LastPoll
	if out.HTTPStatus == http.StatusNotModified {
		w.metrics.poll("not-modified")
		return
	}
	w.metrics.poll("ok")
	// With pages still to read, keep no validators: the next poll must
	// see the items again, not a 304.
	st.ETag, st.LastModified = resp.ETag, resp.LastModified
	if res.Pending > 0 {
		st.ETag, st.LastModified = "", ""
	}
	w.log.Info("feed polled", "feed", st.URL, "items", res.Items, "created", res.Created,
		"skipped", res.Skipped, "pending", res.Pending, "rejected", res.Rejected)
}

// outcomeOf turns a fetch error into the poll rules' input.
func outcomeOf(err error) Outcome {
	var fe *FetchError
	if errors.As(err, &fe) {
		return Outcome{HTTPStatus: fe.Status, Kind: fe.Kind, RetryAfter: fe.RetryAfter}
	}
	return Outcome{Kind: "other"}
}

// errorKindOr is err's kind when it is a FetchError, else def.
func errorKindOr(err error, def string) string {
	if k := errorKind(err); k != "other" {
		return k
	}
	return def
}

// handleEntries decides and ingests each entry, oldest first. An item is
// marked handled only after its article is stored, so a crash in between
// repeats the item, and storing it again changes nothing. The error is
// the store's or ctx's: it stops the poll.
func (w *Watcher) handleEntries(ctx context.Context, f Feed, entries []entry, res *PollResult) error {
	for _, e := range entries {
		if err := w.handleEntry(ctx, f, e, res); err != nil {
			return err
		}
	}
	return nil
}

func (w *Watcher) handleEntry(ctx context.Context, f Feed, e entry, res *PollResult) error {
	prev, seen, err := w.states.Item(ctx, f.URL, e.key)
	if err != nil {
		return fmt.Errorf("item %s: %w", e.key, err)
	}
	facts := itemFacts{
		seen: seen, sameHash: seen && prev.Hash == e.hash, prevStatus: prev.Status,
		maxAttempts: w.cfg.PageAttempts,
		hasText:     e.text != "", teaser: len(e.text) < w.cfg.MinArticleChars,
		hasLink: e.link != "", noFetch: w.cfg.NoFetch,
	}
	if facts.sameHash {
		facts.attempts = prev.Attempts
	}
	rule, act := decideItem(facts)
	w.metrics.item(rule)
	it := Item{FeedURL: f.URL, Key: e.key, Hash: e.hash, URL: e.link, Status: ItemIngested, Attempts: facts.attempts}
	art := event.NewArticle(e.title, e.text, e.link, e.source, e.published)
	switch act {
	case actSkip:
		res.Skipped++
		return nil
	case actOwnText:
		if rule == "page-gave-up" {
			it.Status = ItemSummaryOnly
			it.LastError = prev.LastError
		}
	case actFetchPage:
		p, err := w.fetchPage(ctx, e.link)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			return w.pageFailed(ctx, it, e, err, res)
		}
		it.URL, it.Byline = p.url, p.byline
		title, published := e.title, e.published
		if title == "" {
			title = p.title
		}
		if published.IsZero() {
			published = p.published
		}
		art = event.NewArticle(title, p.text, p.url, e.source, published)
	}
	return w.ingestItem(ctx, it, art, res)
}

// pageFailed records a page that could not be read: tried again at the
// next polls, until PageAttempts; a page that is no article is not asked
// again, and the feed's own text is stored instead.
func (w *Watcher) pageFailed(ctx context.Context, it Item, e entry, err error, res *PollResult) error {
	kind := errorKind(err)
	w.metrics.fail(kind)
	it.Attempts++
	it.LastError = err.Error()
	if kind == KindNotArticle {
		it.Attempts = max(it.Attempts, w.cfg.PageAttempts)
	}
	w.log.Warn("article page failed", "page", e.link, "kind", kind, "attempts", it.Attempts, "err", err)
	if it.Attempts < w.cfg.PageAttempts {
		it.Status = ItemPending
		it.SeenAt = w.now()
		res.Pending++
		if err := w.states.SaveItem(ctx, it); err != nil {
			return fmt.Errorf("item %s: %w", it.Key, err)
		}
		return nil
	}
	it.Status = ItemSummaryOnly
	return w.ingestItem(ctx, it, event.NewArticle(e.title, e.text, e.link, e.source, e.published), res)
}

// ingestItem stores the article and then marks the item handled.
func (w *Watcher) ingestItem(ctx context.Context, it Item, art event.Article, res *PollResult) error {
	saved, events, err := w.ing.IngestArticle(ctx, art)
	switch {
	case err != nil && ingest.IsInputError(err):
		w.metrics.fail(KindRejected)
		w.log.Warn("feed item rejected", "item", it.Key, "err", err)
		it.Status, it.LastError = ItemRejected, err.Error()
		res.Rejected++
	case err != nil:
		return &FetchError{URL: it.Key, Kind: KindIngest, Err: err}
	default:
		it.ArticleID = saved.Article.ID
		changed := saved.Created || saved.Replaced || saved.Rederived
		var lag time.Duration
		if !art.Published.IsZero() {
			lag = w.now().Sub(art.Published)
		}
		w.metrics.ingested(changed, len(events), lag)
		if saved.Created {
			res.Created++
		}
	}
	it.SeenAt = w.now()
	if err := w.states.SaveItem(ctx, it); err != nil {
		return fmt.Errorf("item %s: %w", it.Key, err)
	}
	return nil
}
