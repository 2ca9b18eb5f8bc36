// Command load prepares, serves and writes to a large generated event
// database for the wrk load test (run.sh):
//
//	load import -db events.db -n 1000000   # generate and import events
//	load serve  -db events.db -addr 127.0.0.1:18080
//	load ingest -db events.db -for 25s     # store articles while others read
//
// Events cluster around Syrian and neighbouring cities (as war reporting
// does) over a regional background, dated 2012–2024, with deterministic ids
// ld0000000…; by_id.lua picks random ids from that range.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"iter"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/signal"
	"syscall"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/store"
	_ "geoevents/internal/store/all"
	"geoevents/web"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: load import|serve|ingest [flags]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	db := fs.String("db", "events.db", "database: SQLite file or postgres:// URL")
	n := fs.Int("n", 1_000_000, "events to import")
	addr := fs.String("addr", "127.0.0.1:18080", "listen address (loopback)")
	dur := fs.Duration("for", 25*time.Second, "how long to ingest")
	cacheTTL := fs.Duration("cache", time.Second, "response cache TTL for serve (0 disables)")
	_ = fs.Parse(os.Args[2:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	switch os.Args[1] {
	case "import":
		err = runImport(ctx, *db, *n)
	case "serve":
		err = runServe(ctx, *db, *addr, *cacheTTL)
	case "ingest":
		err = runIngest(ctx, *db, *dur)
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

type city struct {
	name, country string
	lon, lat, w   float64
}

func cities() []city {
	return []city{
		{"Aleppo", "SY", 37.16, 36.20, 12}, {"Damascus", "SY", 36.29, 33.51, 10}, {"Idlib", "SY", 36.63, 35.93, 9},
		{"Homs", "SY", 36.72, 34.73, 7}, {"Hama", "SY", 36.75, 35.13, 5}, {"Raqqa", "SY", 39.01, 35.95, 6},
		{"Deir ez-Zor", "SY", 40.14, 35.34, 6}, {"Daraa", "SY", 36.10, 32.62, 5}, {"Latakia", "SY", 35.78, 35.52, 3},
		{"Qamishli", "SY", 41.23, 37.05, 3}, {"Manbij", "SY", 37.95, 36.53, 3}, {"Afrin", "SY", 36.87, 36.51, 3},
		{"Beirut", "LB", 35.50, 33.89, 3}, {"Mosul", "IQ", 43.13, 36.34, 5}, {"Baghdad", "IQ", 44.36, 33.31, 4},
		{"Gaziantep", "TR", 37.38, 37.07, 2}, {"Amman", "JO", 35.93, 31.95, 1},
	}
}

// gen yields n deterministic events: 60% around cities (±0.5°), 40% over
// the wider region (lon 25–60, lat 10–45).
func gen(n int, idPrefix string, seed uint64) iter.Seq2[event.Event, error] {
	return func(yield func(event.Event, error) bool) {
		r := rand.New(rand.NewPCG(seed, 7))
		cs := cities()
		var total float64
		for _, c := range cs {
			total += c.w
		}
		start := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range n {
			var lon, lat float64
			c := cs[0]
			if r.Float64() < 0.6 {
				x := r.Float64() * total
				for _, cc := range cs {
					if x -= cc.w; x <= 0 {
						c = cc
						break
					}
				}
				lon, lat = c.lon+(r.Float64()-0.5), c.lat+(r.Float64()-0.5)
			} else {
				lon, lat = 25+r.Float64()*35, 10+r.Float64()*35
			}
			typ := event.Types[r.IntN(len(event.Types))]
			e := event.Event{
				ID:          fmt.Sprintf("%s%07d", idPrefix, i),
				Sentence:    fmt.Sprintf("Report %d: %s near %s, local sources said.", i, typ, c.name),
				MentionText: c.name, MentionKind: "literal", MentionStart: 25, MentionEnd: 25 + len(c.name),
				PlaceName: c.name, CountryCode: c.country, Lon: lon, Lat: lat,
				GeoPrecision: 1 + r.IntN(3), Score: r.Float64(), Type: typ,
				Date:          start.AddDate(0, 0, r.IntN(13*365)),
				DatePrecision: event.PrecisionDay,
			}
			if !yield(e, nil) {
				return
			}
		}
	}
}

func runImport(ctx context.Context, db string, n int) error {
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	t0 := time.Now()
	got, err := st.ImportEvents(ctx, gen(n, "ld", 1))
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	fmt.Printf("imported %d events in %s\n", got, time.Since(t0).Round(time.Millisecond))
	return nil
}

func runServe(ctx context.Context, db, addr string, cacheTTL time.Duration) error {
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if cacheTTL <= 0 {
		cacheTTL = -1 // web.Config: negative disables
	}
	s, err := web.New(web.Config{Addr: addr, Version: "load", CacheTTL: cacheTTL}, st, nil, nil, logger)
	if err != nil {
		return err
	}
	return s.Run(ctx)
}

// runIngest stores articles of 10 events each, one transaction per
// article, as `geoevents ingest` does, until the duration is over.
func runIngest(ctx context.Context, db string, dur time.Duration) error {
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx, cancel := context.WithTimeout(ctx, dur)
	defer cancel()
	t0 := time.Now()
	articles, events := 0, 0
	for i := 0; ; i++ {
		text := fmt.Sprintf("Ingest run %d article %d: clashes near Aleppo and Idlib.", t0.UnixNano(), i)
		a := event.NewArticle(fmt.Sprintf("Load article %d", i), text, "", "load", t0)
		var evs []event.Event
		for e := range gen(10, "x", uint64(i)+1000) {
			e.ID = event.EventID(a.ID, i, e.MentionEnd+len(evs))
			e.ArticleID = a.ID
			evs = append(evs, e)
		}
		if _, err := st.SaveArticle(ctx, a, evs); err != nil {
			if errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil {
				break
			}
			return fmt.Errorf("save article %d: %w", i, err)
		}
		articles++
		events += len(evs)
	}
	el := time.Since(t0)
	fmt.Printf("ingested %d articles (%d events) in %s: %.0f articles/s\n", articles, events, el.Round(time.Millisecond), float64(articles)/el.Seconds())
	return nil
}
