package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"strings"

	"geoevents/internal/event"
)

// maxFeatureBytes bounds one GeoJSON feature (a Point with properties).
const maxFeatureBytes = 16 << 20

// geoFeature is one GeoJSON Feature as imported.
type geoFeature struct {
	Type       string                     `json:"type"`
	ID         json.RawMessage            `json:"id"`
	Geometry   *geoGeometry               `json:"geometry"`
	Properties map[string]json.RawMessage `json:"properties"`
}

type geoGeometry struct {
	Type        string            `json:"type"`
	Coordinates []json.RawMessage `json:"coordinates"`
}

// featureEvent turns one raw GeoJSON Feature into an event.
func featureEvent(raw []byte, countryCode func(string) string) (event.Event, error) {
	if !jsonValidUTF8(raw) {
		return event.Event{}, &rowError{"the feature is not valid UTF-8"}
	}
	var f geoFeature
	if err := json.Unmarshal(raw, &f); err != nil {
		return event.Event{}, badRow("not a GeoJSON Feature: %v", err)
	}
	if f.Type != "Feature" {
		return event.Event{}, badRow("expected a GeoJSON object of type \"Feature\", got %q", truncate(f.Type, 40))
	}
	var lon, lat string
	switch {
	case f.Geometry == nil:
		return event.Event{}, badRow("missing coordinates: the feature has no geometry")
	case f.Geometry.Type != "Point":
		return event.Event{}, badRow("geometry type %q: only Point features can be imported", truncate(f.Geometry.Type, 40))
	case len(f.Geometry.Coordinates) < 2:
		return event.Event{}, badRow("missing coordinates: a Point needs [longitude, latitude]")
	default:
		lon, lat = rawText(f.Geometry.Coordinates[0]), rawText(f.Geometry.Coordinates[1])
	}
	props := map[string]string{}
	for k, v := range f.Properties {
		if canon, ok := canonicalOf[strings.ToLower(k)]; ok && canon != "lon" && canon != "lat" {
			if _, dup := props[canon]; !dup || k == canon {
				props[canon] = rawText(v)
			}
		}
	}
	if id := rawText(f.ID); id != "" {
		props["id"] = id
	}
	props["lon"], props["lat"] = lon, lat
	return rowEvent(func(c string) string { return props[c] }, countryCode)
}

// rawText renders a JSON value as import text: strings unquoted, null
// empty, arrays of strings joined with "; ", anything else as written.
func rawText(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || string(v) == "null" {
		return ""
	}
	switch v[0] {
	case '"':
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	case '[':
		var ss []string
		if json.Unmarshal(v, &ss) == nil {
			return strings.Join(ss, "; ")
		}
	}
	return string(v)
}

func jsonValidUTF8(raw []byte) bool {
	_, msg := invalidUTF8(raw, 1)
	return msg == ""
}

