package extract

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"geoevents/gazetteer"
	"geoevents/internal/event"
	"geoevents/internal/geoparse"
)

// Version names this version of the extraction rules. The store keeps it
// with each article, and ingesting a stored article again re-derives its
// events when the version differs: bump it whenever a change to the rules
// changes what events an article yields.
const Version = "2026.12-52"

// KindAnaphoric marks an event whose place is a phrase such as "the
// ancient city" that refers back to a place named shortly before.
const KindAnaphoric = "anaphoric"

// KindInherited marks an event whose sentence names no place of its own:
// it happened where the report's previous event did.
const KindInherited = "inherited"

// place is a resolved literal mention the extractor may locate events at.
type place struct {
	m    geoparse.Mention
	sent int
	role role
	used bool    // locates a typed event
	off  *offset // the distance and direction written before a relative location's reference ("55km NW of"), or nil
}

// sentence is one sentence of the article with what was read from it.
type sentence struct {
	Span
	text    string
	clauses [][2]int
	hits    []hit
	date    dateFinding   // the sentence's first date phrase, else publication
	dates   []dateFinding // every date phrase of the sentence
}

// doc is an article under extraction.
type doc struct {
	a      event.Article
	sents  []sentence
	places []*place
	actors map[int][]string // sentence → countries named adjectivally or as actors
	// folded maps a clause (sentence, start, end) that continues an
	// incident without a place of its own to that incident.
	folded map[[3]int]*incident
	// history caches the background markers of each clause read.
	history map[string][]marker
	// truncated: the time budget ran out before the end of the text.
	truncated bool
}

// Build turns a geoparsed article into events. A clause that reports a
// happening (a trigger of the trigger table, not hedged, not background
// history) gives one event per place it happened at: the places its role
// rules call locations, after containers, reference points and second
// names of the same place are set aside; a clause that names no place
// takes the place of the report's previous event ("inherited"), or of an
// anaphor ("the ancient city"). Mentions of the same incident are merged.
// Every other literal place becomes a plain Mention, queryable but not an
// event. Each event carries its reasons (Event.Explain). Events come in
// text order.
func Build(a event.Article, mentions []geoparse.Mention) []event.Event {
	events, _ := BuildWithin(context.Background(), a, mentions)
	return events
}

// BuildWithin is Build with a time budget: when ctx is done before the
// article is read to its end, it returns the events of the sentences read
// so far and complete = false. Ordinary articles are read in milliseconds;
// the budget bounds what a hostile one (10 MB of sentences, each with a
// trigger) costs a server.
func BuildWithin(ctx context.Context, a event.Article, mentions []geoparse.Mention) (events []event.Event, complete bool) {
	return BuildLimited(ctx, a, mentions, Limits{})
}

// Limits bound how much of an article event building reads, whatever the
// time: on an ordinary article neither binds, and the events are Build's.
type Limits struct {
	// Read is how far the text was geoparsed (geoparse.Parser.ParseRead);
	// the sentences that start past it are not read, as their happenings
	// would all be pinned on the last place before it. 0: the whole text.
	Read int
	// MaxPlaces stops reading after the sentence that holds the
	// MaxPlaces-th resolved mention: every place becomes an event or a
	// Mention, and a store keeping at most that many events per article
	// has no use for the rest of a list of 100,000 places. 0: no bound.
	MaxPlaces int
}

// stop returns the byte offset of text from which no sentence is read.
func (l Limits) stop(text string, mentions []geoparse.Mention) int {
	stop := len(text)
	if l.Read > 0 {
		stop = min(stop, l.Read)
	}
	if l.MaxPlaces > 0 && len(mentions) > l.MaxPlaces {
		stop = min(stop, mentions[l.MaxPlaces-1].End)
	}
	return stop
}

// BuildLimited is BuildWithin reading the article no further than lim
// allows.
func BuildLimited(ctx context.Context, a event.Article, mentions []geoparse.Mention, lim Limits) (events []event.Event, complete bool) {
	d := newDoc(ctx, a, mentions, lim)
	incs := d.incidents(ctx)
	incs = d.mergeIncidents(incs)
	events = make([]event.Event, 0, len(incs)+len(d.places))
	for _, in := range incs {
		events = append(events, d.event(in))
	}
	events = append(events, d.plainMentions()...)
	sort.SliceStable(events, func(i, j int) bool { return events[i].MentionStart < events[j].MentionStart })
	return events, !d.truncated
}

