package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"geoevents/gazetteer"
	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// Defaults for Config fields left zero.
const (
	DefaultMaxBodyBytes     = 2 << 20
	DefaultTilesURL         = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
	DefaultTilesAttribution = `&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors`
)

// Config configures the HTTP server.
type Config struct {
	Addr string
	// BaseURL is the external URL used for absolute links (e.g.
	// https://events.example.org); empty derives it from each request's
	// Host and scheme.
	BaseURL string
	// Token is the bearer token writes need (GEOEVENTS_TOKEN).
	Token string
	// AllowAnonymousWrites lets writes through when no Token is set.
	AllowAnonymousWrites bool
	// TilesURL is the online tile layer template (default OpenStreetMap).
	TilesURL         string
	TilesAttribution string
	// Dev serves the map assets from AssetsDir on disk.
	Dev       bool
	AssetsDir string
	// MaxBodyBytes caps request bodies (default 2 MB).
	MaxBodyBytes int64
	Version      string
	// CacheTTL is how long identical GET queries (/api/events, items,
	// features, stats) share one cached response: 0 means
	// DefaultCacheTTL (1 s), negative disables the cache. Writes through
	// this server clear it; writes by other processes show once the TTL
	// has passed and one background refresh has run (an expired page is
	// served meanwhile, never more than 5×TTL past its expiry).
	CacheTTL time.Duration
	// ReadTimeout bounds reading a whole request, body included (default
	// 60 s): a slower body is answered 408.
	ReadTimeout time.Duration
	// WriteTimeout bounds writing a response (default 2 min); streamed
	// exports lift it.
	WriteTimeout time.Duration
	// QueryTimeout is every request's deadline but streamed exports'
	// (default 30 s): past it the answer is a 503 JSON error. It must end
	// at least 1.5 s before WriteTimeout.
	QueryTimeout time.Duration
	// MaxCostly caps the costly requests (polygon searches, exports)
	// running at once (default: one per core), so cheap reads keep a
	// database connection; AdmissionWait is how long one waits for a slot
	// before a 503 (default 1 s).
	MaxCostly     int
	AdmissionWait time.Duration
	// WriteRate is the writes a second one client address may make on
	// average, WriteBurst how many above it at once (defaults 5 and 20);
	// a negative WriteRate turns the limit off.
	WriteRate  float64
	WriteBurst int
	// PolygonBudget is the most event-vertex tests one polygon search may
	// cost (default DefaultPolygonBudget, measured to answer in < 1 s).
	PolygonBudget int64
	// AccessLog says which requests get an access log line: off, errors
	// (failed and slow), sample (those and 1 in 100 of the rest; the
	// default) or all.
	AccessLog string
	// SlowQuery is the duration from which a store query is logged with
	// its plan (default DefaultSlowQuery); negative turns the log off.
	SlowQuery time.Duration
	// Feeds, when set, answers /api/feeds and adds feed metrics to /metrics.
	Feeds FeedMonitor
	// LiveInterval is how often /api/live checks for new events (default
	// DefaultLiveInterval).
	LiveInterval time.Duration
}

// PlaceFinder finds gazetteer places by name prefix, for autocomplete,
// and the towns of a box, for the map's labels; *gazetteer.Gazetteer is
// one.
type PlaceFinder interface {
	Prefix(prefix string, limit int) []gazetteer.Candidate
	Towns(box geo.BBox, limit int) []*gazetteer.Place
}

// ArticleIngester geoparses, stores and returns an article with its events.
type ArticleIngester interface {
	IngestArticle(ctx context.Context, a event.Article) (store.SaveResult, []event.Event, error)
}

// Server is geoevents' HTTP server. Its handlers are methods holding the
// store, gazetteer, ingester and logger.
type Server struct {
	cfg    Config
	base   *url.URL // parsed cfg.BaseURL, nil when derived per request
	st     store.Store
	gz     PlaceFinder
	ing    ArticleIngester
	log    *slog.Logger
	assets fs.FS
	e      *echo.Echo
	now    func() time.Time // clock for timeStamp; tests fix it
	tmpl   *template.Template
	cache  *respCache    // nil when disabled
	costly chan struct{} // admission slots of costly routes
	cop    *http.CrossOriginProtection
	writes middleware.RateLimiterStore // nil when writes are not limited
	access *accessLog
	// liveStop ends /api/live streams at shutdown.
	liveStop *liveStop
}

