package extract

import (
	"context"
	"slices"
	"strings"
	"time"

	"geoevents/geo"
	"geoevents/internal/event"
)

// incident is a typed event under construction: a clause that reports a
// happening, the place it happened at and what else the article says of it.
type incident struct {
	sent    int    // sentence of the trigger
	clause  [2]int // the trigger's clause, in the sentence
	dec     decision
	trig    [2]int // the trigger, in the article
	at      *place // where it happened; nil when inherited or anaphoric
	from    *incident
	anaphor [2]int // "the ancient city", in the article
	ante    *place // the anaphor's antecedent
	loc     event.Reason
	first   bool // the first event of its clause: counts the clause's deaths
	date    dateFinding
	deaths  []death
	also    []event.Reason // other mentions of the same incident
	weight  int
	// retelling: the trigger is a definite noun ("the attack", "the
	// blast") that may tell an incident told before.
	retelling bool
}

// where returns the place the incident stands at.
func (in *incident) where() *place {
	switch {
	case in.at != nil:
		return in.at
	case in.ante != nil:
		return in.ante
	case in.from != nil:
		return in.from.where()
	}
	return nil
}

// incidents reads every clause of the article for happenings and places
// them.
func (d *doc) incidents(ctx context.Context) []*incident {
	var out []*incident
	var last *incident // the article's most recent incident
	for si := range d.sents {
		if si%64 == 63 && ctx.Err() != nil {
			d.truncated = true // out of time (see BuildWithin)
			break
		}
		s := &d.sents[si]
		for _, c := range s.clauses {
			ct, hits := s.text[c[0]:c[1]], d.clauseHits(si, c)
			dec, dt, ok := d.current(si, c, ct, hits, last)
			if !ok {
				continue
			}
			trig := [2]int{s.Start + c[0] + dec.trigger.span[0], s.Start + c[0] + dec.trigger.span[1]}
			locs := d.locate(si, c)
			if p := d.signingPlace(si, c, dec); p != nil {
				locs = []*place{p}
			}
			if len(locs) > 0 {
				for k, p := range locs {
					in := &incident{sent: si, clause: c, dec: dec, trig: trig, at: p, first: k == 0, weight: dec.trigger.trig().weight, date: dt, retelling: d.retelling(trig)}
					in.loc = event.Reason{Field: event.FieldLocation, Rule: p.role.rule, Text: trimReason(p.role.text + " " + p.m.Text), Start: p.m.Start}
					p.used = true
					out = append(out, in)
					last = in
				}
				continue
			}
			if in := d.anaphoric(si, c, dec, trig); in != nil {
				in.date = dt
				out = append(out, in)
				last = in
				continue
			}
			if last == nil || si-last.sent > 2 {
				p, why := d.previousPlace(si), event.Reason{Field: event.FieldLocation, Rule: "location/previous-sentence"}
				if p == nil {
					if p = d.setting(si, c); p != nil {
						why = event.Reason{Field: event.FieldLocation, Rule: p.role.rule, Text: p.role.text + " "}
					}
				}
				if p == nil && last == nil {
					p, why = d.nextPlace(si), event.Reason{Field: event.FieldLocation, Rule: "location/next-sentence"}
					if next := d.sents[min(si+1, len(d.sents)-1)].date; p != nil && dt.pos < 0 && next.pos >= 0 {
						dt = next // "The incident took place on 2 March near Sabratha."
					}
				}
				if p != nil {
					in := &incident{sent: si, clause: c, dec: dec, trig: trig, at: p, first: true, weight: dec.trigger.trig().weight, date: dt}
					why.Text, why.Start = trimReason(why.Text+p.m.Text), p.m.Start
					in.loc = why
					p.used = true
					out = append(out, in)
					last = in
				}
				continue
			}
			if d.foldable(last, si, ct, dec) {
				d.fold(last, si, c, dec, trig)
				continue
			}
			in := &incident{sent: si, clause: c, dec: dec, trig: trig, from: last, first: true, weight: dec.trigger.trig().weight, date: dt}
			w := last.where()
			in.loc = event.Reason{Field: event.FieldLocation, Rule: "location/inherited", Text: w.m.Text, Start: w.m.Start}
			out = append(out, in)
			last = in
		}
	}
	lead := d.leadingIncident(out)
	d.leadType(out, lead)
	d.attachDeaths(out, lead)
	return out
}