// geojsonRows streams the features of a FeatureCollection token by token,
// never holding more than one feature in memory.
func geojsonRows(ctx context.Context, path string, r io.Reader, countryCode func(string) string) iter.Seq2[event.Event, error] {
	return func(yield func(event.Event, error) bool) {
		lr := &lineReader{r: r}
		first := lr.peekFirst()
		dec := json.NewDecoder(&budgetReader{r: lr, limit: 1 << 62})
		syntaxAt := func(err error, at int64) error {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				return inputErr(path, lr.lineAt(se.Offset), ErrMalformed, "GeoJSON: %v", err)
			}
			return inputErr(path, lr.lineAt(at), ErrMalformed, "GeoJSON: %v", err)
		}
		syntax := func(err error) error {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				return inputErr(path, lr.lineAt(se.Offset), ErrMalformed, "GeoJSON: %v", err)
			}
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return inputErr(path, lr.lineAt(dec.InputOffset()), ErrMalformed, "GeoJSON: unexpected end of file")
			}
			return inputErr(path, lr.lineAt(dec.InputOffset()), ErrMalformed, "GeoJSON: %v", err)
		}
		if first != '{' {
			yield(event.Event{}, inputErr(path, 1, ErrMalformed, "GeoJSON: expected a FeatureCollection object"))
			return
		}
		if _, err := dec.Token(); err != nil {
			yield(event.Event{}, syntax(err))
			return
		}
		sawFeatures, typ := false, ""
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				yield(event.Event{}, syntax(err))
				return
			}
			key, _ := tok.(string)
			switch key {
			case "type":
				if err := dec.Decode(&typ); err != nil {
					yield(event.Event{}, syntax(err))
					return
				}
				if typ != "FeatureCollection" {
					yield(event.Event{}, inputErr(path, lr.lineAt(dec.InputOffset()), ErrMalformed, "GeoJSON type %q: expected a FeatureCollection (or use GeoJSON Lines for single features)", truncate(typ, 40)))
					return
				}
			case "features":
				sawFeatures = true
				if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
					if err == nil {
						err = errors.New("\"features\" is not an array")
					}
					yield(event.Event{}, syntax(err))
					return
				}
				for dec.More() {
					if err := ctx.Err(); err != nil {
						yield(event.Event{}, err)
						return
					}
					start := dec.InputOffset()
					start += int64(lr.skipSpace(start))
					var raw json.RawMessage
					if err := dec.Decode(&raw); err != nil {
						if errors.Is(err, io.ErrUnexpectedEOF) {
							err = errors.New("unexpected end of file inside the feature starting here")
						}
						yield(event.Event{}, syntaxAt(err, start))
						return
					}
					line := lr.lineAt(dec.InputOffset() - int64(len(raw)))
					if len(raw) > maxFeatureBytes {
						yield(event.Event{}, inputErr(path, line, ErrTooLarge, "feature of %d bytes", len(raw)))
						return
					}
					e, err := featureEvent(raw, countryCode)
					if err != nil {
						yield(event.Event{}, asInputError(path, line, err))
						return
					}
					if !yield(e, nil) {
						return
					}
					lr.forget(dec.InputOffset())
				}
				if _, err := dec.Token(); err != nil {
					yield(event.Event{}, syntax(err))
					return
				}
			default:
				var skip json.RawMessage
				if err := dec.Decode(&skip); err != nil {
					yield(event.Event{}, syntax(err))
					return
				}
				lr.forget(dec.InputOffset())
			}
		}
		if _, err := dec.Token(); err != nil {
			yield(event.Event{}, syntax(err))
			return
		}
		if !sawFeatures {
			yield(event.Event{}, inputErr(path, 1, ErrMalformed, "GeoJSON: no \"features\" array"))
		}
	}
}

// geojsonSeqRows streams GeoJSON Lines (one Feature per line) and GeoJSON
// Text Sequences (RFC 8142: each feature prefixed by the RS character).
func geojsonSeqRows(path string, r io.Reader, countryCode func(string) string) iter.Seq2[event.Event, error] {
	return func(yield func(event.Event, error) bool) {
		br, ok := r.(*bufio.Reader)
		if !ok {
			br = bufio.NewReader(r)
		}
		for lineNo := 1; ; lineNo++ {
			line, _, tooLong, err := readLine(br, maxFeatureBytes)
			if err != nil && err != io.EOF {
				yield(event.Event{}, &InputError{Path: path, Line: lineNo, Err: err})
				return
			}
			if tooLong {
				yield(event.Event{}, inputErr(path, lineNo, ErrTooLarge, "line longer than %d bytes", maxFeatureBytes))
				return
			}
			if lineNo == 1 {
				line = bytes.TrimPrefix(line, bom)
			}
			if t := bytes.TrimSpace(bytes.TrimLeft(line, "\x1e")); len(t) > 0 {
				if !json.Valid(t) {
					var v any
					jerr := json.Unmarshal(t, &v)
					yield(event.Event{}, inputErr(path, lineNo, ErrMalformed, "GeoJSON: %v", jerr))
					return
				}
				e, ferr := featureEvent(t, countryCode)
				if ferr != nil {
					yield(event.Event{}, asInputError(path, lineNo, ferr))
					return
				}
				if !yield(e, nil) {
					return
				}
			}
			if err == io.EOF {
				return
			}
		}
	}
}
