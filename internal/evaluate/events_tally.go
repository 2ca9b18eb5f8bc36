package evaluate

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"time"

	"geoevents/internal/event"
)

// mentionType is the type of a place named where nothing happens; the
// scorer counts every other type as a typed event.
const mentionType = "Mention"

// predEvent is one extracted event as the scorer reads it from the
// GeoJSON Lines export.
type predEvent struct {
	lat, lon float64 // rounded to the export's 6 decimals
	typ      string
	fat      int
	start    int    // mention_start
	date     string // YYYY-MM-DD, "" when unknown
	typed    bool
	actors   []string
	// mention: a plain mention, which the default export leaves out (the
	// scorer never sees it); it counts only for the geoparser's reach.
	mention bool
}

// exported turns one article's events into what the scorer sees after a
// round trip through the database and the export: an event whose ID is
// already stored is dropped (the store keeps the first), coordinates are
// rounded to 6 decimals, dates are UTC calendar days, and typed events
// come sorted by mention_start, ties in export order (date descending,
// unknown dates last, then id).
func exported(evs []event.Event) []predEvent {
	type keyed struct {
		p    predEvent
		unix int64
		id   string
	}
	seen := map[string]bool{}
	ks := make([]keyed, 0, len(evs))
	for i := range evs {
		e := &evs[i]
		if seen[e.ID] {
			continue
		}
		seen[e.ID] = true
		k := keyed{id: e.ID, unix: -1 << 63}
		k.p = predEvent{lat: exportCoord(e.Lat), lon: exportCoord(e.Lon), typ: e.Type, fat: e.Fatalities,
			start: e.MentionStart, typed: e.Type != mentionType, mention: e.Type == mentionType, actors: e.Actors}
		if !e.Date.IsZero() {
			k.unix = e.Date.Unix()
			k.p.date = time.Unix(k.unix, 0).UTC().Format(time.DateOnly)
		}
		ks = append(ks, k)
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.p.start, b.p.start), cmp.Compare(b.unix, a.unix), strings.Compare(a.id, b.id))
	})
	out := make([]predEvent, len(ks))
	for i, k := range ks {
		out[i] = k.p
	}
	return out
}

// tally accumulates the scorer's counts text by text.
type tally struct {
	n, detect                        int
	gTot, g25, g161, any25           int
	reach, reach25                   int
	pTot, p25, p161                  int
	typedN, typeOK                   int
	actorN, actorOK                  int
	conf                             confusions
	fatN, fatExact, fatZeroAgree     int
	fatPos, fatPosHit                int
	fatAbs                           float64
	dateN, dateOK                    int
	evDateRows, evDateN, evDateOK    int
	perTextPred, perTextGold         int
	mentions                         int
	extractedMentions, reachAll25    int
	negTexts, negFalse, negTypedEvts int
}

// add scores one text against its extracted events (export order).
func (t *tally) add(g *goldText, all []predEvent) {
	var ps, evs []predEvent
	for _, e := range all {
		if e.typed {
			ps = append(ps, e)
		}
		if !e.mention {
			evs = append(evs, e) // what the default export holds
		}
	}
	if g.negative {
		t.negTexts++
		t.negTypedEvts += len(ps)
		if len(ps) > 0 {
			t.negFalse++
		}
		return
	}
	t.n++
	t.mentions += len(evs) - len(ps)
	t.extractedMentions += len(all) - len(evs)
	t.perTextPred += len(ps)
	t.perTextGold += len(g.rows)
	if len(ps) > 0 {
		t.detect++
	}
	t.addRecall(g, evs, ps)
	t.addReach(g, all)
	t.addPrecision(g, ps)
	t.addType(g, ps)
	t.addFatalities(g, ps)
}

// addReach counts gold events with any event of the text, plain mentions
// included, within 25 km: how far the geoparser got, before extraction
// decides which places are events.
func (t *tally) addReach(g *goldText, all []predEvent) {
	for _, r := range g.rows {
		t.reachAll25 += b2i(nearestKm(*r.Lat, *r.Lon, all) <= 25)
	}
}

// addRecall counts gold events with a typed event (or any event, for
// any25) of the text within 25 and 161 km, and those whose location the
// text names.
func (t *tally) addRecall(g *goldText, all, ps []predEvent) {
	folded := fold(g.text)
	for _, r := range g.rows {
		t.gTot++
		d := nearestKm(*r.Lat, *r.Lon, ps)
		t.g25 += b2i(d <= 25)
		t.g161 += b2i(d <= 161)
		t.any25 += b2i(nearestKm(*r.Lat, *r.Lon, all) <= 25)
		if named(r.Location, folded) {
			t.reach++
			t.reach25 += b2i(d <= 25)
		}
		if r.EventDate != "" {
			t.evDateRows++
		}
	}
}

