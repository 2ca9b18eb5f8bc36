package extract

import (
	"strconv"
	"strings"
	"time"
)

// historyRule is one named rule that marks a clause as background: what
// it reports happened long before the article, so it is context, never
// today's news.
type historyRule struct {
	name string
	re   *pattern
	// need lists words one of which a clause must hold for the rule to be
	// tried (a cheap test; empty: always tried).
	need []string
	// past, when set, also needs the matched year (group 1) to lie well
	// before publication (see pastYear).
	past bool
}

// historyRules are the background markers of news prose.
var historyRules = []historyRule{
	{name: "history/past-year", past: true, re: pat(`(?i)\b(?:in|during|of|from|by|throughout|back in|as early as)\s+(?:early\s+|late\s+|mid-?\s*)?((?:19|20)\d{2})\b`)},
	{name: "history/year-adjective", past: true, re: pat(`\b((?:19|20)\d{2})(?:[-–]\d{2,4})?\s+(?:capture|fall|siege|battle|offensive|uprising|revolution|war|invasion|attack|attacks|massacre|occupation|liberation|campaign|bombing|coup|crackdown|protests?|ceasefire|agreement|deal|intervention|takeover|conflict|operation|assault|clashes|fighting)\b`)},
	{name: "history/years-ago", need: []string{" ago"}, re: pat(`(?i)\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few|few|some)\s+(?:years|decades)\s+ago\b|\b(?:months)\s+ago\b`)},
	{name: "history/since-then", need: []string{"since", "after"}, re: pat(`(?i)\b(?:has|have|had)\s+(?:\w+\s+){0,2}(?:been|\w+ed|\w+en|fought|held|lost|struck|hit|fled|kept|led|spent)\b[^.;]{0,80}\bsince (?:19|20)\d{2}\b|\b(?:\w+ )?(?:years?|decades?) (?:after|since)\b|\bsince (?:the )?(?:\w+ ){0,2}(?:clashes|fighting|battle|attacks?|offensive|war|uprising|massacre|bombing|capture|fall|siege|protests|revolution)\b`)},
	{name: "history/since-the-start", need: []string{"since"}, re: pat(`(?i)\bsince the (?:\d{4} )?(?:start|beginning|outbreak|onset)\b|\bsince the (?:\d{4} )?(?:uprising|revolution|war|conflict|invasion|civil war|coup)\b|\bsince (?:it|they) (?:began|started)\b`)},
	// "The strikes came days after a Houthi missile attack on Israel": an
	// earlier happening, told to explain this one, not dated by the text.
	{name: "history/came-after", need: []string{" after"}, re: pat(`(?i)\b(?:came|comes|come|coming)\s+(?:just\s+|only\s+|barely\s+)?(?:(?:a|one|two|three|four|five|six|several|few|a few)\s+)?(?:days?|weeks?|months?)\s+after\b`)},
	{name: "history/background", need: []string{"year", "decade", "long", "war", "past", "histor", "previous", "once", "formerly", "height", "conflict", "uprising"}, re: pat(`(?i)\bin recent years\b|\bover the (?:past|last) (?:few |several |two |three )?(?:years|decades|decade)\b|\bfor (?:many )?years\b|\bfor (?:a |two |three )?decades?\b|\bhas long\b|\bhave long\b|\bthroughout the (?:war|conflict)\b|\bduring the (?:civil )?war\b|\bin the past(?:\s+(?:\w+\s+)?(?:years?|decades?|centur(?:y|ies))\b|\s*[,.;)]|\s*$|\s+(?:the|a|an|it|they|he|she|this|there|such|many|some|when)\b)|\bhistorically\b|\blast year\b|\bthe previous year\b|\bin previous years\b|\bonce (?:held|controlled|ruled)\b|\bformerly (?:held|controlled|ruled|occupied)\b|\bat the height of\b|\bthe (?:war|conflict|uprising) (?:that )?(?:began|started|erupted)\b`)},
}

