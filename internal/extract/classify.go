package extract

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"geoevents/internal/event"
)

// hit is one match of a trigger in a sentence, at byte offsets of the
// sentence.
type hit struct {
	rule   int
	span   [2]int
	hedged bool // hypothetical, negated or reported as intent
}

// trig returns the hit's trigger row.
func (h hit) trig() *trigger { return &triggers[h.rule] }

// findHits runs the trigger table over a sentence (skipping rules whose
// prefilter rules them out), marks hedged hits, and drops a hit whose span
// lies inside another rule's longer match ("car bomb" inside "suicide car
// bomb", "seized" inside "seized weapons").
func findHits(sentence string) []hit {
	var hits []hit
	lower := asciiLower(sentence)
	for at := 0; at < len(lower); at++ {
		if !isWordByte(lower[at]) || at > 0 && isWordByte(lower[at-1]) {
			continue // stems start words
		}
		// The first alternative of each trigger that matches here.
		best := map[int]int{} // rule → end of its match
		firstAlt := map[int]int{}
		for _, ref := range stemIndex()[lower[at]] {
			if !strings.HasPrefix(lower[at:], ref.stem) {
				continue
			}
			if a, ok := firstAlt[ref.rule]; ok && a <= ref.alt {
				continue // an earlier alternative already matched
			}
			if loc := triggers[ref.rule].pre.alts[ref.alt].regexp().FindStringIndex(window(sentence, at)); loc != nil {
				firstAlt[ref.rule], best[ref.rule] = ref.alt, at+loc[1]
			}
		}
		for rule, end := range best {
			hits = append(hits, hit{rule: rule, span: [2]int{at, end}, hedged: hedged(sentence, at, end)})
		}
	}
	out := hits[:0]
	for _, h := range hits {
		if nounUse(sentence, h) {
			continue
		}
		inside := slices.ContainsFunc(hits, func(o hit) bool {
			return o.rule != h.rule && o.span[0] <= h.span[0] && h.span[1] <= o.span[1] && o.span[1]-o.span[0] > h.span[1]-h.span[0]
		})
		if !inside {
			out = append(out, h)
		}
	}
	slices.SortFunc(out, func(a, b hit) int { return cmp.Or(a.span[0]-b.span[0], a.rule-b.rule) })
	return out
}

// nounUse reports whether a trigger names people or things, not an act:
// "the wounded", "the dead", "the injured", "riot police".
func nounUse(s string, h hit) bool {
	w := strings.ToLower(s[h.span[0]:h.span[1]])
	if h.trig().name == "riot" && reRiotUnit.MatchString(w) {
		return true // "riot police", "riot gear": who was sent, not a riot
	}
	if w == "besieged" {
		return reBesiegedPlace.MatchString(s[h.span[1]:]) // "the besieged town of Dilling"
	}
	if w != "wounded" && w != "injured" && w != "dead" && w != "killed" {
		return false
	}
	b := strings.ToLower(s[:h.span[0]])
	return strings.HasSuffix(b, "the ") || strings.HasSuffix(b, "their ") || strings.HasSuffix(b, "his ")
}

var reRiotUnit = pat(`^riot[- ](?:police|gear|squad|control|unit)s?$`)

var reBesiegedPlace = pat(`(?i)^\s+(?:\w+\s+)?(?:town|city|village|enclave|suburb|district|area|camp|neighbourhood|neighborhood|region|province)\b`)

// stemRef is one literal stem an alternative of a trigger starts with.
type stemRef struct {
	rule, alt int
	stem      string
}

// stemIndex finds the triggers that may match at a word: their stems by
// the stem's first byte. Every trigger has stems and a stem-anchored
// pattern (TestPrefilter checks it), so a sentence is read once, word by
// word, and a pattern runs only where one of its stems starts a word. The
// trigger table is compiled with it, when the first sentence is read, so
// commands that never extract (serve, export) do not pay for it.
var stemIndex = sync.OnceValue(func() [256][]stemRef {
	for i := range triggers {
		t := &triggers[i]
		t.re = regexp.MustCompile(`(?i)` + t.src)
		t.pre = newPrefilter(t.re)
	}
	var idx [256][]stemRef
	for i := range triggers {
		for a, alt := range triggers[i].pre.alts {
			for _, st := range alt.stems {
				idx[st[0]] = append(idx[st[0]], stemRef{i, a, st})
			}
		}
	}
	return idx
})

