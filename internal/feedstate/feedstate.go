// Package feedstate is what geoevents keeps about the feeds it follows:
// each feed's validators, schedule and health, and each item it has
// handled with the content hash it had. Package feeds reads and writes it
// through StateStore; store backends implement it (the SQLite one is
// sqlite.FeedStates), proven by the contract suite in feedstate/statetest.
// It depends on nothing else of geoevents, so backends need not import
// the feed reader.
package feedstate

import (
	"context"
	"time"
)

// Feed statuses, as /api/feeds shows them.
const (
	StatusNew        = "new"         // never polled
	StatusOK         = "ok"          // the last poll succeeded (new items or 304)
	StatusBackingOff = "backing-off" // the last poll failed; the next waits longer
	StatusGone       = "gone"        // 410 Gone: not polled again
	StatusGivenUp    = "given-up"    // too many failures in a row: not polled again until restart
)

// Item statuses.
const (
	ItemIngested    = "ingested"     // stored as an article (or found stored already)
	ItemSummaryOnly = "summary-only" // its page could not be read; the feed's own text was stored
	ItemPending     = "pending"      // its page failed; it is tried again at the next poll
	ItemRejected    = "rejected"     // not an article geoevents can store (empty, too large, bad URL)
)

// State is what the database keeps about one feed between polls.
type State struct {
	URL   string `json:"url"`
	Title string `json:"title,omitempty"`
	// ETag and LastModified are the validators of the last full response,
	// sent back as If-None-Match and If-Modified-Since.
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastPoll     time.Time `json:"last_poll,omitzero"`
	LastSuccess  time.Time `json:"last_success,omitzero"`
	NextPoll     time.Time `json:"next_poll,omitzero"`
	Status       string    `json:"status"`
	// Rule names the poll rule that set Status and NextPoll.
	Rule string `json:"rule,omitempty"`
	// Failures counts failed polls in a row.
	Failures  int    `json:"failures"`
	LastError string `json:"last_error,omitempty"`
	ErrorKind string `json:"error_kind,omitempty"`
	// Items is how many items the last full response held.
	Items int `json:"items"`
	// Articles counts the articles this feed's items created, Errors the
	// failed polls and items, over the feed's whole life.
	Articles int64 `json:"articles"`
	Errors   int64 `json:"errors"`
}

// Item is what the database keeps about one item of one feed.
type Item struct {
	FeedURL string
	// Key identifies the story: its canonical link, or the feed's GUID
	// when it has no link.
	Key string
	// Hash is the content hash of the item as the feed gave it: a changed
	// hash is an updated story, read again.
	Hash      string
	ArticleID string
	// URL is the article's canonical URL (the page's, when it was fetched).
	URL       string
	Byline    string
	Status    string
	Attempts  int // page fetches that failed
	LastError string
	SeenAt    time.Time
}

// StateStore keeps feed state in the database. Implementations are safe
// for concurrent use; see the package comment.
type StateStore interface {
	// FeedState returns the state of the feed at url; ok is false (and the
	// state zero but for URL and Status new) when it was never saved.
	FeedState(ctx context.Context, url string) (st State, ok bool, err error)
	// SaveFeedState inserts or replaces a feed's state.
	SaveFeedState(ctx context.Context, st State) error
	// FeedStates returns every feed's state, ordered by URL.
	FeedStates(ctx context.Context) ([]State, error)
	// Item returns what is known of the item key of feed feedURL.
	Item(ctx context.Context, feedURL, key string) (it Item, ok bool, err error)
	// SaveItem inserts or replaces an item.
	SaveItem(ctx context.Context, it Item) error
}

// Keeper is a store backend that keeps feed state in its own database;
// the app asks its store for one, so the feed watcher names no backend.
type Keeper interface {
	// OpenFeedStates returns the backend's StateStore, creating what it
	// needs in the database if missing.
	OpenFeedStates(ctx context.Context) (StateStore, error)
}
