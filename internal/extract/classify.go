package extract

import (
	"geoevents/internal/event"
	"regexp"
	"slices"
	"strings"
)

// ruleKind says how a matched rule turns into a type and sub-type.
type ruleKind int

const (
	kindFixed     ruleKind = iota // the rule's own type and sub-type
	kindTerritory                 // territory changes hands: who took it decides the sub-type
	kindAttack                    // a bare "attack": on civilians, or an armed clash
)

// rule is one keyword pattern of the classifier.
type rule struct {
	typ, sub string
	kind     ruleKind
	generic  bool // weak cue: loses to a specific cue up to genericPenalty bytes farther away
	strong   bool // decisive cue: beats other cues up to strongBonus bytes nearer
	re       *regexp.Regexp
	pre      prefilter
}

// genericPenalty is how many bytes of extra distance a generic cue is
// charged, so a specific cue ("roadside bomb") beats a nearby generic one
// ("explosion") unless the generic one is much closer to the mention.
const genericPenalty = 40

// strongBonus is how many bytes of distance a decisive cue ("sexual
// violence", "tear gas", "rioters") is forgiven: such cues define the event
// of the whole sentence even when a weaker cue ("detained", "rally") sits
// closer to the mention.
const strongBonus = 150

// rules is the classifier's table, most specific first (earlier wins ties).
var rules = []rule{
	// Explosions/Remote violence.
	st(event.TypeExplosions, event.SubSuicideBomb, `\bsuicide (?:car )?(?:bomb(?:er|ers|ing|ings|s)?|attack(?:er|s)?|vests?)\b|\bblew (?:himself|herself|themselves) up\b`),
	r(event.TypeExplosions, event.SubAirDroneStrike, `\bair ?strikes?\b|\bair raids?\b|\bair-strikes?\b|\bairstrikes?\b|\bwarplanes?\b|\bbarrel bombs?\b|\bhelicopter gunships?\b|\baerial (?:bombardment|attacks?|strikes?)\b|\bbombing raids?\b|\b(?:attack|armed|kamikaze|suicide|one-way(?: attack)?) drones?\b|\bdrone (?:strikes?|attacks?)\b|\bdrones? (?:struck|hit|targeted|attacked|were launched|was launched)\b|\bjets? (?:struck|bombed|hit|pounded)\b`),
	r(event.TypeExplosions, event.SubShelling, `\bshell(?:ed|ing)\b|\bshells (?:landed|hit|fell|struck|slammed)\b|\bartillery\b|\bmortars?\b|\brockets?\b|\bmissiles?\b|\bbombard(?:ed|ment|ments|ing)\b|\bkatyusha\b`),
	r(event.TypeExplosions, event.SubRemoteExplosive, `\broadside bombs?\b|\bcar bombs?\b|\bimprovised explosive\b|(?-i:\b(?:VIED|IED)s?\b)|\bland ?mines?\b|\bexplosive devices?\b|\bbooby[- ]trap(?:ped|s)?\b|\bunexploded ordnance\b|\bmine exploded\b`),
	r(event.TypeExplosions, event.SubGrenade, `\bgrenades?\b`),
	g(event.TypeExplosions, event.SubRemoteExplosive, `\bexplosions?\b|\bblasts?\b|\bbomb(?:s|ing|ings)?\b|\bexploded\b|\bdetonat(?:ed|ion)\b`),

	// Violence against civilians.
	st(event.TypeViolenceAgainstCivilians, event.SubSexualViolence, `\brap(?:e|ed|es|ing)\b|\bsexual(?:ly)? (?:violence|assault(?:ed)?|abuse(?:d)?)\b`),
	r(event.TypeViolenceAgainstCivilians, event.SubAbduction, `\babduct(?:ed|ion|ions|s)?\b|\bkidnap(?:ped|ping|pings|s)?\b|\b(?:forcibly|forced|enforced) disappear(?:ed|ance|ances)\b|\btaken hostage\b`),
	r(event.TypeViolenceAgainstCivilians, event.SubAttack, `\bmassacre(?:d|s)?\b|\bexecut(?:ed|ion|ions)\b|\bshot dead\b|\bgunned down\b|\btortur(?:ed|e)\b|\b(?:shot|attacked|stabbed|beat|beaten|assaulted) (?:\w+ ){0,4}(?:civilians|residents|villagers|worshippers|farmers|shepherds|children|women|passengers|aid workers|journalists)\b`),
	// Killing civilians is often the toll of a strike or a bomb: a weak cue.
	g(event.TypeViolenceAgainstCivilians, event.SubAttack, `\b(?:killed|killing|targeted|targeting) (?:\w+ ){0,4}(?:civilians|residents|villagers|worshippers|farmers|shepherds|children|women|passengers|aid workers|journalists)\b`),

	// Protests and riots.
	st(event.TypeProtests, event.SubExcessiveForce, `\b(?:opened fire|fired live (?:ammunition|rounds)|shot|killed|killing) (?:\w+ ){0,4}(?:protest(?:e|o)rs|demonstrators)\b|\b(?:protest(?:e|o)rs|demonstrators) (?:were )?(?:shot dead|killed)\b`),
	st(event.TypeProtests, event.SubProtestIntervention, `\btear ?gas\b|\b(?:dispersed|broke up) (?:the |a )?(?:protest|demonstration|rally|crowd|sit-in)s?\b|\barrested (?:\w+ ){0,3}(?:protest(?:e|o)rs|demonstrators)\b`),
	st(event.TypeRiots, event.SubViolentDemonstration, `\briot(?:s|ers|ing|ed)?\b|\b(?:protest(?:e|o)rs|demonstrators) (?:\w+ ){0,3}(?:threw stones|hurled stones|set fire|torched|stormed|clashed)\b|\bstone-throwing\b`),
	r(event.TypeRiots, event.SubMobViolence, `\bmobs?\b|\blynch(?:ed|ing)?\b|\bvigilantes?\b`),
	r(event.TypeProtests, event.SubPeacefulProtest, `\bprotest(?:s|ed|ing|e?rs|ors)?\b|\bdemonstrations?\b|\bdemonstrators\b|\brall(?:y|ies|ied)\b|\bsit-ins?\b|\btook to the streets\b|\bmarched\b`),

	// Battles: territory first, then clashes.
	t(`\b(?:captur|recaptur)(?:ed|ing)\b|\b(?:capture|recapture) of\b|\bretook\b|\bretaken\b|\bregain(?:ed|ing)?\b|\b(?:taken|took|taking|seized|seize|seizing|gained|assumed|wrested|claim|claims|claimed) (?:full |complete |effective )?control\b|\bseiz(?:ed|e|ing)\b|\boverr(?:an|un|unning)\b|\bfell to\b|\bliberat(?:ed|ing|ion of)\b|\b(?:was|were|been) (?:seized|captured|taken|retaken|recaptured) by\b|\b(?:advanced|pushed) into\b|\bswept into\b`),
	r(event.TypeBattles, event.SubArmedClash, `\bclash(?:es|ed|ing)?\b|\bfighting\b|\bfought\b|\bbattl(?:e|es|ed|ing)\b|\bgun ?fights?\b|\bfire ?fights?\b|\bexchang(?:e|ed) (?:of )?fire\b|\b(?:counter-offensive|offensive)\b|\bambush(?:ed|es)?\b|\bassault(?:ed|s)?\b|\bcombat\b|\bskirmish(?:es)?\b|\b(?:launched|launch|carried out|mounted) (?:an? |the )?(?:\w+ )?attacks?\b|\bjoint attacks?\b|\badvanc(?:ed|ing) (?:on|towards?)\b|\bstormed\b|\bbesieg(?:ed|ing)\b`),
	a(`\battack(?:s|ed|ing)?\b|\bstrikes?\b|\braids?\b|\bgunfire\b|\bgunmen\b`),

	// Strategic developments.
	r(event.TypeStrategicDevelopments, event.SubAgreement, `\bcease-?fires?\b|\btruces?\b|\b(?:signed|reached|struck|brokered) (?:an? |the )?(?:\w+ ){0,2}(?:agreement|deal|accord)s?\b|\bagreements?\b|\bprisoner (?:exchange|swap)s?\b|\bpeace (?:deal|accord|agreement)\b`),
	r(event.TypeStrategicDevelopments, event.SubArrests, `\barrest(?:ed|s|ing)?\b|\bdetain(?:ed|s|ing)?\b|\bdetention\b|\brounded up\b|\btaken into custody\b`),
	r(event.TypeStrategicDevelopments, event.SubBaseEstablished, `\b(?:established|set up|setting up|establishing|built|building|opened|erected) (?:an? |the |its |their )?(?:new )?(?:military )?(?:base|headquarters|outpost|garrison|military post|observation post|position)s?\b|\bnew (?:military )?(?:base|outpost|headquarters)\b`),
	r(event.TypeStrategicDevelopments, event.SubLooting, `\bloot(?:ed|ing|ers)?\b|\bplunder(?:ed|ing)?\b|\bransack(?:ed|ing)\b|\btorch(?:ed|ing)\b|\bdemolish(?:ed|ing)\b|\bbulldoz(?:ed|ing)\b|\bset fire to\b|\bburn(?:ed|t) (?:down )?(?:homes|houses|shops|crops|fields)\b`),
	r(event.TypeStrategicDevelopments, event.SubNonViolentTransfer, `\bwithdr(?:ew|awn|aws) from\b|\bwithdrawal from\b|\bhanded over\b|\bhand over\b|\bhandover of\b|\bpulled out of\b|\b(?:abandoned|evacuated) (?:their |its )?(?:positions|bases|posts)\b|\bwithout (?:a )?(?:fight|resistance)\b`),
	r(event.TypeStrategicDevelopments, event.SubChangeToGroup, `\bmerg(?:ed|er)\b|\bdissolv(?:ed|ing)\b|\bdisband(?:ed|ing)\b|\bdefect(?:ed|ion|ions|ors)\b|\brecruit(?:ed|ment|ing)\b|\bredeploy(?:ed|ment)\b|\bsurrender(?:ed)?\b|\b(?:seized|confiscated) (?:\w+ )?(?:weapons|arms|ammunition)\b`),
	g(event.TypeStrategicDevelopments, event.SubOther, `\bdeploy(?:ed|ment|ing|s)?\b|\bevacuat(?:e|ed|ing|ion)\b|\bairlift(?:ed)?\b|\btransport(?:ed|ing)\b|\breinforcements\b|\bpatrol(?:s|led|ling)?\b|\bstationed\b|\bconvoys? (?:arrived|entered)\b`),
}