// current decides the type of clause c of sentence si (text ct, triggers
// hits) and dates it. When the deciding trigger is background history, the
// clause is decided again without it: "killing 35 Boko Haram, including
// those who were abducted in Chibok in 2014" reports the killing, not the
// abduction of 2014. ok is false when no trigger reports current news.
func (d *doc) current(si int, c [2]int, ct string, hits []hit, last *incident) (decision, dateFinding, bool) {
	if main := mainHits(ct, hits); len(main) > 0 && len(main) < len(hits) {
		if _, ok := decideIn(ct, main, d.around(si)); ok {
			hits = main // "9 killed, including two Italians who were kidnapped last July": the killing
		}
	}
	for retry := false; len(hits) > 0; retry = true {
		dec, ok := decideIn(ct, hits, d.around(si))
		if !ok || retry && dec.trigger.trig().weight < normal {
			break // a weak word left beside a past happening ("transporting") is no news of its own
		}
		dt := d.dateFor(si, c, shiftHit(dec.trigger, c[0]), dec.typ)
		if shifted, ok := dayShift(ct, c[0], lastDate(last)); ok && dt.pos < 0 {
			dt = shifted // "The following day": a day counted from the previous happening's
		} else if dt.pos < 0 && last != nil && reSameDay.MatchString(ct) {
			dt = last.date // "the same day", "hours later": the previous happening's day
			dt.rule = "date/same-day"
		}
		if !d.isHistory(ct, dec.trigger.span, dt, hits) {
			return dec, dt, true
		}
		hits = slices.DeleteFunc(slices.Clone(hits), func(h hit) bool { return h.span == dec.trigger.span })
	}
	return decision{}, dateFinding{}, false
}

// mainHits returns the hits of clause ct that are not the verb of a
// relative clause: "who were kidnapped" tells of the people, not what the
// clause reports. Deaths told in a relative clause are kept.
func mainHits(ct string, hits []hit) []hit {
	var out []hit
	for _, h := range hits {
		if n := h.trig().name; n == "killing" || n == "fatal" || !reRelativeVerb.MatchString(ct[:h.span[0]]) {
			out = append(out, h) // "an attack that killed eight", "who later died": the toll of what the clause reports
		}
	}
	return out
}

// signingPlace returns where an agreement of clause c was signed, when
// the clause names the venue ("signed a peace agreement in Juba, aiming to
// end wars in Darfur"): ACLED codes an agreement where it is concluded, so
// the venue that is context for other happenings is its location here.
func (d *doc) signingPlace(si int, c [2]int, dec decision) *place {
	if dec.sub != event.SubAgreement {
		return nil
	}
	if t := d.sents[si].text[c[0]:c[1]]; !reConcluded.MatchString(t[dec.trigger.span[0]:dec.trigger.span[1]]) {
		return nil // "a power-sharing deal signed in Riyadh": a past deal named, not one concluded now
	}
	for _, p := range d.placesIn(si, c) {
		if p.role.rule == "setting/talks" && !isCountry(p.m.Place) {
			return p
		}
	}
	return nil
}

// reConcluded: an agreement trigger told as a clause of its own ("signed a
// peace agreement", "a truce was agreed"), not a reduced relative ("a deal
// signed in Riyadh", "a ceasefire agreed in Moscow").
var reConcluded = pat(`(?i)^(?:signed|sign|signs|reached|reach|reaches|struck|brokered|agreed|announced|declared|concluded|sealed)\b|\b(?:was|were|has been|have been|had been|is|are)\s+(?:signed|agreed|reached|announced|declared|brokered|struck|concluded)\b`)

