package extract

import (
	"geoevents/internal/event"
	"strconv"
	"strings"
	"time"
)

// monthNames are the month names and abbreviations of the date phrases.
const monthNames = `(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?`

// Date phrases ResolveDate recognises, case-insensitively.
var (
	// "October 15th", "October 15, 2024", "Oct. 15"
	reMonthDay = pat(`(?i)\b` + monthNames + `\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`)
	// "15 October", "15th of October 2024"
	reDayMonth = pat(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthNames + `(?:,?\s+(\d{4})\b)?`)
	// "in December", "in December 2023", "late November", "December 2023"
	reMonth = pat(`(?i)\b(in|during|early|mid|late|since|until|by|of)?[\s-]*\b` + monthNames + `\b(?:\s+(\d{4})\b)?`)
	// "in 2015", "since 2016"
	reYear     = pat(`(?i)\b(in|since|during|until|by|of|from|after|before)?\s*\b((?:19|20)\d{2})\b`)
	reRelative = pat(`(?i)\b(yesterday|today|tonight|this (?:morning|afternoon|evening)|last night|overnight)\b|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b`)
	// "last week", "this week", "last weekend", "earlier this month", "last month"
	reRelPeriod = pat(`(?i)\b(last|this|past|earlier this|late last|early last|previous|the previous|the past) (week|weekend|month)\b`)
	// "three days ago", "two weeks ago", "a month ago"
	reAgo = pat(`(?i)\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|\d{1,2}) (day|week|month)s? ago\b`)
	// ACLED-style numeric day and month: "on 22/03", "in the morning of 08/02", "on 31/12/2015"
	reNumericDate = pat(`\b([0-3]?\d)/([01]?\d)(?:/((?:19|20)?\d{2}))?\b`)
	// reAttributive and reNounAfter find a date used as an attribute of a
	// noun: "the Aug 2015 peace agreement", "Bashir's Dec 31 announcement".
	reAttributive = pat(`(?i)(?:\bthe|'s|’s)\s*$`)
	reNounAfter   = pat(`^\s+(?:[a-z]+\s+){0,2}(?:agreement|deal|accord|announcement|decision|elections?|vote|referendum|ceasefire|truce|offensive|attack|attacks|massacre|uprising|revolution|protests?|law|decree|speech|statement|meeting|summit|talks|resolution|plan|deadline)\b`)
	// "17-" before "20/03": a range of days, dated from its first
	reDayRangeStart = pat(`\b([0-3]?\d)[-–]$`)
	// "Apr.27", "May.10", "Feb.3"
	reDottedDate = pat(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.(\d{1,2})\b`)
)

var monthIndex = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var weekdayIndex = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// dateFinding is the date ResolveDate found for a sentence: the date, its
// precision, the named rule that set it and the words it read (pos -1:
// the publication date, not a phrase of the sentence).
type dateFinding struct {
	t    time.Time
	prec event.DatePrecision
	rule string
	text string
	pos  int
}

// ResolveDate returns the date of the event a sentence reports, and how
// precisely it is known, resolved against the article's publication date
// (zero when unknown). Rules, in order:
//
//   - An explicit day ("on October 15th", "15 October", "October 15, 2024",
//     ACLED's "on 22/03" day/month, "Apr.27") gives day precision. Without a
//     year it takes the publication year, or the previous one when the
//     month comes after the publication month; with no publication date and
//     no year it is not resolvable.
//   - A month ("in December", "late November", "in December 2023") gives
//     month precision, with the same year rule.
//   - Relative days: "yesterday" is the day before publication; "on Monday"
//     the latest Monday on or before the publication day; "today", "this
//     morning", "last night" the publication day; "three days ago" that day.
//   - Relative weeks and months, with ACLED's time precision: "last week"
//     is the week before publication and "this week" the week of it (week
//     precision, dated to the week's day that publication day's weekday
//     falls on); "last month" and "this month" month precision; "two weeks
//     ago" week precision, "a month ago" month precision.
//   - A year alone is usually background in news prose ("since 2016", "the
//     country's intervention in 2015", "after a long siege in 2016"), so it
//     sets the date (year precision) only when it is the event's own date
//     phrase: leading the sentence ("In 2015, Russia intervened") or right
//     after a verb ("the town was captured in 2017"), not after a noun;
//     "since YYYY" never does.
//   - Otherwise the publication date with day precision; with no publication
//     date, the zero time and PrecisionUnknown: a date is never invented.
//
// Phrases introduced by "since" or "until" describe a period's bound, not the
// event's date, and are skipped. The first usable phrase in the sentence wins.
func ResolveDate(sentence string, published time.Time) (time.Time, event.DatePrecision) {
	f := resolveDate(sentence, published)
	return f.t, f.prec
}

// resolveDate is ResolveDate with the rule and phrase that decided.
func resolveDate(sentence string, published time.Time) dateFinding {
	all := dateCandidates(sentence, published)
	if len(all) == 0 {
		return publicationDate(published)
	}
	best := all[0]
	for _, c := range all[1:] {
		if c.pos < best.pos {
			best = c
		}
	}
	return best
}

// publicationDate is the date of an event whose sentence gives none: the
// publication day, or unknown.
func publicationDate(published time.Time) dateFinding {
	if published.IsZero() {
		return dateFinding{rule: "date/unknown", pos: -1}
	}
	return dateFinding{t: dayOf(published), prec: event.PrecisionDay, rule: "date/publication", pos: -1}
}

// dateCandidates returns every date phrase of a sentence the rules of
// ResolveDate read, with its date, precision and rule (end is pos +
// len(text)).
func dateCandidates(sentence string, published time.Time) []dateFinding {
	pub := dayOf(published)
	known := !published.IsZero()
	if !mayHaveDate(sentence) {
		return nil
	}
	var all []dateFinding
	consider := func(pos, end int, d time.Time, p event.DatePrecision, rule string) {
		for _, c := range all {
			if c.pos == pos {
				return
			}
		}
		if known && p == event.PrecisionDay && d.After(pub) || reAttributive.MatchString(sentence[:pos]) && reNounAfter.MatchString(sentence[end:]) {
			return // a day after publication is a plan, and "the Aug 2015 agreement" dates a thing
		}
		all = append(all, dateFinding{t: d, prec: p, rule: rule, text: sentence[pos:end], pos: pos})
	}
	skip := func(pos int) bool { return precededBy(sentence, pos, "since", "until", "till") }
	var monthDays, dayMonths, months [][]int
	lower := strings.ToLower(sentence)
	if hasMonthName(lower) {
		monthDays = reMonthDay.FindAllStringSubmatchIndex(sentence, -1)
		dayMonths = reDayMonth.FindAllStringSubmatchIndex(sentence, -1)
		months = reMonth.FindAllStringSubmatchIndex(sentence, -1)
	}
	within := func(s, e int, lists ...[][]int) bool {
		for _, l := range lists {
			for _, m := range l {
				if m[0] <= s && e <= m[1] {
					return true
				}
			}
		}
		return false
	}
	explicitDays(sentence, pub, known, monthDays, dayMonths, skip, consider)
	for _, m := range months {
		word := ""
		if m[2] >= 0 {
			word = strings.ToLower(sentence[m[2]:m[3]])
		}
		if word == "since" || word == "until" || skip(m[0]) {
			continue
		}
		name := sentence[m[4]:m[5]]
		if strings.EqualFold(name, "may") || strings.EqualFold(name, "march") {
			// "may" and "march" are also common verbs: require a cue word or a year
			if word == "" && m[6] < 0 {
				continue
			}
			if name == "may" || name == "march" { // lower case: the verb
				continue
			}
		}
		if within(m[4], m[4]+1, monthDays, dayMonths, reDottedDate.FindAllStringIndex(sentence, -1)) {
			continue // part of a day phrase, which the day rules handle
		}
		mon := monthIndex[monthKey(name)]
		var year int
		switch {
		case m[6] >= 0:
			year, _ = strconv.Atoi(sentence[m[6]:m[7]])
		case known:
			year = pub.Year()
			if mon > pub.Month() {
				year--
			}
		default:
			continue
		}
		consider(m[0], m[1], time.Date(year, mon, 1, 0, 0, 0, 0, time.UTC), event.PrecisionMonth, "date/month")
	}
	if known {
		relativeDates(sentence, pub, consider)
	}
	var years [][]int
	if hasYear(sentence) {
		years = reYear.FindAllStringSubmatchIndex(sentence, -1)
	}
	for _, m := range years {
		word := ""
		if m[2] >= 0 {
			word = strings.ToLower(sentence[m[2]:m[3]])
		}
		if word == "since" || word == "until" || word == "from" || word == "after" || word == "before" || skip(m[0]) {
			continue
		}
		if within(m[4], m[5], monthDays, dayMonths, months) {
			continue // part of a month or day phrase
		}
		if !ownYear(sentence[:m[0]], word) {
			continue
		}
		year, _ := strconv.Atoi(sentence[m[4]:m[5]])
		consider(m[0], m[1], time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), event.PrecisionYear, "date/year")
	}
	return all
}

// explicitDays considers every explicit day of a sentence: month-day,
// day-month, ACLED's numeric day/month and "Apr.27".
func explicitDays(sentence string, pub time.Time, known bool, monthDays, dayMonths [][]int, skip func(int) bool, consider func(int, int, time.Time, event.DatePrecision, string)) {
	for _, m := range monthDays {
		if skip(m[0]) {
			continue
		}
		mon := monthIndex[monthKey(sentence[m[2]:m[3]])]
		day, _ := strconv.Atoi(sentence[m[4]:m[5]])
		if d, ok := dayDate(sentence, m[6], m[7], mon, day, pub, known); ok {
			consider(m[0], m[1], d, event.PrecisionDay, "date/day")
		}
	}
	for _, m := range dayMonths {
		if skip(m[0]) {
			continue
		}
		day, _ := strconv.Atoi(sentence[m[2]:m[3]])
		mon := monthIndex[monthKey(sentence[m[4]:m[5]])]
		if d, ok := dayDate(sentence, m[6], m[7], mon, day, pub, known); ok {
			consider(m[0], m[1], d, event.PrecisionDay, "date/day")
		}
	}
	var numeric, dotted [][]int
	if strings.Contains(sentence, "/") {
		numeric = reNumericDate.FindAllStringSubmatchIndex(sentence, -1)
	}
	if strings.Contains(sentence, ".") {
		dotted = reDottedDate.FindAllStringSubmatchIndex(sentence, -1)
	}
	for _, m := range numeric {
		if skip(m[0]) || m[1] < len(sentence) && sentence[m[1]] == '/' || sentence[m[0]:m[1]] == "24/7" {
			continue
		}
		day, _ := strconv.Atoi(sentence[m[2]:m[3]])
		mon, _ := strconv.Atoi(sentence[m[4]:m[5]])
		start := m[0]
		if r := reDayRangeStart.FindStringSubmatchIndex(sentence[:m[0]]); r != nil {
			day, _ = strconv.Atoi(sentence[r[2]:r[3]]) // "17-20/03": from the first day
			start = r[0]
		}
		ys, ye := m[6], m[7]
		if ys >= 0 && ye-ys == 2 {
			ys, ye = -1, -1 // two-digit years are read as the publication year's
		}
		if d, ok := dayDate(sentence, ys, ye, time.Month(mon), day, pub, known); ok && mon <= 12 {
			consider(start, m[1], d, event.PrecisionDay, "date/day-month-numeric")
		}
	}
	for _, m := range dotted {
		mon := monthIndex[monthKey(sentence[m[2]:m[3]])]
		day, _ := strconv.Atoi(sentence[m[4]:m[5]])
		if d, ok := dayDate(sentence, -1, -1, mon, day, pub, known); ok && !skip(m[0]) {
			consider(m[0], m[1], d, event.PrecisionDay, "date/day")
		}
	}
}

// relativeDates considers the phrases dated relative to publication.
func relativeDates(sentence string, pub time.Time, consider func(int, int, time.Time, event.DatePrecision, string)) {
	lower := strings.ToLower(sentence)
	var rel, periods, agos [][]int
	if strings.Contains(lower, "day") || strings.Contains(lower, "night") || strings.Contains(lower, "this ") {
		rel = reRelative.FindAllStringSubmatchIndex(sentence, -1)
	}
	if strings.Contains(lower, "week") || strings.Contains(lower, "month") {
		periods = reRelPeriod.FindAllStringSubmatchIndex(sentence, -1)
	}
	if strings.Contains(lower, " ago") {
		agos = reAgo.FindAllStringSubmatchIndex(sentence, -1)
	}
	for _, m := range rel {
		switch {
		case m[4] >= 0:
			wd := weekdayIndex[strings.ToLower(sentence[m[4]:m[5]])]
			consider(m[0], m[1], lastWeekday(pub, wd), event.PrecisionDay, "date/weekday")
		case strings.EqualFold(sentence[m[2]:m[3]], "yesterday"):
			consider(m[0], m[1], pub.AddDate(0, 0, -1), event.PrecisionDay, "date/yesterday")
		default: // today, this morning, last night, overnight
			consider(m[0], m[1], pub, event.PrecisionDay, "date/today")
		}
	}
	for _, m := range periods {
		which := strings.ToLower(sentence[m[2]:m[3]])
		unit := strings.ToLower(sentence[m[4]:m[5]])
		this := which == "this" || which == "earlier this"
		switch {
		case unit == "month" && this:
			consider(m[0], m[1], time.Date(pub.Year(), pub.Month(), 1, 0, 0, 0, 0, time.UTC), event.PrecisionMonth, "date/this-month")
		case unit == "month":
			prev := time.Date(pub.Year(), pub.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
			consider(m[0], m[1], prev, event.PrecisionMonth, "date/last-month")
		case this:
			consider(m[0], m[1], pub, event.PrecisionWeek, "date/this-week")
		case unit == "weekend":
			consider(m[0], m[1], lastWeekday(pub.AddDate(0, 0, -1), time.Saturday), event.PrecisionWeek, "date/last-weekend")
		default:
			consider(m[0], m[1], pub.AddDate(0, 0, -7), event.PrecisionWeek, "date/last-week")
		}
	}
	for _, m := range agos {
		n, ok := wordNumber(strings.ToLower(sentence[m[2]:m[3]]))
		if !ok {
			n = 3 // "a few", "several"
		}
		switch strings.ToLower(sentence[m[4]:m[5]]) {
		case "day":
			consider(m[0], m[1], pub.AddDate(0, 0, -n), event.PrecisionDay, "date/days-ago")
		case "week":
			consider(m[0], m[1], pub.AddDate(0, 0, -7*n), event.PrecisionWeek, "date/weeks-ago")
		default:
			d := pub.AddDate(0, -n, 0)
			consider(m[0], m[1], time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC), event.PrecisionMonth, "date/months-ago")
		}
	}
}

// dayDate builds a day-precision date from a month and day, taking the year
// from sentence[ys:ye] when present, else from the publication date.
func dayDate(sentence string, ys, ye int, mon time.Month, day int, pub time.Time, known bool) (time.Time, bool) {
	if mon == 0 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	var year int
	switch {
	case ys >= 0:
		year, _ = strconv.Atoi(sentence[ys:ye])
	case known:
		year = pub.Year()
		if mon > pub.Month() {
			year--
		}
	default:
		return time.Time{}, false
	}
	d := time.Date(year, mon, day, 0, 0, 0, 0, time.UTC)
	if d.Day() != day { // "February 31"
		return time.Time{}, false
	}
	return d, true
}

// precededBy reports whether one of the words directly precedes pos.
func precededBy(s string, pos int, words ...string) bool {
	before := strings.ToLower(strings.TrimRight(s[:pos], " \t\n"))
	for _, w := range words {
		if strings.HasSuffix(before, w) && (len(before) == len(w) || !isLetter(before[len(before)-len(w)-1])) {
			return true
		}
	}
	return false
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func monthKey(name string) string {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	if name == "sept" {
		return name
	}
	if len(name) > 3 {
		name = name[:3]
	}
	return name
}

// lastWeekday returns the latest day on or before pub that falls on wd.
func lastWeekday(pub time.Time, wd time.Weekday) time.Time {
	back := (int(pub.Weekday()) - int(wd) + 7) % 7
	return pub.AddDate(0, 0, -back)
}

// dayOf truncates t to its calendar day (in t's own zone), as UTC midnight.
func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ownYear reports whether "in YYYY" (word is the preposition, before the text
// preceding it) dates the sentence's event: it leads the sentence, or it
// follows a verb (a past participle or past tense such as "captured",
// "fell", "began") rather than a noun ("intervention in 2015").
func ownYear(before, word string) bool {
	before = strings.TrimSpace(before)
	if before == "" || strings.EqualFold(before, "back") {
		return true
	}
	if word != "in" && word != "during" {
		return false
	}
	fields := strings.Fields(before)
	prev := strings.ToLower(strings.Trim(fields[len(fields)-1], ",;:\"'()"))
	if strings.HasSuffix(fields[len(fields)-1], ",") {
		return true // "..., in 2015, ..." a date set off by commas
	}
	return len(prev) > 3 && strings.HasSuffix(prev, "ed") || pastVerbs[prev]
}

// pastVerbs are irregular past forms that can precede an event's year.
var pastVerbs = map[string]bool{
	"fell": true, "began": true, "begun": true, "took": true, "taken": true, "won": true, "lost": true,
	"broke": true, "broken": true, "came": true, "made": true, "held": true, "met": true, "left": true,
	"fought": true, "built": true, "struck": true, "hit": true, "shot": true, "ended": true, "sent": true,
	"overran": true, "overrun": true, "retook": true, "retaken": true, "was": true, "were": true, "happened": true,
}

// dateStems are lower-case strings one of which every date phrase
// ResolveDate knows contains (digits aside): month abbreviations, "day"
// (weekdays, today, yesterday), "tonight", "this ", "last ", "earlier",
// "ago", "overnight", "past ", "previous ".
var dateStems = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "day", "tonight", "this ", "last ", "earlier", "ago", "overnight", "past ", "previous "}

// monthStems are the month abbreviations every month name starts with.
var monthStems = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// hasMonthName reports whether the lower-cased sentence may name a month.
func hasMonthName(lower string) bool {
	for _, m := range monthStems {
		for off := 0; ; {
			k := strings.Index(lower[off:], m)
			if k < 0 {
				break
			}
			at := off + k
			if at == 0 || !isWordByte(lower[at-1]) {
				return true // the stem starts a word: "march", "oct."
			}
			off = at + 1
		}
	}
	return false
}

// mayHaveDate is a cheap prefilter: false means the sentence has no date
// phrase, so the regular expressions need not run.
func mayHaveDate(sentence string) bool {
	if strings.ContainsAny(sentence, "0123456789") {
		return true
	}
	lower := strings.ToLower(sentence)
	for _, s := range dateStems {
		if strings.Contains(lower, s) {
			return true
		}
	}
	return false
}