func r(typ, sub, expr string) rule {
	re := regexp.MustCompile(`(?i)` + expr)
	return rule{typ: typ, sub: sub, re: re, pre: newPrefilter(re)}
}

func st(typ, sub, expr string) rule {
	x := r(typ, sub, expr)
	x.strong = true
	return x
}

func g(typ, sub, expr string) rule {
	x := r(typ, sub, expr)
	x.generic = true
	return x
}

func t(expr string) rule {
	x := r(event.TypeBattles, "", expr)
	x.kind = kindTerritory
	return x
}

func a(expr string) rule {
	x := r(event.TypeBattles, event.SubArmedClash, expr)
	x.kind, x.generic = kindAttack, true
	return x
}

// hedges are words that, among the three before a cue, make it hypothetical
// or negated ("could escalate", "did not attack", "threatened to seize").
var hedges = map[string]bool{
	"could": true, "may": true, "might": true, "would": true, "will": true, "not": true,
	"never": true, "no": true, "threatened": true, "threatens": true, "threaten": true,
	"plans": true, "planned": true, "vowed": true, "aims": true, "if": true, "deny": true,
	"denied": true, "prevent": true, "avoid": true, "without": true, "won't": true, "didn't": true,
	"discuss": true, "discussed": true, "discussing": true, "negotiate": true, "negotiating": true,
	"fear": true, "fears": true, "feared": true, "risk": true, "threat": true,
	"seek": true, "seeking": true, "proposed": true, "revision": true, "future": true, "possible": true, "potential": true,
}

