package extract

import (
	"strings"

	"geoevents/internal/event"
)

// reDayShift dates a clause by days counted from the happening told
// before it: "The following day", "the next morning", "two days later",
// "a day earlier", "the previous day", "the day after".
var reDayShift = pat(`(?i)\b(?:the\s+)?(following|next)\s+(?:day|morning|afternoon|evening|night)\b|\b(a|one|two|three|four|five|six|seven|\d)\s+days?\s+(later|earlier|before|after|afterwards)\b|\bthe\s+(previous|preceding)\s+(?:day|morning|evening|night)\b|\bthe\s+day\s+(before|after)\b`)

// dayShift reads a day counted from the day of the happening told before
// (last, known to the day) in clause ct, which starts at c0 in its
// sentence.
func dayShift(ct string, c0 int, last dateFinding) (dateFinding, bool) {
	if last.prec != event.PrecisionDay || last.t.IsZero() {
		return dateFinding{}, false
	}
	m := reDayShift.FindStringSubmatchIndex(ct)
	if m == nil {
		return dateFinding{}, false
	}
	group := func(k int) string {
		if m[2*k] < 0 {
			return ""
		}
		return strings.ToLower(ct[m[2*k]:m[2*k+1]])
	}
	n := 1
	switch {
	case group(1) != "":
	case group(2) != "":
		if v, ok := wordNumber(group(2)); ok {
			n = v
		}
		if w := group(3); w == "earlier" || w == "before" {
			n = -n
		}
	case group(4) != "":
		n = -1
	case group(5) == "before":
		n = -1
	}
	return dateFinding{t: last.t.AddDate(0, 0, n), prec: event.PrecisionDay, rule: "date/day-shift", text: ct[m[0]:m[1]], pos: c0 + m[0]}, true
}
