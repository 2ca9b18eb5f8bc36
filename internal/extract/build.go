package extract

import (
	"geoevents/internal/event"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/geoparse"
)

// Version names this version of the extraction rules. The store keeps it
// with each article, and ingesting a stored article again re-derives its
// events when the version differs: bump it whenever a change to the rules
// changes what events an article yields.
const Version = "2026.12-1"

// KindAnaphoric marks an event whose mention is a phrase such as "the
// ancient city" that refers back to a place named shortly before.
const KindAnaphoric = "anaphoric"

// anaphoraLookback is how many sentences back an anaphor may refer.
const anaphoraLookback = 3

var (
	// reNear marks an approximate location just before or after a mention.
	reNearBefore = regexp.MustCompile(`(?i)\b(?:near|nearby|outskirts of|outside|around|close to|vicinity of|countryside of|(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? (?:of|part of)|west of|east of|north of|south of|edge of)\s+(?:the\s+)?(?:\w+\s+){0,2}$`)
	reNearAfter  = regexp.MustCompile(`(?i)^(?:'s|’s)?\s*(?:city\s+)?(?:countryside|outskirts|suburbs|environs|area|region|surroundings|desert)\b`)

	// reAnaphor finds "the (ancient) city" style references to a place.
	reAnaphor = regexp.MustCompile(`(?i)\bthe (?:(?:ancient|old|historic|besieged|embattled|northern|southern|eastern|western|central|border|desert|coastal|frontline|front-line|strategic|rebel-held|government-held|opposition-held|regime-held)[ -])?(?:city|town|village)\b`)

	// Country names used as actors rather than places.
	reActorBefore    = regexp.MustCompile(`(?i)\b(?:forces|troops|army|armies|military|militaries|government|governments|officials|ministry|president|leaders?|leadership|involvement|presence|influence|interests|role|ambassador|embassy|allies|ally|backing|support|negotiations|talks|agreements?|relations|ties|deal|cooperation|with|against|by)\s+(?:of\s+)?(?:the\s+)?$`)
	reActorAndPrior  = regexp.MustCompile(`(?i)^,?\s+and\s+(?:the\s+)?$`)
	reActorAfter     = regexp.MustCompile(`(?i)^\s+(?:has|have|had|is|was|were|are|said|says|will|would|could|may|might|must|should|launched|launches|continues|continued|announced|announces|denied|denies|confirmed|confirms|accused|accuses|warned|warns|sent|sends|moved|deployed|finds|found|became|becomes|remains|remained|maintained|maintains|supports|supported|backed|backs|called|calls|urged|urges|insisted|also|does|did|wants|seeks|sought|claimed|claims|vowed|agreed|signed|rejected|condemned|demanded)\b`)
	reActorNounAfter = regexp.MustCompile(`(?i)^\.?(?:-(?:backed|led|trained|funded|brokered|supported|allied|sponsored)\b|\s+(?:military|forces|troops|army|government|officials|president|administration|ministry|foreign ministry|defence ministry|defense ministry|envoy|embassy|ambassador|leaders?|leadership|authorities|diplomats|warplanes|jets|drones|navy|air force|spokesperson|spokesman|operations|concerns|interests|strategy|policy|sanctions|support|involvement|intelligence|diplomacy|allies|partners|commanders?|soldiers|personnel|coalition)\b)`)
	reLocativeBefore = regexp.MustCompile(`(?i)\b(?:in|at|near|inside|into|across|throughout|to|toward|towards|within|from|around|outside|over|of|on)\s+(?:the\s+)?$`)
	rePossessive     = regexp.MustCompile(`^(?:'s|’s)\s+([\w-]+)`)
	geoNouns         = map[string]bool{
		"second-largest": true, "largest": true, "capital": true, "city": true, "cities": true, "north": true,
		"south": true, "east": true, "west": true, "northern": true, "southern": true, "eastern": true,
		"western": true, "northeast": true, "northwest": true, "southeast": true, "southwest": true,
		"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true, "central": true,
		"border": true, "borders": true, "coast": true, "coastal": true, "territory": true, "countryside": true,
		"province": true, "provinces": true, "desert": true, "interior": true, "airspace": true, "towns": true,
		"villages": true, "largest-ever": true, "border-crossing": true, "oil": true, "east-west": true,
	}
)