// reFirstSince: "for the first time since 2016" dates what happens now
// against the past; it is not background.
var reFirstSince = pat(`(?i)\bfirst\b[^.;]{0,30}\bsince\b`)

// historyReach is how far, in bytes, a background marker reaches from the
// words it dates: "the 2014 capture of Mosul", "captured Afrin in 2018",
// but not a year at the other end of a long sentence.
const historyReach = 60

// historyOf returns the history rule that marks the clause as background
// for an article published on pub (zero: unknown), and the words it
// matched; ok is false when the clause reports current events.
func historyOf(clause string, pub time.Time) (rule, text string, ok bool) {
	return historyNear(clause, pub, [2]int{0, len(clause)})
}

// historyNear is historyOf for the words at span of the clause: only a
// marker within historyReach bytes of them counts.
func historyNear(clause string, pub time.Time, span [2]int) (rule, text string, ok bool) {
	for _, m := range historyMarkers(clause, pub) {
		if m.end < span[0]-historyReach || m.start > span[1]+historyReach {
			continue
		}
		return m.rule, clause[m.start:m.end], true
	}
	return "", "", false
}

// needs reports whether the lower-cased text holds one of the words (or
// the list is empty).
func needs(lower string, words []string) bool {
	for _, w := range words {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return len(words) == 0
}

// hasYear reports whether s holds four digits starting 19 or 20.
func hasYear(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		if (s[i] == '1' && s[i+1] == '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return true
		}
	}
	return false
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// marker is one background marker in a clause.
type marker struct {
	rule       string
	start, end int
}

// historyMarkers returns the background markers of a clause, in rule
// order. Rules whose literal stems the clause lacks are not run.
func historyMarkers(clause string, pub time.Time) []marker {
	var out []marker
	lower := asciiLower(clause)
	for _, r := range historyRules {
		if r.past && (pub.IsZero() || !hasYear(clause)) {
			continue
		}
		if !needs(lower, r.need) || !r.re.prefilter().mayMatch(lower) {
			continue
		}
		for _, loc := range r.re.prefilter().matches(r.re.rx(), clause, lower) {
			text := clause[loc[0]:loc[1]]
			if reFirstSince.MatchString(text) {
				continue
			}
			if r.past {
				m := r.re.FindStringSubmatchIndex(text)
				if m == nil || m[2] < 0 {
					continue
				}
				y, _ := strconv.Atoi(text[m[2]:m[3]])
				if !pastYear(y, pub) {
					continue
				}
			}
			out = append(out, marker{r.name, loc[0], loc[1]})
		}
	}
	return out
}

// pastYear reports whether a year named alone lies well before the
// publication date: two or more years back, or the previous year once the
// new one is under way (a January report of "in 2015" can still be news).
func pastYear(y int, pub time.Time) bool {
	return y < pub.Year()-1 || y == pub.Year()-1 && pub.Month() > time.March
}

// historyAfter reports whether a place that ends at byte end of sentence
// text is dated to the past by a background marker right after it ("who
// were abducted in Chibok in 2014", "captured Afrin in 2018"): the place
// of a past happening, context for the sentence's current one. It returns
// the marker's words.
func (d *doc) historyAfter(text string, end int) (string, bool) {
	if d.a.Published.IsZero() || !hasYear(text[end:]) {
		return "", false
	}
	ms, ok := d.history[text]
	if !ok {
		ms = historyMarkers(text, d.a.Published)
		d.history[text] = ms
	}
	for _, m := range ms {
		if m.start >= end && m.start-end <= historyAdjacent && !strings.ContainsAny(text[end:m.start], ",;:()") {
			return text[m.start:m.end], true
		}
	}
	return "", false
}

// historyAdjacent is how far after a place, in bytes, a marker dates it:
// the place and the year stand in one phrase.
const historyAdjacent = 4