// decision is what the type rules concluded for a clause: the type, the
// sub-type, the rule that decided and the trigger it rests on.
type decision struct {
	typ, sub string
	rule     string
	trigger  hit
	// guess says how much of the type the clause told (guessTold) and
	// how much the violence rule inferred without victims to go by.
	guess guessLevel
}

// guessLevel ranks how a violent act's type was found: told by its
// victims, inferred from its perpetrators ("state forces attacked":
// their enemy is armed), or the rule's default. A report told twice keeps
// the telling that guessed least.
type guessLevel int

const (
	guessTold guessLevel = iota
	guessPerpetrator
	guessDefault
)

// typeRule is one named rule of the type decision table: when it applies
// to a clause's facts, it sets the event type and sub-type.
type typeRule struct {
	name  string
	apply func(f *facts) (typ, sub string, at hit, ok bool)
}

// typeRules decide a clause's type from its triggers and what the clause
// says of victims and perpetrators, following ACLED's definitions. The
// first rule that applies wins.
var typeRules = []typeRule{
	{"protest/excessive-force", func(f *facts) (string, string, hit, bool) {
		h, ok := f.best(kindProtest, "riot")
		return event.TypeProtests, event.SubExcessiveForce, h, ok && f.forceOnProtesters()
	}},
	{"riot/mob-on-protesters", func(f *facts) (string, string, hit, bool) {
		return f.mobOnProtesters()
	}},
	{"riot/violent-demonstration", func(f *facts) (string, string, hit, bool) {
		if h, ok := f.named("riot"); ok {
			return event.TypeRiots, event.SubViolentDemonstration, h, true
		}
		h, ok := f.best(kindProtest)
		return event.TypeRiots, event.SubViolentDemonstration, h, ok && f.protestersViolent()
	}},
	{"protest/intervention", func(f *facts) (string, string, hit, bool) {
		h, ok := f.best(kindProtest)
		return event.TypeProtests, event.SubProtestIntervention, h, ok && f.intervention()
	}},
	{"riot/crowd-destruction", func(f *facts) (string, string, hit, bool) {
		h, ok := f.named("looting")
		return event.TypeRiots, event.SubViolentDemonstration, h, ok && f.crowdActs(h)
	}},
	{"riot/mob", func(f *facts) (string, string, hit, bool) {
		h, ok := f.named("mob")
		return event.TypeRiots, event.SubMobViolence, h, ok
	}},
	{"disrupted-weapons", func(f *facts) (string, string, hit, bool) {
		h, ok := f.named("disrupted-weapons")
		return event.TypeStrategicDevelopments, event.SubDisruptedWeapons, h, ok && !reWentOff.MatchString(f.text)
	}},
	{"remote/weapon", func(f *facts) (string, string, hit, bool) {
		h, ok := f.bestOfType(event.TypeExplosions)
		return event.TypeExplosions, h.trig().sub, h, ok && (h.trig().weight > weak || !f.hasNonViolence(normal)) && !f.shellingInBattle(h)
	}},
	{"battle/blast-then-clash", func(f *facts) (string, string, hit, bool) {
		h, ok := f.bestOfType(event.TypeExplosions)
		return event.TypeBattles, event.SubArmedClash, h, ok && h.trig().name != "shelling" && f.shellingInBattle(h)
	}},
	{"vac/sexual-or-abduction", func(f *facts) (string, string, hit, bool) {
		for _, name := range []string{"sexual-violence", "abduction"} {
			if h, ok := f.named(name); ok {
				return event.TypeViolenceAgainstCivilians, h.trig().sub, h, true
			}
		}
		return "", "", hit{}, false
	}},
	{"battle/territory", func(f *facts) (string, string, hit, bool) {
		h, ok := f.named("territory")
		if !ok || !f.territoryTaker(h) {
			return "", "", hit{}, false
		}
		if t, ok := f.named("non-violent-transfer"); ok && strings.Contains(strings.ToLower(f.text[t.span[0]:t.span[1]]), "without") || f.peaceful() {
			return event.TypeStrategicDevelopments, event.SubNonViolentTransfer, h, true
		}
		return event.TypeBattles, territorySubtype(f.text, h.span[:]), h, true
	}},
	{"riot/protest-and-clash", func(f *facts) (string, string, hit, bool) {
		p, ok := f.best(kindProtest)
		c, ok2 := f.best(kindClash)
		return event.TypeRiots, event.SubViolentDemonstration, p, ok && ok2 && c.span[0] > p.span[0] && !reNominal.MatchString(f.text[:c.span[0]])
	}},
	{"riot/clash-with-unarmed", func(f *facts) (string, string, hit, bool) {
		h, ok := f.riotClash()
		return event.TypeRiots, event.SubViolentDemonstration, h, ok
	}},
	{"protest/peaceful", func(f *facts) (string, string, hit, bool) {
		h, ok := f.best(kindProtest)
		if !ok {
			return "", "", hit{}, false
		}
		if c, clash := f.best(kindClash); clash && c.span[0] < h.span[0] && !f.protestersNamed() {
			return "", "", hit{}, false // the fighting comes first: the clause tells a battle
		}
		return event.TypeProtests, event.SubPeacefulProtest, h, true
	}},
	{"battle/clash", func(f *facts) (string, string, hit, bool) {
		h, ok := f.best(kindClash)
		return event.TypeBattles, event.SubArmedClash, h, ok
	}},
	{"strategic/arrest-raid", func(f *facts) (string, string, hit, bool) {
		return f.arrestRaid()
	}},
	{"violence/victims", func(f *facts) (string, string, hit, bool) {
		h, ok := f.first(kindViolence)
		if !ok {
			return "", "", hit{}, false
		}
		typ, sub := f.violenceType(h)
		return typ, sub, h, true
	}},
	{"massacre-or-bodies", func(f *facts) (string, string, hit, bool) {
		h, ok := f.bestOfType(event.TypeViolenceAgainstCivilians)
		return event.TypeViolenceAgainstCivilians, h.trig().sub, h, ok
	}},
	{"strategic", func(f *facts) (string, string, hit, bool) {
		h, ok := f.bestOfType(event.TypeStrategicDevelopments)
		if !ok {
			return "", "", hit{}, false
		}
		return event.TypeStrategicDevelopments, h.trig().sub, h, true
	}},
}

