// Package app assembles geoevents from its parts: it opens the store and,
// when a path first needs them, loads the built-in gazetteer (extended by
// places the user imported) and builds the geoparser and the ingester; it
// builds the HTTP server on top. The CLI and the end-to-end tests both
// start from here, so they run the same wiring.
package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"sync"

	"geoevents/gazetteer"
	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/geoparse"
	"geoevents/internal/ingest"
	"geoevents/internal/store"
	_ "geoevents/internal/store/all" // the backends store.Open chooses from
	"geoevents/web"
)

// Config is what App needs to open.
type Config struct {
	// DBPath is the store's DSN: a SQLite file path, or a PostgreSQL URL
	// (postgres://user:pass@host:5432/db) for PostGIS.
	DBPath string
	// ReadOnly opens the store read-only (store.OpenOptions.ReadOnly).
	ReadOnly bool
	// CacheBytes bounds the database's page caches in this process
	// (store.OpenOptions.CacheBytes); 0: the backend's default.
	CacheBytes int64
	Logger     *slog.Logger
	// BeforeGazetteer, when set, is called once, before the gazetteer
	// loads (serve raises the heap's soft limit then: the gazetteer keeps
	// 152 MB live, and a limit below that stalls the load in collections).
	BeforeGazetteer func()
}

// App holds geoevents' long-lived parts. The gazetteer (about 90 MB and a
// quarter of a second to load) is loaded only by the paths that geoparse
// or search places: serving the API and map starts without it.
type App struct {
	Store  store.Store
	Logger *slog.Logger

	loaded func() (loaded, error) // loads the gazetteer once
}

// loaded are the parts App builds on first use.
type loaded struct {
	gz *gazetteer.Gazetteer
	in *ingest.Ingester
}

// Open opens the database at cfg.DBPath (creating it if needed).
func Open(ctx context.Context, cfg Config) (*App, error) {
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if cfg.DBPath == "" {
		return nil, errors.New("app: no database path")
	}
	st, err := store.OpenWith(ctx, cfg.DBPath, store.OpenOptions{ReadOnly: cfg.ReadOnly, CacheBytes: cfg.CacheBytes})
	if err != nil {
		return nil, err
	}
	a := &App{Store: st, Logger: logger}
	a.loaded = sync.OnceValues(func() (loaded, error) {
		if cfg.BeforeGazetteer != nil {
			cfg.BeforeGazetteer()
		}
		// Not the caller's context: the one load serves every later caller.
		gz, err := LoadGazetteer(context.WithoutCancel(ctx), st)
		if err != nil {
			return loaded{}, err
		}
		logger.Info("gazetteer loaded", "places", gz.Len())

		return loaded{gz, &ingest.Ingester{Parser: geoparse.New(gz), Store: st, Logger: logger}}, nil
	})
	return a, nil
}

// Gazetteer returns the gazetteer, extended with the places imported into
// the database, loading it on first use.
func (a *App) Gazetteer() (*gazetteer.Gazetteer, error) {
	l, err := a.loaded()
	return l.gz, err
}

// Ingester returns the article ingester (geoparser over the gazetteer,
// storing into the database), building it on first use.
func (a *App) Ingester() (*ingest.Ingester, error) {
	l, err := a.loaded()
	return l.in, err
}

// LoadGazetteer loads the embedded gazetteer and adds the places imported
// into st, so a user's full GeoNames dump extends the built-in data.
func LoadGazetteer(ctx context.Context, st store.PlaceStore) (*gazetteer.Gazetteer, error) {
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

// Server builds the HTTP server over this App's store; the gazetteer and
// the ingester load when a request first needs them.
func (a *App) Server(cfg web.Config) (*web.Server, error) {
	return web.New(cfg, a.Store, lazyPlaces{a}, lazyIngester{a}, a.Logger)
}

// lazyPlaces searches the gazetteer, loading it on first use.
type lazyPlaces struct{ a *App }

func (l lazyPlaces) Prefix(prefix string, limit int) []gazetteer.Candidate {
	gz, err := l.a.Gazetteer()
	if err != nil {
		l.a.Logger.Error("gazetteer", "err", err)
		return nil
	}
	return gz.Prefix(prefix, limit)
}

func (l lazyPlaces) Towns(box geo.BBox, limit int) []*gazetteer.Place {
	gz, err := l.a.Gazetteer()
	if err != nil {
		l.a.Logger.Error("gazetteer", "err", err)
		return nil
	}
	return gz.Towns(box, limit)
}

// lazyIngester ingests through the ingester, building it on first use.
type lazyIngester struct{ a *App }

func (l lazyIngester) IngestArticle(ctx context.Context, art event.Article) (store.SaveResult, []event.Event, error) {
	in, err := l.a.Ingester()
	if err != nil {
		return store.SaveResult{}, nil, err
	}
	return in.IngestArticle(ctx, art)
}

// Close releases the database.
func (a *App) Close() error { return a.Store.Close() }

// IngestPaths ingests article files or directories; it fails when any input
// failed, after ingesting all the others.
func (a *App) IngestPaths(ctx context.Context, paths ...string) error {
	in, err := a.Ingester()
	if err != nil {
		return err
	}
	_, err = allIngested(in.IngestPaths(ctx, paths, ingest.Options{}))
	return err
}

// IngestFS ingests the article files of fsys (the embedded sample corpus);
// it fails when any of them failed, after ingesting all the others.
func (a *App) IngestFS(ctx context.Context, fsys fs.FS) (ingest.Summary, error) {
	in, err := a.Ingester()
	if err != nil {
		return ingest.Summary{}, err
	}
	return allIngested(in.IngestFS(ctx, fsys, ingest.Options{}))
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
