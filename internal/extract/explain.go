package extract

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"geoevents/internal/event"
)

// event turns an incident into its event, with the reasons for each
// decision: the type rule and trigger, the location rule and phrase, the
// date rule and phrase, the deaths counted, the actors and the other
// mentions merged into it.
func (d *doc) event(in *incident) event.Event {
	p := in.where()
	s := d.sents[in.sent]
	start, end, kind := p.m.Start, p.m.End, string(p.m.Kind)
	byName := in.at != nil && in.at.sent == in.sent
	switch {
	case in.at == nil && in.ante != nil:
		start, end, kind = in.anaphor[0], in.anaphor[1], KindAnaphoric
	case !byName:
		// placed from another sentence: the event's own words are its trigger
		start, end, kind = in.trig[0], in.trig[1], KindInherited
	}
	score := p.m.Score
	if !byName {
		score *= 0.8 // placed by reference, not by name
	}
	e := d.base(in.sent, start, end, kind, p.m.Place, score)
	e.Type, e.SubType = in.dec.typ, in.dec.sub
	e.GeoPrecision = geoPrecision(p.m.Place, p.role.kind, p.role.rule)
	if in.at == nil && in.from != nil {
		e.GeoPrecision = max(e.GeoPrecision, d.inheritedPrecision(in))
	}
	e.Explain = append(e.Explain, event.Reason{Field: event.FieldType, Rule: in.dec.rule + "/" + triggers[in.dec.trigger.rule].name,
		Text: trimReason(d.a.Text[in.trig[0]:in.trig[1]]), Start: in.trig[0]})
	e.Explain = append(e.Explain, in.loc)
	if t := districtTown(p.m); t != nil && byName {
		e.Lon, e.Lat = t.Lon, t.Lat
		e.Explain = append(e.Explain, event.Reason{Field: event.FieldLocation, Rule: "location/district-town", Text: p.m.Text, Start: p.m.Start, Value: t.Name})
	}
	if o := p.off; o != nil && byName && p.role.rule == "near/distance" {
		// "in Goofgaduud (55km NW of Baidoa)": the happening lies where the
		// offset leads, not at its reference point (still geo-precision 2).
		e.Lon, e.Lat = o.from(p.m.Place)
		e.Explain = append(e.Explain, event.Reason{Field: event.FieldLocation, Rule: "location/offset", Text: p.m.Text, Start: p.m.Start,
			Value: strconv.FormatFloat(o.km, 'f', 0, 64) + " km at " + strconv.FormatFloat(o.bearing, 'f', -1, 64) + "°"})
	}
	e.Date, e.DatePrecision = in.date.t, in.date.prec
	dateReason := event.Reason{Field: event.FieldDate, Rule: in.date.rule, Start: s.Start + max(in.date.pos, 0)}
	if in.date.pos >= 0 {
		dateReason.Text = in.date.text
	}
	e.Explain = append(e.Explain, dateReason)
	e.Fatalities, e.Explain = d.fatalities(in, e.Explain)
	e.Actors, e.Explain = d.actorsOf(in, e.CountryName, e.Type, e.Explain)
	e.Explain = append(e.Explain, in.also...)
	return e
}

// inheritedPrecision is the precision of the event an inherited one
// stands on.
func (d *doc) inheritedPrecision(in *incident) int {
	w := in.where()
	return geoPrecision(w.m.Place, w.role.kind, w.role.rule)
}

// fatalities counts the incident's deaths (only the first event of a
// clause counts them) and explains the count.
func (d *doc) fatalities(in *incident, rs []event.Reason) (int, []event.Reason) {
	if !in.first {
		return 0, append(rs, event.Reason{Field: event.FieldFatalities, Rule: "fatalities/counted-on-first-place", Start: in.trig[0], Value: "0"})
	}
	n, used := countFatalities(in.deaths)
	if len(used) == 0 {
		return 0, append(rs, event.Reason{Field: event.FieldFatalities, Rule: "fatalities/none-reported", Start: in.trig[0], Value: "0"})
	}
	for _, dd := range used {
		rs = append(rs, event.Reason{Field: event.FieldFatalities, Rule: dd.rule, Text: trimReason(dd.text), Start: dd.start, Value: deathValue(dd)})
	}
	return n, rs
}

