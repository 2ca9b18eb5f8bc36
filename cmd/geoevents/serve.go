package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"geoevents/examples"
	"geoevents/internal/app"
	"geoevents/internal/store"
	"geoevents/web"
)

// DefaultMemoryBudget is serve's --memory-budget: what the process may
// use, of which memoryShares give the Go heap and the database's page
// caches their parts. Issue 15 bounds RSS at 300 MB under hostile and
// varied load on 1M events; what the budget does not cover (about 20 MB)
// is the binary's mapped code and data.
const DefaultMemoryBudget = 256 << 20

// memoryShares splits a memory budget: the Go heap's soft limit
// (GOMEMLIMIT) while the gazetteer is not loaded (reading), once it is
// (writing), and the SQLite page caches of every connection together.
//
// The heap holds its whole soft limit under load (GOGC 400), so the limit
// is what the heap costs. Serving reads keeps little live (tens of MB),
// and half the budget leaves the collector room; the gazetteer, loaded by
// the first write, keeps 152 MB live, and a soft limit below the live
// heap makes the collector run without pause (at 3/8, hostile articles
// took 3-5x as long), so loading it raises the limit to three quarters.
// The caches get a quarter; what is left is SQLite's sorters (a sort or
// GROUP BY keeps up to its connection's cache_size of rows in memory
// before it spills: vdbesort.c, mxPmaSize) and the binary. Under
// TestVariedLoadServeRSS's 60 s of varied queries on 1M events, with the
// heap at 3/4 and the caches at 1/4 serve's peak RSS was 335-344 MB (Go
// 193 MB, SQLite 111 MB); halving the caches instead cost 13-33% more CPU
// per cheap request (page misses), where a lower heap limit costs only
// collections of a small live heap.
func memoryShares(budget int64) (reading, writing, caches int64) {
	return budget / 2, budget * 3 / 4, budget / 4
}

// serveGC tunes the garbage collector for serving unless GOGC or
// GOMEMLIMIT say otherwise: requests allocate much and keep little, so
// collecting at 5× the live heap instead of 2× saves a quarter of the CPU
// per request (measured: feature by id 89 -> 66 µs); the soft memory limit
// (heapLimit, from the memory budget) keeps the heap bounded all the same.
func serveGC(getenv func(string) string, heapLimit int64) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(heapLimit)
	}
}

// raiseMemoryLimit sets the Go heap's soft limit to limit before the
// gazetteer loads (memoryShares), unless GOMEMLIMIT says otherwise.
func raiseMemoryLimit(getenv func(string) string, limit int64) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(limit)
	}
}

// cacheConfig maps the --cache flag to web.Config.CacheTTL: 0 (or less)
// turns the cache off.
func cacheConfig(d time.Duration) time.Duration {
	if d <= 0 {
		return -1
	}
	return d
}

