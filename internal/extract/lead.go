package extract

import (
	"slices"

	"geoevents/internal/event"
)

// A report often tells its happening before it names the place: "Gunmen
// opened fire on a checkpoint on Tuesday, killing a policeman. The attack
// took place in El-Badrasheen." The sentences before the text's first
// incident (its lead) hold no incident of their own; what they tell, the
// deaths and who fought whom, is the lead's.

// leadReach is how many sentences before the text's first incident may
// tell its deaths: a report opens with the toll and places it after the
// motive or the actors ("Gunmen shot dead a man on Monday. The motive is
// unclear. Tension is high in Marka after the shooting.").
const leadReach = 3

// leadingIncident returns the text's first incident when sentences before
// it tell of the happening without a place ("Algerian soldiers shot dead
// two Islamists on Tuesday. The clash took place near Kadiria."): the
// deaths told first are its own. A peaceful protest is not: a toll before
// it is what the crowd protests ("Four were killed overnight. Youths
// protested the killings in Wannune.").
func (d *doc) leadingIncident(incs []*incident) *incident {
	var first *incident
	for _, in := range incs {
		if first == nil || in.sent < first.sent {
			first = in
		}
	}
	if first == nil || first.sent == 0 || first.dec.typ == event.TypeProtests && first.dec.sub == event.SubPeacefulProtest {
		return nil
	}
	return first
}

// violentTypes are the types whose telling the lead may take from the
// sentences before it: who was attacked decides between them.
var violentTypes = []string{event.TypeBattles, event.TypeViolenceAgainstCivilians, event.TypeExplosions}

// leadType gives the lead (leadingIncident) the type the sentences before it told, when its
// own clause only guessed a violent act's type ("The attack took place in
// X" names no victims) and an earlier clause names them ("opened fire on
// a checkpoint, killing a policeman": a battle).
func (d *doc) leadType(incs []*incident, lead *incident) {
	if lead == nil || lead.dec.guess == guessTold || !slices.Contains(violentTypes, lead.dec.typ) {
		return
	}
	for si := max(0, lead.sent-leadReach); si < lead.sent; si++ {
		s := &d.sents[si]
		for _, c := range s.clauses {
			dec, _, ok := d.current(si, c, s.text[c[0]:c[1]], d.clauseHits(si, c), nil)
			if !ok || dec.guess >= lead.dec.guess || !slices.Contains(violentTypes, dec.typ) {
				continue
			}
			for _, in := range incs {
				if in.sent == lead.sent && in.clause == lead.clause {
					in.dec.typ, in.dec.sub, in.dec.rule, in.dec.guess = dec.typ, dec.sub, dec.rule, dec.guess
				}
			}
			at := s.Start + c[0] + dec.trigger.span[0]
			lead.also = append(lead.also, event.Reason{Field: event.FieldType, Rule: "type/told-before", Text: trimReason(d.a.Text[at : s.Start+c[0]+dec.trigger.span[1]]), Start: at, Value: dec.typ})
			return
		}
	}
}

// clauseDeaths returns the deaths clause c of sentence si reports, those
// of the background of an incident dated date excepted, with their
// starts in the article.
func (d *doc) clauseDeaths(si int, c [2]int, date dateFinding) []death {
	s := &d.sents[si]
	ct, hits := s.text[c[0]:c[1]], d.clauseHits(si, c)
	var out []death
	for _, dd := range deathsIn(ct) {
		if d.isHistory(ct, [2]int{dd.start, dd.start + len(dd.text)}, date, hits) {
			continue
		}
		dd.start += s.Start + c[0]
		out = append(out, dd)
	}
	return out
}

// clauseHits returns the triggers of clause c of sentence si, at offsets
// of the clause.
func (d *doc) clauseHits(si int, c [2]int) []hit {
	var hits []hit
	for _, h := range d.sents[si].hits {
		if c[0] <= h.span[0] && h.span[1] <= c[1] {
			hits = append(hits, shiftHit(h, -c[0]))
		}
	}
	return hits
}