// newDoc splits the article into sentences and clauses, finds each
// sentence's triggers and date, and decides the role of every resolved
// mention.
func newDoc(ctx context.Context, a event.Article, mentions []geoparse.Mention, lim Limits) *doc {
	d := &doc{a: a, actors: map[int][]string{}, folded: map[[3]int]*incident{}, history: map[string][]marker{}}
	sorted := make([]geoparse.Mention, 0, len(mentions))
	for _, m := range mentions {
		if m.Place != nil && m.Start >= 0 && m.Start < m.End && m.End <= len(a.Text) {
			sorted = append(sorted, m)
		}
	}
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	for i, s := range sentencesUntil(a.Text, lim.stop(a.Text, sorted)) {
		if i%64 == 63 && ctx.Err() != nil {
			d.truncated = true // out of time: the rest of the text is not read
			break
		}
		text := a.Text[s.Start:s.End]
		dates := dateCandidates(text, a.Published)
		first := publicationDate(a.Published)
		for _, c := range dates {
			if first.pos < 0 || c.pos < first.pos {
				first = c
			}
		}
		d.sents = append(d.sents, sentence{Span: s, text: text, clauses: clauses(text), hits: findHits(text), date: first, dates: dates})
	}
	prevActor := -1
	lastSent, inSent := -1, 0 // the sentence of the previous mention, and its mentions read
	for _, m := range sorted {
		si := d.sentOf(m.Start)
		if si < 0 {
			continue
		}
		if si != lastSent {
			lastSent, inSent = si, 0
		}
		if inSent++; inSent > MaxMentionsPerSentence {
			continue
		}
		if m.Kind == geoparse.KindAdjectival || isActorUse(a.Text, m, prevActor) {
			if m.Kind != geoparse.KindAdjectival {
				prevActor = m.End
			}
			if isCountry(m.Place) && m.Place.CountryName != "" && (m.Kind != geoparse.KindAdjectival || reStateNounAfter.MatchString(a.Text[m.End:min(len(a.Text), m.End+40)])) {
				d.actors[si] = append(d.actors[si], m.Place.CountryName)
			}
			continue
		}
		s := d.sents[si]
		start, end := m.Start-s.Start, m.End-s.Start
		r := roleOf(s.text, start, end, s.clauses[clauseOf(s.clauses, start)])
		if r.kind.isLocation() {
			if h, ok := d.historyAfter(s.text, end); ok {
				r = role{kind: roleContext, rule: "context/history", text: h}
			}
		}
		if isCountry(m.Place) && reCountryBuilding.MatchString(a.Text[m.End:min(len(a.Text), m.End+20)]) {
			r = role{kind: roleContext, rule: "context/named-building", text: m.Text}
		}
		if n := len(d.places); n > 0 && r.rule == "weak/named" {
			r = listRole(a.Text, d.places[n-1], m, r)
		}
		pl := &place{m: m, sent: si, role: r}
		if r.rule == "near/distance" {
			if o, ok := offsetBefore(a.Text, m.Start); ok {
				pl.off = &o
			}
		}
		d.places = append(d.places, pl)
	}
	d.fitOffsets()
	d.fitContainers()
	d.setAsideDoubtful()
	d.setAsideStrays()
	return d
}

// MaxMentionsPerSentence bounds the place mentions read in one sentence;
// the rest are neither events nor Mentions. A news sentence names a few
// (at most 31 in the 16,001 sentences of GeoVirus and ACLED's notes, a
// list of villages); a hostile one of 2,000 bytes, 285 ("Aleppo Aleppo
// …"), each of which would cost the role rules, an event and a row.
const MaxMentionsPerSentence = 64

// strayScore is the geoparser's confidence below which a small place
// abroad, alone in its country among the text's places, is taken for a
// wrong namesake: on ACLED's coded reports 13% of such event places lay
// within 25 km of the coded location, against 54% of low-confidence places
// of texts that name one country only.
const strayScore = 0.6

