package extract

import (
	"strings"

	"geoevents/internal/event"
)

// facts is what the type rules read from one clause: its text and its
// unhedged trigger hits.
type facts struct {
	text string
	hits []hit
	// guess is set when violenceType found no victims to go by.
	guess guessLevel
	// context is the text of the sentences around the clause, for rules
	// that may look beyond it.
	context string
	// memo caches the clause-wide pattern tests.
	memo map[*lex]bool
}

// matches reports whether re matches the clause, testing each pattern once.
func (f *facts) matches(re *lex) bool {
	if v, ok := f.memo[re]; ok {
		return v
	}
	if f.memo == nil {
		f.memo = map[*lex]bool{}
	}
	v := re.match(f.text)
	f.memo[re] = v
	return v
}

// best returns the heaviest hit of the given kind, or of one of the named
// rules (earliest in the table among equals, then earliest in the clause).
func (f *facts) best(kind triggerKind, names ...string) (hit, bool) {
	return f.pick(func(t *trigger) bool {
		if t.kind == kind {
			return true
		}
		for _, n := range names {
			if t.name == n {
				return true
			}
		}
		return false
	})
}

// named returns the first hit of the named rule.
func (f *facts) named(name string) (hit, bool) {
	return f.pick(func(t *trigger) bool { return t.name == name })
}

// bestOfType returns the heaviest hit whose rule has the given fixed type.
func (f *facts) bestOfType(typ string) (hit, bool) {
	return f.pick(func(t *trigger) bool { return t.kind == kindFixed && t.typ == typ })
}

// shellingInBattle reports whether the weapon hit h is artillery fired
// in the course of a ground battle the clause tells ("ground fighting and
// shelling", "the clash, in which both sides used mortars"): ACLED codes
// that a battle, and shelling a remote attack only when no ground
// engagement is reported.
func (f *facts) shellingInBattle(h hit) bool {
	switch h.trig().name {
	case "shelling":
		_, ok := f.pick(func(t *trigger) bool { return t.kind == kindClash && t.weight >= normal })
		return ok
	case "remote-explosive", "grenade", "explosion":
		// ACLED: a bomb or grenade attack followed by an armed clash is
		// part of the battle ("Two RCIEDs targeted an SNG convoy. A brief
		// exchange of gunfire followed the blast").
		return reClashFollowed.MatchString(f.text) || reClashFollowed.MatchString(f.context)
	}
	return false
}

// reClashFollowed: an armed clash that followed a blast.
var reClashFollowed = pat(`(?i)\b(?:followed by|after the (?:blast|explosion|attack))\b[^.;]{0,60}?\b(?:clash(?:es)?|gun-?fights?|gun ?battles?|fire ?fights?|exchange of (?:gun)?fire|ambush|shoot-?outs?)\b|\b(?:exchange of (?:gun)?fire|gun-?fights?|armed clash(?:es)?|fire ?fights?|gun ?battles?|shoot-?outs?)\b[^.;]{0,40}?\b(?:followed|ensued|erupted after|broke out after)\b`)

// hasNonViolence reports whether a hit of another kind than generic
// violence weighs at least minWeight: a weak weapon cue ("an explosion")
// types the violence it caused ("killed"), not a protest or a battle.
func (f *facts) hasNonViolence(minWeight int) bool {
	_, ok := f.pick(func(t *trigger) bool {
		return t.weight >= minWeight && t.kind != kindViolence && t.typ != event.TypeExplosions
	})
	return ok
}

// first returns the first hit of the kind in the clause: the main verb of
// a report ("ambushed a convoy, killing one person": the ambush's victims
// decide, not the consequence's).
func (f *facts) first(kind triggerKind) (hit, bool) {
	for _, h := range f.hits {
		if h.trig().kind == kind {
			return h, true
		}
	}
	return hit{}, false
}

func (f *facts) pick(ok func(*trigger) bool) (hit, bool) {
	best, found := hit{}, false
	for _, h := range f.hits {
		t := h.trig()
		if !ok(t) {
			continue
		}
		if !found || t.weight > best.trig().weight || t.weight == best.trig().weight && h.rule < best.rule {
			best, found = h, true
		}
	}
	return best, found
}