var (
	reGovCue      = regexp.MustCompile(`(?i)\b(?:regime|government|pro-government|army|loyalists?|assad|syrian (?:forces|troops|soldiers)|state forces)\b`)
	reNonStateCue = regexp.MustCompile(`(?i)\b(?:rebels?|opposition|insurgents?|militants?|jihadists?|fighters|factions?|militias?|islamic state|daesh|tahrir al-sham|kurdish|hezbollah|national army)\b|(?-i:\b(?:HTS|ISIS|ISIL|SDF|YPG|SNA)\b)`)
	reRetake      = regexp.MustCompile(`(?i)\bre(?:captur|took|taken|gain)`)
	rePassive     = regexp.MustCompile(`(?i)\bfell to\b|\bby\b$`)
	reCivilians   = regexp.MustCompile(`(?i)\b(?:civilians?|residents|villagers|worshippers|farmers|shepherds|children|passengers|aid workers|journalists|market|hospital|school|camp)\b`)
)

// Classify infers the ACLED event type and sub-type of what a sentence says
// happened at the mention sentence[mentionStart:mentionEnd]. It is a
// transparent keyword classifier: every rule in the table that matches the
// sentence is a candidate cue, hypothetical or negated cues ("could
// escalate", "not involved") are dropped, and the cue nearest the mention
// wins (a generic cue such as "explosion" or "attack" is charged extra
// distance, so specific ones like "roadside bomb" win nearby ties). Territory
// cues ("taken control of", "recaptured") become Government regains territory
// or Non-state actor overtakes territory by the actor nearest the cue (its
// subject: the one before it, or after a passive "fell to"); a bare "attack"
// is Violence against civilians when civilians are its target, else an Armed
// clash. With no cue the place is merely named: Mention and an empty
// sub-type. Offsets are byte offsets into sentence; out-of-range offsets are
// clamped.
func Classify(sentence string, mentionStart, mentionEnd int) (typ, subtype string) {
	return findCues(sentence).classify(mentionStart, mentionEnd)
}

