package evaluate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// maxGoldLine bounds one gold row (a coder's note or a wire paragraph is
// a few KB; 16 MB leaves room for whole articles).
const maxGoldLine = 16 << 20

// GoldEvent is one row of an ACLED-style gold file: one coded event of a
// text. Several rows share a text when the report names several incidents
// (ACLED codes one event per place). A row whose event_type is null and
// that has no coordinates marks a negative text: one that reports no
// event at all (see Negative).
type GoldEvent struct {
	ID            string `json:"id"`
	Text          string `json:"text"`
	Date          string `json:"date"`                 // publication date, YYYY-MM-DD
	EventDate     string `json:"event_date,omitempty"` // the event's own date when it differs
	TimePrecision int    `json:"time_precision,omitempty"`
	// EventType is ACLED's pre-2019 label ("Battle-No change of
	// territory", "Remote violence", ...), mapped by TypeMap.
	EventType        *string  `json:"event_type"`
	EventType2019    *string  `json:"event_type_2019,omitempty"`
	SubEventType2019 *string  `json:"sub_event_type_2019,omitempty"`
	Lat              *float64 `json:"lat"`
	Lon              *float64 `json:"lon"`
	Location         *string  `json:"location"`
	Admin1           *string  `json:"admin1,omitempty"`
	Country          string   `json:"country"`
	Fatalities       *int     `json:"fatalities"`
	Actor1           *string  `json:"actor1,omitempty"`
	Actor2           *string  `json:"actor2,omitempty"`
	GeoPrecision     int      `json:"geo_precision,omitempty"`
	Source           *string  `json:"source,omitempty"`

	line int // where the row is in its file, for errors
}

// Negative reports whether the row marks a text with no event to code.
func (g GoldEvent) Negative() bool { return g.EventType == nil && g.Lat == nil && g.Lon == nil }

// ErrBadGoldRow reports a gold row that cannot be scored.
var ErrBadGoldRow = errors.New("bad gold row")

// ReadGold reads an ACLED-style gold file, one JSON object per line (blank
// lines are skipped). Every row needs a non-empty text and a YYYY-MM-DD
// date; an event row needs finite coordinates in range and a non-negative
// fatality count or null. Errors name the line and wrap ErrBadGoldRow.
func ReadGold(r io.Reader) ([]GoldEvent, error) {
	br := bufio.NewReader(r)
	var rows []GoldEvent
	for n := 1; ; n++ {
		line, err := readGoldLine(br)
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("gold line %d: %w", n, err)
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			g, verr := decodeGold(t)
			if verr != nil {
				return nil, fmt.Errorf("gold line %d: %w: %w", n, ErrBadGoldRow, verr)
			}
			g.line = n
			rows = append(rows, g)
		}
		if err == io.EOF {
			return rows, nil
		}
	}
}

func readGoldLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if len(buf) > maxGoldLine {
			return nil, fmt.Errorf("line longer than %d MB", maxGoldLine>>20)
		}
		if err != bufio.ErrBufferFull {
			return bytes.TrimSuffix(buf, []byte("\n")), err
		}
	}
}

// decodeGold parses and checks one row.
func decodeGold(b []byte) (GoldEvent, error) {
	var g GoldEvent
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&g); err != nil {
		return g, err
	}
	if dec.More() {
		return g, errors.New("more than one JSON value on the line")
	}
	if strings.TrimSpace(g.Text) == "" {
		return g, errors.New(`"text" is missing or empty`)
	}
	if _, err := time.Parse(time.DateOnly, g.Date); err != nil {
		return g, fmt.Errorf(`"date" %q is not YYYY-MM-DD`, g.Date)
	}
	if g.EventDate != "" {
		if _, err := time.Parse(time.DateOnly, g.EventDate); err != nil {
			return g, fmt.Errorf(`"event_date" %q is not YYYY-MM-DD`, g.EventDate)
		}
	}
	if g.Negative() {
		return g, nil
	}
	switch {
	case g.Lat == nil || g.Lon == nil:
		return g, errors.New(`an event row needs "lat" and "lon" (a negative row has neither, and a null "event_type")`)
	case !finite(*g.Lat) || *g.Lat < -90 || *g.Lat > 90:
		return g, fmt.Errorf(`"lat" %v is outside -90..90`, *g.Lat)
	case !finite(*g.Lon) || *g.Lon < -180 || *g.Lon > 180:
		return g, fmt.Errorf(`"lon" %v is outside -180..180`, *g.Lon)
	case g.Fatalities != nil && *g.Fatalities < 0:
		return g, fmt.Errorf(`"fatalities" %d is negative`, *g.Fatalities)
	}
	return g, nil
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// goldText is one distinct (text, date) of a gold file with its rows, in
// file order: the unit the reference scorer ingests as one article.
type goldText struct {
	text, date string
	rows       []GoldEvent
	negative   bool // every row is a negative marker
}

// groupGold keeps the rows of one country (all when country is empty),
// groups them by (text, date) in order of first appearance and keeps the
// first limit groups (all when limit is 0), as the reference scorer does.
// A text both negative and coded is an error.
func groupGold(rows []GoldEvent, country string, limit int) ([]goldText, error) {
	type key struct{ text, date string }
	idx := map[key]int{}
	var out []goldText
	for _, r := range rows {
		if country != "" && r.Country != country {
			continue
		}
		k := key{r.Text, r.Date}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, goldText{text: r.Text, date: r.Date, negative: r.Negative()})
		}
		t := &out[i]
		if t.negative != r.Negative() {
			return nil, fmt.Errorf("gold line %d: %w: the text is marked negative on one row and coded with an event on another", r.line, ErrBadGoldRow)
		}
		t.rows = append(t.rows, r)
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
