package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"geoevents/internal/app"
	"geoevents/internal/feeds"
	"geoevents/web"
)

// feedFlags are the flags of watch and of serve --feeds.
type feedFlags struct {
	file     *string
	noFetch  *bool
	interval *time.Duration
	timeout  *time.Duration
	hostRate *float64
}

func registerFeedFlags(fs *flag.FlagSet, getenv func(string) string) feedFlags {
	return feedFlags{
		file:     fs.String("feeds", getenv("GEOEVENTS_FEEDS"), "file listing the feeds to follow, one URL a line with an optional interval (\"https://example.org/rss 5m\"); # comments (env GEOEVENTS_FEEDS)"),
		noFetch:  fs.Bool("no-fetch", false, "keep to the feeds' own text: never fetch an article's page"),
		interval: fs.Duration("interval", feeds.DefaultInterval, "time between polls of a feed that sets none"),
		timeout:  fs.Duration("fetch-timeout", feeds.DefaultTimeout, "timeout of each fetch of a feed or page"),
		hostRate: fs.Float64("host-rate", feeds.DefaultHostRate, "requests a second to one host, at most"),
	}
}

// list returns the feeds of the --feeds file followed by urls.
func (f feedFlags) list(urls []string) ([]feeds.Feed, error) {
	var out []feeds.Feed
	if *f.file != "" {
		fh, err := os.Open(*f.file)
		if err != nil {
			return nil, fmt.Errorf("--feeds: %w", err)
		}
		defer fh.Close()
		if out, err = feeds.ReadList(fh); err != nil {
			return nil, usagef("--feeds %s: %v", *f.file, err)
		}
	}
	for _, u := range urls {
		feed, err := feeds.ParseFeed(u)
		if err != nil {
			return nil, usagef("feed %v", err)
		}
		out = append(out, feed)
	}
	return out, nil
}

func (f feedFlags) config() (feeds.Config, error) {
	if *f.interval < time.Second || *f.timeout <= 0 || *f.hostRate <= 0 {
		return feeds.Config{}, usagef("--interval must be at least 1s, --fetch-timeout and --host-rate positive")
	}
	return feeds.Config{NoFetch: *f.noFetch, Interval: *f.interval, Timeout: *f.timeout, HostRate: *f.hostRate}, nil
}

// watcher builds the watcher of the flags' feeds and urls over a, or nil
// when there are none.
func (f feedFlags) watcher(ctx context.Context, a *app.App, urls []string) (*feeds.Watcher, error) {
	list, err := f.list(urls)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	cfg, err := f.config()
	if err != nil {
		return nil, err
	}
	return a.Watcher(ctx, cfg, list)
}

func watchCommand() command {
	return command{
		name:    "watch",
		args:    "[FEED_URL…]",
		summary: "Follow RSS, Atom and JSON feeds and ingest their articles, each once, until interrupted",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			ff := registerFeedFlags(fs, g.io.getenv)
			once := fs.Bool("once", false, "poll every feed once and exit (for cron); exit status 1 if a feed failed")
			return func(ctx context.Context, args []string) error {
				if len(args) == 0 && *ff.file == "" {
					return usagef("watch needs feed URLs or --feeds FILE")
				}
				// The list and flags are checked before the database opens.
				list, err := ff.list(args)
				if err != nil {
					return err
				}
				if len(list) == 0 {
					return usagef("watch: the feed list is empty")
				}
				if _, err := ff.config(); err != nil {
					return err
				}
				a, err := g.openApp(ctx)
				if err != nil {
					return err
				}
				defer a.Close()
				w, err := ff.watcher(ctx, a, args)
				if err != nil {
					return err
				}
				if !*once {
					return w.Run(ctx)
				}
				return pollOnce(ctx, w, g)
			}
		},
	}
}

// pollOnce polls every feed once and prints a line for each.
func pollOnce(ctx context.Context, w *feeds.Watcher, g *globals) error {
	res, err := w.PollAll(ctx)
	if err != nil {
		return err
	}
	var failed []error
	for _, r := range res {
		fmt.Fprintf(g.io.out, "%s: %s (%s), %d items, %d new articles, %d skipped, %d pending, %d rejected\n",
			r.Feed, r.Status, r.Rule, r.Items, r.Created, r.Skipped, r.Pending, r.Rejected)
		if r.Err != nil {
			failed = append(failed, r.Err)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("watch: %d feeds failed: %w", len(failed), errors.Join(failed...))
	}
	return nil
}

// feedMonitor is w as the web server's FeedMonitor: nil (no feeds) when w
// is nil, not an interface holding a nil pointer.
func feedMonitor(w *feeds.Watcher) web.FeedMonitor {
	if w == nil {
		return nil
	}
	return w
}

// watch follows w's feeds (if w is set) in the background until ctx is
// cancelled or stop is called; stop waits for the watcher to abandon its
// fetches. The returned context ends when ctx does.
func watch(ctx context.Context, w *feeds.Watcher) (context.Context, func()) {
	if w == nil {
		return ctx, func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx) // returns nil once every feed's loop has stopped
	}()
	return ctx, func() {
		cancel()
		<-done
	}
}