// cue is one match of a rule in a sentence.
type cue struct {
	rule   int
	loc    [2]int
	hedged bool
}

// cues are all rule matches in one sentence, found once and reused for
// every mention in it.
type cues struct {
	sentence string
	list     []cue
}

// findCues runs the rule table over a sentence (skipping rules whose
// prefilter rules them out).
func findCues(sentence string) cues {
	c := cues{sentence: sentence}
	lower, folded := asciiLower(sentence), ""
	for i := range rules {
		pre := &rules[i].pre
		if pre.anchored == nil {
			if folded == "" {
				folded = strings.ToLower(sentence)
			}
			if !pre.mayMatch(folded) {
				continue
			}
		}
		for _, loc := range pre.matches(rules[i].re, sentence, lower) {
			c.list = append(c.list, cue{rule: i, loc: loc, hedged: hedged(sentence, loc[0], loc[1])})
		}
	}
	return c
}

// classify picks the cue for the mention at [mentionStart, mentionEnd).
func (c cues) classify(mentionStart, mentionEnd int) (typ, subtype string) {
	sentence := c.sentence
	mentionStart = clamp(mentionStart, 0, len(sentence))
	mentionEnd = clamp(mentionEnd, mentionStart, len(sentence))
	best, bestEff := -1, 0
	for k, cu := range c.list {
		if cu.hedged || insideMention(cu.loc[:], mentionStart, mentionEnd) {
			continue
		}
		ru := &rules[cu.rule]
		eff := gap(cu.loc[0], cu.loc[1], mentionStart, mentionEnd)
		if ru.generic {
			eff += genericPenalty
		}
		if ru.strong {
			eff -= strongBonus
		}
		if best < 0 || eff < bestEff || eff == bestEff && cu.rule < c.list[best].rule {
			best, bestEff = k, eff
		}
	}
	if best < 0 {
		return event.TypeMention, ""
	}
	ru := rules[c.list[best].rule]
	loc := c.list[best].loc[:]
	switch ru.kind {
	case kindTerritory:
		return event.TypeBattles, territorySubtype(sentence, loc)
	case kindAttack:
		if reCivilians.MatchString(window(sentence, loc, 60)) {
			return event.TypeViolenceAgainstCivilians, event.SubAttack
		}
	}
	return ru.typ, ru.sub
}

