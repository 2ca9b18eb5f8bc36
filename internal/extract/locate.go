package extract

import (
	"strings"

	"geoevents/gazetteer"
	"geoevents/geo"
	"geoevents/internal/event"
)

// locate returns the places the happening of clause c of sentence si
// happened at: the clause's locations (near ones included); else its weak
// ones (plain mentions, destinations, a road's end); else those of the
// sentence's clauses that report nothing of their own. Containers of
// another candidate ("Idlib province" beside a town in it), reference
// points of a relative location ("Dhiban, east of Deir ez-Zor") and second
// names of a candidate ("Kobani (Ayn al-Arab)") are set aside.
func (d *doc) locate(si int, c [2]int) []*place {
	s := &d.sents[si]
	in := d.placesIn(si, c)
	var quiet []*place // places of the sentence's clauses without triggers
	for _, oc := range s.clauses {
		if oc != c && !clauseHasTrigger(s, oc) {
			quiet = append(quiet, d.placesIn(si, oc)...)
		}
	}
	strong, weakIn := strongOf(in), weakOf(in)
	if precise := inside(d.a.Text, strong, weakIn); len(precise) > 0 {
		return prune(d.a.Text, precise)
	}
	for _, pool := range [][]*place{strong, weakIn, strongOf(quiet), weakOf(quiet)} {
		if len(pool) > 0 {
			return prune(d.a.Text, pool)
		}
	}
	return nil
}

// inside returns the weak candidates that lie in the strong ones when
// every strong candidate is an area ("an IED exploded in Mali on the
// Aguelhoc to Tessalit road": the road's town is more precise than the
// country), else nil. A town that only says which province the area is in
// ("hit Al Safra district (Sadah)") is no more precise place.
func inside(text string, strong, weak []*place) []*place {
	if len(strong) == 0 || len(weak) == 0 {
		return nil
	}
	c := pruneCtx{text: text, ps: append(append([]*place(nil), strong...), weak...)}
	for _, s := range strong {
		if !isArea(s.m.Place) {
			return nil
		}
	}
	var out []*place
	for _, w := range weak {
		for _, s := range strong {
			if !isArea(w.m.Place) && contains(s.m.Place, w.m.Place) && !qualifier(c, w, s) {
				out = append(out, w)
				break
			}
		}
	}
	return out
}

func strongOf(ps []*place) []*place {
	var out []*place
	for _, p := range ps {
		if p.role.kind == roleLocation || p.role.kind == roleNear {
			out = append(out, p)
		}
	}
	return out
}

func weakOf(ps []*place) []*place {
	var out []*place
	for _, p := range ps {
		if p.role.kind == roleWeak {
			out = append(out, p)
		}
	}
	return out
}

// setting returns the place clause c of sentence si is set in when it
// names no location (where its people come from, a venue, a university):
// the last resort of a happening the article has not located before.
func (d *doc) setting(si int, c [2]int) *place {
	for _, p := range d.placesIn(si, c) {
		if p.role.kind == roleSetting && !p.used {
			return p
		}
	}
	return nil
}

// clauseHasTrigger reports whether clause c of s holds an unhedged trigger.
func clauseHasTrigger(s *sentence, c [2]int) bool {
	for _, h := range s.hits {
		if c[0] <= h.span[0] && h.span[1] <= c[1] && !h.hedged {
			return true
		}
	}
	return false
}

// pruneRule is one named rule that sets a candidate aside when another
// candidate of the same clause is the better location.
type pruneRule struct {
	name string
	// drops reports whether candidate a gives way to candidate b.
	drops func(c pruneCtx, a, b *place) bool
}