// decide applies the type rules to a clause; ok is false when nothing in
// it reports an event.
func decide(clause string, hits []hit) (decision, bool) { return decideIn(clause, hits, "") }

// decideIn is decide with the text of the sentences around the clause,
// which some rules consult when the clause itself is silent.
func decideIn(clause string, hits []hit, context string) (decision, bool) {
	f := facts{text: clause, context: context}
	for _, h := range hits {
		if !h.hedged && !grievance(clause, hits, h) {
			f.hits = append(f.hits, h)
		}
	}
	if len(f.hits) == 0 || !f.hasNonViolence(weak) && reNonConflict.match(clause) {
		return decision{}, false
	}
	for _, r := range typeRules {
		if typ, sub, at, ok := r.apply(&f); ok {
			return decision{typ: typ, sub: sub, rule: r.name, trigger: at, guess: f.guess}, true
		}
	}
	return decision{}, false
}

// reGrievanceGap is what lies between a protest and the happening it
// protests: "gathered in Qamishli to condemn the Turkish military
// operation", "marched in protest against the killing of".
var reGrievanceGap = pat(`(?i)\b(?:(?:in\s+order\s+)?to\s+(?:condemn|denounce|decry|protest(?:\s+against)?|reject|demand\s+an\s+end\s+to)|in\s+protest\s+(?:against|over|at)|condemning|denouncing|against)\s+(?:[\w'’-]+\s+){0,5}$`)

// reAndVerb: the protest's own next act ("protested against meal
// allowances and fought running battles with police"), no grievance.
var reAndVerb = pat(`(?i)\b(?:and|then)\s+(?:[\w'’-]+\s+){0,2}$|,`)

// grievance reports whether hit h is what a protest before it is about,
// not a happening of the clause: its words follow the protest's trigger
// and a word of grievance.
func grievance(clause string, hits []hit, h hit) bool {
	if h.trig().kind == kindProtest {
		return false
	}
	for _, p := range hits {
		if p.trig().kind != kindProtest || p.hedged || p.span[1] > h.span[0] {
			continue
		}
		if gap := clause[p.span[1]:h.span[0]]; reGrievanceGap.MatchString(gap) && !reAndVerb.MatchString(gap) {
			return true
		}
	}
	return false
}

