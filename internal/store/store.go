// Package store defines what geoevents needs from its database: saving an
// article with its events atomically, bulk-importing events, and querying
// them by area, time, type and text. Two backends implement it: SQLite
// (store/sqlite, one file) and PostgreSQL with PostGIS (store/postgis);
// Open picks one by DSN, and the contract suite in store/storetest holds
// both to the behaviour documented here.
//
// The contract, where an implementation could otherwise choose:
//   - coordinates are kept and served at micro-degree precision (6
//     decimals); areas are tested on those coordinates;
//   - ids order by their bytes; every order is total (ties by id);
//   - undated events come after every dated one, in both date orders;
//   - Text reads no query syntax: see Filter.Text.
package store

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/paulmach/orb"

	"geoevents/gazetteer"
	"geoevents/geo"
	"geoevents/internal/event"
)

// ErrNotFound is returned when a requested event or article does not exist.
var ErrNotFound = errors.New("not found")

// ErrInvalidFilter is wrapped by errors about a Filter that cannot be run
// (bad sort, negative limit, malformed polygon, invalid box or circle), so
// callers can answer 400 without string matching.
var ErrInvalidFilter = errors.New("invalid filter")

// Sort orders for event queries.
const (
	SortDateDesc = "-date"    // default: newest first, undated last
	SortDateAsc  = "date"     // oldest first, undated last
	SortScore    = "score"    // highest score first
	SortDistance = "distance" // nearest first (geo.DistanceKm); only with Filter.Near
)

// Filter selects events. Zero fields do not filter. All set fields combine with AND.
type Filter struct {
	// BBox: edges included; MinLon > MaxLon crosses the antimeridian.
	BBox *geo.BBox
	// Near: within RadiusKm by geo.DistanceKm.
	Near *geo.Circle
	// Within is an orb.Polygon or orb.MultiPolygon, WGS84, read as
	// geo.NormalizeMultiPolygon reads it (rings may cross the
	// antimeridian) and tested as geo.Region tests points: edges of outer
	// rings included, edges of holes excluded.
	Within    orb.Geometry
	From, To  time.Time // event date range, inclusive from, exclusive to, whole seconds; zero = open; undated events match only when both are open
	Types     []string
	SubTypes  []string
	Countries []string // ISO alpha-2, upper case
	Place     string   // place id, or place name (ASCII letters in any case)
	Article   string   // article id
	// Actors keeps the events naming any of these actors (ACLED-style
	// names, "Islamic State"), matched whole, trimmed and case folded.
	Actors []string
	// Text searches article title and sentence: whitespace separates
	// tokens; every word (run of letters and digits) must occur, those of
	// one token one after the other ("al-Bab"); case and diacritics are
	// ignored, English inflections match where the backend stems
	// ("killed" finds "killing"); nothing is query syntax (quotes, OR, *,
	// NEAR are words or separators); text without a word matches nothing.
	Text     string
	MinScore float64
	IDs      []string
	// Mentions includes plain mentions (type Mention: a place named where
	// nothing happens) when Types is empty; by default only events are
	// matched. With Types set, the types listed decide.
	Mentions bool
	// MaxPrecision keeps the events whose geo_precision (ACLED's: 1 the
	// place itself, 2 near it or a part of a region, 3 a province or
	// country standing for an unknown place in it) is at most this, with
	// 0 (unknown) counted as exact; 0 keeps every precision. 1 to 3 are
	// valid.
	MaxPrecision int

	Limit  int // 0 = no limit (streaming export only)
	Offset int
	Sort   string
}

// MaxGeoPrecision is the coarsest geo_precision Filter.MaxPrecision takes:
// ACLED's 3, a province or country standing for an unknown place in it.
const MaxGeoPrecision = 3

// CheckPrecision is the error of a Filter.MaxPrecision outside 0 (any)
// to MaxGeoPrecision, nil within.
func CheckPrecision(p int) error {
	if p < 0 || p > MaxGeoPrecision {
		return fmt.Errorf("%w: precision %d (want 1, 2 or 3)", ErrInvalidFilter, p)
	}
	return nil
}

// Page is one page of query results.
type Page struct {
	Events        []event.Event
	NumberMatched int64
}

// SaveResult says what SaveArticle did.
type SaveResult struct {
	Article  event.Article
	Created  bool // false: identical article already stored, nothing changed
	Replaced bool // an article with the same URL but other text was replaced
	// Rederived: the same article was stored with events from another
	// version of the extraction rules; they were replaced by these.
	Rederived bool
	Events    int
}

// ArticleEvents is one article with the events derived from it, for
// SaveArticles.
type ArticleEvents struct {
	Article event.Article
	Events  []event.Event
}

// Stats are counts for the map's legend and timeline.
type Stats struct {
	Total     int64            `json:"total"`
	ByType    map[string]int64 `json:"by_type"`
	ByCountry map[string]int64 `json:"by_country"`
	ByDay     []DayCount       `json:"by_day"`
}

// DayCount is the number of events on one day (YYYY-MM-DD).
type DayCount struct {
	Day   string `json:"day"`
	Count int64  `json:"count"`
}

