package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"geoevents/internal/store"
)

// incidentsCommand is `geoevents incidents show ID` and `geoevents
// incidents split ID…`: an incident's sources, and undoing a wrong
// grouping (see store.Incidents).
func incidentsCommand() command {
	return command{
		name:    "incidents",
		args:    "show ID | split ID…",
		summary: "List the sources of the incident an event stands for (show), or split reports off their incidents for good (split): each becomes an event of its own with its own toll",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			return func(ctx context.Context, args []string) error {
				if len(args) < 2 || (args[0] != "show" && args[0] != "split") || (args[0] == "show" && len(args) != 2) {
					return usagef("incidents needs 'show ID' or 'split ID…'")
				}
				if !dbExists(g.db) {
					return fmt.Errorf("incidents: no database at %s (pass --db)", g.db)
				}
				a, err := g.openApp(ctx)
				if err != nil {
					return err
				}
				defer a.Close()
				var st store.Store = a.Store
				inc, ok := st.(store.Incidents)
				if !ok {
					return fmt.Errorf("incidents: %w", errNotSupported)
				}
				if args[0] == "split" {
					n, err := inc.SplitIncident(ctx, args[1:])
					if err != nil {
						return fmt.Errorf("incidents split: %w", err)
					}
					_, err = fmt.Fprintf(g.io.out, "split %d of %d reports off their incidents\n", n, len(args)-1)
					return err
				}
				return showIncident(ctx, g, st, inc, args[1])
			}
		},
	}
}

// showIncident prints the incident's event, then one line per source.
func showIncident(ctx context.Context, g *globals, st store.Store, inc store.Incidents, id string) error {
	list, total, err := inc.IncidentSources(ctx, id, store.MaxListedSources)
	if err != nil {
		return fmt.Errorf("incidents show: %w", err)
	}
	e, err := st.Event(ctx, list[0].ID)
	if err != nil {
		return fmt.Errorf("incidents show: %w", err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s at %s on %s, %d dead, %d sources\n", e.ID, e.Type, e.PlaceName, e.Date.Format("2006-01-02"), e.Fatalities, total)
	for _, r := range list {
		fmt.Fprintf(&b, "  %s\t%s\t%s\t%d dead\t%s\n", r.ID, r.Source, r.ArticleTitle, r.Fatalities, r.ArticleURL)
	}
	if total > len(list) {
		fmt.Fprintf(&b, "  and %d more\n", total-len(list))
	}
	_, err = fmt.Fprint(g.io.out, b.String())
	return err
}
