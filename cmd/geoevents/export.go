package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"geoevents/geo"
	"geoevents/internal/export"
	"geoevents/internal/store"
)

func exportCommand() command {
	return command{
		name:    "export",
		summary: "Export events as GeoJSON, GeoJSON Lines or CSV (streamed; opens in QGIS)",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			format := fs.String("format", "geojson", "geojson, geojsonseq or csv")
			out := fs.String("o", "", "output file (default standard output)")
			bbox := fs.String("bbox", "", "only events in minLon,minLat,maxLon,maxLat (WGS84)")
			from := fs.String("from", "", "only events on or after this date (YYYY-MM-DD or RFC 3339)")
			to := fs.String("to", "", "only events before the end of this date (YYYY-MM-DD) or this instant (RFC 3339)")
			typ := fs.String("type", "", "only these event types, comma-separated (e.g. Battles,Protests)")
			country := fs.String("country", "", "only these ISO country codes, comma-separated")
			q := fs.String("q", "", "full-text search over article title and sentence")
			mentions := fs.Bool("mentions", false, "also export plain mentions (type Mention: places named where nothing happens)")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usagef("export takes no arguments, got %q (filters are flags)", args[0])
				}
				fmtv, err := export.ParseFormat(*format)
				if err != nil {
					return usagef("export --format: %v", err)
				}
				f := store.Filter{Text: *q, Types: splitList(*typ), Countries: splitList(strings.ToUpper(*country)), Mentions: *mentions}
				if *bbox != "" {
					b, err := geo.ParseBBox(*bbox)
					if err != nil {
						return usagef("export --bbox: %v", err)
					}
					f.BBox = &b
				}
				if f.From, err = parseDateFlag(*from, false); err != nil {
					return usagef("export --from: %v", err)
				}
				if f.To, err = parseDateFlag(*to, true); err != nil {
					return usagef("export --to: %v", err)
				}
				if !dbExists(g.db) {
					return fmt.Errorf("export: no database at %s (ingest or import first, or pass --db)", g.db)
				}
				st, err := g.openStore(ctx)
				if err != nil {
					return err
				}
				defer st.Close()
				w, err := createOutput(g.io, *out)
				if err != nil {
					return err
				}
				n, err := export.Write(ctx, w, fmtv, st, f)
				if cerr := w.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					return fmt.Errorf("export: %w", err)
				}
				if *out != "" {
					fmt.Fprintf(g.io.err, "%d events written to %s\n", n, *out)
				}
				return nil
			}
		},
	}
}

// parseDateFlag accepts YYYY-MM-DD or RFC 3339; a bare date used as an
// upper bound means the end of that day.
func parseDateFlag(s string, upper bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, errors.New("want YYYY-MM-DD or an RFC 3339 time, got " + fmt.Sprintf("%q", s))
	}
	if upper {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
