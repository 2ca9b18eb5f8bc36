package sqlite

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Reading a row's columns one by one through database/sql costs more than
// finding the row: every column is two or three calls into SQLite, each
// taking the connection's mutex, and a string allocated per text column
// (measured: 14 columns were two thirds of the cost of reading 100 rows
// by rowid). So the fields of a row that are text or integers travel in
// one column, a JSON array SQLite builds in one call (rowFields), decoded
// here without allocating for strings that hold no escapes: they are
// slices of the one string read.

// rowFields is the JSON array of an event row's integer and text fields,
// in the order decodeRow reads them.
const rowFields = `json_array(e.x, e.y, e.date, e.id, e.type, e.subtype, e.place_name, e.place_id, e.country_code,
	e.article_id, ` + titleSQL + `, ` + sentenceSQL + `)`

// errRowJSON reports a row array that is not what rowFields builds.
var errRowJSON = errors.New("malformed row array")

// rowReader walks a JSON array as SQLite's json_array writes it: no
// whitespace, values separated by commas.
type rowReader struct {
	s string
	i int
}

// open reads the array's '['.
func (r *rowReader) open() error {
	if r.i >= len(r.s) || r.s[r.i] != '[' {
		return r.fail("'['")
	}
	r.i++
	return nil
}

// sep reads the separator c: ',' between values, ']' after the last.
func (r *rowReader) sep(c byte) error {
	if r.i >= len(r.s) || r.s[r.i] != c {
		return r.fail(strconv.QuoteRune(rune(c)))
	}
	r.i++
	return nil
}

func (r *rowReader) fail(want string) error {
	return fmt.Errorf("%w: want %s at byte %d", errRowJSON, want, r.i)
}

// null reads a JSON null if one is next.
func (r *rowReader) null() bool {
	if len(r.s)-r.i >= 4 && r.s[r.i:r.i+4] == "null" {
		r.i += 4
		return true
	}
	return false
}

// int reads an integer or null (valid false).
func (r *rowReader) int() (v int64, valid bool, err error) {
	if r.null() {
		return 0, false, nil
	}
	j := r.i
	if j < len(r.s) && r.s[j] == '-' {
		j++
	}
	for j < len(r.s) && r.s[j] >= '0' && r.s[j] <= '9' {
		j++
	}
	v, err = strconv.ParseInt(r.s[r.i:j], 10, 64)
	if err != nil {
		return 0, false, fmt.Errorf("%w: integer at byte %d: %w", errRowJSON, r.i, err)
	}
	r.i = j
	return v, true, nil
}

// str reads a string, or null as "" (the event model has no null text).
func (r *rowReader) str() (string, error) {
	if r.null() {
		return "", nil
	}
	if r.i >= len(r.s) || r.s[r.i] != '"' {
		return "", r.fail("a string")
	}
	start := r.i + 1
	for j := start; j < len(r.s); j++ {
		switch r.s[j] {
		case '"':
			r.i = j + 1
			return r.s[start:j], nil
		case '\\':
			return r.unescape(start, j)
		}
	}
	return "", r.fail("'\"'")
}

// unescape decodes a string with escapes: the plain bytes up to j, then
// the rest. Bytes that are not escapes are kept as they are, so text that
// is not valid UTF-8 reads back unchanged, as a plain column would.
func (r *rowReader) unescape(start, j int) (string, error) {
	b := make([]byte, 0, j-start+64)
	b = append(b, r.s[start:j]...)
	for j < len(r.s) {
		c := r.s[j]
		switch {
		case c == '"':
			r.i = j + 1
			return string(b), nil
		case c != '\\':
			b = append(b, c)
			j++
			continue
		}
		if j+1 >= len(r.s) {
			break
		}
		switch e := r.s[j+1]; e {
		case '"', '\\', '/':
			b, j = append(b, e), j+2
		case 'b':
			b, j = append(b, '\b'), j+2
		case 'f':
			b, j = append(b, '\f'), j+2
		case 'n':
			b, j = append(b, '\n'), j+2
		case 'r':
			b, j = append(b, '\r'), j+2
		case 't':
			b, j = append(b, '\t'), j+2
		case 'u':
			ru, n, ok := r.hex4(j + 2)
			if !ok {
				return "", r.fail("four hex digits")
			}
			j += 2 + n
			if utf16.IsSurrogate(ru) {
				ru2, n2, ok2 := rune(0), 0, false
				if j+1 < len(r.s) && r.s[j] == '\\' && r.s[j+1] == 'u' {
					ru2, n2, ok2 = r.hex4(j + 2)
				}
				if pair := utf16.DecodeRune(ru, ru2); ok2 && pair != utf8.RuneError {
					ru, j = pair, j+2+n2
				} else {
					ru = utf8.RuneError
				}
			}
			b = utf8.AppendRune(b, ru)
		default:
			return "", r.fail("an escape")
		}
	}
	return "", r.fail("'\"'")
}

// hex4 reads the four hex digits of a \u escape at i.
func (r *rowReader) hex4(i int) (rune, int, bool) {
	if i+4 > len(r.s) {
		return 0, 0, false
	}
	v, err := strconv.ParseUint(r.s[i:i+4], 16, 32)
	if err != nil {
		return 0, 0, false
	}
	return rune(v), 4, true
}