// setAsideStrays makes context of the places a text most likely does not
// mean: a low-confidence village or town in a country no other place of
// the text lies in ("Goro" in Italy in a report of Ethiopian protests,
// "Muxi" in China), which is a namesake the gazetteer offered for want of
// the right one. Countries, capitals and provinces stay: they are named
// for what they are.
func (d *doc) setAsideStrays() {
	byCountry := map[string]map[string]bool{} // country → the names of its places
	for _, p := range d.places {
		cc := p.m.Place.CountryCode
		if byCountry[cc] == nil {
			byCountry[cc] = map[string]bool{}
		}
		byCountry[cc][strings.ToLower(p.m.Place.Name)] = true
	}
	if len(byCountry) < 2 {
		return // one country: nothing to stand apart from
	}
	for _, p := range d.places {
		pl := p.m.Place
		if !p.role.kind.isLocation() || p.m.Score >= strayScore || isArea(pl) || pl.FeatureCode == "PPLC" || pl.FeatureCode == "PPLA" {
			continue
		}
		if len(byCountry[pl.CountryCode]) == 1 && d.otherLocation(p) {
			p.role = role{kind: roleContext, rule: "context/stray-namesake", text: pl.CountryCode}
		}
	}
}

// doubtScore is the geoparser's confidence below which a town or village
// in a country where none of the text's confident locations lies is no
// event's place: the gazetteer offered namesakes of nearly equal weight and
// the text supports none ("Castelo" in Brazil beside Aleppo's villages,
// "Golo" of nine countries in a report on Sudan). On ACLED's coded reports
// 23% of the event places read with less lay within 25 km of the coded
// location, against 67% of those read with more.
const doubtScore = 0.3

// setAsideDoubtful makes context of the towns and villages the parser hardly
// knows between when the text places its happenings with confidence in
// other countries: a stray the stray rule misses because it stands in
// another sentence. A doubtful place in the country of a confident one
// stays (Léré beside the Timbuktu region), and so does a text's only place:
// it may be the report's place, and dropping it would drop the report.
// Areas, capitals and provinces stay: a reading among them is rarely a
// namesake's.
func (d *doc) setAsideDoubtful() {
	sure := map[string]bool{} // the countries of the places read with confidence
	for _, p := range d.places {
		if p.role.kind.isLocation() && p.m.Score >= doubtScore {
			sure[p.m.Place.CountryCode] = true
		}
	}
	if len(sure) == 0 {
		return
	}
	for _, p := range d.places {
		pl := p.m.Place
		if !p.role.kind.isLocation() || p.m.Score >= doubtScore || sure[pl.CountryCode] || isArea(pl) || pl.FeatureCode == "PPLC" || pl.FeatureCode == "PPLA" {
			continue
		}
		p.role = role{kind: roleContext, rule: "context/doubtful-place", text: strconv.FormatFloat(p.m.Score, 'f', 2, 64)}
	}
}

// reListGap is what separates the names of a list: "Remada, Dehiba and
// Tataouine", "Kafr Nabl and Hish", and names the gazetteer lacks between
// them ("in Mershing, Malam, Shagel Tobaya, Kass and Nertiti").
var reListGap = pat(`^(?:` + listSep + `(?:[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3}))*` + listSep + `$`)

// listSep is one separator of a list's names.
const listSep = `(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+|\s+or\s+|\s*,\s*or\s+|\s*/\s*)`

// listRole gives a plainly named place the role of the place before it
// when the two stand in one list ("in the towns of Remada, Dehiba and
// Tataouine": all three are locations; "from the countryside around
// al-Mayadin and Abu Kamal": both where people came from).
func listRole(text string, prev *place, m geoparse.Mention, r role) role {
	if prev.m.End > m.Start || !reListGap.MatchString(text[prev.m.End:m.Start]) || prev.role.kind == roleWeak {
		return r
	}
	if !prev.role.kind.isLocation() {
		return prev.role // "from the countryside around al-Mayadin and Abu Kamal": both where they came from
	}
	return role{kind: prev.role.kind, rule: "location/list", text: prev.role.text}
}

// sentOf returns the index of the sentence holding byte pos, or -1.
func (d *doc) sentOf(pos int) int {
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].End > pos })
	if i == len(d.sents) || d.sents[i].Start > pos {
		return -1
	}
	return i
}

// placesIn returns the places of sentence si whose sentence offset lies in
// the clause range c.
func (d *doc) placesIn(si int, c [2]int) []*place {
	var out []*place
	s := d.sents[si]
	// d.places are in text order: search instead of scanning them all,
	// which made an article's work grow with its sentences times its places.
	from, to := s.Start+c[0], s.Start+c[1]
	i := sort.Search(len(d.places), func(i int) bool { return d.places[i].m.Start >= from })
	for ; i < len(d.places) && d.places[i].m.Start < to; i++ {
		if p := d.places[i]; p.sent == si {
			out = append(out, p)
		}
	}
	return out
}

