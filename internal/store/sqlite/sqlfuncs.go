package sqlite

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"

	"modernc.org/sqlite"

	"geoevents/internal/event"
)

// SQL functions of schema 6, registered once with the driver like those
// in geofunc.go; they are pure.
//
//	geo_hilbert(x, y)          → the h column of micro-degrees (x, y)
//	grid_keys(kind, h, date)   → JSON array of the event's count grid keys
//	geo_phrase(title, sentence, words) → 1 when the JSON array of words
//	                             follows in a row in the title or sentence
//	event_precision(more)      → the packed geo_precision (0 when unset)
//	event_pack(17 columns)     → the more column from schema 5's columns
//	                             (migration 6 only)
func init() {
	sqlite.MustRegisterFunction("geo_hilbert", &sqlite.FunctionImpl{
		NArgs: 2, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			x, ok1 := args[0].(int64)
			y, ok2 := args[1].(int64)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("geo_hilbert: want integer micro-degrees")
			}
			return pointHilbert(x, y), nil
		},
	})
	sqlite.MustRegisterFunction("grid_keys", &sqlite.FunctionImpl{
		NArgs: 3, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			kind, ok1 := args[0].(int64)
			h, ok2 := args[1].(int64)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("grid_keys: want integer kind and h")
			}
			var date sql.NullInt64
			if d, ok := args[2].(int64); ok {
				date = sql.NullInt64{Int64: d, Valid: true}
			}
			return gridKeysJSON(kind, h, date), nil
		},
	})
	sqlite.MustRegisterFunction("geo_phrase", &sqlite.FunctionImpl{
		NArgs: 3, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			words, _ := args[2].(string)
			var phrase []string
			if err := json.Unmarshal([]byte(words), &phrase); err != nil {
				return nil, fmt.Errorf("geo_phrase: %w", err)
			}
			for _, a := range args[:2] {
				if s, ok := a.(string); ok && containsPhrase(s, phrase) {
					return int64(1), nil
				}
			}
			return int64(0), nil
		},
	})
	sqlite.MustRegisterFunction("event_precision", &sqlite.FunctionImpl{
		NArgs: 1, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, _ := args[0].([]byte)
			return packedInt(b, tagGeoPrecision), nil
		},
	})
	sqlite.MustRegisterFunction("event_pack", &sqlite.FunctionImpl{
		NArgs: 17, Deterministic: true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, err := packColumns(args)
			if err != nil || len(b) == 0 {
				return nil, err
			}
			return b, nil
		},
	})
}

// packColumns packs schema 5's columns article_url, source, published,
// sentence_start, mention_start, mention_end, mention, mention_kind,
// country, admin1, feature_code, geo_precision, actors (JSON), fatalities,
// notes, date_precision, explain (JSON) as packEvent does.
func packColumns(v []driver.Value) ([]byte, error) {
	str := func(i int) string { s, _ := v[i].(string); return s }
	num := func(i int) int { n, _ := v[i].(int64); return int(n) }
	e := event.Event{
		ArticleURL: str(0), Source: str(1),
		SentenceStart: num(3), MentionStart: num(4), MentionEnd: num(5), MentionText: str(6), MentionKind: str(7),
		CountryName: str(8), Admin1: str(9), FeatureCode: str(10), GeoPrecision: num(11),
		Fatalities: num(13), Notes: str(14), DatePrecision: event.DatePrecision(str(15)),
	}
	if p, ok := v[2].(int64); ok {
		e.Published = time.Unix(p, 0).UTC()
	}
	if a := str(12); a != "" {
		if err := json.Unmarshal([]byte(a), &e.Actors); err != nil {
			return nil, fmt.Errorf("event_pack: actors: %w", err)
		}
	}
	if x := str(16); x != "" {
		if err := json.Unmarshal([]byte(x), &e.Explain); err != nil {
			return nil, fmt.Errorf("event_pack: explain: %w", err)
		}
	}
	return packEvent(nil, &e), nil
}