// pruneRules: an area gives way to a place inside it, a reference point to
// the place located from it, a second name to the first, open water to
// land.
var pruneRules = []pruneRule{
	{"prune/container", func(c pruneCtx, a, b *place) bool { return contains(a.m.Place, b.m.Place) && !siblings(c.text, a, b) }},
	{"prune/qualifier", qualifier},
	{"prune/reference-point", func(_ pruneCtx, a, b *place) bool {
		return isReference(a) && !isReference(b) && (b.role.kind == roleLocation || b.role.kind == roleNear) &&
			!isArea(b.m.Place) && geo.DistanceKm(a.m.Place.Lon, a.m.Place.Lat, b.m.Place.Lon, b.m.Place.Lat) <= 150
	}},
	{"prune/second-name", func(_ pruneCtx, a, b *place) bool { return a.m.Start > b.m.Start && alias(a, b) }},
	{"prune/nearby-site", nearbySite},
	{"prune/open-water", func(_ pruneCtx, a, b *place) bool { return isOpenWater(a.m.Place) && !isOpenWater(b.m.Place) }},
}

// qualifier reports whether a is named right after b, behind a comma, as
// the town that names b's province or district ("Kafr Nabl, Idleb",
// "Tafas, Dar'a", "Jinderes, Afrin"): the way ACLED's notes and the wires
// say where a village lies. The town is no second place of the happening.
// "Aleppo, Idlib and Hama" is a list (the towns name other provinces, and
// a list goes on after the second).
func qualifier(c pruneCtx, a, b *place) bool {
	if !commaPair(c.text, b, a) && !kindInPair(c.text, b, a) || reListGoesOn.MatchString(c.text[a.m.End:]) {
		return false
	}
	for _, p0 := range c.ps {
		if p0 != b && commaPair(c.text, p0, b) && !qualifies(b.m.Place, p0.m.Place) {
			return false // "Sagbama, Nembe, Yenagoa": a list, not "Jinderes, Afrin, Aleppo"
		}
	}
	return qualifies(a.m.Place, b.m.Place)
}

// nearbySiteKm is how far a site named as near the town of a happening
// may lie from it.
const nearbySiteKm = 25

// nearbySite reports whether a is a site (a crossing, a base, an airport)
// said to be near town b, the location of the same clause: "shelling hit
// a market in Azaz, near the Bab al-Salama crossing" happened in Azaz; the
// crossing only says where in it.
func nearbySite(_ pruneCtx, a, b *place) bool {
	return a.role.kind == roleNear && a.m.Place.FeatureClass == "S" && b.role.kind == roleLocation && b.m.Place.FeatureClass == "P" &&
		geo.DistanceKm(a.m.Place.Lon, a.m.Place.Lat, b.m.Place.Lon, b.m.Place.Lat) <= nearbySiteKm
}

// reSiblingGap is the gap between the last two items of a list: "and" or
// "or", after a comma or not. (A comma alone may be a qualifier's: "Kafr
// Nabl, Idleb".)
var reSiblingGap = pat(`(?i)^\s*,?\s*(?:and|or)\s+$`)

// siblings reports whether a and b are items of one list of districts or
// towns ("shelled Shada and Baqim districts", "Shada, Baqim and Razih"):
// neither contains the other, whatever their points say. A country or province listed with a
// town still holds it.
func siblings(text string, a, b *place) bool {
	if a.m.Start > b.m.Start {
		a, b = b, a
	}
	wide := func(p *gazetteer.Place) bool { return isCountry(p) || p.FeatureCode == "ADM1" }
	if b.m.Start < a.m.End || b.m.End > len(text) || wide(a.m.Place) || wide(b.m.Place) {
		return false
	}
	gap := text[a.m.End:b.m.Start]
	return reSiblingGap.MatchString(gap) || strings.TrimSpace(gap) == "," && reListGoesOn.MatchString(text[b.m.End:])
}

// commaPair reports whether b is named right after a behind a comma or
// an opening bracket ("Nihm (Sanaa)", as ACLED's notes write a place's
// province).
func commaPair(text string, a, b *place) bool {
	if b.m.Start <= a.m.End || b.m.End > len(text) {
		return false
	}
	gap := strings.TrimSpace(text[a.m.End:b.m.Start])
	return gap == "," || gap == "("
}

