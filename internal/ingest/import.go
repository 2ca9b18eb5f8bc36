package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// ImportFormat is a file format of already geocoded events.
type ImportFormat string

// Import formats.
const (
	ImportCSV         ImportFormat = "csv"
	ImportGeoJSON     ImportFormat = "geojson"    // a FeatureCollection of Points
	ImportGeoJSONSeq  ImportFormat = "geojsonseq" // one Feature per line, optionally RS-prefixed (RFC 8142)
	importUnknownKind ImportFormat = ""
)

// ImportSummary is what one ImportFile did.
type ImportSummary struct {
	Path     string
	Format   ImportFormat
	Rows     int // events read from the file
	Imported int // events new to the store
	Skipped  int // events whose ID was already stored (re-import)
	Elapsed  time.Duration
}

// String is a one-line summary, e.g. "csv: 1000 rows, 990 imported, 10
// already present, in 1.2s".
func (s ImportSummary) String() string {
	return fmt.Sprintf("%s: %d rows, %d imported, %d already present, in %s",
		s.Format, s.Rows, s.Imported, s.Skipped, s.Elapsed.Round(time.Millisecond))
}

// Importer loads already geocoded events into a store.
type Importer struct {
	Store store.Store
	// Gazetteer, when set, fills in ISO country codes from country names
	// (ACLED's "country" column); without it only the name is kept.
	Gazetteer *gazetteer.Gazetteer
	// LoadGazetteer, when set and Gazetteer is not, loads the gazetteer
	// on the first country name to resolve: a file without country names
	// (the plain CSV) does not pay its loading (about a second of CPU).
	// If it fails, country names are kept without codes and it is logged.
	LoadGazetteer func() (*gazetteer.Gazetteer, error)
	Logger        *slog.Logger
}

// ImportFile imports one file of events into st (see Importer.ImportFile).
func ImportFile(ctx context.Context, st store.Store, path string) (ImportSummary, error) {
	return (&Importer{Store: st}).ImportFile(ctx, path)
}

// ImportFile imports one file of already geocoded events — CSV with a
// header (ACLED export columns, or lon,lat,time,place,type,title,sentence,url),
// a GeoJSON FeatureCollection of Points, or GeoJSON Lines / GeoJSON Text
// Sequences — streaming it into one store transaction. The first bad row
// (missing or non-numeric coordinates, latitude beyond ±90, longitude beyond
// ±180, a bad date) aborts the import with an *InputError naming the file
// and line, and nothing of the file is stored. Each event's ID is the row's
// event_id_cnty (or id) when present, else a hash of its content, so
// importing a file twice adds nothing.
func (im *Importer) ImportFile(ctx context.Context, path string) (ImportSummary, error) {
	start := time.Now()
	sum := ImportSummary{Path: path}
	f, err := os.Open(path)
	if err != nil {
		return sum, &InputError{Path: path, Err: unwrapPathErr(err)}
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 256<<10)
	sum.Format = importFormatOf(path, br)
	var rows iter.Seq2[event.Event, error]
	switch sum.Format {
	case ImportCSV:
		rows = csvRows(path, br, im.countryCode())
	case ImportGeoJSON:
		rows = geojsonRows(ctx, path, br, im.countryCode())
	case ImportGeoJSONSeq:
		rows = geojsonSeqRows(path, br, im.countryCode())
	default:
		return sum, inputErr(path, 0, ErrUnsupported, "not CSV, GeoJSON or GeoJSON Lines (use .csv, .geojson or .geojsonl)")
	}
	// Count the rows and keep our own error, so it reaches the caller with
	// its file and line whatever the store wraps it in.
	var rowErr error
	counted := func(yield func(event.Event, error) bool) {
		for e, err := range rows {
			if err != nil {
				rowErr = err
				yield(event.Event{}, err)
				return
			}
			sum.Rows++
			if !yield(e, nil) {
				return
			}
		}
	}
	n, err := im.Store.ImportEvents(ctx, counted)
	sum.Elapsed = time.Since(start)
	if rowErr != nil {
		return sum, rowErr
	}
	if err != nil {
		return sum, fmt.Errorf("import %s: %w", path, err)
	}
	sum.Imported = n
	sum.Skipped = sum.Rows - n
	if im.Logger != nil {
		im.Logger.Info("import done", "path", path, "format", sum.Format, "rows", sum.Rows, "imported", n, "elapsed", sum.Elapsed)
	}
	return sum, nil
}

// importFormatOf tells the format by extension, else by the first bytes.
func importFormatOf(path string, br *bufio.Reader) ImportFormat {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv":
		return ImportCSV
	case ".geojson":
		return ImportGeoJSON
	case ".geojsonl", ".geojsons", ".geojsonseq", ".jsonl", ".ndjson", ".geojsonld":
		return ImportGeoJSONSeq
	}
	head, _ := br.Peek(64 << 10)
	t := bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n")
	switch {
	case len(t) == 0:
		return importUnknownKind
	case t[0] == 0x1e:
		return ImportGeoJSONSeq
	case t[0] == '{':
		line, _, _ := bytes.Cut(t, []byte("\n"))
		if jsonValid(line) && !bytes.Contains(line, []byte(`"FeatureCollection"`)) {
			return ImportGeoJSONSeq
		}
		return ImportGeoJSON
	case t[0] == '[':
		return importUnknownKind
	}
	return ImportCSV
}

// countryCode returns a resolver from country names to ISO codes, or nil
// without a gazetteer. Results are cached: an ACLED file names few countries.
func (im *Importer) countryCode() func(string) string {
	if im.Gazetteer == nil && im.LoadGazetteer == nil {
		return nil
	}
	gz := im.Gazetteer
	var once sync.Once
	cache := map[string]string{}
	return func(name string) string {
		if c, ok := cache[name]; ok {
			return c
		}
		if gz == nil {
			once.Do(func() {
				var err error
				if gz, err = im.LoadGazetteer(); err != nil && im.Logger != nil {
					im.Logger.Warn("import: no gazetteer, country names are kept without ISO codes", "err", err)
				}
			})
		}
		code := ""
		if gz == nil {
			cache[name] = code
			return code
		}
		for _, c := range gz.Lookup(name) {
			if c.Place != nil && strings.HasPrefix(c.Place.FeatureCode, "PCL") && !c.Adjectival {
				code = c.Place.CountryCode
				break
			}
		}
		cache[name] = code
		return code
	}
}

// asInputError wraps a row error with its file and line.
func asInputError(path string, line int, err error) error {
	var re *rowError
	if errors.As(err, &re) {
		return &InputError{Path: path, Line: line, Err: fmt.Errorf("%w: %s", ErrInvalidRecord, re.msg)}
	}
	return &InputError{Path: path, Line: line, Err: err}
}
