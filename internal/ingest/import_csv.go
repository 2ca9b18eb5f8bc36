package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"unicode/utf8"

	"geoevents/internal/event"
)

// csvRows streams the events of a CSV file with a header row.
func csvRows(path string, r io.Reader, countryCode func(string) string) iter.Seq2[event.Event, error] {
	return func(yield func(event.Event, error) bool) {
		cr := csv.NewReader(r)
		cr.ReuseRecord = true
		cr.FieldsPerRecord = -1
		if strings.HasSuffix(strings.ToLower(path), ".tsv") {
			cr.Comma = '\t'
		}
		header, err := cr.Read()
		if err != nil {
			if err == io.EOF {
				yield(event.Event{}, inputErr(path, 1, ErrMalformed, "empty file: no CSV header"))
			} else {
				yield(event.Event{}, csvError(path, 1, err))
			}
			return
		}
		col := map[string]int{}
		for i, h := range header {
			h = strings.ToLower(strings.TrimSpace(string(bytes.TrimPrefix([]byte(h), bom))))
			if canon, ok := canonicalOf[h]; ok {
				if _, dup := col[canon]; !dup {
					col[canon] = i
				}
			}
		}
		if _, ok := col["lon"]; !ok {
			yield(event.Event{}, inputErr(path, 1, ErrMalformed, "the CSV header %q has no longitude column (longitude or lon)", truncate(strings.Join(header, ","), 120)))
			return
		}
		if _, ok := col["lat"]; !ok {
			yield(event.Event{}, inputErr(path, 1, ErrMalformed, "the CSV header %q has no latitude column (latitude or lat)", truncate(strings.Join(header, ","), 120)))
			return
		}
		var rec []string
		get := func(canon string) string {
			if i, ok := col[canon]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		for {
			rec, err = cr.Read()
			if err == io.EOF {
				return
			}
			if err != nil { // FieldPos is only valid after a successful Read
				yield(event.Event{}, csvError(path, 0, err))
				return
			}
			line, _ := cr.FieldPos(0)
			if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
				continue // blank line
			}
			for _, f := range rec {
				if !utf8.ValidString(f) {
					yield(event.Event{}, inputErr(path, line, ErrInvalidUTF8, "the row is not valid UTF-8"))
					return
				}
			}
			e, err := rowEvent(get, countryCode)
			if err != nil {
				yield(event.Event{}, asInputError(path, line, err))
				return
			}
			if !yield(e, nil) {
				return
			}
		}
	}
}

// csvError reports a CSV syntax error with the line encoding/csv found.
func csvError(path string, line int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return inputErr(path, pe.Line, ErrMalformed, "CSV: %v", pe.Err)
	}
	return &InputError{Path: path, Line: line, Err: fmt.Errorf("read CSV: %w", err)}
}