var (
	reProtesters = lx(`\b(?:protest(?:e|o)rs?|demonstrators?|marchers|strikers|protesting|demonstrating|rioters|crowds?|the rally|the march|the demonstration|the protest|the sit-in)\b`)
	reSecurity   = lx(`\b(?:police(?:m[ae]n|wom[ae]n)?|security (?:forces|services|personnel|men|officers)|soldiers|troops|army|military|gendarmes?|gendarmerie|riot police|anti-riot|officers|forces|guards|militia(?:men|s)?)\b`)
	reForce      = lx(`\b(?:opened fire|opens? fire|fired (?:live )?(?:ammunition|rounds|bullets|shots|on|at|into)|live (?:ammunition|rounds|fire|bullets)|shot|shoot|shooting|killed|killing|kill|beat|beaten|beating|assaulted|assaulting|wounded|injured|stabbed|whipped|run over|ran over|grenades?|responded violently|violent (?:response|crackdown)|met (?:with|by) violen(?:ce|t \w+))\b`)
	reRiotAct    = lx(`\b(?:stones|rocks|petrol bombs?|molotov|burn(?:ed|t|ing)? (?:\w+ )?tyres|burn(?:ed|t|ing)? (?:\w+ )?tires|set (?:\w+ ){0,3}(?:on )?fire|set alight|torch(?:ed|ing)|loot(?:ed|ing)|vandali[sz]ed|smashed|smashing|stoned|stoning|pelted|pelting|mobs? of|destroy(?:ed|ing)|stormed|ransacked|clash(?:ed|es)? with (?:the )?(?:police|security|soldiers|troops)|attacked (?:the )?(?:police|officers|security)|assaulted|injuring (?:\w+ ){0,2}(?:police|officers))\b`)
	reIntervene  = lx(`\btear ?gas\b|\brubber (?:bullets|rounds)\b|\bwater cannons?\b|\bstun grenades?\b|\b(?:dispersed?|dispersing|broke up|break up|intervened?|arrested|detained|rounded up|cracked down|baton|batons|charged)\b|\bforcibly (?:removed|evicted)\b`)
	rePeaceful   = lx(`\bwithout (?:a |any )?(?:fight|resistance|confrontation|clashes|bloodshed)\b|\bunopposed\b|\bpeacefully (?:handed|took|entered)\b|\bhanded over\b`)
	// reTwoSides: violence between two named sides (communities, clans,
	// herders and farmers) — ACLED codes it a battle between communal
	// militias when the victims are not said to be civilians.
	reTwoSides = lx(`\b(?:communal|inter-?communal|inter-?clan|inter-?ethnic|inter-?tribal|tribal|clan) (?:clash(?:es)?|violence|fighting|conflict|dispute|feud|war)\b|` +
		`\b(?:dispute|conflict|violence|fighting|feud|rivalry|war)s? between (?:members of |the )?(?:[\w'’-]+ ){1,4}and (?:the )?(?:[\w'’-]+ ){0,3}(?:communities|community|clans?|tribes?|sub-?clans?|groups|militias|factions|villages|herders|herdsmen|farmers|pastoralists|youths)\b|` +
		`\bbetween (?:members of )?(?:the )?(?:two|rival) (?:[\w-]+ )?(?:communities|clans|sub-?clans|tribes|groups|militias|factions|villages)\b|` +
		`\b(?:herders|herdsmen|pastoralists) and (?:farmers|villagers|residents)\b|\b(?:farmers|villagers) and (?:herders|herdsmen|pastoralists)\b`)
	reMob         = lx(`\b(?:mobs?|crowds?|angry (?:residents|villagers|youths|people)|residents|villagers|youths|community members|locals)\b`)
	reArmedVictim = lx(`\b(?:armed m[ae]n|members of (?:the )?(?:sect|group|militia|armed group)|extremists?|terrorists?|islamists?|warriors?|combatants?|elements|soldiers?|troops|police(?:m[ae]n|wom[ae]n| officers?| station| post| patrol| vehicle| convoy| checkpoint)?|policem[ae]n|officers?|gendarmes?|servicem[ae]n|military|army|patrols?|convoys?|checkpoints?|bases?|barracks|(?:military |army )?positions?|garrison|outposts?|forces|militants?|fighters?|rebels?|insurgents?|militiam[ae]n|militias?|gunmen|jihadists?|bandits?|commanders?|recruits|personnel|SNA|SNG|AMISOM|KDF|FARDC|SAF|SPLA|al[ -]shabaa?b|boko haram|islamic state|ISIS|ISIL|RSF|pirates|border guards?|presidential guards?|republican guards?|guards|conscripts?|colonels?|lieutenants?|sergeants?|corporals?|brigadiers?)\b`)
	reCivilVictim = lx(`\b(?:civilians?|m[ae]n|wom[ae]n|child(?:ren)?|boys?|girls?|babies|infants?|people|persons?|residents?|villagers?|farmers?|herders?|herdsm[ae]n|shepherds?|nomads?|traders?|merchants?|businessm[ae]n|shopkeepers?|vendors?|students?|pupils?|teachers?|workers?|drivers?|passengers?|journalists?|reporters?|nurses?|doctors?|worshippers?|pastors?|priests?|imams?|clerics?|chiefs?|elders?|councillors?|councilors?|politicians?|activists?|famil(?:y|ies)|relatives|IDPs|refugees|displaced|migrants?|villages?|homes?|houses?|markets?|schools?|hospitals?|clinics?|churches?|mosques?|camps?|homesteads?|wedding|funeral|bus|minibus|customers|christians|muslims|tourists?|couple|butcher|tailor|miners?|fishermen|hunters|locals|inhabitants|mourners|patients|aid workers?|humanitarian|supporters?|IDPs?|pastoralists?|marshals?|members of (?:the )?(?:public|community|family|parliament|the opposition)|bystanders?|companions?|teashops?|shops?|cafes?|restaurants?|hotels?|bars?|lawyers?|judges?|candidates?|voters?|passers-by|motorists|residences?|compounds?|villages?|settlements?|places|chairpersons?|chairm[ae]n|leaders?|officials?|secretar(?:y|ies)|mayors?|governors?|ministers?|mps?|lawmakers?|legislators?|bloggers?|teenagers?|youths?|boys?|pregnant|crowds?|fans|security guards?|night ?watchm[ae]n|watchm[ae]n|employees|staff|engineers|contractors|prisoners|detainees|hostages|victims?|wife|husband|sons?|daughters?|relatives|neighbou?rs)\b`)
	// reRiotSide names the unarmed sides of a clash that make it a riot:
	// demonstrators, supporters, students, traders, drivers, customers.
	reRiotSide = lx(`\b(?:protest(?:e|o)rs|demonstrators|rioters|crowds?|mobs?|supporters|students|pupils|traders|vendors|hawkers|drivers|operators|workers|marketers|customers|fans|touts|miners|youths|residents|villagers|inhabitants|locals|unemployed|strikers|squatters|commuters|motorists|members of the public|riders)\b`)
	// reStateArmed: state forces as the ones attacking.
	reStateArmed = pat(`(?i)\b(?:forces|force|troops|army|military|soldiers|police|jets|warplanes|navy|coalition|government|regime|marines|gendarmes|guards|units)\b|(?-i:\b(?:SNA|SNGF?|KDF|FARDC|SAF|SPLA|AMISOM|ATMIS|UPDF|ENDF|FAMa|NISA|NISS|SAA|IDF|PMF)\b)`)
	rePassiveEnd = pat(`\b(?:was|were|is|are|been|being|got|get|gets)(?:\s+\w+ly)?(?:\s+(?:attacked|assaulted|shot|beaten))?(?:\s+and)?$`)
	// reVerbObject: the trigger's own words end with its object ("burn
	// homes", "beat two students").
	reVerbObject = pat(`(?i)\b(?:homes|houses|villages?|huts|man|woman|men|women|boys?|girls?|child|children|persons?|people|students?|journalists?|protesters|civilians|villagers|residents|him|her|them|detainees|prisoners)$`)
	reAtLeast    = pat(`(?i)^\s*at\s+(?:least|most)\b`)
	reNoObject   = pat(`(?i)^\s*(?:[,.;:()]|$|(?:in|at|on|near|during|when|after|while|as|following|outside|inside|along|over|and|by|or|overnight|yesterday|today|including|among|instantly|reportedly|allegedly|later|earlier|since|for|with|from|across|around|last|this|late|early)\b)`)
	// reFiredOn: a shooting verb whose object follows a preposition
	// ("opened fire on a bus", "shot at a vehicle"); reFiredOnObject is
	// that preposition.
	reFiredOn       = pat(`(?:fire|fired|firing|shot|shoot|shoots|shooting)$`)
	reFiredOnObject = pat(`(?i)^\s+(?:on|at|upon|into|against)\s+(?:a|an|the|two|three|four|five|several|\d|(?-i:[A-Z])[\w'’-]*\s+(?:civilians|villagers|residents|farmers|herders|traders|students|protesters|worshippers|passengers|soldiers|troops|fighters|militants|forces|police))\b`)
	// reCoordVerb: a second violent verb shares the first one's object
	// ("gunmen attacked and killed a civilian", "shoot and seriously wound
	// a student"): the object follows it, the sentence is not passive.
	// reCoordPassive: a coordinated participle with its agent after the
	// verb ("Journalist shot and wounded by a soldier"): passive.
	reCoordPassive = pat(`(?i)^\s+and\s+(?:\w+ly\s+)?\w+(?:ed|en|t)\s+by\b`)
	reCoordVerb    = pat(`(?i)^\s+and\s+(?:\w+ly\s+)?(?:kill(?:ed|s|ing)?|shot|shoot(?:s|ing)?|injur(?:e|ed|es|ing)|wound(?:ed|s|ing)?|beat(?:s|en)?|abduct(?:ed|s)?|kidnapp?(?:ed|s)?|rap(?:e|ed|es)|stabb?(?:ed|s)?|hack(?:ed|s)?|murder(?:ed|s)?|execut(?:e|ed|es)|loot(?:ed|s)?|burn(?:ed|t|s)?|torch(?:ed|es)?)\b`)
	// reIncluding: who was among the victims, after them ("were killed,
	// including two soldiers").
	reIncluding = pat(`(?i)^\s*,?\s*(?:including|among them)\s+[^,.;]{0,50}`)
	// reAnyone: victims' words that say nothing of who they were.
	reAnyone      = pat(`(?i)^(?:people|persons?|victims?)$`)
	reVictimAfter = pat(`^(?:\s+(?:and|on|against|at|upon|in)\b)?(?:\s+[\w'’()-]+){0,8}`)
)

