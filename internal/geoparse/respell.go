package geoparse

import (
	"slices"

	"geoevents/gazetteer"
)

// respell adds, to a name none of whose readings lies in a country the text
// names, the readings of its other spellings in those countries: "Al-Sidra"
// in a report on Libya is the oil port of As Sidrah, not Sidra in Poland,
// which alone bears that exact spelling; "Obari" is Ubari. It runs on the
// first pass's context (the countries the names' priors point to), and only
// for names without a prominent reading (isStrong).
func (p *Parser) respell(d *doc, c *textContext) {
	if c.total == 0 {
		return
	}
	any := false
	for cc, w := range c.countries {
		if w > 0 && spellingCountries[cc] {
			any = true
			break
		}
	}
	if !any {
		return // no country of many romanisations in the text
	}
	for si := range d.spans {
		s := &d.spans[si]
		if s.drop || !s.cued || s.cands[0].Adjectival || len(s.key) < minSpellingKey {
			continue
		}
		d.work++
		// The weight of a country in the context, less what this name's own
		// reading put there.
		weight := func(cc string) float64 {
			w := c.countries[cc]
			if s.ctxPlace != nil && s.ctxPlace.CountryCode == cc {
				w -= s.ctxW
			}
			return w
		}
		// A name read by its spelling only is looked up again within the
		// text's countries: its first look-up kept the best 25 of every
		// country of many romanisations ("Hamouriyeh in Eastern Ghouta"
		// found Turkey's Hamur and Syria's Al Hamra 200 km off, not the
		// village of Hammurah beside Ghouta).
		if !s.spelled && slices.ContainsFunc(s.cands[:min(len(s.cands), maxCands)], func(cand gazetteer.Candidate) bool {
			return isStrong(cand.Place) || weight(cand.Place.CountryCode) > 0.01
		}) {
			continue // a reading lies in the text's countries, or stands out anyway
		}
		// Looked up within the text's countries: a skeleton of three
		// consonants ("tmn") has hundreds of places in the countries of
		// many romanisations, and the best 25 of them all would leave out
		// the village of Idlib "Tamanah" means (At Tamani`ah).
		extra := spellingCandidates(p.g.LookupSpelling(s.key, func(pl *gazetteer.Place) bool {
			return spellable(pl) && weight(pl.CountryCode) > 0.01
		}))
		if s.spelled {
			extra = slices.DeleteFunc(extra, func(e gazetteer.Candidate) bool {
				return slices.ContainsFunc(s.cands, func(c gazetteer.Candidate) bool { return c.Place == e.Place })
			})
		}
		if len(extra) == 0 {
			continue
		}
		merged := make([]gazetteer.Candidate, 0, len(s.cands)+len(extra))
		s.cands = append(append(merged, s.cands...), extra...)
	}
}