// actorsOf names the incident's actors ACLED-style, actor 1 first, from
// its clause and the sentence's adjectival countries; a protest without
// named protesters has "Protesters (country)", a riot "Rioters (country)",
// violence against civilians "Civilians (country)" as its target.
func (d *doc) actorsOf(in *incident, country, typ string, rs []event.Reason) ([]string, []event.Reason) {
	s := d.sents[in.sent]
	ct := s.text[in.clause[0]:in.clause[1]]
	hits := actorsIn(ct, country)
	slices.SortStableFunc(hits, func(a, b actorHit) int {
		switch {
		case a.by && !b.by:
			return -1
		case b.by && !a.by:
			return 1
		}
		return 0
	})
	var names []string
	add := func(name, rule, text string, start int) {
		if name != "" && !slices.Contains(names, name) {
			names = append(names, name)
			rs = append(rs, event.Reason{Field: event.FieldActors, Rule: rule, Text: text, Start: start, Value: name})
		}
	}
	for _, h := range hits {
		add(crowdName(h.name, typ), h.rule, h.text, s.Start+in.clause[0]+h.pos)
	}
	for _, k := range d.foldedInto(in) {
		// the clauses that go on telling it ("… protested in Asasa. Soldiers
		// shot at protesters"): their actors are the incident's too
		fs := d.sents[k[0]]
		for _, h := range actorsIn(fs.text[k[1]:k[2]], country) {
			add(crowdName(h.name, typ), h.rule, h.text, fs.Start+k[1]+h.pos)
		}
	}
	for _, c := range d.actors[in.sent] {
		add("Military Forces of "+theCountry(c), "actor/state-adjective", c, s.Start)
	}
	lead := map[string]actorRule{
		event.TypeProtests: {name: "actor/default-protesters", acled: "Protesters (%s)"},
		event.TypeRiots:    {name: "actor/default-rioters", acled: "Rioters (%s)"},
	}
	if r, ok := lead[typ]; ok && !slices.ContainsFunc(names, func(n string) bool {
		return n == actorName(r, country) || hasPrefix(n, "Rioters") || hasPrefix(n, "Protesters")
	}) {
		names = append([]string{actorName(r, country)}, names...)
		rs = append(rs, event.Reason{Field: event.FieldActors, Rule: r.name, Start: in.trig[0], Value: names[0]})
	}
	if typ == event.TypeViolenceAgainstCivilians && !slices.ContainsFunc(names, func(n string) bool { return hasPrefix(n, "Civilians") }) {
		add(actorName(actorRule{acled: "Civilians (%s)"}, country), "actor/default-victims", "", in.trig[0])
	}
	return names, rs
}

// foldedInto returns the clauses folded into the incident (sentence,
// start, end), in the text's order.
func (d *doc) foldedInto(in *incident) [][3]int {
	var out [][3]int
	for k, o := range d.folded {
		if o == in {
			out = append(out, k)
		}
	}
	slices.SortFunc(out, func(a, b [3]int) int { return cmp.Or(a[0]-b[0], a[1]-b[1]) })
	return out
}

// crowdName names a crowd by what the event is, as ACLED does: the
// protesters of a riot are "Rioters (country)", the rioters of a protest
// (one met with force) "Protesters (country)".
func crowdName(name, typ string) string {
	if rest, ok := strings.CutPrefix(name, "Protesters ("); ok && typ == event.TypeRiots {
		return "Rioters (" + rest
	}
	if rest, ok := strings.CutPrefix(name, "Rioters ("); ok && typ == event.TypeProtests {
		return "Protesters (" + rest
	}
	return name
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// theCountry puts "the" before country names that take it.
func theCountry(c string) string {
	if needsThe(c) {
		return "the " + c
	}
	return c
}