// Classify infers the ACLED event type and sub-type of what a sentence
// says happened at the mention sentence[mentionStart:mentionEnd]: the
// decision of the type rules over the triggers of the mention's clause
// (the whole sentence when that clause has none). With no trigger the
// place is merely named: Mention and an empty sub-type. Offsets are byte
// offsets into sentence; out-of-range offsets are clamped.
func Classify(sentence string, mentionStart, mentionEnd int) (typ, subtype string) {
	mentionStart = clamp(mentionStart, 0, len(sentence))
	mentionEnd = clamp(mentionEnd, mentionStart, len(sentence))
	hits := findHits(sentence)
	for _, c := range clauses(sentence) {
		if c[0] <= mentionStart && mentionStart < max(c[1], c[0]+1) {
			var in []hit
			for _, h := range hits {
				if c[0] <= h.span[0] && h.span[1] <= c[1] && !insideMention(h.span[:], mentionStart, mentionEnd) {
					in = append(in, shiftHit(h, -c[0]))
				}
			}
			if d, ok := decide(sentence[c[0]:c[1]], in); ok {
				return d.typ, d.sub
			}
		}
	}
	var all []hit
	for _, h := range hits {
		if !insideMention(h.span[:], mentionStart, mentionEnd) {
			all = append(all, h)
		}
	}
	if d, ok := decide(sentence, all); ok {
		return d.typ, d.sub
	}
	return event.TypeMention, ""
}

// shiftHit moves a hit's span by d bytes.
func shiftHit(h hit, d int) hit {
	h.span[0] += d
	h.span[1] += d
	return h
}

var (
	reGovCue      = pat(`(?i)\b(?:regime|government|pro-government|army|armed forces|military|soldiers|troops|loyalists?|assad|syrian (?:forces|troops|soldiers)|state forces|security forces|police|FARDC|SAF|SNA|KDF|AMISOM|national army|defence forces|defense forces|popular mobili[sz]ation|hashd|PMF)\b`)
	reNonStateCue = pat(`(?i)\b(?:rebels?|opposition|insurgents?|militants?|jihadists?|fighters|factions?|militias?|militiamen|islamic state|daesh|tahrir al-sham|kurdish|hezbollah|houthis?|al[ -]shabaa?b|boko haram|rsf|rapid support forces|mayi[ -]mayi|mai[ -]mai|seleka|anti-balaka|m23|syrian national army|national army of)\b|(?-i:\b(?:HTS|ISIS|ISIL|SDF|YPG|SNA|JNIM|ISWAP|LRA|ADF|SPLA-IO|SPLM-IO|OLA|TPLF)\b)`)
	// reAlliedCue: armed groups fighting on the government's side
	// ("regime forces and allied militias recaptured"), its affiliates in
	// ACLED's "Government regains territory", not non-state takers.
	reAlliedCue = pat(`(?i)\b(?:allied|pro-government|pro-regime|regime-backed|government-backed|loyalist|state-backed|hashd(?:\s+al-?sha'?a?bi)?|PMF|popular\s+mobili[sz]ation\s+(?:forces|units))\s+(?:\w+\s+)?(?:militias?|militiamen|fighters|factions?)\b`)
	reRetake    = pat(`(?i)\bre(?:captur|took|take|taken|gain)`)
	rePassive   = pat(`(?i)\bfell to\b|\bfalls to\b|\bby\b$`)
)