// forceOnProtesters: security forces used lethal or physical force on
// demonstrators (ACLED: Excessive force against protesters).
func (f *facts) forceOnProtesters() bool {
	return f.matches(&reSecurity) && f.matches(&reForce) && !f.protestersViolent() && f.forceTold()
}

// forceTold reports whether a force word tells what happened rather than
// naming a grievance ("rallied against the killing of 9 civilians").
func (f *facts) forceTold() bool {
	gassed := f.intervention()
	for _, m := range reForce.findAll(f.text) {
		if gassed && reHurtOnly.MatchString(f.text[m[0]:m[1]]) {
			continue // "fired tear gas …; 15 were injured": the injuries are the intervention's
		}
		if !reGrievance.MatchString(f.text[max(0, m[0]-30):m[0]]) {
			return true
		}
	}
	return false
}

// reHurtOnly: force words that tell of injuries only.
var reHurtOnly = pat(`(?i)^(?:wounded|injured)$`)

// reGrievance: a force word named as what a protest is about.
var reGrievance = pat(`(?i)\b(?:against|over|condemn\w*|denounc\w*|protest\w*|the|of|for)\s+(?:the\s+)?$`)

// protestersViolent: demonstrators threw stones, burned tyres, looted or
// fought the police (ACLED: Violent demonstration).
func (f *facts) protestersViolent() bool {
	if !f.matches(&reRiotAct) {
		return false
	}
	for _, m := range reRiotAct.findAll(f.text) {
		if !reForcesActing.MatchString(f.text[max(0, m[0]-60):m[0]]) {
			return true
		}
	}
	return false // "security forces assaulted detained protesters": the force is the authorities'
}

