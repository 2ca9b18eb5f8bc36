// Package app assembles geoevents from its parts: it opens the store, loads
// the built-in gazetteer (extended by places the user imported), and builds
// the geoparser, the ingester and the HTTP server on top. The CLI and the
// end-to-end tests both start from here, so they run the same wiring.
package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"

	"geoevents/gazetteer"
	"geoevents/internal/geoparse"
	"geoevents/internal/ingest"
	"geoevents/internal/store"
	"geoevents/internal/store/sqlite"
	"geoevents/web"
)

// Config is what App needs to open.
type Config struct {
	DBPath string
	Logger *slog.Logger
}

// App holds geoevents' long-lived parts.
type App struct {
	Store     *sqlite.Store
	Gazetteer *gazetteer.Gazetteer
	Parser    *geoparse.Parser
	Ingester  *ingest.Ingester
	Logger    *slog.Logger
}

// Open opens the database at cfg.DBPath (creating it if needed) and loads
// the gazetteer, extended with any places imported into that database.
func Open(ctx context.Context, cfg Config) (*App, error) {
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if cfg.DBPath == "" {
		return nil, errors.New("app: no database path")
	}
	st, err := sqlite.Open(ctx, cfg.DBPath)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", cfg.DBPath, err)
	}
	gz, err := LoadGazetteer(ctx, st)
	if err != nil {
		st.Close()
		return nil, err
	}
	parser := geoparse.New(gz)
	return &App{
		Store:     st,
		Gazetteer: gz,
		Parser:    parser,
		Ingester:  &ingest.Ingester{Parser: parser, Store: st, Logger: logger},
		Logger:    logger,
	}, nil
}

// LoadGazetteer loads the embedded gazetteer and adds the places imported
// into st, so a user's full GeoNames dump extends the built-in data.
func LoadGazetteer(ctx context.Context, st store.Store) (*gazetteer.Gazetteer, error) {
	gz, err := gazetteer.Load()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	var extra []gazetteer.Place
	alt := map[int64][]string{}
	err = st.Places(ctx, func(p gazetteer.Place, names []string) error {
		extra = append(extra, p)
		if len(names) > 0 {
			alt[p.ID] = names
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load imported places: %w", err)
	}
	if len(extra) > 0 {
		gz.Add(extra, alt)
	}
	return gz, nil
}

// Server builds the HTTP server over this App's store, gazetteer and ingester.
func (a *App) Server(cfg web.Config) (*web.Server, error) {
	return web.New(cfg, a.Store, a.Gazetteer, a.Ingester, a.Logger)
}

// Close releases the database.
func (a *App) Close() error { return a.Store.Close() }

// IngestPaths ingests article files or directories; it fails when any input
// failed, after ingesting all the others.
func (a *App) IngestPaths(ctx context.Context, paths ...string) error {
	_, err := allIngested(a.Ingester.IngestPaths(ctx, paths, ingest.Options{}))
	return err
}

// IngestFS ingests the article files of fsys (the embedded sample corpus);
// it fails when any of them failed, after ingesting all the others.
func (a *App) IngestFS(ctx context.Context, fsys fs.FS) (ingest.Summary, error) {
	return allIngested(a.Ingester.IngestFS(ctx, fsys, ingest.Options{}))
}

// allIngested turns failed inputs into an error: for the demo and the
// tests, every bundled article must ingest.
func allIngested(sum ingest.Summary, err error) (ingest.Summary, error) {
	if err != nil {
		return sum, err
	}
	if len(sum.Failed) > 0 {
		return sum, fmt.Errorf("ingest: %d inputs failed, first: %v", len(sum.Failed), sum.Failed[0])
	}
	return sum, nil
}