func serveCommand() command {
	return command{
		name:    "serve",
		summary: "Serve the web map, the HTTP API and OGC API – Features",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			addr := fs.String("addr", envOr(g.io.getenv, "GEOEVENTS_ADDR", "127.0.0.1:8080"), "listen address (env GEOEVENTS_ADDR)")
			demo := fs.Bool("demo", false, "ingest the bundled sample articles before serving; without an explicit --db/GEOEVENTS_DB the demo uses a fresh database in the temp folder")
			tiles := fs.String("tiles", envOr(g.io.getenv, "GEOEVENTS_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"), "online tile layer URL template drawn over the offline basemap when reachable; \"none\" to disable (env GEOEVENTS_TILES)")
			tilesAttr := fs.String("tiles-attribution", "© OpenStreetMap contributors", "attribution shown for the tile layer")
			baseURL := fs.String("base-url", g.io.getenv("GEOEVENTS_BASE_URL"), "external URL of the server for absolute links behind a proxy (env GEOEVENTS_BASE_URL)")
			dev := fs.Bool("dev", false, "serve the web map's assets from web/static on disk instead of the embedded copy")
			assets := fs.String("assets", "web/static", "with --dev: the assets folder")
			anon := fs.Bool("allow-anonymous-writes", false, "accept POST /api/articles without a token when GEOEVENTS_TOKEN is unset")
			cacheDefault, cacheEnvErr := web.DefaultCacheTTL, error(nil)
			if v := g.io.getenv("GEOEVENTS_CACHE"); v != "" {
				d, err := time.ParseDuration(v)
				if err != nil {
					cacheEnvErr = usagef("GEOEVENTS_CACHE=%q: want a duration such as 1s, or 0 to turn the cache off", v)
				}
				cacheDefault = d
			}
			lim := limitFlags(fs, g.io.getenv)
			budget := fs.Int64("memory-budget", DefaultMemoryBudget, "bytes of memory the server plans for: 3/4 of it is the Go heap's soft limit (unless GOMEMLIMIT is set), 1/8 the database's page caches, 1/8 left to the database's working memory")
			ff := registerFeedFlags(fs, g.io.getenv)
			cacheTTL := fs.Duration("cache", cacheDefault, "how long identical GET queries share one response (e.g. 1s, 500ms); 0 turns the response cache off (env GEOEVENTS_CACHE)")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("serve takes no arguments, got %q", args[0])
				}
				if cacheEnvErr != nil {
					return cacheEnvErr
				}
				token, err := writeToken(g.io)
				if err != nil {
					return err
				}
				var limits web.Config
				if err := lim.apply(&limits); err != nil {
					return err
				}
				if list, err := ff.list(nil); err != nil {
					return err
				} else if len(list) > 0 {
					if _, err := ff.config(); err != nil {
						return err
					}
				}
				if g.readOnly && *demo {
					return usagef("--demo writes the sample articles: it cannot run with --read-only")
				}
				if list, _ := ff.list(nil); g.readOnly && len(list) > 0 {
					return usagef("following feeds writes the articles it finds: --feeds cannot run with --read-only")
				}
				if *budget < 64<<20 {
					return usagef("--memory-budget %d: want at least 64 MiB (67108864)", *budget)
				}
				readLimit, writeLimit, caches := memoryShares(*budget)
				serveGC(g.io.getenv, readLimit)
				logger, err := g.logger()
				if err != nil {
					return err
				}
				dbPath := g.db
				if *demo && !g.dbChosen {
					dbPath = filepath.Join(os.TempDir(), "geoevents-demo.db")
					for _, suffix := range []string{"", "-wal", "-shm"} {
						if err := os.Remove(dbPath + suffix); err != nil && !os.IsNotExist(err) {
							return fmt.Errorf("fresh demo database: %w", err)
						}
					}
				}
				// Bind first: a port in use fails before the database is
				// migrated or demo data is written, and clients can connect
				// (and queue) while the database opens.
				var lc net.ListenConfig
				ln, err := lc.Listen(ctx, "tcp", *addr)
				if err != nil {
					return fmt.Errorf("listen %s: %w", *addr, err)
				}
				defer ln.Close()
				a, err := app.Open(ctx, app.Config{DBPath: dbPath, ReadOnly: g.readOnly, CacheBytes: caches, Logger: logger,
					BeforeGazetteer: func() { raiseMemoryLimit(g.io.getenv, writeLimit) }})
				if err != nil {
					return err
				}
				defer a.Close()
				if *demo {
					sum, err := a.IngestFS(ctx, examples.Articles())
					if err != nil {
						return fmt.Errorf("demo: %w", err)
					}
					logger.Info("demo articles ingested", "db", dbPath, "articles", sum.Articles, "events", sum.Events)
				}
				watcher, err := ff.watcher(ctx, a, nil)
				if err != nil {
					return err
				}
				// Stopped (deferred) before the database closes.
				ctx, stopWatching := watch(ctx, watcher)
				defer stopWatching()
				srv, err := a.Server(web.Config{
					Feeds:                feedMonitor(watcher),
					Addr:                 *addr,
					BaseURL:              *baseURL,
					Token:                token,
					AllowAnonymousWrites: *anon,
					TilesURL:             *tiles,
					TilesAttribution:     *tilesAttr,
					Dev:                  *dev,
					AssetsDir:            *assets,
					Version:              buildVersion(),
					CacheTTL:             cacheConfig(*cacheTTL),
					QueryTimeout:         limits.QueryTimeout,
					WriteTimeout:         limits.WriteTimeout,
					MaxCostly:            limits.MaxCostly,
					WriteRate:            limits.WriteRate,
					AccessLog:            limits.AccessLog,
					SlowQuery:            limits.SlowQuery,
				})
				if err != nil {
					return err
				}
				logger.Info("serving", "url", "http://"+ln.Addr().String()+"/", "db", store.Redact(dbPath))
				return srv.Serve(ctx, ln)
			}
		},
	}
}