// reForcesActing: the security forces as the subject of the act that
// follows ("police threatened and assaulted", "security forces
// assaulted"), no crowd named between.
var reForcesActing = pat(`(?i)\b(?:police(?:m[ae]n)?|security forces|soldiers|troops|army|gendarmes?|guards)\s+(?:(?:allegedly|reportedly|then|later|also|\w+ed\s+and)\s+)*$`)

// intervention: the authorities dispersed, arrested or tear-gassed a
// peaceful demonstration (ACLED: Protest with intervention).
func (f *facts) intervention() bool { return f.matches(&reIntervene) }

// crowdActs: the subject of the act at h is a crowd, residents, youths or
// demonstrators rather than an armed group ("residents set a vehicle
// alight").
func (f *facts) crowdActs(h hit) bool {
	subj := lastWords(f.text[:h.span[0]], 8)
	return (reMob.match(subj) || reProtesters.match(subj)) && !reArmedVictim.match(subj)
}

// riotClash: a clash or storming by unarmed people ("students and police
// clashed", "customers stormed the bank"): a violent demonstration.
func (f *facts) riotClash() (hit, bool) {
	h, ok := f.best(kindClash)
	if !ok {
		return h, false
	}
	if f.matches(&reRiotSide) {
		return h, true
	}
	// No side named here, demonstrators named beside it: "Clashes were
	// reported near Hazoua. A group of demonstrators shut down the post".
	return h, f.context != "" && !f.matches(&reArmedVictim) && reProtesters.match(f.context)
}