// territorySubtype decides who took territory from the actor cue nearest
// before the cue (after it for a passive "fell to …", or when none precedes).
func territorySubtype(sentence string, loc []int) string {
	cue := sentence[loc[0]:loc[1]]
	before, after := sentence[:loc[0]], sentence[loc[1]:]
	gov, non := lastIndex(reGovCue, reNonStateCue, before), lastIndex(reNonStateCue, nil, before)
	if rePassive.MatchString(cue) || gov < 0 && non < 0 {
		g2, n2 := firstIndex(reGovCue, reNonStateCue, after), firstIndex(reNonStateCue, nil, after)
		if g2 >= 0 || n2 >= 0 {
			if n2 < 0 || g2 >= 0 && g2 < n2 {
				return event.SubGovRegainsTerritory
			}
			return event.SubNonStateOvertakes
		}
	}
	switch {
	case gov > non:
		return event.SubGovRegainsTerritory
	case non > gov:
		return event.SubNonStateOvertakes
	case reRetake.MatchString(cue):
		return event.SubGovRegainsTerritory
	default:
		return event.SubNonStateOvertakes
	}
}

// hedged reports whether the cue at s[start:end] is hypothetical or
// negated: a hedge among the three words before it, or a modal among the
// four words after it within the clause ("an offensive on Hama could follow").
func hedged(s string, start, end int) bool {
	words := strings.Fields(s[:start])
	if len(words) > 3 {
		words = words[len(words)-3:]
	}
	for _, w := range words {
		if hedges[strings.ToLower(strings.Trim(w, ",;:\"'()"))] {
			return true
		}
	}
	after := strings.Fields(s[end:])
	for i, w := range after {
		if i == 4 || strings.ContainsAny(w[:1], ",;:") {
			break
		}
		if modalsAfter[strings.ToLower(strings.TrimRight(w, ",;:.\"'"))] {
			return true
		}
		if strings.ContainsAny(w, ",;:") {
			break
		}
	}
	return false
}

// modalsAfter, following a cue, make it hypothetical.
var modalsAfter = map[string]bool{"could": true, "may": true, "might": true, "would": true, "will": true}

// insideMention reports whether a cue lies within the mention: a place name
// such as "Rocket Hill" must not classify itself.
func insideMention(loc []int, s, e int) bool { return s <= loc[0] && loc[1] <= e && s < e }

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

func window(s string, loc []int, n int) string {
	return s[max(0, loc[0]-n):min(len(s), loc[1]+n)]
}

// cueMatches returns the matches of re in s that do not overlap a match of
// not ("army" inside "Syrian National Army" is not the government's).
func cueMatches(re, not *regexp.Regexp, s string) [][]int {
	all := re.FindAllStringIndex(s, -1)
	if not == nil || len(all) == 0 {
		return all
	}
	excl := not.FindAllStringIndex(s, -1)
	out := all[:0]
	for _, m := range all {
		if !slices.ContainsFunc(excl, func(x []int) bool { return m[0] < x[1] && x[0] < m[1] }) {
			out = append(out, m)
		}
	}
	return out
}

func lastIndex(re, not *regexp.Regexp, s string) int {
	all := cueMatches(re, not, s)
	if len(all) == 0 {
		return -1
	}
	return all[len(all)-1][0]
}

func firstIndex(re, not *regexp.Regexp, s string) int {
	if all := cueMatches(re, not, s); len(all) > 0 {
		return all[0][0]
	}
	return -1
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }
