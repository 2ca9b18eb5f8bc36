// Package export streams stored events to files GIS tools open directly:
// a GeoJSON FeatureCollection, GeoJSON text sequences (RFC 8142) and CSV
// with lon/lat columns. Events flow from the store through a buffered
// writer one at a time, so memory stays constant however many there are.
package export

import (
	"errors"
	"fmt"
	"strings"
)

// Format is an export file format.
type Format string

// Export formats.
const (
	// GeoJSON is one RFC 7946 FeatureCollection, written feature by feature.
	GeoJSON Format = "geojson"
	// GeoJSONSeq is RFC 8142 GeoJSON text sequences: each Feature is
	// preceded by an ASCII record separator (0x1E) and followed by a line
	// feed. We chose RS-prefixed records (rather than bare newline-delimited
	// GeoJSON) because that is what the application/geo+json-seq media type
	// specifies; GDAL's GeoJSONSeq driver reads both, and `jq --seq` reads it.
	GeoJSONSeq Format = "geojsonseq"
	// CSV has a header row and one RFC 4180 record per event, with lon and
	// lat first (GDAL: -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat).
	// Text cells that would start a spreadsheet formula get a leading "'".
	CSV Format = "csv"
)

// ErrUnknownFormat is wrapped by ParseFormat's error for an unsupported name.
var ErrUnknownFormat = errors.New("unknown export format")

// ParseFormat parses a format name (case-insensitive; "json" and
// "geojsonl"/"ndjson" are not accepted, to keep one name per format).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case GeoJSON, GeoJSONSeq, CSV:
		return f, nil
	}
	return "", fmt.Errorf("%w %q: want geojson, geojsonseq or csv", ErrUnknownFormat, s)
}

// ContentType is the media type to serve the format with.
func (f Format) ContentType() string {
	switch f {
	case GeoJSONSeq:
		return "application/geo+json-seq"
	case CSV:
		return "text/csv; charset=utf-8"
	}
	return "application/geo+json"
}

// Ext is the usual file name extension, without the dot.
func (f Format) Ext() string {
	if f == GeoJSONSeq {
		return "geojsons"
	}
	return string(f)
}