// territoryTaker: a territory cue other than "fell to" stands on its own;
// "fell to" needs an armed taker after it ("fell to the rebels", not "the
// rial fell to a record low").
func (f *facts) territoryTaker(h hit) bool {
	cue := strings.ToLower(f.text[h.span[0]:h.span[1]])
	if !strings.Contains(cue, "fell to") && !strings.Contains(cue, "falls to") {
		return true
	}
	next := f.text[h.span[1]:min(len(f.text), h.span[1]+50)]
	return reGovCue.MatchString(next) || reNonStateCue.MatchString(next) || reArmedVictim.match(next)
}

// peaceful: territory changed hands without a fight.
func (f *facts) peaceful() bool { return f.matches(&rePeaceful) }

// protestersNamed: the clause names demonstrators.
func (f *facts) protestersNamed() bool { return f.matches(&reProtesters) }

// violenceType decides the type of a generic violent act from its victims
// (the words after an active verb or an "attack on", before a passive one)
// and its perpetrators: protesters shot by security forces are excessive
// force, a mob's violence is a riot, armed victims make a battle, civilian
// ones violence against civilians. The clause's violent acts are read in
// order until one names its victims ("raided Konduga, killing eight
// villagers"). With victims unknown a bare "attack" is an armed clash and a
// killing violence against civilians.
func (f *facts) violenceType(h hit) (typ, sub string) {
	sides := firstMatch(reTwoSides, f.text)
	for _, v := range f.hits {
		if v.trig().kind != kindViolence || v.span[0] < h.span[0] {
			continue
		}
		if typ, sub, victims, ok := f.victimsOf(v); ok {
			if civil := firstMatch(reCivilVictim, victims); typ == event.TypeViolenceAgainstCivilians && sides != "" && civil != "" && strings.Contains(strings.ToLower(sides), strings.ToLower(civil)) {
				break // "conflict between herders and farmers left 8 dead": the dead are the two sides'
			}
			return typ, sub
		}
	}
	if sides != "" {
		f.guess = guessTold
		return event.TypeBattles, event.SubArmedClash // "a land dispute between two clans left 7 dead": both sides fought
	}
	if p := f.text[:h.span[0]]; h.trig().name == "attack" && reStateArmed.MatchString(p) && !reNonStateCue.MatchString(p) {
		f.guess = guessPerpetrator
		return event.TypeBattles, event.SubArmedClash // state forces attacking: their enemy is armed
	}
	if st, ns := reStateArmed.FindStringIndex(f.text), reNonStateCue.FindStringIndex(f.text); st != nil && ns != nil && st[0] < ns[0] && st[0] < h.span[0] {
		f.guess = guessPerpetrator
		return event.TypeBattles, event.SubArmedClash // "troops cleared Boko Haram from Dousa, killing four": an armed group's dead
	}
	f.guess = guessDefault
	return event.TypeViolenceAgainstCivilians, event.SubAttack
}

