package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"strconv"
	"strings"

	"geoevents/internal/app"
	"geoevents/internal/store"
)

// command is one geoevents subcommand.
type command struct {
	name    string
	args    string // positional arguments, for the usage line
	summary string
	// flags registers the command's flags on fs and returns the function
	// that runs it with the positional arguments.
	flags func(fs *flag.FlagSet, g *globals) func(ctx context.Context, args []string) error
}

// globals are the flags every command accepts, before or after its name.
type globals struct {
	io       stdio
	db       string
	logLevel string
	// readOnly opens the database read-only (--read-only).
	readOnly bool
	// dbChosen is set when the user picked the database (flag or env),
	// rather than getting the default.
	dbChosen bool
}

func (g *globals) register(fs *flag.FlagSet) {
	fs.StringVar(&g.db, "db", g.db, "database: a SQLite file, or a postgres:// URL for PostGIS (env GEOEVENTS_DB)")
	fs.StringVar(&g.logLevel, "log-level", g.logLevel, "log level: debug, info, warn or error (env GEOEVENTS_LOG_LEVEL)")
	fs.BoolVar(&g.readOnly, "read-only", g.readOnly, "open the database read-only: nothing is created or migrated, writes answer 503 ReadOnly; for read-only media, snapshots and standbys (env GEOEVENTS_READ_ONLY=1)")
}

// openStore opens the --db store, read-only with --read-only.
func (g *globals) openStore(ctx context.Context) (store.Store, error) {
	return store.OpenWith(ctx, g.db, store.OpenOptions{ReadOnly: g.readOnly})
}

func (g *globals) logger() (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(g.logLevel)); err != nil {
		return nil, usagef("--log-level %q: want debug, info, warn or error", g.logLevel)
	}
	return slog.New(slog.NewTextHandler(g.io.err, &slog.HandlerOptions{Level: level})), nil
}

// openApp opens the database and the parts over it, logging at the chosen level.
func (g *globals) openApp(ctx context.Context) (*app.App, error) {
	logger, err := g.logger()
	if err != nil {
		return nil, err
	}
	return app.Open(ctx, app.Config{DBPath: g.db, ReadOnly: g.readOnly, Logger: logger})
}

func commands() []command {
	return []command{
		serveCommand(),
		ingestCommand(),
		watchCommand(),
		importCommand(),
		exportCommand(),
		copyCommand(),
		geoparseCommand(),
		evalCommand(),
		explainCommand(),
		reextractCommand(),
		placesCommand(),
		backupCommand(),
		incidentsCommand(),
		checkCommand(),
		versionCommand(),
	}
}

// run is the whole program: global flags, then one subcommand.
func run(ctx context.Context, args []string, sio stdio) error {
	g := &globals{io: sio, db: envOr(sio.getenv, "GEOEVENTS_DB", "./geoevents.db"), logLevel: envOr(sio.getenv, "GEOEVENTS_LOG_LEVEL", "info")}
	if v := sio.getenv("GEOEVENTS_READ_ONLY"); v != "" {
		ro, err := strconv.ParseBool(v)
		if err != nil {
			return usagef("GEOEVENTS_READ_ONLY=%q: want 1 or 0 (true or false)", v)
		}
		g.readOnly = ro
	}
	top := flag.NewFlagSet("geoevents", flag.ContinueOnError)
	g.register(top)
	cmds := commands()
	rest, err := parseFlags(top, args, sio, func(w io.Writer) { mainUsage(w, top, cmds) }, false)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		mainUsage(sio.err, top, cmds)
		return usagef("no command given")
	}
	name := rest[0]
	if name == "help" {
		mainUsage(sio.out, top, cmds)
		return errHelp
	}
	for _, c := range cmds {
		if c.name != name {
			continue
		}
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		g.register(fs)
		runFn := c.flags(fs, g)
		pos, err := parseFlags(fs, rest[1:], sio, func(w io.Writer) { commandUsage(w, fs, c) }, true)
		if err != nil {
			return err
		}
		g.dbChosen = sio.getenv("GEOEVENTS_DB") != "" || flagSet(top, "db") || flagSet(fs, "db")
		return runFn(ctx, pos)
	}
	return usagef("unknown command %q (see 'geoevents --help')", name)
}

// parseFlags parses flags, letting them follow positional arguments when
// interleaved is set ("ingest a.txt --date 2024-12-01"), and turns --help
// into printed usage and errHelp.
func parseFlags(fs *flag.FlagSet, args []string, sio stdio, usage func(io.Writer), interleaved bool) ([]string, error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				usage(sio.out)
				return nil, errHelp
			}
			return nil, usagef("%s: %v (see 'geoevents %s --help')", fs.Name(), err, strings.TrimPrefix(fs.Name()+" ", "geoevents "))
		}
		args = fs.Args()
		if !interleaved || len(args) == 0 {
			return append(pos, args...), nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func mainUsage(w io.Writer, fs *flag.FlagSet, cmds []command) {
	fmt.Fprint(w, `geoevents turns news articles into geocoded, typed, dated events and serves
them as an API, OGC API – Features and a web map.

Usage:
  geoevents [--db FILE] <command> [flags] [arguments]

Commands:
`)
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nGlobal flags:\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprint(w, "\nRun 'geoevents <command> --help' for a command's flags.\n")
}

func commandUsage(w io.Writer, fs *flag.FlagSet, c command) {
	fmt.Fprintf(w, "%s\n\nUsage:\n  geoevents %s [flags] %s\n\nFlags:\n", c.summary, c.name, c.args)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
