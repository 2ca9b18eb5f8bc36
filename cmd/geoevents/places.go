package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"geoevents/gazetteer"
	"geoevents/internal/app"
	"geoevents/internal/store"
)

func placesCommand() command {
	return command{
		name:    "places",
		args:    "NAME… | import FILE…",
		summary: "Look up a place name in the gazetteer, or import a GeoNames dump into the database",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			asJSON := fs.Bool("json", false, "print the candidates as a JSON array")
			limit := fs.Int("limit", 10, "at most this many candidates")
			return func(ctx context.Context, args []string) error {
				if len(args) == 0 {
					return usagef("places needs a NAME, or 'import FILE…'")
				}
				if *limit < 1 {
					return usagef("places: --limit must be at least 1")
				}
				if args[0] == "import" {
					if len(args) < 2 {
						return usagef("places import needs at least one GeoNames dump file (allCountries.zip, SY.zip, SY.txt, alternateNamesV2.zip)")
					}
					return importPlaces(ctx, g, args[1:])
				}
				return lookupPlaces(ctx, g, strings.Join(args, " "), *limit, *asJSON)
			}
		},
	}
}

// placeJSON is the stable `places --json` record.
type placeJSON struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	FeatureCode string  `json:"feature_code"`
	CountryCode string  `json:"country_code"`
	Country     string  `json:"country,omitempty"`
	Admin1      string  `json:"admin1"`
	Population  int64   `json:"population"`
	Prior       float64 `json:"prior"`
	Adjectival  bool    `json:"adjectival,omitempty"`
	// Source is the data set the candidate comes from: geonames,
	// whosonfirst, supplement or countries.
	Source string `json:"source"`
}

func lookupPlaces(ctx context.Context, g *globals, name string, limit int, asJSON bool) error {
	gz, err := gazetteerFor(ctx, g)
	if err != nil {
		return err
	}
	cands := gz.Lookup(name)
	if len(cands) > limit {
		cands = cands[:limit]
	}
	if asJSON {
		out := make([]placeJSON, 0, len(cands))
		for _, c := range cands {
			p := c.Place
			out = append(out, placeJSON{
				ID: fmt.Sprint(p.ID), Name: p.Name, Lat: p.Lat, Lon: p.Lon, FeatureCode: p.FeatureCode,
				CountryCode: p.CountryCode, Country: p.CountryName, Admin1: p.Admin1, Population: p.Population,
				Prior: c.Prior, Adjectival: c.Adjectival, Source: p.Source.String(),
			})
		}
		enc := json.NewEncoder(g.io.out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(cands) == 0 {
		fmt.Fprintf(g.io.out, "no place named %q\n", name)
		return nil
	}
	tw := tabwriter.NewWriter(g.io.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tCOUNTRY\tADMIN1\tFEATURE\tPOPULATION\tLAT\tLON\tID\tPRIOR\tSOURCE")
	for _, c := range cands {
		p := c.Place
		feat := p.FeatureClass + "." + p.FeatureCode
		if c.Adjectival {
			feat += " (adjectival)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%.5f\t%.5f\t%d\t%.3f\t%s\n", p.Name, p.CountryCode, p.Admin1, feat, p.Population, p.Lat, p.Lon, p.ID, c.Prior, p.Source)
	}
	return tw.Flush()
}

// gazetteerFor loads the built-in gazetteer plus the places imported into
// the database, when the database exists; a look-up never creates one.
func gazetteerFor(ctx context.Context, g *globals) (*gazetteer.Gazetteer, error) {
	if !dbExists(g.db) {
		gz, err := gazetteer.Load()
		if err != nil {
			return nil, fmt.Errorf("load gazetteer: %w", err)
		}
		return gz, nil
	}
	st, err := g.openStore(ctx)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return app.LoadGazetteer(ctx, st)
}

// importPlaces reads every file first and stores them together in one
// transaction, so a corrupt file anywhere leaves the database untouched.
// An alternateNamesV2 file may come beside the dump it belongs to.
func importPlaces(ctx context.Context, g *globals, files []string) error {
	var places []gazetteer.Place
	alt := map[int64][]string{}
	for _, f := range files {
		p, a, err := gazetteer.ReadDump(ctx, f)
		if err != nil {
			return fmt.Errorf("places import: nothing imported: %w", err)
		}
		places = append(places, p...)
		for id, names := range a {
			alt[id] = append(alt[id], names...)
		}
	}
	st, err := store.Open(ctx, g.db)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.SavePlaces(ctx, places, alt)
	if err != nil {
		return fmt.Errorf("places import: %w", err)
	}
	fmt.Fprintf(g.io.out, "%d places imported from %d files into %s\n", n, len(files), store.Redact(g.db))
	return nil
}