// Cell is one cell of an aggregate (Store.Aggregate): the matching events
// of one grid cell, drawn at their mean position.
type Cell struct {
	Lon, Lat   float64  // mean position of the cell's events
	Bounds     geo.BBox // the grid cell
	Count      int64
	Fatalities int64
	// Type is the cell's most frequent event type (ties: the first by name).
	Type string
	// Types counts the cell's events by type.
	Types map[string]int64
}

// MaxAggregateLevel is the finest level Store.Aggregate accepts.
const MaxAggregateLevel = 16

// CheckAggregateLevel is the error of an Aggregate level outside
// 0…MaxAggregateLevel, wrapping ErrInvalidFilter; nil for a valid one.
func CheckAggregateLevel(level int) error {
	if level < 0 || level > MaxAggregateLevel {
		return fmt.Errorf("aggregate: %w: level %d is not within 0…%d", ErrInvalidFilter, level, MaxAggregateLevel)
	}
	return nil
}

// Extent is the spatial and temporal extent of all stored events.
type Extent struct {
	Count    int64
	BBox     geo.BBox  // valid only when Count > 0
	From, To time.Time // zero when no event has a date
}

// ArticleFilter selects articles.
type ArticleFilter struct {
	Limit, Offset int
	Text          string
}

// Store is the storage geoevents needs. Implementations are safe for
// concurrent use; readers never see half an article.
type Store interface {
	// SaveArticle stores an article and all its events in one transaction.
	// The same text again is a no-op unless Article.Extractor differs from
	// the stored one: then the article's events are replaced (re-derived
	// by newer rules). A changed text at the same URL replaces the old
	// article and its events.
	SaveArticle(ctx context.Context, a event.Article, events []event.Event) (SaveResult, error)
	// SaveArticles saves each article of the batch as SaveArticle would,
	// all in one transaction: every article is saved, or none (the error
	// names the article that failed). Results are in batch order.
	SaveArticles(ctx context.Context, batch []ArticleEvents) ([]SaveResult, error)
	// ImportEvents stores already geocoded events (no article) in one
	// transaction, streaming: the first error from the sequence (or the
	// database) rolls everything back, so a bad file leaves nothing behind.
	// Events whose ID exists, or repeats one earlier in the sequence, are
	// skipped (the first wins). It returns how many were new.
	ImportEvents(ctx context.Context, events iter.Seq2[event.Event, error]) (int, error)

	// Events returns one page of the matches and how many match in all;
	// NumberMatched is exact. The order is total (ties broken by event id),
	// so pages of one filter are disjoint.
	Events(ctx context.Context, f Filter) (Page, error)
	// EachEvent streams every matching event in order without holding them
	// all in memory; fn's error stops the iteration and is returned.
	EachEvent(ctx context.Context, f Filter, fn func(*event.Event) error) error
	Event(ctx context.Context, id string) (event.Event, error)

	Articles(ctx context.Context, f ArticleFilter) ([]event.Article, int64, error)
	Article(ctx context.Context, id string) (event.Article, []event.Event, error)

	Stats(ctx context.Context, f Filter) (Stats, error)
	// Aggregate groups the events matching f (Limit, Offset, Sort
	// ignored) into the cells of a grid of 2^level × 2^level cells over
	// lon -180…180 × lat -90…90 (level 0 … MaxAggregateLevel): count,
	// fatalities and dominant type per non-empty cell, for maps at scale.
	Aggregate(ctx context.Context, f Filter, level int) ([]Cell, error)
	// Weekly counts the dated events matching f (Limit, Offset, Sort
	// ignored) per week (WeekDay) and type, weeks ascending; undated
	// events are left out.
	Weekly(ctx context.Context, f Filter) ([]WeekCount, error)
	Extent(ctx context.Context) (Extent, error)

	PlaceStore

	Close() error
}

// PlaceStore keeps the gazetteer places a user imported (a GeoNames dump),
// which extend the built-in gazetteer: what the gazetteer's loader and
// `places import` need of a database, and nothing else.
type PlaceStore interface {
	// SavePlaces stores user-imported gazetteer places (one transaction);
	// Places returns them all, to extend the built-in gazetteer at start-up.
	SavePlaces(ctx context.Context, places []gazetteer.Place, altNames map[int64][]string) (int, error)
	Places(ctx context.Context, fn func(p gazetteer.Place, altNames []string) error) error
}

// SaveAction is what saving an article does, given what the store holds
// under its ID (see Store.SaveArticle).
type SaveAction int

// The actions of DecideSave.
const (
	SaveUnchanged SaveAction = iota // same text, same rules: nothing to do
	SaveRederive                    // same text, other rules: its events are replaced
	SaveNew                         // not stored: inserted (replacing an article at its URL)
)

// DecideSave is the one rule of SaveArticle every backend follows: stored
// says an article with the ID exists, storedRules is its Extractor and
// rules the new one's ("" for rules unknown: never re-derives).
func DecideSave(stored bool, storedRules, rules string) SaveAction {
	switch {
	case !stored:
		return SaveNew
	case rules == "" || rules == storedRules:
		return SaveUnchanged
	}
	return SaveRederive
}