// Build turns a geoparsed article into events: one per literal place
// mention that names where something happened or is reported. Adjectival
// mentions ("Russian airstrikes") name actors, not locations: they add to
// their sentence's actors and make no event; a country or capital used as an
// actor ("forces of Syria and the United States", "Russia has moved", "talks
// with Russia", "Syria's Foreign Ministry") is treated the same way.
// Unresolved mentions (nil Place) are skipped. An anaphor such as "the
// ancient city" in a sentence reporting an event (not a plain Mention) adds
// an event at the populated place or site named last within the three
// preceding sentences. Events come in text order.
func Build(a event.Article, mentions []geoparse.Mention) []event.Event {
	text := a.Text
	sents := Sentences(text)
	sentOf := func(pos int) int {
		i := sort.Search(len(sents), func(i int) bool { return sents[i].End > pos })
		if i == len(sents) || sents[i].Start > pos {
			return -1
		}
		return i
	}

	sorted := make([]geoparse.Mention, 0, len(mentions))
	for _, m := range mentions {
		if m.Place != nil && m.Start >= 0 && m.Start < m.End && m.End <= len(text) {
			sorted = append(sorted, m)
		}
	}
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })

	// Actors per sentence: the dictionary, plus countries named adjectivally
	// or as actors.
	extraActors := map[int][]string{}
	var places []located
	prevActor := -1 // end of the last country mention used as an actor
	for _, m := range sorted {
		si := sentOf(m.Start)
		if si < 0 {
			continue
		}
		if m.Kind == geoparse.KindAdjectival || isActorUse(text, m, prevActor) {
			if m.Kind != geoparse.KindAdjectival {
				prevActor = m.End
			}
			if name := countryActor(m.Place); name != "" {
				extraActors[si] = appendUnique(extraActors[si], name)
			}
			continue
		}
		places = append(places, located{m, si})
	}

	events := make([]event.Event, 0, len(places))
	sentActors := map[int][]string{}
	actorsOf := func(si int) []string {
		if act, ok := sentActors[si]; ok {
			return act
		}
		act := Actors(text[sents[si].Start:sents[si].End])
		for _, x := range extraActors[si] {
			act = appendUnique(act, x)
		}
		sentActors[si] = act
		return act
	}
	sentCues := map[int]cues{}
	cuesOf := func(si int) cues {
		c, ok := sentCues[si]
		if !ok {
			c = findCues(text[sents[si].Start:sents[si].End])
			sentCues[si] = c
		}
		return c
	}
	type sentDate struct {
		t time.Time
		p event.DatePrecision
	}
	sentDates := map[int]sentDate{}
	dateOf := func(si int, sentence string) (time.Time, event.DatePrecision) {
		d, ok := sentDates[si]
		if !ok {
			d.t, d.p = ResolveDate(sentence, a.Published)
			sentDates[si] = d
		}
		return d.t, d.p
	}
	newEvent := func(si, start, end int, kind string, p *gazetteer.Place, score float64) event.Event {
		s := sents[si]
		sentence := text[s.Start:s.End]
		typ, sub := cuesOf(si).classify(start-s.Start, end-s.Start)
		date, prec := dateOf(si, sentence)
		return event.Event{
			ID:            event.EventID(a.ID, start, end),
			ArticleID:     a.ID,
			ArticleTitle:  a.Title,
			ArticleURL:    a.URL,
			Source:        a.Source,
			Published:     a.Published,
			Sentence:      sentence,
			SentenceStart: s.Start,
			MentionStart:  start,
			MentionEnd:    end,
			MentionText:   text[start:end],
			MentionKind:   kind,
			PlaceID:       strconv.FormatInt(p.ID, 10),
			PlaceName:     p.Name,
			CountryCode:   p.CountryCode,
			CountryName:   p.CountryName,
			Admin1:        p.Admin1,
			FeatureCode:   p.FeatureCode,
			Lon:           p.Lon,
			Lat:           p.Lat,
			GeoPrecision:  GeoPrecision(p, text, start, end),
			Score:         score,
			Type:          typ,
			SubType:       sub,
			Actors:        actorsOf(si),
			Date:          date,
			DatePrecision: prec,
		}
	}
	for _, l := range places {
		events = append(events, newEvent(l.sent, l.m.Start, l.m.End, string(l.m.Kind), l.m.Place, l.m.Score))
	}

	// Anaphors: "the ancient city" after "Palmyra".
	for si, s := range sents {
		sentence := text[s.Start:s.End]
		locs := reAnaphor.FindAllStringIndex(sentence, -1)
		if len(locs) == 0 || hasPopulatedPlace(places, si) {
			continue
		}
		for _, loc := range locs {
			start, end := s.Start+loc[0], s.Start+loc[1]
			if strings.HasPrefix(strings.TrimLeft(text[end:], " "), "of ") {
				continue // "the city of Homs": the name follows
			}
			if typ, _ := cuesOf(si).classify(loc[0], loc[1]); typ == event.TypeMention {
				continue
			}
			var ante *located
			for k := len(places) - 1; k >= 0; k-- {
				l := places[k]
				if l.m.Start >= start || l.sent < si-anaphoraLookback {
					if l.sent < si-anaphoraLookback {
						break
					}
					continue
				}
				if c := l.m.Place.FeatureClass; c == "P" || c == "S" {
					ante = &places[k]
					break
				}
			}
			if ante == nil {
				continue
			}
			events = append(events, newEvent(si, start, end, KindAnaphoric, ante.m.Place, ante.m.Score*0.8))
		}
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].MentionStart < events[j].MentionStart })
	locateAtMostPrecise(events)
	return events
}