// addPrecision counts typed events within 25 and 161 km of a gold event
// of the text, and typed events dated on the gold date (and on the
// nearest gold event's own date, for event_date_exact).
func (t *tally) addPrecision(g *goldText, ps []predEvent) {
	for _, e := range ps {
		t.pTot++
		best, bi := 1e9, 0
		for i, r := range g.rows {
			if d := scorerKm(*r.Lat, *r.Lon, e.lat, e.lon); d < best {
				best, bi = d, i
			}
		}
		t.p25 += b2i(best <= 25)
		t.p161 += b2i(best <= 161)
		if e.date == "" {
			continue
		}
		t.dateN++
		t.dateOK += b2i(e.date == g.date)
		t.evDateN++
		r := g.rows[bi]
		t.evDateOK += b2i(dateAgrees(e.date, cmp.Or(r.EventDate, r.Date), r.TimePrecision))
	}
}

// weekSlackDays is how far a date may lie from the coded middle of a
// week-precision gold event.
const weekSlackDays = 3

// dateAgrees reports whether a predicted day matches a gold date at the
// gold's ACLED time precision: the same day (1, or unset), within three
// days of the coded middle of the week (2), the same month (3).
func dateAgrees(pred, gold string, precision int) bool {
	p, err1 := time.Parse(time.DateOnly, pred)
	g, err2 := time.Parse(time.DateOnly, gold)
	if err1 != nil || err2 != nil {
		return false
	}
	switch precision {
	case 2:
		return p.Sub(g).Abs() <= weekSlackDays*24*time.Hour
	case 3:
		return p.Year() == g.Year() && p.Month() == g.Month()
	}
	return p.Equal(g)
}

// addType compares the ACLED type of the text's first typed event (by
// mention_start) with the gold events within 161 km of it, if any.
func (t *tally) addType(g *goldText, ps []predEvent) {
	if len(ps) == 0 {
		return
	}
	first := ps[0]
	var near []GoldEvent
	for _, r := range g.rows {
		if scorerKm(*r.Lat, *r.Lon, first.lat, first.lon) <= 161 {
			near = append(near, r)
		}
	}
	if len(near) == 0 {
		return
	}
	t.typedN++
	ok := false
	for _, r := range near {
		ok = ok || TypeAccepts(deref(r.EventType), first.typ)
	}
	t.typeOK += b2i(ok)
	t.conf.add(deref(near[0].EventType), first.typ)
	if a := acledActor(deref(near[0].Actor1)); a != "" {
		t.actorN++
		t.actorOK += b2i(slices.Contains(first.actors, a))
	}
}

// reRegimeYears are the years ACLED adds to a state's forces ("Military
// Forces of Somalia (2012-)"): the regime, which no report names.
var reRegimeYears = regexp.MustCompile(` \(\d{4}-\d{0,4}\)`)

// acledActor is a gold actor's name as an extractor can know it: without
// the regime's years.
func acledActor(name string) string {
	return strings.TrimSpace(reRegimeYears.ReplaceAllString(name, ""))
}

// addFatalities compares the text's predicted deaths (the most any typed
// event carries) with the gold deaths (the sum over its rows), except in
// texts that say their figure was "coded as" a convention.
func (t *tally) addFatalities(g *goldText, ps []predEvent) {
	if strings.Contains(strings.ToLower(g.text), "coded as") {
		return
	}
	gf, pf := 0, 0
	for _, r := range g.rows {
		if r.Fatalities != nil {
			gf += *r.Fatalities
		}
	}
	for _, e := range ps {
		pf = max(pf, e.fat)
	}
	t.fatN++
	t.fatExact += b2i(gf == pf)
	t.fatZeroAgree += b2i((gf == 0) == (pf == 0))
	t.fatAbs += float64(abs(gf - pf))
	if gf > 0 {
		t.fatPos++
		t.fatPosHit += b2i(pf > 0)
	}
}

// nearestKm is the distance from a point to the nearest event, 1e9 for none.
func nearestKm(lat, lon float64, evs []predEvent) float64 {
	best := 1e9
	for _, e := range evs {
		best = min(best, scorerKm(lat, lon, e.lat, e.lon))
	}
	return best
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
