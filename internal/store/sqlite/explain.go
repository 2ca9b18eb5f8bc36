package sqlite

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"geoevents/internal/event"
)

// The packed explain field (packed.go) holds an event's reasons compactly: a JSON array of
// [field, rule, text, start, value] arrays, field names as one-letter
// codes. Key names repeated in every reason were a third of the bytes of
// an ingested event; the API still serves the object form
// (event.AppendExplain).

// fieldCodes maps explanation fields to their stored codes.
var fieldCodes = map[string]string{
	event.FieldType: "t", event.FieldLocation: "l", event.FieldDate: "d",
	event.FieldFatalities: "f", event.FieldActors: "a", event.FieldIncident: "i",
}

// codeFields is fieldCodes reversed.
var codeFields = func() map[string]string {
	m := map[string]string{}
	for f, c := range fieldCodes {
		m[c] = f
	}
	return m
}()

// encodeExplain returns the stored form of reasons, or "" for none.
func encodeExplain(rs []event.Reason) string {
	if len(rs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('[')
	for i, r := range rs {
		if i > 0 {
			b.WriteByte(',')
		}
		code, ok := fieldCodes[r.Field]
		if !ok {
			code = r.Field
		}
		fmt.Fprintf(&b, "[%s,%s,%s,%s,%s]", quote(code), quote(r.Rule), quote(r.Text), strconv.Itoa(r.Start), quote(r.Value))
	}
	b.WriteByte(']')
	return b.String()
}

func quote(s string) string {
	b, _ := json.Marshal(s) // strings always marshal
	return string(b)
}

// decodeExplain reads the stored form (or the object form of databases
// written before it).
func decodeExplain(s string) ([]event.Reason, error) {
	if strings.HasPrefix(s, "[{") {
		var rs []event.Reason
		err := json.Unmarshal([]byte(s), &rs)
		return rs, err
	}
	var rows [][5]json.RawMessage
	if err := json.Unmarshal([]byte(s), &rows); err != nil {
		return nil, err
	}
	rs := make([]event.Reason, len(rows))
	for i, row := range rows {
		var code string
		r := &rs[i]
		for k, dst := range []any{&code, &r.Rule, &r.Text, &r.Start, &r.Value} {
			if err := json.Unmarshal(row[k], dst); err != nil {
				return nil, fmt.Errorf("reason %d: %w", i, err)
			}
		}
		r.Field = code
		if f, ok := codeFields[code]; ok {
			r.Field = f
		}
	}
	return rs, nil
}