// locateAtMostPrecise keeps a sentence's happening at its most precise
// place, as ACLED codes one event at the most specific location known: when
// a sentence has a typed event at a place (precision 1 or 2), the countries
// and admin areas it also names ("the Et-Tanf base … near the borders of
// Syria, Iraq, and Jordan") describe where that place is, and become plain
// mentions rather than copies of the event at their centroids.
func locateAtMostPrecise(events []event.Event) {
	for i := 0; i < len(events); {
		j := i
		precise := false
		for ; j < len(events) && events[j].SentenceStart == events[i].SentenceStart; j++ {
			precise = precise || (events[j].Type != event.TypeMention && events[j].GeoPrecision < 3)
		}
		if precise {
			for k := i; k < j; k++ {
				if events[k].GeoPrecision == 3 {
					events[k].Type, events[k].SubType = event.TypeMention, ""
				}
			}
		}
		i = j
	}
}

// located is a mention that names a location, with its sentence index.
type located struct {
	m    geoparse.Mention
	sent int
}

// hasPopulatedPlace reports whether sentence si names a populated place or
// site literally (then an anaphor there most likely refers to it, and it
// already has its event).
func hasPopulatedPlace(places []located, si int) bool {
	for _, l := range places {
		if c := l.m.Place.FeatureClass; l.sent == si && (c == "P" || c == "S") {
			return true
		}
	}
	return false
}

// GeoPrecision returns the ACLED geo-precision of a mention of p at
// text[start:end]: 1 for a populated place, site or base; 2 for a region,
// sea or other natural area, or for a place the text locates only roughly
// ("near Saraqib", "on the outskirts of Idlib", "the Idlib countryside");
// 3 for an administrative area or a country.
func GeoPrecision(p *gazetteer.Place, text string, start, end int) int {
	prec := 1
	switch {
	case p.FeatureClass == "A" || strings.HasPrefix(p.FeatureCode, "PCL") || strings.HasPrefix(p.FeatureCode, "ADM"):
		return 3
	case p.FeatureClass == "H" || p.FeatureClass == "L" || p.FeatureClass == "T" || p.FeatureClass == "V" || p.FeatureClass == "U":
		prec = 2
	}
	before := text[max(0, start-40):start]
	after := text[end:min(len(text), end+30)]
	if reNearBefore.MatchString(before) || reNearAfter.MatchString(after) {
		prec = 2
	}
	return prec
}

// isActorUse reports whether a literal mention of a country or capital names
// a state acting rather than a location. prevActor is the end of the
// previous mention used as an actor, for "forces of Syria and the United
// States".
func isActorUse(text string, m geoparse.Mention, prevActor int) bool {
	p := m.Place
	if !strings.HasPrefix(p.FeatureCode, "PCL") && p.FeatureCode != "PPLC" {
		return false
	}
	before := text[max(0, m.Start-60):m.Start]
	after := text[m.End:min(len(text), m.End+40)]
	if prevActor >= 0 && prevActor <= m.Start && reActorAndPrior.MatchString(text[prevActor:m.Start]) {
		return true
	}
	if reActorBefore.MatchString(before) || reActorNounAfter.MatchString(after) {
		return true
	}
	if reLocativeBefore.MatchString(before) {
		return false
	}
	if pm := rePossessive.FindStringSubmatch(after); pm != nil {
		return !geoNouns[strings.ToLower(pm[1])]
	}
	return reActorAfter.MatchString(after)
}

// countryActor is the actor a country mention names: the dictionary's
// canonical name where it has one, else the country's name; "" for Syria
// (see countryActors) and for places that are not countries.
func countryActor(p *gazetteer.Place) string {
	if name, ok := countryActors[p.CountryCode]; ok {
		return name
	}
	if p.CountryCode == "SY" || !strings.HasPrefix(p.FeatureCode, "PCL") {
		return ""
	}
	if p.CountryName != "" {
		return p.CountryName
	}
	return p.Name
}
