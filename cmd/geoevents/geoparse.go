package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"unicode/utf8"

	"geoevents/gazetteer"
	"geoevents/internal/evaluate"
	"geoevents/internal/geoparse"
)

// maxParseInput bounds one text (or one JSON line) given to geoparse.
const maxParseInput = 64 << 20

func geoparseCommand() command {
	return command{
		name:    "geoparse",
		args:    "[FILE|-]",
		summary: "Find and resolve the places a text mentions; print them as JSON",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			jsonl := fs.Bool("jsonl", false, `read JSON Lines {"id": …, "text": …} and write one {"id": …, "mentions": […]} line per input`)
			return func(ctx context.Context, args []string) error {
				in, name, p, err := parserInput(ctx, g, args)
				if err != nil {
					return err
				}
				defer in.Close()
				if *jsonl {
					return geoparseJSONL(ctx, p, in, name, g.io.out)
				}
				text, err := io.ReadAll(io.LimitReader(in, maxParseInput+1))
				if err != nil {
					return fmt.Errorf("read %s: %w", name, err)
				}
				if len(text) > maxParseInput {
					return fmt.Errorf("%s: text larger than %d MB", name, maxParseInput>>20)
				}
				if !utf8.Valid(text) {
					return fmt.Errorf("%s: text is not valid UTF-8", name)
				}
				ms, err := p.Parse(ctx, string(text))
				if err != nil {
					return fmt.Errorf("geoparse %s: %w", name, err)
				}
				enc := json.NewEncoder(g.io.out)
				enc.SetIndent("", "  ")
				return enc.Encode(toMentionsJSON(ms))
			}
		},
	}
}

// mentionJSON is the stable output format of `geoevents geoparse`; the
// project is evaluated on it, so fields are only ever added.
type mentionJSON struct {
	Start        int        `json:"start"`
	End          int        `json:"end"`
	Text         string     `json:"text"`
	Kind         string     `json:"kind"`
	Score        float64    `json:"score"`
	Place        placeRef   `json:"place"`
	Alternatives []placeRef `json:"alternatives"`
}

type placeRef struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	FeatureCode string  `json:"feature_code"`
	CountryCode string  `json:"country_code"`
	Admin1      string  `json:"admin1"`
	Prior       float64 `json:"prior,omitempty"`
}

func toPlaceRef(p *gazetteer.Place) placeRef {
	return placeRef{ID: fmt.Sprint(p.ID), Name: p.Name, Lat: p.Lat, Lon: p.Lon, FeatureCode: p.FeatureCode, CountryCode: p.CountryCode, Admin1: p.Admin1}
}

func toMentionsJSON(ms []geoparse.Mention) []mentionJSON {
	out := make([]mentionJSON, 0, len(ms))
	for _, m := range ms {
		mj := mentionJSON{Start: m.Start, End: m.End, Text: m.Text, Kind: string(m.Kind), Score: m.Score, Place: toPlaceRef(m.Place), Alternatives: []placeRef{}}
		for _, a := range m.Alternatives {
			r := toPlaceRef(a.Place)
			r.Prior = a.Prior
			mj.Alternatives = append(mj.Alternatives, r)
		}
		out = append(out, mj)
	}
	return out
}

func geoparseJSONL(ctx context.Context, p *geoparse.Parser, in io.Reader, name string, out io.Writer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 1<<20), maxParseInput)
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var doc struct {
			ID   json.RawMessage `json:"id"`
			Text *string         `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if doc.Text == nil {
			return fmt.Errorf("%s:%d: no \"text\" field", name, line)
		}
		ms, err := p.Parse(ctx, *doc.Text)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if doc.ID == nil {
			doc.ID = json.RawMessage("null")
		}
		if err := enc.Encode(struct {
			ID       json.RawMessage `json:"id"`
			Mentions []mentionJSON   `json:"mentions"`
		}{doc.ID, toMentionsJSON(ms)}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return w.Flush()
}

func evalCommand() command {
	return command{
		name:    "eval",
		args:    "FILE.jsonl",
		summary: "Score the geoparser (GeoVirus format) or, with --events, event extraction (ACLED-style gold) on an annotated JSON Lines file",
		flags: func(fs *flag.FlagSet, g *globals) func(context.Context, []string) error {
			asJSON := fs.Bool("json", false, "print the report as JSON")
			ev := eventsEvalFlags(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) != 1 {
					return usagef("eval needs exactly one annotated .jsonl file")
				}
				if ev.on {
					return evalEvents(ctx, g, args[0], ev, *asJSON)
				}
				if ev.set() {
					return usagef("eval: --country and --limit need --events")
				}
				in, name, p, err := parserInput(ctx, g, args)
				if err != nil {
					return err
				}
				defer in.Close()
				rep, err := evaluate.Score(ctx, in, p.Parse)
				if err != nil {
					return fmt.Errorf("eval %s: %w", name, err)
				}
				if *asJSON {
					enc := json.NewEncoder(g.io.out)
					enc.SetIndent("", "  ")
					return enc.Encode(rep)
				}
				_, err = fmt.Fprintln(g.io.out, rep.String())
				return err
			}
		},
	}
}

// parserInput opens the text input (a file or stdin) and builds the
// geoparser over the gazetteer (extended by imported places, if any).
func parserInput(ctx context.Context, g *globals, args []string) (io.ReadCloser, string, *geoparse.Parser, error) {
	in, name, err := openInput(g.io, args)
	if err != nil {
		return nil, "", nil, err
	}
	gz, err := gazetteerFor(ctx, g)
	if err != nil {
		in.Close()
		return nil, "", nil, err
	}
	return in, name, geoparse.New(gz), nil
}