// kindInPair reports whether b follows a behind the kind of place a is
// and a comma, "in", "of" or a bracket: "Haydan district, Sadah", "Haydan
// district in Sadah", "Kafr Nabl town of Idleb", "Al Safra district
// (Sadah)".
func kindInPair(text string, a, b *place) bool {
	return b.m.Start > a.m.End && b.m.End <= len(text) && reKindIn.MatchString(text[a.m.End:b.m.Start])
}

// reKindIn is the gap of kindInPair.
var reKindIn = pat(`(?i)^\s+(?:district|sub-?district|governorate|province|county|village|town|area|neighbou?rhood)(?:\s*,|\s+in|\s+of|\s*\()\s*$`)

// qualifies reports whether town ap names the province or district bp
// lies in: the province's seat (for a town or a district of it), or a
// district's seat near it.
func qualifies(ap, bp *gazetteer.Place) bool {
	if ap.CountryCode != bp.CountryCode {
		return false
	}
	district := bp.FeatureClass == "A" && (strings.HasPrefix(bp.FeatureCode, "ADM2") || strings.HasPrefix(bp.FeatureCode, "ADM3"))
	if bp.FeatureClass != "P" && bp.FeatureClass != "S" && !district {
		return false
	}
	switch {
	case isSeat(ap):
		return bp.Admin1 != "" && strings.EqualFold(bp.Admin1, ap.Admin1)
	case ap.FeatureCode == "PPLA2", ap.FeatureCode == "ADM2":
		return geo.DistanceKm(ap.Lon, ap.Lat, bp.Lon, bp.Lat) <= 40
	case ap.FeatureCode == "AREA" || ap.FeatureClass == "T":
		// An area or a range a town lies in: "Nashabiyeh town in Eastern
		// Ghouta", "a village in the Jebel Marra".
		return geo.DistanceKm(ap.Lon, ap.Lat, bp.Lon, bp.Lat) <= 40
	}
	return false
}

// pruneCtx is what the prune rules may read beside the two candidates:
// the article's text and the clause's other candidates.
type pruneCtx struct {
	text string
	ps   []*place
}

// reListGoesOn: "and" or "or" and another name after a name make it an
// item of a list ("Aleppo, Idlib and Hama"); "and" and a verb do not ("a
// raid in Busayrah town in Deir-ez-Zor and arrested six").
var reListGoesOn = pat(`^\s*,?\s*(?:and|or)\s+(?:(?i:the|a)\s+)?(?:(?i:towns?|city|cities|villages?|districts?|areas?)\s+(?i:of)\s+)?[A-Z]`)

// isOpenWater reports whether p is a sea, ocean, gulf or bay: named with a
// town of the same clause ("near Baniyas, on Syria's Mediterranean
// coast") it only says which coast.
func isOpenWater(p *gazetteer.Place) bool {
	switch p.FeatureCode {
	case "SEA", "OCN", "GULF", "BAY", "STRT", "SD":
		return true
	}
	return false
}

// dropsAny reports whether some prune rule makes a give way to b.
func dropsAny(c pruneCtx, a, b *place) bool {
	for _, r := range pruneRules {
		if r.drops(c, a, b) {
			return true
		}
	}
	return false
}

// isReference reports whether p is the reference point of a relative
// location ("30 km east of Deir ez-Zor").
func isReference(p *place) bool {
	return p.role.rule == "near/distance" || p.role.rule == "near/direction"
}