// geoPrecision is ACLED's geo-precision of an event at p located by role
// k: 3 for an administrative area or a country, 2 near a place, on a road
// or at a natural feature, 1 at the place itself.
func geoPrecision(p *gazetteer.Place, k roleKind, rule string) int {
	switch {
	case isArea(p):
		return 3
	case k == roleNear, rule == "context/route", p.FeatureClass == "H" || p.FeatureClass == "L" || p.FeatureClass == "T" || p.FeatureClass == "V" || p.FeatureClass == "U":
		return 2
	}
	return 1
}

// GeoPrecision returns the ACLED geo-precision of a mention of p at
// text[start:end] read on its own: 3 for an administrative area or a
// country, 2 for a natural feature or a place the text locates only
// roughly ("near Saraqib", "30 km east of Deir ez-Zor", "the Idlib
// countryside"), 1 for a populated place, site or base.
func GeoPrecision(p *gazetteer.Place, text string, start, end int) int {
	r := roleOf(text, start, end, [2]int{0, len(text)})
	return geoPrecision(p, r.kind, r.rule)
}

// plainMentions are the places no typed event stands at: each a Mention,
// with the reason it is not an event's location.
func (d *doc) plainMentions() []event.Event {
	var out []event.Event
	for _, p := range d.places {
		if p.used {
			continue
		}
		s := d.sents[p.sent]
		e := d.base(p.sent, p.m.Start, p.m.End, string(p.m.Kind), p.m.Place, p.m.Score)
		e.Type, e.SubType = event.TypeMention, ""
		e.GeoPrecision = geoPrecision(p.m.Place, p.role.kind, p.role.rule)
		why := p.role.rule
		if p.role.kind.isLocation() {
			why = "mention/no-happening"
			if h, _, ok := historyOf(s.text, d.a.Published); ok {
				why = h
			}
		}
		e.Explain = []event.Reason{{Field: event.FieldLocation, Rule: why, Text: p.role.text, Start: p.m.Start}}
		out = append(out, e)
	}
	return out
}

// base fills the fields every event of sentence si shares, at the mention
// text[start:end] of place p.
func (d *doc) base(si, start, end int, kind string, p *gazetteer.Place, score float64) event.Event {
	s := d.sents[si]
	return event.Event{
		ID:            event.EventID(d.a.ID, start, end),
		ArticleID:     d.a.ID,
		ArticleTitle:  d.a.Title,
		ArticleURL:    d.a.URL,
		Source:        d.a.Source,
		Published:     d.a.Published,
		Sentence:      s.text,
		SentenceStart: s.Start,
		MentionStart:  start,
		MentionEnd:    end,
		MentionText:   d.a.Text[start:end],
		MentionKind:   kind,
		PlaceID:       strconv.FormatInt(p.ID, 10),
		PlaceName:     p.Name,
		CountryCode:   p.CountryCode,
		CountryName:   p.CountryName,
		Admin1:        p.Admin1,
		FeatureCode:   p.FeatureCode,
		Lon:           p.Lon,
		Lat:           p.Lat,
		Score:         score,
		Date:          s.date.t,
		DatePrecision: s.date.prec,
	}
}

// trimReason shortens a phrase quoted in an explanation to at most 120
// bytes, cutting at a rune boundary.
func trimReason(s string) string {
	s = strings.TrimSpace(s)
	if len(s) <= 120 {
		return s
	}
	cut := 117
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func itoa(n int) string { return strconv.Itoa(n) }

// reCountryBuilding is a building a country's name heads, that stands in
// another country: "shells fell on the Saudi Hospital in El Fasher", "the
// U.S. Embassy in Kathmandu". The country is named, but nothing happened
// there.
var reCountryBuilding = pat(`^\s+(?:Hospital|Clinic|School|Embassy|Consulate|Mosque)\b`)

// otherLocation reports whether the sentence of p names another place as
// a location, in another country and read with more confidence: the
// happening keeps a place without p, and the likelier reading stays.
func (d *doc) otherLocation(p *place) bool {
	for _, q := range d.places {
		if q != p && q.sent == p.sent && q.role.kind.isLocation() && q.m.Place.CountryCode != p.m.Place.CountryCode && q.m.Score > p.m.Score {
			return true
		}
	}
	return false
}
