package geoparse

import "strings"

// farAlternateKm is how far from every other place a text names for sure a
// reading by another place's alternate name may lie before the name is
// taken to mean something else.
const farAlternateKm = cueReachKm

// minFarWitnesses is how many prominent places, named as their own, must
// say that a text is set elsewhere.
const minFarWitnesses = 2

// dropFarAlternates drops a reading by an alternate name only (the place
// does not bear the name as its own) that lies more than farAlternateKm
// from every other place the text names for sure, outside every country it
// names, when it names at least minFarWitnesses such places: "the islands
// of Tiran and Sanafir" in a report on Ismailia, Aswan and Luxor are not
// Tirana (Tiran is one of its old names). A name read as its own ("Paris"
// in a story on Texas) and countries are left to the resolver, and so is a
// text that names one prominent place only: one is too few to say where a
// story is.
func (p *Parser) dropFarAlternates(d *doc) {
	sure := func(s *span) bool {
		return !s.drop && s.choice >= 0 && !s.cands[s.choice].Spelling && !s.cands[s.choice].Adjectival
	}
	for si := range d.spans {
		s := &d.spans[si]
		if !sure(s) || p.isOwn(s, s.choice) {
			continue
		}
		pl := s.cands[s.choice].Place
		if strings.HasPrefix(pl.FeatureCode, "PCL") || wideArea(pl) {
			continue
		}
		witnesses, looked := 0, 0
		for oi := range d.spans {
			o := &d.spans[oi]
			if oi == si || !sure(o) {
				continue
			}
			if looked++; looked > maxEvidencePlaces {
				break // the work per name stays constant however long the text
			}
			d.work++
			op := o.cands[o.choice].Place
			if op.CountryCode == pl.CountryCode || !wideArea(op) && !strings.HasPrefix(op.FeatureCode, "PCL") && withinKm(op, pl, farAlternateKm) {
				witnesses = -1 // the text names its country, or a place near it
				break
			}
			if isStrong(op) && !wideArea(op) && !strings.HasPrefix(op.FeatureCode, "PCL") && p.isOwn(o, o.choice) {
				witnesses++ // a prominent place, by its own name, says where the story is
			}
		}
		if witnesses >= minFarWitnesses {
			s.drop, s.why = true, "alternate name of a place far from all the text names"
		}
	}
}