// victimsOf types the violent act at h by its victims and perpetrators,
// and returns the words it read the victims from; ok is false when the
// clause does not say who they are.
func (f *facts) victimsOf(h hit) (typ, sub, victims string, ok bool) {
	before := f.text[:h.span[0]]
	verb := f.text[h.span[0]:h.span[1]]
	// The trigger's own words may name the victims ("beat a teenage boy").
	after := verb + reVictimAfter.FindString(f.text[h.span[1]:])
	lv := strings.ToLower(verb)
	b := strings.TrimSpace(strings.ToLower(before))
	rest := f.text[h.span[1]:]
	objectAfter := reObjectAfter.MatchString(rest) || reFiredOn.MatchString(lv) && reFiredOnObject.MatchString(rest) || reCoordVerb.MatchString(rest)
	// "IS attacked": the Islamic State in capitals, not the auxiliary.
	passive := rePassiveEnd.MatchString(b) && !strings.HasSuffix(strings.TrimSpace(before), "IS") || strings.HasPrefix(strings.TrimSpace(rest), "by ") || strings.Contains(lv, "dead") && !objectAfter || lv == "died" || reCoordPassive.MatchString(rest)
	if reNoObject.MatchString(rest) && !reAtLeast.MatchString(rest) && b != "" && !reVerbObject.MatchString(strings.TrimSuffix(verb, " to death")) && !objectAfter {
		passive = true // "Military officer killed in ambush": no object, the dead come first
	}
	victims, perps := after, lastWords(before, 6)
	if passive {
		// "3 people were killed, including 2 police": who they were may follow.
		victims, perps = lastWords(withoutRelative(before), 8)+reIncluding.FindString(rest), reVictimAfter.FindString(f.text[h.span[1]:])
	}
	switch {
	case reProtesters.match(victims) && reSecurity.match(perps+" "+before):
		return event.TypeProtests, event.SubExcessiveForce, victims, true
	case reMob.match(perps) && !reArmedVictim.match(perps):
		return event.TypeRiots, event.SubMobViolence, victims, true
	}
	// A former fighter is a civilian now ("assassinated a former FSA
	// commander in Tafas"), as ACLED codes attacks on former combatants.
	victims = reFormerFighter.rx().ReplaceAllString(victims, "civilian")
	armed, civil := reArmedVictim.index(victims), reCivilVictim.index(victims)
	switch {
	case armed >= 0 && (civil < 0 || armed < civil || onlyGeneric(victims)):
		return event.TypeBattles, event.SubArmedClash, victims, true
	case civil >= 0:
		return event.TypeViolenceAgainstCivilians, event.SubAttack, victims, true
	case reNationalVictim.match(victims):
		return event.TypeViolenceAgainstCivilians, event.SubAttack, victims, true
	}
	return "", "", victims, false
}

// reNationalVictim: people named only by their nationality or community,
// as a noun ("shot and injured a Palestinian", "killed two Syrians"):
// civilians, unless armed words say otherwise (those are read first: "two
// Palestinian militants").
var reNationalVictim = lx(`\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|some|dozens of|the)\s+(?:(?:young|elderly|old|teenage|local)\s+)?(?:(?:palestinian|syrian|iraqi|yemeni|kurd|afghan|somali|libyan|egyptian|nigerian|ethiopian|eritrean|ukrainian|israeli|bedouin|yazidi|alawite|arab|saudi|jordanian|iranian|pakistani|sudanese|lebanese|druze|turkmen|christian|muslim|migrant)s?)\b(?:\s*$|\s*[,.;)]|\s+(?:near|in|at|on|and|who|after|during|while|east|west|north|south|with|by|from|inside|outside)\b)`)