// previousPlace returns the place the two sentences before si name last
// as a location or plainly (not a context), not yet used by an event: the setting a
// report gives before it says what happened there ("… occupied the
// mining town of Muchacha in Ituri. At least 2 women were raped …").
func (d *doc) previousPlace(si int) *place {
	for k := len(d.places) - 1; k >= 0; k-- {
		p := d.places[k]
		if p.sent >= si {
			continue
		}
		if p.sent < si-2 {
			break
		}
		if !p.used && !isCountry(p.m.Place) && (p.role.kind == roleLocation || p.role.kind == roleNear || p.role.rule == "weak/named") {
			return p // a country is too coarse to say where a later sentence's happening was
		}
	}
	return nil
}

// nextPlace returns the place where the sentence after si, which goes on
// about it and reports no happening of its own, says the report's first happening took place:
// "A bank manager was kidnapped. They were seized from the bank's offices
// in Tripoli." Only a location (not a country, not a context) counts.
func (d *doc) nextPlace(si int) *place {
	if si+1 >= len(d.sents) {
		return nil
	}
	next := &d.sents[si+1]
	if !reGoesOn.MatchString(next.text) {
		return nil // it does not go on about the happening just told
	}
	for _, c := range next.clauses {
		if clauseHasTrigger(next, c) {
			return nil // it tells a happening of its own, which its places are for
		}
	}
	for _, p := range d.places {
		if p.sent == si+1 && !p.used && !isCountry(p.m.Place) && (p.role.kind == roleLocation || p.role.kind == roleNear) {
			return p
		}
	}
	return nil
}

// reGoesOn opens a sentence that goes on about the happening told before
// it: a pronoun or "the incident", "the operation", "the victims" as its
// subject.
var reGoesOn = pat(`^\W*(?:They|He|She|It|There|This|These|The (?:incident|attack|operation|raid|ambush|clash(?:es)?|fighting|explosion|blast|bombing|killing|abduction|kidnapping|arrests?|protest|demonstration|march|rally|strike|victims?|bod(?:y|ies)|men|man|woman|women|attackers|assailants|gunmen|suspects?|hostages?))\b`)

