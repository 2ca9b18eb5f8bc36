package extract

// dateFor picks the date of the happening whose trigger is hit h of
// sentence si (clause c): the first date phrase of its clause, else the
// first of the sentence, that no other happening claims. A phrase nearer
// to a happening named as a noun, of another type, is that one's
// ("protested over the killing of a student last week": last week is the
// killing's). With no phrase of its own the happening takes the
// publication date.
func (d *doc) dateFor(si int, c [2]int, h hit, typ string) dateFinding {
	s := &d.sents[si]
	var own, other *dateFinding
	for i := range s.dates {
		cand := &s.dates[i]
		end := cand.pos + len(cand.text)
		oc := s.clauses[clauseOf(s.clauses, cand.pos)]
		if d.claimedByOther(s, oc, cand.pos, end, gap(cand.pos, end, h.span[0], h.span[1]), h, typ) {
			continue
		}
		pick := &other
		if oc == c {
			pick = &own
		}
		if *pick == nil || finerDate(cand, *pick) {
			*pick = cand
		}
	}
	switch {
	case own != nil:
		return *own
	case other != nil:
		return *other
	}
	return publicationDate(d.a.Published)
}

// finerDate reports whether date phrase a beats b for one happening: the
// more precise ("who defected in 2015, is shot and killed on 06/01": the
// day, not the year of a background clause), then the earlier.
func finerDate(a, b *dateFinding) bool {
	if a.prec != b.prec {
		return a.prec < b.prec
	}
	return a.pos < b.pos
}

// claimedByOther reports whether another trigger of the clause, nearer to
// the date phrase than the incident's own (g bytes away), reports a
// happening of another type, named as a noun ("protested over the killing
// of a student last week"); a verb beside it ("shelled the town on
// Monday, killing five") tells the same happening.
func (d *doc) claimedByOther(s *sentence, c [2]int, pos, end, g int, own hit, typ string) bool {
	for _, o := range s.hits {
		if o.span == own.span || o.span[0] < c[0] || o.span[1] > c[1] {
			continue
		}
		relative := reRelativeVerb.MatchString(s.text[:o.span[0]])
		if o.hedged || o.trig().weight < normal || !reNominal.MatchString(s.text[:o.span[0]]) && !relative {
			continue // only a happening named as a noun ("over the killing of", "after the arrest") or in a relative clause has a date of its own
		}
		if gap(pos, end, o.span[0], o.span[1]) >= g {
			continue
		}
		if relative {
			return true // "two Italians who were kidnapped last July": the kidnapping's month
		}
		ct := s.text[c[0]:c[1]]
		if dec, ok := decide(ct, []hit{shiftHit(o, -c[0])}); !ok || dec.typ != typ {
			return true
		}
	}
	return false
}

// reNominal: a trigger used as a noun, after an article or preposition.
var reNominal = pat(`(?i)(?:\b(?:the|a|an|of|over|against|for|after|following|since|their|its|his|her)|'s|’s)\s+(?:[\w'’-]+\s+){0,2}$`)

// reRelativeVerb: a trigger that is the verb of a relative clause, which
// tells of its own happening ("killing 35 and rescuing 97, including those
// who were abducted in Chibok in 2014": 2014 is the abduction's year).
var reRelativeVerb = pat(`(?i)\b(?:who|which|whom|that)\s+(?:(?:was|were|had|has|have|been|being|later|earlier|first|previously)\s+){0,3}$`)

// gap is the number of bytes between [s1,e1) and [s2,e2), 0 when they overlap.
func gap(s1, e1, s2, e2 int) int {
	switch {
	case e1 <= s2:
		return s2 - e1
	case e2 <= s1:
		return s1 - e2
	}
	return 0
}