// reRelativeTail is a relative clause between a passive subject and its
// verb: "A militant leader who joined the Islamic State group was".
var reRelativeTail = pat(`(?i)^(.*\S)\s*,?\s+(?:who|which|that)\s+[^,.;]*?\s+((?:was|were|is|are|has been|have been|had been)(?:\s+\w+ly)?)\s*$`)

// withoutRelative drops a relative clause before a passive verb, so that
// the subject's own words say who the victims were ("A militant leader
// who joined the Islamic State group was killed": a militant, not a
// leader; the words of the clause are no victims).
func withoutRelative(before string) string {
	if m := reRelativeTail.FindStringSubmatch(before); m != nil {
		return m[1] + " " + m[2]
	}
	return before
}

// onlyGeneric reports whether the civilian words of victims only say they
// were people ("3 people, including 2 police"): then the armed ones named
// with them say who they were.
func onlyGeneric(victims string) bool {
	for _, m := range reCivilVictim.findAll(victims) {
		if !reAnyone.MatchString(victims[m[0]:m[1]]) {
			return false
		}
	}
	return true
}

// lastWords returns the last n words of s.
func lastWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		w = w[len(w)-n:]
	}
	return strings.Join(w, " ")
}

// reRaidWord is a raid or search: violence only when someone is hurt.
var reRaidWord = pat(`(?i)^(?:raid(?:s|ed|ing)?|search(?:es|ed|ing)?|storm(?:s|ed|ing)?)$`)

// reHurt: someone hurt or fighting in a clause.
var reHurt = lx(`\b(?:kill\w*|dead|died|deaths?|wound\w*|injur\w*|hurt|shot|shoot\w*|beat\w*|clash\w*|fight\w*|gunfire|exchange of fire|fired|torture\w*|fatalit\w*|casualt\w*)\b`)

// arrestRaid types a raid that only arrested people ("regime forces
// arrested 10 civilians during a raid on Al-Sanamayn") as ACLED does:
// strategic developments, arrests. A raid in which someone was hurt is
// violence, typed by its victims.
func (f *facts) arrestRaid() (string, string, hit, bool) {
	v, ok := f.first(kindViolence)
	if !ok || !reRaidWord.MatchString(f.text[v.span[0]:v.span[1]]) || reHurt.match(f.text) {
		return "", "", hit{}, false
	}
	a, ok := f.pick(func(t *trigger) bool { return t.sub == event.SubArrests })
	if !ok {
		return "", "", hit{}, false
	}
	return event.TypeStrategicDevelopments, event.SubArrests, a, true
}

// reFormerFighter is a former member of an armed force or group.
var reFormerFighter = pat(`(?i)\b(?:former|ex-|retired)\s*(?:[\w/'’-]+\s+){0,2}?(?:commanders?|fighters?|soldiers?|officers?|militants?|rebels?|members?|generals?|policem[ae]n|police officers?|combatants?|militiam[ae]n|colonels?|majors?|captains?|lieutenants?)\b`)

// reCounterCrowd names unarmed people who attack a demonstration: a
// party's supporters, loyalists, thugs, counter-protesters.
var reCounterCrowd = lx(`\b(?:supporters|loyalists|thugs|baltagiya|counter-?protesters|counter-?demonstrators|partisans|mobs?|crowds?|residents|youths|villagers)\b`)

// mobOnProtesters types an attack on demonstrators by other unarmed people
// ("Hezbollah supporters attacked protesters with stones in downtown
// Beirut") as ACLED does: riots, mob violence. The demonstrators did no
// violence; the security forces' and armed men's attacks on them are typed
// by the other rules (excessive force, violence against civilians).
func (f *facts) mobOnProtesters() (string, string, hit, bool) {
	v, ok := f.first(kindViolence)
	if !ok {
		return "", "", hit{}, false
	}
	perps, after := lastWords(f.text[:v.span[0]], 6), f.text[v.span[1]:]
	victims := f.text[v.span[0]:v.span[1]] + reVictimAfter.FindString(after) // the trigger may name them: "beat protesters"
	if !reProtesters.match(victims) || !reCounterCrowd.match(perps) || reArmedVictim.match(perps) || reSecurity.match(perps) || reProtesters.match(perps) {
		return "", "", hit{}, false
	}
	return event.TypeRiots, event.SubMobViolence, v, true
}