// territorySubtype decides who took territory from the actor cue nearest
// before the cue (after it for a passive "fell to …", or when none
// precedes): the government regains territory, or a non-state actor
// overtakes it.
func territorySubtype(sentence string, loc []int) string {
	cue := sentence[loc[0]:loc[1]]
	before, after := sentence[:loc[0]], sentence[loc[1]:]
	gov, non := lastIndex(reGovCue, reNonStateCue, before), lastIndex(reNonStateCue, reAlliedCue, before)
	if rePassive.MatchString(cue) || gov < 0 && non < 0 {
		g2, n2 := firstIndex(reGovCue, reNonStateCue, after), firstIndex(reNonStateCue, reAlliedCue, after)
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

// hedges are words that, among the three before a trigger, make it
// hypothetical, negated or a matter of intent ("could escalate", "did not
// attack", "threatened to seize", "talks on a ceasefire").
var hedges = map[string]bool{
	"could": true, "may": true, "might": true, "would": true, "will": true, "not": true,
	"never": true, "no": true, "threatened": true, "threatens": true, "threaten": true,
	"plans": true, "planned": true, "plan": true, "vowed": true, "vows": true, "aims": true, "if": true, "deny": true,
	"denied": true, "denies": true, "prevent": true, "prevents": true, "avoid": true, "without": true, "won't": true, "didn't": true,
	"discuss": true, "discussed": true, "discussing": true, "negotiate": true, "negotiating": true,
	"fear": true, "fears": true, "feared": true, "risk": true, "threat": true, "warned": true, "warns": true,
	"seek": true, "seeking": true, "proposed": true, "revision": true, "future": true, "possible": true, "potential": true,
	"calls": true, "called": true, "urged": true, "urges": true, "demanded": true,
	"unless": true, "ready": true, "preparing": true, "prepares": true, "planning": true,
	"failed": true, "fail": true, "fails": true, "refused": true, "refuses": true, "aim": true, "aimed": true,
	"anniversary": true, "recalled": true, "recalls": true,
	"remembered": true, "remembers": true, "marking": true, "commemorate": true, "commemorating": true,
	"memoir": true, "book": true, "film": true, "documentary": true,
	"such": true, // "such a confrontation" refers back to one already told
}

// inName reports whether a hedge word is written as part of a name
// ("Beauty Without Cruelty supporters picketed", "Reporters Without
// Borders", "in May"): capitalised where it does not open the sentence.
func inName(w string) bool { return w != "" && unicode.IsUpper(rune(w[0])) }

// intentVerbs say what someone meant, tried or was ready to do.
const intentVerbs = `(?i)\b(?:failed|fail|fails|refused|refuses|tried|tries|trying|attempted|attempting|attempts?|threatened|threatens|threaten|vowed|vows|plans?|planned|planning|aims?|aimed|seeks?|sought|seeking|wants?|wanted|hopes?|hoped|intends?|intended|decided|prepared|preparing|ready|expected|likely|unlikely|going|pledged|promised|urged|urges|called on \w+|asked|order|able|unable)`

// reIntent finds an infinitive of intent just before a trigger: "failed
// to agree on a ceasefire", "threatened to seize the town" say what
// someone meant to do, not what happened.
var reIntent = pat(intentVerbs + `\s+to\s+(?:[a-z]+\s+){0,3}$`)

// reIntentAnd is reIntent over a second infinitive joined to the first
// ("was ready to cooperate with any leadership chosen by the people and
// to hand over state institutions").
var reIntentAnd = pat(intentVerbs + `\s+to\s+[^.;]{0,100}?\s(?:and|or)\s+to\s+(?:[a-z]+\s+){0,3}$`)

// reCharacterised finds a characterisation just before a trigger ("described
// the rebel advance as an attack on the country's sovereignty", "called the
// strike a massacre"): words about a happening told elsewhere, not one.
var reCharacterised = pat(`(?i)\b(?:describ(?:ed|es|ing)|characteri[sz](?:ed|es|ing)|condemn(?:ed|s|ing)|denounc(?:ed|es|ing)|branded|labell?ed|termed)\b[^.;]{0,60}\bas\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$`)

// reCause finds a cause just before a trigger ("closed because of
// fighting in Daraa"): background to what the sentence reports.
var reCause = pat(`(?i)\b(?:because\s+of|due\s+to|owing\s+to|for\s+fear\s+of|fearing)\s+(?:(?:the|renewed|continued|continuing|ongoing|heavy|recent|months\s+of|years\s+of|weeks\s+of)\s+){0,2}$`)

// reWarSubject finds a whole war as the subject of a trigger ("the war had
// destroyed half of the clinics"): a summary, not one incident.
var reWarSubject = pat(`(?i)\b(?:the|this|a|years\s+of|decades\s+of|a\s+decade\s+of)\s+(?:civil\s+|long\s+|\d+-year\s+)?(?:war|conflict|insurgency)\s+(?:has|had|have)\s+(?:\w+\s+)?$`)

// reAbstractAim finds an abstract aim right after a trigger ("fought for
// democracy", "marched for their rights"): a cause, not a happening.
var reAbstractAim = pat(`(?i)^\s+for\s+(?:democracy|freedom|independence|justice|dignity|liberty|change|peace|equality|(?:their|our|his|her|women's|civil|human)\s+rights)\b`)

// reWentOff: a weapon that went off; then a defused one beside it is not
// the event ("an IED exploded …; a second device was defused").
var reWentOff = pat(`(?i)\b(?:exploded|detonated|went off|blasts?|struck|killed|killing|wounded|injured)\b`)

// reNonConflict names deaths and damage that are not political violence:
// disease, disasters and accidents.
var reNonConflict = lx(`\b(?:cholera|ebola|measles|malaria|covid|coronavirus|disease|epidemic|outbreak|floods?|flooding|earthquakes?|(?:a|the|tropical|severe|heavy|winter|snow|dust|sand|rain|thunder|violent|powerful)\s*storms?|cyclones?|landslides?|drought|famine|heatwave|heat wave|accidents?|crash(?:ed|es)?|collisions?|capsized|stampede|overturn(?:ed|s)?)\b`)

// hedged reports whether the trigger at s[start:end] is hypothetical or
// negated: a hedge among the three words before it, or a modal among the
// four words after it within the clause ("an offensive on Hama could
// follow"), or an infinitive of intent ("failed to agree on a ceasefire").
// Words that set an event in the past or as a cause ("after the capture
// of", "because of fighting", "a memoir about the siege") count as hedges
// too: what they introduce is background. "No casualties" is not a hedge
// of the event it follows: a hedge word only counts before the trigger it
// governs.
func hedged(s string, start, end int) bool {
	t := tailOf(s[:start], 80)
	if strings.Contains(t, " to ") && reIntent.MatchString(t) || reCause.MatchString(t) || reWarSubject.MatchString(t) || reCharacterised.MatchString(t) {
		return true
	}
	if long := tailOf(s[:start], 160); strings.Contains(long, " and to ") && reIntentAnd.MatchString(long) {
		return true // "ready to cooperate with any leadership and to hand over"
	}
	if reAbstractAim.MatchString(s[end:]) {
		return true // "fought for democracy"
	}
	words := strings.Fields(s[:start])
	first := len(words) <= 3 // the sentence's first word is among the three
	if len(words) > 3 {
		words = words[len(words)-3:]
	}
	for i := len(words) - 1; i >= 0; i-- {
		w := words[i]
		if strings.ContainsAny(w, ",;:") {
			break // a hedge behind a comma governs another clause
		}
		if w = strings.Trim(w, "\"'()“”‘’"); hedges[strings.ToLower(w)] && (!inName(w) || first && i == 0 && !monthDay(w, words, i)) {
			return true
		}
	}
	after := strings.Fields(s[end:])
	for i, w := range after {
		if i == 4 || strings.ContainsAny(w[:1], ",;:") {
			break
		}
		// A modal is written in lower case: "May" after a trigger is the
		// month ("shelled Benghazi on 27 May"), "Will" a name.
		if m := strings.TrimRight(w, ",;:.\"'"); modalsAfter[m] {
			return true
		}
		if strings.ContainsAny(w, ",;:") {
			break
		}
	}
	return false
}

// monthDay reports whether words[i] is the month May before a day
// ("May 27 rebels shelled"), not the modal.
func monthDay(w string, words []string, i int) bool {
	return w == "May" && i+1 < len(words) && words[i+1] != "" && words[i+1][0] >= '0' && words[i+1][0] <= '9'
}

// tailOf returns the last n bytes of s (fewer at its start), cut at a
// rune boundary: patterns anchored at the end need not scan the rest.
func tailOf(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// modalsAfter, following a trigger, make it hypothetical.
var modalsAfter = map[string]bool{"could": true, "may": true, "might": true, "would": true, "will": true}

// insideMention reports whether a trigger lies within the mention: a place
// name such as "Rocket Hill" must not classify itself.
func insideMention(loc []int, s, e int) bool { return s <= loc[0] && loc[1] <= e && s < e }

// cueMatches returns the matches of re in s that do not overlap a match of
// not ("army" inside "Syrian National Army" is not the government's).
func cueMatches(re, not *pattern, s string) [][]int {
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

func lastIndex(re, not *pattern, s string) int {
	all := cueMatches(re, not, s)
	if len(all) == 0 {
		return -1
	}
	return all[len(all)-1][0]
}

func firstIndex(re, not *pattern, s string) int {
	if all := cueMatches(re, not, s); len(all) > 0 {
		return all[0][0]
	}
	return -1
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }
