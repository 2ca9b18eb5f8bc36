// Package ingest reads news articles (text, Markdown with front matter, JSON,
// JSON Lines), geoparses them into typed, dated events and stores each
// article with its events atomically; it also imports already geocoded
// events (ACLED-style CSV, GeoJSON, GeoJSON Lines) in one transaction per
// file. Bad input is reported with its file and line and never stored in
// part.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"geoevents/internal/event"
	"geoevents/internal/extract"
	"geoevents/internal/geoparse"
	"geoevents/internal/store"
)

// Geoparser finds and resolves the place mentions of a text;
// *geoparse.Parser implements it.
type Geoparser interface {
	Parse(ctx context.Context, text string) ([]geoparse.Mention, error)
}

// Ingester geoparses articles into events and stores them. The zero value
// is not usable: Parser and Store are required. It is safe for concurrent
// use (IngestArticle from many HTTP requests); the store serialises writes.
type Ingester struct {
	Parser Geoparser
	Store  store.Store
	Logger *slog.Logger // nil: no logs
	// MaxArticleBytes limits one article; 0 means DefaultMaxArticleBytes.
	MaxArticleBytes int64
	// MaxEventsPerArticle caps the events (typed events and plain
	// mentions) stored for one article; 0 means DefaultMaxEventsPerArticle.
	MaxEventsPerArticle int
	// BuildBudget bounds the time event building spends on one article;
	// 0 means DefaultBuildBudget.
	BuildBudget time.Duration
	// Workers is how many articles are geoparsed at once by IngestPaths;
	// 0 means GOMAXPROCS.
	Workers int
}

var (
	errNoParser = errors.New("ingest: the Ingester has no Parser")
	errNoStore  = errors.New("ingest: the Ingester has no Store")
)

func (in *Ingester) logger() *slog.Logger {
	if in.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return in.Logger
}

func (in *Ingester) maxBytes() int64 {
	if in.MaxArticleBytes > 0 {
		return in.MaxArticleBytes
	}
	return DefaultMaxArticleBytes
}

func (in *Ingester) workers() int {
	if in.Workers > 0 {
		return in.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// Validate checks an article before it is geoparsed: its text must be
// non-empty, valid UTF-8 (title, URL and source too) and within the size
// limit, its URL empty or http(s). Errors wrap ErrEmptyArticle,
// ErrInvalidUTF8, ErrTooLarge or ErrInvalidRecord.
func (in *Ingester) Validate(a event.Article) error {
	if int64(len(a.Text)) > in.maxBytes() {
		return fmt.Errorf("article %q: %w: %d bytes, the limit is %d", truncate(a.Title, 60), ErrTooLarge, len(a.Text), in.maxBytes())
	}
	for _, f := range []struct{ name, v string }{{"title", a.Title}, {"text", a.Text}, {"url", a.URL}, {"source", a.Source}} {
		if !utf8.ValidString(f.v) {
			if line, msg := invalidUTF8([]byte(f.v), 1); msg != "" {
				return fmt.Errorf("article %s: %w: %s (line %d)", f.name, ErrInvalidUTF8, msg, line)
			}
		}
	}
	if strings.TrimSpace(a.Text) == "" {
		return fmt.Errorf("article %q: %w", truncate(a.Title, 60), ErrEmptyArticle)
	}
	if err := CheckURL(a.URL); err != nil {
		return fmt.Errorf("article %q: %w", truncate(a.Title, 60), err)
	}
	return nil
}

// Events geoparses an article and builds its events, without storing them.
// The article's ID is set from its text when empty.
func (in *Ingester) Events(ctx context.Context, a event.Article) (event.Article, []event.Event, error) {
	if in.Parser == nil {
		return a, nil, errNoParser
	}
	if err := in.Validate(a); err != nil {
		return a, nil, err
	}
	if a.ID == "" {
		a = event.NewArticle(a.Title, a.Text, a.URL, a.Source, a.Published)
	}
	a.Extractor = extract.Version
	if a.Published.IsZero() {
		in.logger().WarnContext(ctx, "article without a date", "title", truncate(a.Title, 60), "url", a.URL, "dating", UndatedWarning)
	}
	mentions, read, err := in.parse(ctx, a.Text)
	if err != nil {
		return a, nil, fmt.Errorf("geoparse %q: %w", truncate(a.Title, 60), err)
	}
	lim := extract.Limits{Read: read, MaxPlaces: in.maxEvents()}
	if read < len(a.Text) || len(mentions) > lim.MaxPlaces {
		in.logger().Warn("article read in part: its events come from the text up to where the geoparser stopped or the event cap's place",
			"article", truncate(a.Title, 60), "bytes", len(a.Text), "geoparsed", read, "mentions", len(mentions), "cap", lim.MaxPlaces)
	}
	bctx, cancel := context.WithTimeout(ctx, in.buildBudget())
	events, complete := extract.BuildLimited(bctx, a, mentions, lim)
	cancel()
	if seats, ok := in.Parser.(extract.SeatFinder); ok {
		extract.AtSeats(events, seats)
	}
	if capitals, ok := in.Parser.(extract.CapitalFinder); ok {
		extract.AtCapitals(events, capitals)
	}
	if towns, ok := in.Parser.(extract.TownFinder); ok {
		extract.AtDistrictTowns(events, towns)
	}
	if !complete {
		in.logger().Warn("article took longer than the build budget; its events come from the part read in time",
			"article", truncate(a.Title, 60), "bytes", len(a.Text), "budget", in.buildBudget())
	}
	if kept, dropped := capEvents(events, in.maxEvents()); dropped > 0 {
		in.logger().Warn("article has more events than the cap; kept the first, typed events before mentions",
			"article", truncate(a.Title, 60), "events", len(events), "kept", len(kept), "cap", in.maxEvents())
		events = kept
	}
	return a, events, nil
}

// parse geoparses text and says how far it was read (see
// geoparse.Parser.ParseRead): len(text) for a parser that does not say.
func (in *Ingester) parse(ctx context.Context, text string) ([]geoparse.Mention, int, error) {
	if p, ok := in.Parser.(interface {
		ParseRead(context.Context, string) ([]geoparse.Mention, int, error)
	}); ok {
		return p.ParseRead(ctx, text)
	}
	ms, err := in.Parser.Parse(ctx, text)
	return ms, len(text), err
}

// IngestArticle geoparses one article, builds its events and saves the
// article with all its events in one transaction (the same text again is a
// no-op; a changed text at the same URL replaces the old events). Bad input
// fails with an error wrapping ErrEmptyArticle, ErrInvalidUTF8 or
// ErrTooLarge (see IsInputError) before anything is stored.
func (in *Ingester) IngestArticle(ctx context.Context, a event.Article) (store.SaveResult, []event.Event, error) {
	if in.Store == nil {
		return store.SaveResult{}, nil, errNoStore
	}
	a, events, err := in.Events(ctx, a)
	if err != nil {
		return store.SaveResult{}, nil, err
	}
	res, err := in.Store.SaveArticle(ctx, a, events)
	if err != nil {
		return res, nil, fmt.Errorf("save article %q: %w", truncate(a.Title, 60), err)
	}
	return res, events, nil
}