// prune applies the prune rules to a clause's candidates; the dropped
// ones record the rule as their role. Two candidates that would each give
// way to the other ("the el-Darb el-Ahmar district of Cairo": a district
// near the city's point, and a second name of it) keep the one written
// first, so the clause never loses both.
func prune(text string, ps []*place) []*place {
	c := pruneCtx{text: text, ps: ps}
	var out []*place
	for _, a := range ps {
		dropped := false
		for _, r := range pruneRules {
			for _, b := range ps {
				if a != b && r.drops(c, a, b) && !(a.m.Start < b.m.Start && dropsAny(c, b, a)) {
					a.role = role{kind: roleContext, rule: r.name, text: b.m.Text}
					dropped = true
					break
				}
			}
			if dropped {
				break
			}
		}
		if !dropped {
			out = append(out, a)
		}
	}
	return out
}

// contains reports whether area a contains place b: a country its places,
// a province (or county) the places of its name or near its centre.
func contains(a, b *gazetteer.Place) bool {
	if !isArea(a) || a.ID == b.ID || a.CountryCode != b.CountryCode && a.CountryCode != "" {
		return false
	}
	if isCountry(a) {
		return !isCountry(b)
	}
	if isCountry(b) {
		return false
	}
	km := geo.DistanceKm(a.Lon, a.Lat, b.Lon, b.Lat)
	if strings.HasPrefix(a.FeatureCode, "ADM1") {
		return b.Admin1 != "" && strings.EqualFold(b.Admin1, a.Admin1) || km <= 150
	}
	if isSeat(b) && km > seatDistrictKm {
		// A province's seat lies in its own district, not in a neighbour
		// 40 km off: "Haydan district, Sadah" is Haydan, the seat names
		// the province (the gazetteer has no district codes to tell).
		return false
	}
	return km <= 60
}

// seatDistrictKm is how near a district's point a province's or a
// country's seat must lie to count as inside that district.
const seatDistrictKm = 15

// isSeat reports a province's or a country's seat.
func isSeat(p *gazetteer.Place) bool {
	return p.FeatureCode == "PPLA" || p.FeatureCode == "PPLC"
}

// reAnaphor finds "the (ancient) city" style references to a place.
var reAnaphor = pat(`(?i)\bthe (?:(?:ancient|old|historic|besieged|embattled|northern|southern|eastern|western|central|border|desert|coastal|frontline|front-line|strategic|rebel-held|government-held|opposition-held|regime-held|same|small|nearby|key)[ -])?(?:city|town|village|area|locality|camp|district)\b`)

// anaphorLookback is how many sentences back an anaphor may refer.
const anaphorLookback = 3

// anaphoric places a clause that names no place but refers to one ("an
// attack in the ancient city") at the populated place or site named last
// within the three sentences before.
func (d *doc) anaphoric(si int, c [2]int, dec decision, trig [2]int) *incident {
	s := &d.sents[si]
	ct := s.text[c[0]:c[1]]
	for _, loc := range reAnaphor.FindAllStringIndex(ct, -1) {
		start, end := s.Start+c[0]+loc[0], s.Start+c[0]+loc[1]
		if strings.HasPrefix(strings.TrimLeft(d.a.Text[end:], " "), "of ") {
			continue // "the city of Homs": the name follows
		}
		var ante *place
		for k := len(d.places) - 1; k >= 0; k-- {
			p := d.places[k]
			if p.m.Start >= start {
				continue
			}
			if p.sent < si-anaphorLookback {
				break
			}
			// A place named as a source's seat, an origin or a venue ("the
			// Observatory, based in Coventry, said fighting continued west
			// of the town") is not the town the report is about.
			if fc := p.m.Place.FeatureClass; (fc == "P" || fc == "S") && p.role.kind != roleActor && p.role.kind != roleContext && p.role.kind != roleSetting {
				ante = p
				break
			}
		}
		if ante == nil {
			continue
		}
		in := &incident{sent: si, clause: c, dec: dec, trig: trig, anaphor: [2]int{start, end}, ante: ante, first: true, weight: dec.trigger.trig().weight}
		in.loc = event.Reason{Field: event.FieldLocation, Rule: "location/anaphor", Text: d.a.Text[start:end], Start: start, Value: ante.m.Text}
		return in
	}
	return nil
}
