package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"geoevents/internal/event"
	"geoevents/internal/extract"
	"geoevents/internal/geoparse"
	"geoevents/internal/ingest"
)

func explainCommand() command {
	return command{
		name:    "explain",
		args:    "FILE|-",
		summary: "Show the events an article yields and why: the rule behind each type, place, date, toll and actor (nothing is stored)",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			date := fs.String("date", "", "publication date (YYYY-MM-DD) for articles that carry none")
			asJSON := fs.Bool("json", false, "print GeoJSON Lines (RFC 8142), one feature per event, each with its explain property")
			mentions := fs.Bool("mentions", false, "also show plain mentions (places named where nothing happens) and why they are no event")
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return usagef("explain needs one FILE (text, Markdown with front matter, JSON or JSON Lines), or - for stdin")
				}
				opts := ingest.ReadOptions{Stdin: g.io.in}
				if *date != "" {
					d, err := time.Parse(time.DateOnly, *date)
					if err != nil {
						return usagef("explain --date %q: want YYYY-MM-DD", *date)
					}
					opts.Date = d
				}
				gz, err := gazetteerFor(ctx, g)
				if err != nil {
					return err
				}
				in := &ingest.Ingester{Parser: geoparse.New(gz)}
				var failed error
				err = ingest.ReadArticles(ctx, args[0], opts, func(a event.Article, pos ingest.Position, rerr error) error {
					if rerr != nil {
						failed = fmt.Errorf("%s:%d: %w", pos.Path, pos.Line, rerr)
						return nil
					}
					a, evs, err := in.Events(ctx, a)
					if err != nil {
						failed = fmt.Errorf("%s:%d: %w", pos.Path, pos.Line, err)
						return nil
					}
					if !*mentions {
						evs = eventsOnly(evs)
					}
					if *asJSON {
						return writeFeatures(g.io.out, evs)
					}
					return writeExplanation(g.io.out, a, evs)
				})
				if err != nil {
					return err
				}
				return failed
			}
		},
	}
}

// eventsOnly drops plain mentions, as the API and exports do by default.
func eventsOnly(evs []event.Event) []event.Event {
	out := evs[:0]
	for _, e := range evs {
		if e.Type != event.TypeMention {
			out = append(out, e)
		}
	}
	return out
}

// writeFeatures prints each event as a GeoJSON Lines record.
func writeFeatures(w io.Writer, evs []event.Event) error {
	var buf []byte
	for i := range evs {
		buf = append(buf[:0], 0x1e)
		buf = event.AppendFeature(buf, &evs[i])
		buf = append(buf, '\n')
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}

// writeExplanation prints an article's events for a reader: what, where,
// when, how many dead, who, and under each the rule behind every decision
// with the words it read.
func writeExplanation(w io.Writer, a event.Article, evs []event.Event) error {
	pub := "unknown"
	if !a.Published.IsZero() {
		pub = a.Published.Format(time.DateOnly)
	}
	fmt.Fprintf(w, "%s (published %s): %d events\n", orDefault(a.Title, "article "+a.ID[:12]), pub, len(evs))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for i, e := range evs {
		what := e.Type
		if e.SubType != "" {
			what += " / " + e.SubType
		}
		when := "date unknown"
		if !e.Date.IsZero() {
			when = e.Date.Format(time.DateOnly) + " (" + string(e.DatePrecision) + ")"
		}
		fmt.Fprintf(tw, "\n%d. %s at %s, %s [%.5f, %.5f], geo-precision %d, %s, %d dead\n", i+1, what, e.PlaceName, e.CountryCode, e.Lat, e.Lon, e.GeoPrecision, when, e.Fatalities)
		if len(e.Actors) > 0 {
			fmt.Fprintf(tw, "   actors: %s\n", strings.Join(e.Actors, "; "))
		}
		fmt.Fprintf(tw, "   sentence: %q\n", e.Sentence)
		for _, r := range e.Explain {
			val := ""
			if r.Value != "" {
				val = "→ " + r.Value
			}
			fmt.Fprintf(tw, "   %s\t%s\t%q\t%s\n", r.Field, r.Rule, r.Text, val)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

func orDefault(s, d string) string {
	if strings.TrimSpace(s) == "" {
		return d
	}
	return s
}

func reextractCommand() command {
	return command{
		name:    "reextract",
		summary: "Derive again, with this version's extraction rules, the events of stored articles that older rules derived (after an upgrade)",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("reextract takes no arguments, got %q", args[0])
				}
				if !dbExists(g.db) {
					return fmt.Errorf("reextract: no database at %s (pass --db)", g.db)
				}
				a, err := g.openApp(ctx)
				if err != nil {
					return err
				}
				defer a.Close()
				in, err := a.Ingester()
				if err != nil {
					return err
				}
				sum, err := in.Rederive(ctx)
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(g.io.out, "%d articles re-derived with rules %s, %d events\n", sum.Rederived, extract.Version, sum.Events)
				return err
			}
		},
	}
}