// New builds a server over st. gz and ing may be nil: place search then
// answers 503 and writes are refused with 503. Neither is used before a
// request needs it, so they may load lazily (see internal/app).
func New(cfg Config, st store.Store, gz PlaceFinder, ing ArticleIngester, logger *slog.Logger) (*Server, error) {
	if st == nil {
		return nil, errors.New("web: nil store")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.TilesURL == "" {
		cfg.TilesURL = DefaultTilesURL
		if cfg.TilesAttribution == "" {
			cfg.TilesAttribution = DefaultTilesAttribution
		}
	}
	if err := checkTimeouts(&cfg); err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	if cfg.MaxCostly <= 0 {
		cfg.MaxCostly = defaultMaxCostly()
	}
	if cfg.AdmissionWait <= 0 {
		cfg.AdmissionWait = DefaultAdmissionWait
	}
	if cfg.Token != "" && strings.TrimSpace(cfg.Token) == "" {
		return nil, errors.New("web: the write token is blank; set a real token or none")
	}
	cfg.Token = strings.TrimSpace(cfg.Token)
	if cfg.WriteRate == 0 {
		cfg.WriteRate = DefaultWriteRate
	}
	access, err := newAccessLog(cfg.AccessLog)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	if cfg.PolygonBudget <= 0 {
		cfg.PolygonBudget = DefaultPolygonBudget
	}
	if cfg.SlowQuery == 0 {
		cfg.SlowQuery = DefaultSlowQuery
	}
	if cfg.WriteBurst <= 0 {
		cfg.WriteBurst = DefaultWriteBurst
	}
	s := &Server{cfg: cfg, st: st, gz: gz, ing: ing, log: logger, now: time.Now, costly: make(chan struct{}, cfg.MaxCostly)}
	s.access = access
	s.liveStop = newLiveStop()
	if s.cfg.LiveInterval <= 0 {
		s.cfg.LiveInterval = DefaultLiveInterval
	}
	if cfg.WriteRate > 0 {
		s.writes = newWriteLimiter(cfg.WriteRate, cfg.WriteBurst)
	}
	if cfg.CacheTTL == 0 {
		cfg.CacheTTL = DefaultCacheTTL
	}
	if cfg.CacheTTL > 0 {
		s.cache = newRespCache(cfg.CacheTTL, defaultCacheMaxBytes)
	}
	if cfg.BaseURL != "" {
		u, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("web: base URL %q must be an absolute http(s) URL", cfg.BaseURL)
		}
		s.base = u
	}
	cop, err := newCrossOrigin(s.baseOrigin())
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s.cop = cop
	assets, err := Assets(cfg)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	s.assets = assets
	if s.tmpl, err = parsePageTemplate(); err != nil {
		return nil, fmt.Errorf("web: page template: %w", err)
	}
	s.e = s.router()
	return s, nil
}

// router wires middleware and routes into a fresh Echo.
func (s *Server) router() *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.Use(withRequestID, serverTiming, s.logRequests, s.recoverPanics, s.logSlowQueries)
	e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
		Skipper:       corsSkip, // reads only: see origin.go
		AllowOrigins:  []string{"*"},
		AllowMethods:  []string{http.MethodGet, http.MethodHead, http.MethodOptions},
		ExposeHeaders: []string{echo.HeaderXRequestID, "ETag"},
	}))
	e.Use(s.refuseCrossOrigin)
	e.Use(s.withDeadline) // outside gzip: its watchdog writes plain JSON
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{MinLength: 1024,
		Skipper: func(c echo.Context) bool { return c.Path() == "/api/live" }})) // an event stream must not wait in a buffer
	e.Use(s.limitBodies, s.admit)
	s.routes(e)
	return e
}

// Handler returns the server's http.Handler (the Echo router), for tests
// and for embedding.
func (s *Server) Handler() http.Handler { return s.e }

// Run listens on cfg.Addr and serves until ctx is cancelled, then shuts
// down gracefully.
func (s *Server) Run(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", s.cfg.Addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is cancelled, then stops accepting, lets
// running requests finish (up to 10 s) and returns nil.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.e,
		ReadHeaderTimeout: min(10*time.Second, s.cfg.ReadTimeout),
		ReadTimeout:       s.cfg.ReadTimeout,
		// Exports clear their own write deadline (see export); every other
		// handler answers before it (see withDeadline).
		WriteTimeout: s.cfg.WriteTimeout,
		IdleTimeout:  2 * time.Minute,
		ErrorLog:     slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:  func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	srv.RegisterOnShutdown(s.liveStop.stop) // live streams never finish by themselves
	s.log.InfoContext(ctx, "serving", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