// around returns the text of the sentences before and after si.
func (d *doc) around(si int) string {
	var b strings.Builder
	for _, k := range []int{si - 1, si + 1} {
		if k >= 0 && k < len(d.sents) {
			b.WriteString(d.sents[k].text)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// isHistory reports whether the words at span of a clause are background:
// a history rule fires near them, or their date is a year well before
// publication.
//
// A marker after a relative clause's verb dates that clause: with such a
// trigger (of hits, in clause offsets) between it and span, it is that
// one's ("killing 35 fighters, including those who were abducted in 2014":
// the year is the abduction's, not the killing's).
func (d *doc) isHistory(clause string, span [2]int, dt dateFinding, hits []hit) bool {
	ms, ok := d.history[clause]
	if !ok {
		ms = historyMarkers(clause, d.a.Published)
		d.history[clause] = ms
	}
	for _, m := range ms {
		if m.end >= span[0]-historyReach && m.start <= span[1]+historyReach && !triggerBetween(clause, hits, span, m) {
			return true
		}
	}
	return dt.prec == event.PrecisionYear && !d.a.Published.IsZero() && pastYear(dt.t.Year(), d.a.Published)
}

// triggerBetween reports whether the verb of a relative clause ("who were
// abducted") lies wholly between the words at span of clause and marker m:
// the marker dates that clause's happening. A plain trigger between them
// ("22 people killed in clashes last year") tells the same happening.
func triggerBetween(clause string, hits []hit, span [2]int, m marker) bool {
	for _, h := range hits {
		if h.span == span || h.span[0] < span[1] && span[0] < h.span[1] || !reRelativeVerb.MatchString(clause[:h.span[0]]) {
			continue // the words themselves, or not a relative clause's verb
		}
		if span[1] <= h.span[0] && h.span[1] <= m.start || m.end <= h.span[0] && h.span[1] <= span[0] {
			return true
		}
	}
	return false
}

// foldable reports whether a clause that names no place continues the
// last incident rather than reporting a new one: its words only count the
// toll or the violence ("1 killed", "the attackers fled"), or it reports a
// happening of the same type.
func (d *doc) foldable(last *incident, si int, clause string, dec decision) bool {
	if reAnotherIncident.MatchString(clause) {
		return false
	}
	t := dec.trigger.trig()
	return t.weight <= normal && si-last.sent <= 1 || t.name == "killing" || t.name == "fatal" || dec.typ == last.dec.typ
}

// lastDate is the date of the happening told before, if any.
func lastDate(last *incident) dateFinding {
	if last == nil {
		return dateFinding{}
	}
	return last.date
}

// reSameDay dates a clause by the happening told before it.
var reSameDay = pat(`(?i)\b(?:the same day|that day|that night|hours later|later that day|later on the same day|the same night)\b`)

// reAnotherIncident marks a clause that reports a further, separate
// happening ("Separately, …", "In another attack, …").
var reAnotherIncident = pat(`(?i)\b(?:separately|meanwhile|elsewhere|in another|another (?:attack|incident|strike|raid|clash)|in a separate|also on)\b`)

// fold adds a clause to the last incident: the type rules decide again
// over both clauses (tear gas after a protest makes it a protest with
// intervention), and the clause is linked as another report of it.
func (d *doc) fold(last *incident, si int, c [2]int, dec decision, trig [2]int) {
	ls := d.sents[last.sent]
	prev := ls.text[last.clause[0]:last.clause[1]]
	cur := d.sents[si].text[c[0]:c[1]]
	var hits []hit
	for _, h := range ls.hits {
		if last.clause[0] <= h.span[0] && h.span[1] <= last.clause[1] {
			hits = append(hits, shiftHit(h, -last.clause[0]))
		}
	}
	for _, h := range d.sents[si].hits {
		if c[0] <= h.span[0] && h.span[1] <= c[1] {
			hits = append(hits, shiftHit(h, len(prev)+1-c[0]))
		}
	}
	if both, ok := decide(prev+" "+cur, hits); ok && both.typ == last.dec.typ || ok && both.trigger.trig().weight > last.weight {
		last.dec.typ, last.dec.sub, last.dec.rule = both.typ, both.sub, both.rule
	}
	d.folded[[3]int{si, c[0], c[1]}] = last
	last.also = append(last.also, event.Reason{Field: event.FieldIncident, Rule: "incident/continues", Text: trimReason(d.a.Text[trig[0]:trig[1]]), Start: trig[0], Value: "sentence " + itoa(si+1)})
}

// attachDeaths gives each incident the deaths its clauses report, and
// those of the clauses after it that report none of their own (the toll
// in the next sentence: "SAF bomb Kumo. 1 killed."), background excluded.
// A clause that yields several events (several places) counts its deaths
// once, on its first event. The deaths told in the sentences before the
// text's first incident are that incident's when its own clauses report
// none; lead is the text's first incident (leadingIncident).
func (d *doc) attachDeaths(incs []*incident, lead *incident) {
	owner := map[[3]int]*incident{} // sentence, clause start, clause end → first incident
	for _, in := range incs {
		key := [3]int{in.sent, in.clause[0], in.clause[1]}
		if _, ok := owner[key]; !ok && in.first {
			owner[key] = in
		}
	}
	cause := d.causeClauses(incs)
	var cur *incident
	var early []death
	for si := range d.sents {
		for _, c := range d.sents[si].clauses {
			key := [3]int{si, c[0], c[1]}
			if lead != nil && si < lead.sent && si >= lead.sent-leadReach {
				early = append(early, d.clauseDeaths(si, c, lead.date)...)
				continue
			}
			if in, ok := owner[key]; ok {
				cur = in
			} else if in, ok := cause[si]; ok && c[0] < in.clause[0] && !d.startsIncident(si, c) {
				cur = in // "Three civilians were killed when a rocket hit the junction": the toll is the rocket's
			} else if in, ok := d.folded[key]; ok {
				cur = in
				if o, ok := owner[[3]int{in.sent, in.clause[0], in.clause[1]}]; ok {
					cur = o // a toll after a clause of several places counts on its first
				}
			} else if cur != nil && (si-cur.sent > 2 || d.startsIncident(si, c)) {
				cur = nil
			}
			if cur != nil {
				cur.deaths = append(cur.deaths, d.clauseDeaths(si, c, cur.date)...)
			}
		}
	}
	if lead != nil && len(lead.deaths) == 0 {
		lead.deaths = early // its own sentence's toll, if any, is the nearer count ("Three died in two towns. Two died in Siaya.")
	}
}

// reCauseClause opens a clause that tells what caused what its sentence
// said before ("…, when a rocket smashed into the junction").
var reCauseClause = pat(`(?i)^\W*(?:when|as|after)\b`)

// causeClauses maps each sentence whose first incident stands in a cause
// clause to that incident: the deaths its sentence states before it are
// its own.
func (d *doc) causeClauses(incs []*incident) map[int]*incident {
	first := map[int]*incident{}
	for _, in := range incs {
		if f, ok := first[in.sent]; !ok || in.clause[0] < f.clause[0] {
			first[in.sent] = in
		}
	}
	out := map[int]*incident{}
	for si, in := range first {
		s := d.sents[si]
		if in.first && in.clause[0] > 0 && reCauseClause.MatchString(s.text[in.clause[0]:in.clause[1]]) {
			out[si] = in
		}
	}
	return out
}

// startsIncident reports whether the clause holds a trigger of its own
// (then its deaths, if any, are not the previous incident's).
func (d *doc) startsIncident(si int, c [2]int) bool {
	for _, h := range d.sents[si].hits {
		if c[0] <= h.span[0] && h.span[1] <= c[1] && !h.hedged && h.trig().weight > weak && h.trig().name != "killing" && h.trig().name != "fatal" {
			return true
		}
	}
	return false
}

// mergeIncidents makes one event of the incidents that are the same
// happening told twice: the same type on the same date at the same place
// (the same gazetteer place, a second name within 3 km, or a district and
// its city within 10 km), from different clauses. The kept incident is
// the one with the heaviest trigger (the earliest among equals); the
// others are linked to it, and its deaths are the most any of them counts.
func (d *doc) mergeIncidents(incs []*incident) []*incident {
	var out []*incident
	for _, in := range incs {
		merged := false
		for k, o := range out {
			if !d.sameDate(o, in) || !sameHappening(o, in) {
				continue
			}
			keep, drop := o, in
			if d.better(in, o) {
				keep, drop = in, o
				out[k] = in
			}
			if turnedViolent(keep, drop) && keep.dec.typ == event.TypeProtests {
				keep.dec = drop.dec // the demonstration turned violent: a riot, at the better-told place
			}
			if retold(keep, drop) && drop.at != nil && drop.at.role.kind == roleLocation && keep.where().role.kind == roleNear {
				keep.at, keep.from, keep.ante, keep.loc = drop.at, nil, nil, drop.loc // "south of Baghdad" … "the attack in Mahmoudiya": the town the retelling names
			}
			if n, _ := countFatalities(drop.deaths); n > 0 {
				if kn, _ := countFatalities(keep.deaths); n > kn {
					keep.deaths = drop.deaths
				}
			}
			w := drop.where()
			keep.also = append(keep.also, event.Reason{Field: event.FieldIncident, Rule: "incident/same-place", Text: w.m.Text, Start: w.m.Start, Value: "sentence " + itoa(drop.sent+1)})
			keep.also = append(keep.also, drop.also...)
			merged = true
			break
		}
		if !merged {
			out = append(out, in)
		}
	}
	return out
}

// better reports whether incident a is the better report of a happening
// told twice: the more precise place (a town over the province or
// country that contains it), then the type that guessed least (told by
// its victims, then inferred from its perpetrators), then the smaller of
// two areas one holds, then the heavier trigger, then an explicit date
// over the publication date; else the earlier one stays.
func (d *doc) better(a, b *incident) bool {
	pa, pb := a.where(), b.where()
	if a.dec.guess != b.dec.guess && pa.m.Place.ID == pb.m.Place.ID {
		return a.dec.guess < b.dec.guess
	}
	if aa, ab := isArea(pa.m.Place), isArea(pb.m.Place); aa != ab {
		return ab
	}
	if pa.m.Place.ID != pb.m.Place.ID && (contains(pa.m.Place, pb.m.Place) || contains(pb.m.Place, pa.m.Place)) {
		return contains(pb.m.Place, pa.m.Place) // two areas: the district over the country that holds it
	}
	if a.weight != b.weight {
		return a.weight > b.weight
	}
	return b.date.pos < 0 && a.date.pos >= 0
}

// sameDate reports whether two incidents can be the same day's: the same
// date, or one dated only by publication (a headline, a lede without a
// date) and the other in the week before it.
func (d *doc) sameDate(a, b *incident) bool {
	da, db := a.date, b.date
	if da.t.Equal(db.t) {
		return true
	}
	if da.pos >= 0 && db.pos >= 0 || da.prec != event.PrecisionDay && db.prec != event.PrecisionDay {
		return false
	}
	if da.pos >= 0 {
		da, db = db, da
	}
	// da is the publication date; db an explicit date.
	return !db.t.After(da.t) && da.t.Sub(db.t) <= 7*24*time.Hour
}

// sameHappening reports whether two incidents are one happening.
func sameHappening(a, b *incident) bool {
	if a.dec.typ != b.dec.typ && a.dec.guess == guessTold && b.dec.guess == guessTold && !turnedViolent(a, b) || a.sent == b.sent && a.clause == b.clause && !alias(a.where(), b.where()) {
		return false
	}
	pa, pb := a.where(), b.where()
	if pa == nil || pb == nil {
		return false
	}
	if pa.m.Place.ID == pb.m.Place.ID {
		return true
	}
	if contains(pa.m.Place, pb.m.Place) || contains(pb.m.Place, pa.m.Place) {
		return true // "Aleppo" … "Syria's second-largest city": the area names where the town is
	}
	km := geo.DistanceKm(pa.m.Place.Lon, pa.m.Place.Lat, pb.m.Place.Lon, pb.m.Place.Lat)
	if km <= 10 && !isArea(pa.m.Place) && !isArea(pb.m.Place) {
		return true
	}
	return km <= retoldKm && (retold(a, b) || retold(b, a))
}

// retelling reports a trigger that is a definite noun of violence: "The
// attack in Mahmoudiya", "the blast".
func (d *doc) retelling(trig [2]int) bool {
	return reTheBefore.MatchString(d.a.Text[max(0, trig[0]-12):trig[0]]) && reViolenceNoun.MatchString(d.a.Text[trig[0]:trig[1]])
}

var (
	reTheBefore    = pat(`(?i)\b(?:the|this|that)\s+$`)
	reViolenceNoun = pat(`(?i)^(?:attacks?|blasts?|bombings?|explosions?|strikes?|air ?strikes?|raids?|ambush|assault|shelling|killings?|incident)$`)
)

// retoldKm is how far apart a happening and its retelling ("the attack
// in Mahmoudiya, a town 30 km south of the capital") may be placed.
const retoldKm = 50

// retold reports whether b goes back to a with a definite noun ("A suicide
// bomber blew himself up south of Baghdad. The attack in Mahmoudiya …"):
// b follows a within two sentences, its trigger a definite noun of
// violence whose type it only guessed (it names no victims of its own).
func retold(a, b *incident) bool {
	return b.sent > a.sent && b.sent-a.sent <= 2 && b.dec.guess != guessTold && b.retelling
}

// turnedViolent reports a protest and a riot told of one place: one
// demonstration that turned violent ("Residents marched to the town hall.
// They burned tyres and threw stones at the police."), a riot for ACLED.
func turnedViolent(a, b *incident) bool {
	ta, tb := a.dec.typ, b.dec.typ
	return ta == event.TypeProtests && tb == event.TypeRiots && a.dec.sub == event.SubPeacefulProtest ||
		tb == event.TypeProtests && ta == event.TypeRiots && b.dec.sub == event.SubPeacefulProtest
}

// alias reports whether two places are one place under two names:
// the same gazetteer place, or points within 3 km.
func alias(a, b *place) bool {
	if a == nil || b == nil {
		return false
	}
	return a.m.Place.ID == b.m.Place.ID || geo.DistanceKm(a.m.Place.Lon, a.m.Place.Lat, b.m.Place.Lon, b.m.Place.Lat) <= 3
}
