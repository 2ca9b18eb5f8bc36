package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// death is one statement of deaths in a text: how many, which victims,
// and the rule and words it was read from.
type death struct {
	n     int
	vague bool   // a vague quantity ("several"), used only without a figure
	group string // whose deaths: civilians, forces, fighters or "" (unknown)
	// claimed: a party's claim ("al Shabaab claimed …"), set aside when
	// another figure for the same victims is given.
	claimed bool
	rule    string
	text    string
	start   int // in the text given to deathsIn
}

// Death statements. A passive or intransitive death word counts the
// quantity before it ("7 rebels killed", "three dead", "two people were
// killed"); a transitive one the quantity after it ("killing two",
// "killed 20 bandits"); nouns give their own ("the deaths of 4
// civilians", "a death toll of 12"). Wounded, injured and missing are
// never deaths.
var (
	reDeathAfter  = lx(`\b(?:killed|["“]?neutrali[sz]ed|death (?:was |has been )?(?:reported|recorded|confirmed)|dead|died|die|dies|murdered|slain|executed|assassinated|shot dead|shot and killed|beheaded|decapitated|massacred|slaughtered|perished|lost (?:their|his|her) lives?|succumbed|drowned|burned to death|burnt to death|stabbed to death|beaten to death|hacked to death|stoned to death|clubbed to death|lynched to death|tortured to death|shot to death|bludgeoned to death|fatalities|deaths|dead bodies|bodies|corpses)\b`)
	reDeathBefore = lx(`\b(?:killing|killed|kill|kills|murdered|murdering|murder|executed|executing|execute|assassinat(?:ed|ing|es|e)|(?:beat|beats|beaten|stone|stones|stoned|hack|hacks|hacked|stab|stabs|stabbed|burn|burns|burned|burnt|torture|tortures|tortured|shot|club|clubs|clubbed|lynch|lynched) to death|fatally (?:shot|stabbed|wounded|injured)|shot dead|shoots? dead|shot and killed|shoots? and kills?|gunned down|lynched|lynching|lynches|lynch|beheaded|decapitated|massacred|slaughtered|claimed the lives of|claiming the lives of|took the lives of|taking the lives of|leaving|left|death of|deaths of|body of|bodies of|killings of|killing of|murder of|execution of|executions of|assassination of)["”’]?\s+["'“‘]?`)
	// reAuxBefore: the auxiliary or adverb right before a death word.
	reAuxBefore = pat(`(?i)\b(?:(?:are|is|was|were)\s+(?:reported|said|believed|thought|feared|understood|confirmed)\s+to\s+have\s+been|were|was|are|is|have been|has been|had been|being|got|reportedly|allegedly|reported|believed|also|later|all|confirmed|found|left|lay|lie|now|feared|presumed|pronounced)\s*["“]?$`)
	reToDeath   = lx(`\b(?:burn(?:ed|t|s)?|beat(?:s|en)?|stoned?|stabbed|hacked|tortur(?:ed|es)|lynched|clubbed|shot)\s+(.{1,40}?)\s+to death\b`)
	// reLives: a toll counted in lives ("claimed 10 lives", "cost at
	// least 30 lives").
	reLives = lx(`\b(?:claimed|claiming|claims|cost|costing|costs|took|taking|takes)\s+(?:the\s+)?(?:at least\s+|some\s+|about\s+|nearly\s+|over\s+|more than\s+)?(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty|dozens|hundreds|several)(?:\s+[a-z]+)?\s+lives\b`)
	// reOneBody: one body found ("a body was found", "her body found the
	// following day"); "bodies" counts by its quantity (reDeathAfter).
	reOneBody     = lx(`\b(?:a|the|one|his|her)\s+(?:dead\s+|lifeless\s+|decomposed\s+|burnt\s+|burned\s+|mutilated\s+)?body\s+(?:(?:is|was|has been|had been|were)\s+)?(?:later\s+|reportedly\s+)?(?:found|discovered|recovered|dumped)\b|^\W*(?:(?:dead|lifeless|mutilated|burned|burnt|decomposed|decapitated)\s+)?body\s+(?:of\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){1,6}?)?(?:(?:is|was|has been)\s+)?(?:found|discovered|recovered|dumped)\b`)
	rePronounDied = lx(`\b(?:he|she|the victim|the man|the woman)\s+(?:\w+\s+){0,2}?(?:died|succumbed|was pronounced dead|was later pronounced dead)\b|\b(?:he|she)\s+(?:was|is|had been|has been)\s+(?:(?:reportedly|allegedly|later|also|then|subsequently|instantly)\s+)?(?:\w+(?:ed|en)\s+and\s+)?(?:killed|murdered|shot dead|executed|assassinated|beheaded|lynched|slain)\b|\bwho\s+(?:later\s+|subsequently\s+|then\s+|eventually\s+)?(?:died|succumbed)\s+(?:of|from|to)\s+(?:his|her)\s+(?:wounds|injuries)\b|\bwho\s+was\s+(?:seriously\s+|critically\s+|badly\s+)?(?:injured|wounded)\s+and\s+(?:later\s+|subsequently\s+|then\s+)?(?:died|succumbed)\b`)
	reDeathToll   = lx(`\b(?:death toll|toll|number of (?:dead|deaths|fatalities))\s+(?:\w+\s+){0,3}?(?:of|at|to|reached|stands at|stood at|is|was|rose to|climbed to|hit)\s+`)
	reVagueDeaths = lx(`\bheavy (?:losses|casualties|death toll)\b|\b(?:fatalities|deaths|casualties of death|loss of life|dead) (?:were |was |have been |had been )?(?:reported|confirmed|recorded|feared)\b|\b(?:unknown|undetermined|unspecified) number (?:of )?(?:\w+ ){0,2}(?:dead|deaths|killed|fatalities|casualties)\b|\b(?:suffered|sustained|inflicted) (?:heavy |many |several )?(?:casualties|losses)\b|\bcasualties (?:were |have been )?(?:reported|confirmed)\b[^.]{0,40}\b(?:not known|unknown|unclear|not given|not specified|unconfirmed)\b|\bcasualty toll could not\b|\bleft (?:heavy |many |several )?casualties\b|\bkilling (?:an? )?(?:unknown|unspecified) number\b|\b(?:unknown|unspecified) number of (?:\w+ ){0,2}losses\b|\bheavy caus?ualit(?:y|ies)\b|\bheavy casualit(?:y|ies)\b|\bheavy causalities\b|\bcasualties (?:\w+ ){0,3}(?:including|of) deaths?\b|\bfatalities (?:allegedly |reportedly )?occurred\b|\b(?:unknown|undisclosed|unspecified|undetermined) casualt(?:y|ies)\b|\ba ["“']?number["”']? of (?:\w+ )?(?:dead|deaths)\b|["“']?\bsome["”']? (?:[\w-]+ ){0,2}(?:were|have been|had been) killed\b`)
	reNotDeath    = pat(`(?i)^\s*(?:\w+\s+)?(?:were\s+|are\s+|was\s+)?(?:seriously\s+|critically\s+)?(?:wounded|injured|hurt|missing|arrested|detained|abducted|kidnapped|displaced)\b`)
	// reArticleNumber: "the three soldiers" counts three, not one.
	reArticleNumber = pat(`(?i)^(?:the|all)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)\b`)
	// reArticleAny: one person named with an article or a possessive
	// after a transitive death verb: "killed the chairman", "shot dead a
	// young merchant", "killing its driver".
	reArticleAny     = pat(`(?i)^(?:a|an|the|one|another|its|his|her|their)\s+(?:(?:young|old|elderly|local|senior|former|prominent|pregnant|suspected|retired|police|army|military|government|traditional|village|district|tribal|religious)\s+){0,3}[\w'’-]+`)
	reAndArticleNoun = pat(`(?i)^(?:\s*[\w'’-]+){0,3}?\s*(?:,\s*(?:and\s+)?|\band\s+)(?:` + articleNoun + `|` + companionNoun + `)`)
	reArticleNounAny = pat(`(?i)\b` + articleNoun)
)

// companionNoun is one person named by a possessive and a kin or
// companion noun: "his wife", "her two-year-old son", "his civilian
// companion".
const companionNoun = `(?:his|her|their)\s+(?:[\w'’-]+\s+){0,2}?(?:brother|sister|wife|husband|son|daughter|father|mother|child|baby|driver|bodyguard|guard|companion|partner|friend|colleague|cousin|nephew|niece|uncle|aunt|assistant|escort)\b`

// articleNoun is one victim with an article: "a civilian", "the young
// merchant", "an army soldier".
// reBareTitle is one victim named by a title or trade without an article,
// as ACLED's notes and wire headlines write them: "killed former local
// official", "killed prominent businessman", "gunmen kill trader".
var reBareTitle = pat(`(?i)^\s*(?:(?:former|local|senior|prominent|young|elderly|retired|traditional|religious|tribal|village|district|government|opposition|party|ruling|police|army)\s+){0,3}(?:official|chief|leader|businessman|commander|officer|politician|activist|cleric|imam|pastor|priest|journalist|teacher|councillor|councilor|elder|administrator|judge|member|trader|merchant|farmer|herder|herdsman|shepherd|civilian|villager|student|driver|soldier|policeman|fisherman|shopkeeper)\b`)

const articleNoun = `(?:a|an|the|one)\s+(?:[\w'’-]+\s+){0,3}?(?:civilian|man|woman|child|boy|girl|person|resident|villager|farmer|herder|herdsman|shepherd|trader|merchant|businessman|shopkeeper|student|pupil|teacher|worker|driver|passenger|journalist|reporter|nurse|doctor|worshipper|pastor|priest|imam|cleric|chief|elder|councillor|councilor|politician|activist|soldier|policeman|policewoman|officer|police officer|gendarme|militant|fighter|rebel|insurgent|militiaman|gunman|jihadist|bandit|thief|robber|kidnapper|criminal|witch|guard|commander|member|official|butcher|tailor|miner|fisherman|hunter|local|inhabitant|patient|aid worker|volunteer|leader|suspect|attacker|assailant|youth|baby|infant|mother|father|son|daughter|husband|wife|relative|teenager|trooper|servicem[ae]n|conscript|recruit|colonel|lieutenant|sergeant|corporal|captain|major|general|brigadier)\b`

// deathsIn reads the death statements of a text (a sentence or clause).
func deathsIn(s string) []death {
	if !mayReportDeaths(s) {
		return nil
	}
	var out []death
	add := func(d death) {
		for _, o := range out {
			if o.start == d.start {
				return
			}
		}
		local := scopeOf(s, d)
		before := s[max(0, d.start-40):d.start]
		if reEarlierIncident.MatchString(before) || reAttempt.MatchString(before) || reNegated.MatchString(before) || reUncertain.MatchString(before) || reMourned.MatchString(d.text) || reSummaryToll.MatchString(local) || reSubset.MatchString(outside(s, d)) {
			return
		}
		d.claimed = strings.Contains(strings.ToLower(s[max(0, d.start-40):d.start]), "claim")
		out = append(out, d)
	}
	for _, w := range reDeathBefore.findAll(s) {
		m := w[:]
		if d, ok := quantityAfter(s, m); ok {
			add(d)
		}
	}
	for _, w := range reDeathToll.findAll(s) {
		m := w[:]
		if q, at, ok := firstQuantity(s[m[1]:min(len(s), m[1]+30)]); ok && at == 0 {
			add(death{n: q.n, vague: q.vague, rule: "fatalities/toll", text: s[m[0] : m[1]+len(q.text)], start: m[0]})
		}
	}
	for _, w := range reDeathAfter.findAll(s) {
		m := []int{w[0], w[1]}
		if reDeadCity.MatchString(s[w[1]:]) {
			continue // a "dead city" strike: shops shut, no one died
		}
		if a := reAuxBefore.FindStringIndex(tailOf(s[:w[0]], 40)); a != nil {
			m[0] = w[0] - (len(tailOf(s[:w[0]], 40)) - a[0]) // "were killed": the auxiliary belongs to the death word
		}
		if d, ok := quantityBefore(s, m); ok {
			add(d)
		}
	}
	for _, m := range toDeath(s) {
		np := s[m[2]:m[3]]
		n := 1
		if q, at, ok := firstQuantity(np); ok && at < 3 {
			n = q.n
		}
		add(death{n: n, group: victimGroup(np), rule: "fatalities/to-death", text: s[m[0]:m[1]], start: m[0]})
	}
	for _, w := range reLives.findAll(s) {
		m := w[:]
		if q, at, ok := firstQuantity(s[m[0]:m[1]]); ok && at >= 0 {
			add(death{n: q.n, vague: q.vague, rule: "fatalities/lives", text: s[m[0]:m[1]], start: m[0]})
		}
	}
	for _, w := range reOneBody.findAll(s) {
		m := w[:]
		if strings.HasPrefix(s[m[1]:], " to ") {
			continue // "the body was found to have …": an organisation
		}
		add(death{n: 1, rule: "fatalities/body-found", text: s[m[0]:m[1]], start: m[0]})
	}
	for _, w := range rePronounDied.findAll(s) {
		m := w[:]
		add(death{n: 1, rule: "fatalities/one-died", text: s[m[0]:m[1]], start: m[0]})
	}
	for _, d := range moreDeaths(s) {
		add(d)
	}
	for _, w := range reVagueDeaths.findAll(s) {
		m := w[:]
		add(death{n: vaguePlural, vague: true, rule: "fatalities/vague", text: s[m[0]:m[1]], start: m[0]})
	}
	return out
}

// deathStems are lower-case strings one of which every death statement
// holds: a cheap test before the patterns run.
var deathStems = []string{"kill", "dead", "ablaze", "alight", "on fire", "alive", "assassin", "die", "death", "bod", "murder", "execut", "casualt", "casualit", "fatal", "toll", "loss",
	"neutrali", "slain", "behead", "decapit", "massac", "slaught", "perish", "lives", "life", "succumb", "drown", "corpse", "shot", "burn", "beat", "ston", "stab", "hack", "tortur", "lynch", "club"}

// mayReportDeaths reports whether s may hold a death statement.
func mayReportDeaths(s string) bool {
	l := strings.ToLower(s)
	for _, st := range deathStems {
		if strings.Contains(l, st) {
			return true
		}
	}
	return false
}

// toDeath finds "burned two people to death" where its stems allow.
func toDeath(s string) [][]int {
	if !reToDeath.match(s) {
		return nil
	}
	return reToDeath.rx().FindAllStringSubmatchIndex(s, -1)
}

// quantityAfter reads "killing two", "killed 20 bandits", "killed a young
// merchant", "killing 15 soldiers and 3 civilians" (summed), "leaving
// five dead".
func quantityAfter(s string, m []int) (death, bool) {
	rest := s[m[1]:min(len(s), m[1]+90)]
	if cut := strings.IndexAny(rest, ".;:"); cut >= 0 {
		rest = rest[:cut]
	}
	verb := strings.ToLower(strings.TrimSpace(s[m[0]:m[1]]))
	leaving := verb == "leaving" || verb == "left"
	if reAnimalObject.MatchString(rest) {
		return death{}, false // "a motorist killed a number of cattle"
	}
	if strings.HasPrefix(verb, "execution") && !rePeopleNoun.MatchString(rest) && !reArticleNounAny.MatchString(rest) {
		return death{}, false // "the execution of the arrest warrants"
	}
	if loc := rePronounObject.FindStringIndex(rest); loc != nil && !leaving {
		from := loc[1]
		if strings.HasSuffix(rest[:from], "and") {
			from -= len(" and") // "killing himself and 12 civilians": the list goes on
		}
		n, text := sumList(quantity{n: 1}, rest[from:])
		return death{n: n, rule: "fatalities/killed-one", text: s[m[0] : m[1]+from+len(text)], start: m[0]}, true
	}
	if loc := reArticleAny.FindStringIndex(rest); loc != nil && !leaving && !plural(rest[:loc[1]]) && !reArticleNumber.MatchString(rest) {
		n, text := sumList(quantity{n: 1}, rest[loc[1]:])
		return death{n: n, group: victimGroup(rest[:loc[1]]), rule: "fatalities/killed-one", text: s[m[0] : m[1]+loc[1]+len(text)], start: m[0]}, true
	}
	if loc := reBareTitle.FindStringIndex(rest); loc != nil && !leaving {
		return death{n: 1, group: victimGroup(rest[:loc[1]]), rule: "fatalities/killed-one", text: s[m[0] : m[1]+loc[1]], start: m[0]}, true // "killed former local official"
	}
	q, at, ok := firstQuantity(rest)
	if name, ok := reNameAfterOf.FindStringSubmatchIndex(rest), reOfNoun.MatchString(verb); ok && name != nil {
		return death{n: 1, rule: "fatalities/killed-one", text: s[m[0] : m[1]+name[3]], start: m[0]}, true // "the death of Mohamed Falah"
	}
	pre := strings.TrimPrefix(strings.TrimPrefix(strings.Trim(rest[:max(at, 0)], " '\"“‘"), "of"), " ") // "the killing of 29 militants"
	if !ok || at > 15 || pre != "" && pre != "the" && pre != "all" && !strings.HasPrefix(pre, "at least") {
		return death{}, false
	}
	tail := rest[at+len(q.text):]
	if notDeath(tail) || strings.HasPrefix(strings.TrimSpace(strings.ToLower(tail)), "of them") || notHeadcount(q, tail) {
		return death{}, false
	}
	if leaving && !reDeadAfter.MatchString(tail) {
		return death{}, false // "left six others in critical condition"
	}
	n, text := sumList(q, tail)
	return death{n: n, vague: q.vague, group: victimGroup(text), rule: "fatalities/killed-n", text: s[m[0] : m[1]+at+len(q.text)+len(text)], start: m[0]}, true
}

var (
	// reOfNoun: a death noun whose victims follow "of" ("the death of",
	// "the killing of", "the assassination of").
	reOfNoun = pat(`(?i)^(?:death|deaths|killing|killings|murder|assassination|execution) of$`)
	// reNameAfterOf: a person's name after such a noun, two to four
	// capitalised words ending the phrase ("the death of Mohamed Falah,").
	reNameAfterOf = pat(`^\s*((?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+)){1,3})(?:\s*[,.;)]|\s+(?:in|on|at|by|was|who|near|last|after|earlier|and)\b|\s*$)`)
	// reOneAndBefore: one victim named with an article before a list's
	// first figure ("An army officer and three soldiers were killed").
	reOneAndBefore = pat(`(?i)` + articleNoun + `\s*,?\s+and\s*$`)
	// reAndOneAfter: one victim named with an article after a list's
	// last figure, before the death word ("two soldiers and a civilian
	// were killed").
	reAndOneAfter = pat(`(?i)^\s*(?:[\w'’-]+\s+){0,3}?(?:,\s*)?and\s+` + articleNoun + `\s*$`)
	// rePairSubject: two people as the subject of a plural passive, one
	// named with an article and one with a possessive kin or companion
	// noun ("A pastor of the CBCA and his brother were killed"); the
	// auxiliary is the death word's (pluralDeathWord).
	rePairSubject = pat(`(?i)(?:^|[,;]\s*|\b(?:and|but|when|while)\s+)(?:an?|the|one)\s+(?:[\w'’"()-]+,?\s+){0,12}?(?:and|along with|together with)\s+(?:` + companionNoun + `|` + articleNoun + `)\s*$`)
	// rePronounObject: one person named by a pronoun after a transitive
	// death verb ("… in Kisima, killing him"); "her" before a noun is a
	// possessive (reArticleAny).
	rePronounObject = pat(`(?i)^\s*(?:only\s+)?(?:him|her|himself|herself)\b(?:\s*(?:$|[,.;)]|\band\b|\bin\b|\bon\b|\bat\b|\bwith\b|\bafter\b|\bbefore\b))`)
	// reDeadAfter: "(leaving five) people dead".
	reDeadAfter = pat(`(?i)^\s*(?:[\w'’-]+\s+){0,2}(?:dead|killed)\b`)
	// reObjectAfter: a transitive death verb with its object after it is
	// active ("gunmen shot and killed a woman"): the words before it are
	// the killers, not the dead.
	reObjectAfter = pat(`(?i)^\s+(?:a|an|the|one|two|three|four|five|six|seven|eight|nine|ten|his|her|their|its|at least|several|many|some|dozens|\d)\b`)
	// reOtherCountAfter is a second count of another outcome after a
	// death word, not its object: "1 killed 1 wounded".
	reOtherCountAfter = pat(`(?i)^\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:wounded|injured|hurt|missing|arrested|abducted|kidnapped|displaced)\b`)
	reTransitive      = pat(`(?i)(?:killed|murdered|executed|shot dead|shot and killed|beheaded|decapitated|massacred|slaughtered|to death)$`)
	// rePartitiveGap lies between a part and the whole it is taken
	// from: "three of the 12".
	rePartitiveGap = pat(`(?i)^\s*of (?:the|his|her|their|its|these|those)\s*$`)
	// reOrWounded: "37 killed or wounded" counts the wounded too.
	reOrWounded = pat(`(?i)^\s+(?:or|and/or)\s+(?:wounded|injured)\b`)
	// reSingularVictim ends a headline-style subject without an article:
	// "Woman killed", "Captain killed".
	reSingularVictim = pat(`(?i)(?:^\s*|[,;(]\s*|\band\s+)(?:[\w'’-]+\s+){0,2}?(?:woman|man|child|boy|girl|soldier|policeman|officer|captain|commander|civilian|teacher|student|trader|farmer|herder|chief|journalist|driver|pastor|priest|imam|official|councillor|councilor|leader|activist|politician|lawyer|businessman)(?:\s+(?-i:[A-Z][\w'’-]+)){0,3}\s*$`)
	// reSummaryToll marks a toll that sums more than this incident: a war's,
	// a day's across a country, a campaign's so far.
	reSummaryToll = pat(`(?i)\b(?:so far|to date|since the (?:start|beginning|outbreak)|on the first day|across the country|nationwide|this year|cumulative|(?:recorded|coded|reported|counted) in (?:other|previous|separate|earlier) events?|bringing the (?:\w+ )?toll|brings the (?:\w+ )?toll|raising the (?:\w+ )?toll|total (?:death )?toll|since (?:19|20)\d{2}|(?:in|during|over|throughout) the (?:[\w]+[- ])?(?:weeks?|months?|years?)[- ](?:long )?(?:battle|campaign|offensive|siege|fighting|war|operation|conflict)|over the (?:past|last) (?:[\w]+ )?(?:weeks|months|years))\b`)
	// reSubset marks deaths already counted: "three children were among
	// the dead", "among them two women".
	reSubset = pat(`(?i)\bamong (?:the (?:dead|victims|killed|fatalities)|them|those killed|whom)\b|\bincluding\s+(?:\w+\s+){0,2}$`)
	// reDefiniteOpen, rePluralAux, rePluralVerb: a definite subject, a
	// plural death word, a plural verb in the subject (toldBefore).
	reDefiniteOpen = pat(`(?i)^(?:[,;]\s*|\b(?:and|but|when|while)\s+)?the\s`)
	rePluralAux    = pat(`(?i)^\s*(?:were|are)\s`)
	rePluralVerb   = pat(`(?i)\b(?:are|were|have)\b`)
	// reSingularSubject: a singular subject opening the clause before a
	// passive or intransitive death word: "A Libyan army colonel was",
	// "The military engineers' spokesman … was", "The victim later".
	reSingularSubject = pat(`(?i)(?:^|[,;]\s*|\b(?:and|but|when|while)\s+)(?:an?|the|one)\s+(?:[\w'’"()-]+\s+){0,12}?(?:(?:was|is|has been|had been)\s+(?:reportedly\s+|allegedly\s+|also\s+|later\s+)?|later\s+|reportedly\s+)?$`)
	// reBareSubject: one victim opening a headline-style sentence without
	// an article, as ACLED's notes and wire headlines write them:
	// "Relative of SPLM/A-IO's chief negotiator shot dead in Juba", "Local
	// official killed".
	reBareSubject = pat(`(?i)^\W*(?:(?:former|local|senior|prominent|young|elderly|retired|traditional|religious|tribal|village|district|government|opposition|party|police|army)\s+){0,3}(?:relative|son|daughter|wife|husband|brother|sister|father|mother|cousin|nephew|uncle|official|chief|leader|head|businessman|commander|officer|politician|activist|cleric|imam|pastor|priest|journalist|teacher|councill?or|elder|administrator|judge|member|trader|merchant|farmer|herder|herdsman|shepherd|civilian|villager|student|driver|soldier|policeman|fisherman|shopkeeper|man|woman|boy|girl|child)(?:\s+of\s+[^,;.]{1,60}?)?\s+(?:(?:was|is|has been)\s+)?$`)
	// reAppositiveSubject: a singular subject with an appositive between
	// commas before a singular death word ("A municipal worker,
	// attending to a complaint, was killed").
	reAppositiveSubject = pat(`(?i)(?:^|[;]\s*|\b(?:and|but|when|while)\s+)(?:an?|the|one)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+,\s+[^,;.]{1,60},\s*$`)
	// reAttempt: a death attempted, threatened or narrowly escaped is
	// no death ("tried to kill a judge", "nearly lynched a man").
	reAttempt = pat(`(?i)\b(?:(?:tried|tries|try|trying|attempted|attempts|attempting|threatened|threatens|threatening|planned|plans|planning|plotted|plotting|wanted|sought|seeking|vowed|vowing|failed|intended|conspired) to|nearly|almost|narrowly escaped being|escaped being|survived being|attempted|foiled|failed|thwarted|botched)\s*$`)
	// reEarlierIncident: deaths a report names as the cause or background
	// of this incident are not this incident's.
	reEarlierIncident = pat(`(?i)\b(?:responsible for|accused of|suspected of|blamed for|over the killing of|in retaliation for|after the killing of|revenge for|following the killing of|in connection with|in response to|protest(?:s|ed|ing)? (?:against |over )?|denounc(?:e|ed|ing) |condemn(?:s|ed|ing)? |mourn(?:s|ed|ing)? |funeral of|burial of|against|(?:following|after|over|since) the|(?:investigation|inquiry|probe|trial|case) (?:into|of|over) the)\s*(?:the\s+(?:reported\s+|alleged\s+)?)?$`)
	// reUncertain: a death statement the report says it does not know
	// ("Unknown if the military suffered casualties").
	reUncertain = pat(`(?i)\b(?:unknown|unclear|not known|not clear|uncertain|unconfirmed)\s+(?:if|whether)\s+(?:[\w'’-]+\s+){0,5}$`)
	// reMourned: the dead a gathering mourns, named inside the statement
	// ("at the funeral of a doctor killed by policemen"): an earlier
	// death, not this incident's.
	reMourned = pat(`(?i)\b(?:funeral|burial|memorial|mourning|commemoration|wake)\s+(?:of|for)\b`)
	// reDeadCity: the "dead city" strike of Central African politics.
	reDeadCity = pat(`(?i)^["”’']?[\s-]*(?:city|town)\b`)
	// reNegated: a death statement under a negation ("No injuries or
	// deaths were reported").
	reNegated = pat(`(?i)\b(?:no|nor|without)\s+(?:[a-z]+\s+){0,3}$`)
)

// quantityBefore reads "7 rebels killed", "three dead", "two people were
// killed", "seven civilians and three soldiers were killed" (summed), "six
// police (or seven) officers are killed" (the lower of alternatives).
func quantityBefore(s string, m []int) (death, bool) {
	if w := s[m[0]:m[1]]; reTransitive.MatchString(w) && !reOtherCountAfter.MatchString(s[m[1]:]) && (reObjectAfter.MatchString(s[m[1]:]) || !reAuxBefore.MatchString(tailOf(s[:m[1]], 40)) && !strings.Contains(strings.TrimSpace(w), " ") && !reNoObject.MatchString(s[m[1]:])) {
		return death{}, false // active: "the raid killed eight", the words before are the killers
	}
	left, from := clauseBefore(s, m[0])
	qs := quantitiesIn(left)
	if len(qs) == 0 {
		return singularBefore(s, m, left, from)
	}
	if d, ok := totalBeforeSubset(s, m, left, from, qs); ok {
		return d, true
	}
	total, first, vague := 0, -1, false
	for i := len(qs) - 1; i >= 0; i-- {
		q := qs[i]
		gap := left[q.end:]
		if i < len(qs)-1 {
			gap = left[q.end:qs[i+1].start]
		}
		if !listGap(gap) && !(i == len(qs)-1 && looseSubject(gap, s[m[0]:m[1]])) {
			break
		}
		switch {
		case first >= 0 && strings.Contains(" "+strings.NewReplacer("(", " ", ")", " ").Replace(gap)+" ", " or "):
			total = min(total, q.n) // alternatives: the lower figure
		case first >= 0 && rePartitiveGap.MatchString(gap):
			total = q.n // "three of the 12 soldiers were killed": three
		default:
			total += q.n
		}
		vague = vague || q.vague
		first = q.start
	}
	if first < 0 {
		return death{}, false
	}
	if loc := reOneAndBefore.FindStringIndex(left[:first]); loc != nil {
		total++ // "an army officer and three soldiers were killed"
		first = loc[0]
	}
	if last := qs[len(qs)-1]; first <= last.start && reAndOneAfter.MatchString(left[last.end:]) {
		total++ // "two soldiers and a civilian were killed"
	}
	text := strings.TrimSpace(left[first:]) + " " + s[m[0]:m[1]]
	rule := "fatalities/n-killed"
	if reOrWounded.MatchString(s[m[1]:]) {
		total, vague, rule = min(total, vaguePlural), true, "fatalities/killed-or-wounded"
	}
	return death{n: total, vague: vague, group: victimGroup(left[first:]), rule: rule, text: text, start: from + first}, true
}

// reIncludingGap: a figure's noun and "including" before a second figure
// ("Five civilians, including 3 children"); reSubsetTail: that figure's
// noun and the auxiliary before the death word.
var (
	reIncludingGap = pat(`(?i)^\s*(?:[\w'’-]+\s+){0,2}?[\w'’-]+\s*,?\s+(?:including|among them|among whom|of whom|of them)\s*$`)
	reSubsetTail   = pat(`(?i)^\s*(?:[\w'’-]+\s+){0,2}?[\w'’-]+\s*,?\s*(?:(?:were|are|have been|had been)\s+)?$`)
)

// totalBeforeSubset reads "Five civilians, including 3 children, were
// killed": the figure before "including" is the toll, the one after it a
// part of it.
func totalBeforeSubset(s string, m []int, left string, from int, qs []quantityAt) (death, bool) {
	n := len(qs)
	if n < 2 || !reIncludingGap.MatchString(left[qs[n-2].end:qs[n-1].start]) || !reSubsetTail.MatchString(left[qs[n-1].end:]) {
		return death{}, false
	}
	q := qs[n-2]
	text := strings.TrimSpace(left[q.start:]) + " " + s[m[0]:m[1]]
	return death{n: q.n, vague: q.vague, group: victimGroup(left[q.start:qs[n-1].start]), rule: "fatalities/n-killed", text: text, start: from + q.start}, true
}

// singularBefore reads one victim before a death word: "a policeman was
// killed", "Woman killed".
func singularBefore(s string, m []int, left string, from int) (death, bool) {
	switch dw := strings.ToLower(strings.TrimSpace(s[m[0]:m[1]])); {
	case strings.HasSuffix(dw, "deaths"), strings.HasSuffix(dw, "fatalities"), strings.HasSuffix(dw, "bodies"), strings.HasSuffix(dw, "corpses"):
		return death{}, false // a plural noun counts no one singular before it ("the blast caused casualties including deaths")
	}
	word := s[m[0]:m[1]]
	if loc := rePairSubject.FindStringIndex(left); loc != nil && pluralDeathWord(word) {
		return subjectDeath(2, "fatalities/pair-killed", left[loc[0]:], word, from+loc[0]), true
	}
	if loc := reAppositiveSubject.FindStringIndex(left); loc != nil && singularDeathWord(word) {
		return subjectDeath(1, "fatalities/one-killed", left[loc[0]:], word, from+loc[0]), true
	}
	if loc := reSingularSubject.FindStringIndex(left); loc != nil && !toldBefore(left[loc[0]:], word) {
		return subjectDeath(1, "fatalities/one-killed", left[loc[0]:], word, from+loc[0]), true
	}
	all := reArticleNounAny.FindAllStringIndex(left, -1)
	if len(all) > 0 {
		last := all[len(all)-1]
		if gap := strings.Fields(left[last[1]:]); len(gap) <= 3 {
			d := subjectDeath(1, "fatalities/one-killed", left[last[0]:], word, from+last[0])
			d.group = victimGroup(left[last[0]:last[1]]) // the noun only: the words after it are no victims
			return d, true
		}
	}
	if loc := reBareSubject.FindStringIndex(left); loc != nil && !pluralDeathWord(word) {
		return subjectDeath(1, "fatalities/one-killed", left[loc[0]:], word, from+loc[0]), true
	}
	if loc := reSingularVictim.FindStringIndex(left); loc != nil {
		return subjectDeath(1, "fatalities/one-killed", left[loc[0]:], word, from+loc[0]), true
	}
	return death{}, false
}

// clauseBefore returns the clause that ends at s[end] (at most 100 bytes,
// from the last sentence or clause stop) and where it starts in s.
func clauseBefore(s string, end int) (string, int) {
	from := max(0, end-100)
	left := s[from:end]
	if cut := strings.LastIndexAny(left, ".;:"); cut >= 0 {
		left = left[cut+1:]
		from = end - len(left)
	}
	return left, from
}

// toldBefore reports whether a subject opened by "the" names several
// people told of before ("… killed seven militants. The gunmen were
// killed in Benniri"; "The dead are believed to have been killed by
// security forces"): they are no one more.
func toldBefore(np, deathWord string) bool {
	if strings.EqualFold(strings.TrimSpace(np), "the") {
		return true // "the dead", "the killed": the noun is the death word
	}
	return reDefiniteOpen.MatchString(np) && (rePluralAux.MatchString(deathWord) || rePluralVerb.MatchString(np))
}

// subjectDeath is n dead named by the subject np, which starts at start
// in the text, before the death word.
func subjectDeath(n int, rule, np, word string, start int) death {
	return death{n: n, group: victimGroup(np), rule: rule, text: strings.TrimSpace(np) + " " + word, start: start}
}

// pluralDeathWord reports whether a death word opens with a plural
// auxiliary ("were killed", "have been shot dead").
func pluralDeathWord(w string) bool {
	w = strings.ToLower(strings.TrimSpace(w))
	return strings.HasPrefix(w, "were ") || strings.HasPrefix(w, "have been ") || strings.HasPrefix(w, "had been ") || strings.HasPrefix(w, "are ")
}

// singularDeathWord reports whether a death word opens with a singular
// auxiliary ("was killed", "has been shot dead").
func singularDeathWord(w string) bool {
	w = strings.ToLower(strings.TrimSpace(w))
	return strings.HasPrefix(w, "was ") || strings.HasPrefix(w, "has been ") || strings.HasPrefix(w, "is ")
}

// looseSubject allows a long subject before a passive death word ("one
// member of the forces supported by the House of Representatives (HoR)
// was killed", "six people, including a traditional ruler, were feared
// dead", "five members of the police force are attacked and killed"): up
// to sixteen words ending in an auxiliary, none of them a wound or arrest.
func looseSubject(gap, deathWord string) bool {
	dw := strings.ToLower(deathWord)
	lower := strings.ToLower(gap)
	headline := reCoordinated.MatchString(lower) && len(strings.Fields(gap)) <= 5 // "7 men detained and killed"
	if !headline && !reAuxEnd.MatchString(lower) && !strings.Contains(dw, "was") && !strings.Contains(dw, "were") {
		return false
	}
	if len(strings.Fields(gap)) > 16 {
		return false
	}
	if loc := reCoordinated.FindStringSubmatchIndex(lower); loc != nil && !reHurtWord.MatchString(lower[loc[2]:loc[3]]) {
		gap = gap[:loc[2]] // "were abducted and killed": the same people, abducted then killed
	}
	for _, x := range strings.Fields(strings.ToLower(gap + " " + deathWord)) {
		switch strings.Trim(x, ",()") {
		case "wounded", "injured", "hurt", "missing", "arrested", "detained", "abducted", "kidnapped", "displaced", "when", "after":
			return false
		}
	}
	return true
}

// reCoordinated: a participle joined by "and" right before the death word
// ("… abducted and", "… detained and"), its people the dead.
var reCoordinated = pat(`\b(\w+(?:ed|en))\s+and\s*$`)

// reHurtWord: a participle whose people are hurt, not killed: "three
// wounded and two killed" tells two groups.
var reHurtWord = pat(`^(?:wounded|injured|hurt|missing|displaced)$`)

// reAuxEnd: a subject ends in an auxiliary ("… were", "… are attacked and").
var reAuxEnd = pat(`\b(?:was|were|are|is|have been|has been|had been)(?:\s+(?:reportedly|allegedly|also|later|all|feared|\w+(?:ed|en)\s+and))?\s*["“]?\s*$`)

// quantityAt is a quantity found in a text, with its byte range.
type quantityAt struct {
	quantity
	start, end int
}

// quantitiesIn returns the counts of people in s: quantities that are not
// years, times, distances, parts of a name ("AK-47") or of a date ("13/05").
func quantitiesIn(s string) []quantityAt {
	var out []quantityAt
	for _, loc := range reQuantity.FindAllStringSubmatchIndex(s, -1) {
		q, ok := parseQuantity(s, loc)
		if !ok || notHeadcount(q, s[loc[1]:]) || partOfName(s, loc[0]) || strings.HasSuffix(s[:loc[0]], "/") {
			continue
		}
		out = append(out, quantityAt{q, loc[0], loc[1]})
	}
	return out
}

// partOfName reports whether the number at s[i:] belongs to a name such as
// "AK-47", "M-16" or "Battalion 101".
func partOfName(s string, i int) bool {
	b := strings.TrimRight(s[:i], " ")
	return strings.HasSuffix(b, "-") && len(b) >= 2 && isLetter(b[len(b)-2]) ||
		strings.HasSuffix(strings.ToLower(b), "battalion") || strings.HasSuffix(strings.ToLower(b), "brigade") || strings.HasSuffix(strings.ToLower(b), "division")
}

// scopeOf is the words a death statement's qualifiers can stand in: a
// few words before it, and it up to the next comma, bracket or clause end
// ("… killed (two fatalities recorded in other events)").
func scopeOf(s string, d death) string {
	from, end := scopeBounds(s, d)
	return s[from:end]
}

// scopeBounds is the range of scopeOf in s.
func scopeBounds(s string, d death) (from, end int) {
	from = max(0, d.start-20)
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	end = min(len(s), d.start+len(d.text))
	if k := strings.IndexAny(s[end:], ",;.()"); k >= 0 {
		end += k
	} else {
		end = len(s)
	}
	return from, end
}

// outside returns the words of the death statement d's scope (see
// scopeOf) around the statement, without it: a toll that holds its part
// ("Twelve people, among them 4 women, were killed") is no part of
// another.
func outside(s string, d death) string {
	from, end := scopeBounds(s, d)
	stmt := min(end, d.start+len(d.text))
	return s[from:d.start] + " " + s[stmt:end]
}

// plural reports whether a noun phrase names several people ("the
// residents"), which says nothing of how many; "a" or "an" names one ("a
// former Rivers State lawmaker").
func plural(np string) bool {
	w := strings.Fields(np)
	if first := strings.ToLower(w[0]); first == "a" || first == "an" {
		return false
	}
	last := strings.ToLower(w[len(w)-1])
	return strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") || last == "people" || last == "men" || last == "women" || last == "children"
}

// notDeath reports whether the words after a quantity say its people
// were wounded, arrested or missing rather than killed ("5 wounded");
// "one and injured eight" starts a new predicate.
func notDeath(tail string) bool {
	t := strings.TrimLeft(tail, " ")
	if strings.HasPrefix(t, "and ") || strings.HasPrefix(t, "or ") || strings.HasPrefix(t, ",") {
		return false
	}
	return reNotDeath.MatchString(tail)
}

// listGap reports whether the words between a quantity and what follows
// it (the next quantity, or the death word) are a victims' noun phrase:
// at most five words, commas, "and", no verb that ends the phrase.
func listGap(g string) bool {
	words := strings.Fields(strings.NewReplacer(",", " ", "'", " ", "\"", " ").Replace(g))
	if len(words) > 6 {
		return false
	}
	for i, w := range words {
		if i+1 < len(words) && participleAdjective(w, words[i+1]) {
			continue // "2 displaced men shot dead": who they are, not what befell them
		}
		switch strings.ToLower(w) {
		case "wounded", "injured", "hurt", "missing", "arrested", "detained", "abducted", "kidnapped", "displaced",
			"after", "when", "since", "in", "on", "at", "from", "by", "with", "while", "during", "including",
			"killed", "dead", "died", "though", "although", "but", "whereas", "reports", "reported", "said", "say", "says",
			"indicate", "indicated", "claimed", "claim", "claims", "were", "was":
			return false
		case "of":
			// "of them", "of whom"; a partitive right after the
			// quantity: "some of the attackers", "two of his guards";
			// and the body a group belongs to: "20 members of the
			// BRSC", "9 soldiers of Battalion 302".
			if !strings.Contains(strings.ToLower(g), "of them") && !strings.Contains(strings.ToLower(g), "of whom") && !(i == 0 && i+1 < len(words) && partitiveDeterminer(words[i+1])) && !(i > 0 && groupMemberNoun(words[i-1])) {
				return false
			}
		}
		if lw := strings.ToLower(w); len(lw) > 5 && strings.HasSuffix(lw, "ing") {
			return false // a new verb: "killing 10 and capturing four"
		}
	}
	return true
}

// groupMemberNoun reports the plural nouns that name the people of a body
// named after "of": "members of the BRSC", "soldiers of the 5th Division".
func groupMemberNoun(w string) bool {
	switch strings.ToLower(w) {
	case "members", "soldiers", "fighters", "militants", "troops", "officers", "personnel", "elements", "militiamen",
		"rebels", "supporters", "staff", "employees", "workers", "residents", "followers", "recruits", "policemen":
		return true
	}
	return false
}

// partitiveDeterminer reports the words after "of" that make a quantity
// a part of a group: "some of the attackers", "two of his guards".
func partitiveDeterminer(w string) bool {
	switch strings.ToLower(w) {
	case "the", "his", "her", "their", "its", "these", "those":
		return true
	}
	return false
}

// participleAdjective reports whether a participle qualifies the plural
// noun after it ("displaced men", "wounded soldiers") rather than being
// the phrase's verb ("five injured and three killed").
func participleAdjective(w, next string) bool {
	switch strings.ToLower(w) {
	case "wounded", "injured", "abducted", "kidnapped", "displaced", "detained", "arrested":
	default:
		return false
	}
	n := strings.ToLower(next)
	if n == "and" || n == "or" {
		return false
	}
	return n == "people" || n == "men" || n == "women" || n == "children" || len(n) > 3 && strings.HasSuffix(n, "s") && !strings.HasSuffix(n, "ss")
}

// sumList reads the victims after a first quantity, summing a list such
// as "15 soldiers and 3 civilians"; it returns the total and the text of
// the list after the first quantity.
func sumList(q quantity, tail string) (int, string) {
	total, used := q.n, 0
	rest := tail
	for {
		if an := reAndArticleNoun.FindStringIndex(rest); an != nil && listGap(rest[:an[0]]) {
			total++ // "… and the pastor"
			used += an[1]
			rest = rest[an[1]:]
			continue
		}
		loc := reQuantity.FindStringSubmatchIndex(rest)
		if loc == nil {
			break
		}
		gap := rest[:loc[0]]
		if !strings.Contains(gap+" ", " and ") && !strings.Contains(gap, ",") || !listGap(gap) {
			break
		}
		q2, ok := parseQuantity(rest, loc)
		if !ok || q2.vague || notHeadcount(q2, rest[loc[1]:]) || notDeath(rest[loc[1]:]) || reNewVerb.MatchString(gap) || reNewVerbIn.MatchString(gap) {
			break // "killed 1, assaulted 3 others": the list is another act's
		}
		total += q2.n
		used += loc[1]
		rest = rest[loc[1]:]
	}
	end := used
	if w := strings.Fields(rest); len(w) > 0 {
		end += strings.Index(rest, w[0]) + len(w[0])
	}
	return total, tail[:min(end, len(tail))]
}

// firstQuantity finds the first quantity in s and where it starts.
func firstQuantity(s string) (quantity, int, bool) {
	for _, loc := range reQuantity.FindAllStringSubmatchIndex(s, -1) {
		if q, ok := parseQuantity(s, loc); ok {
			return q, loc[0], true
		}
	}
	return quantity{}, 0, false
}

// animalNouns are the animals a report counts beside people, or instead
// of them ("killing 20 herdsmen and 83 cows", "killed a number of
// cattle"): ACLED counts people.
const animalNouns = `cows?|cattle|goats?|sheep|camels?|donkeys?|horses?|livestock|animals?|heads? of (?:cattle|livestock)|chickens?|pigs?|dogs?|oxen|bulls?`

// notHeadcount reports whether a number counts no people: a year, an
// hour, a distance, a unit's number ("the 115 Brigade"), or animals
// ("killing 20 herdsmen and 83 cows": ACLED counts people).
func notHeadcount(q quantity, tail string) bool {
	return isYearOrTime(q, tail) || reUnitNumber.MatchString(tail) || reAnimals.MatchString(tail) || reObjects.MatchString(tail)
}

var (
	// reUnitNumber: a capitalised unit after a number names it.
	reUnitNumber = pat(`^\s+(?:Brigade|Battalion|Division|Regiment|Corps|Squadron|Infantry|Armou?red|Mechani[sz]ed|Commando|Airborne|Army|Task Force)\b`)
	// reObjects: things counted beside the dead ("12 rifles", "three
	// vehicles"), never people; the thing ends the noun phrase, or it
	// qualifies the people ("five motorcycle operators").
	reObjects = pat(`(?i)^\s+(?:[a-z-]+\s+)?(?:rifles?|guns?|weapons?|firearms?|pistols?|vehicles?|cars?|trucks?|motorcycles?|motorbikes?|houses?|homes?|huts?|shops?|rounds|bullets|magazines?|grenades?|boats?|tanks?|technicals)(?:\s*$|\s*[,.;:)]|\s+(?:and|or|in|at|on|from|with|were|was|are|is|had|have|belonging|worth|during|after|before|as|to|of|for)\b)`)
	// reAnimals: the animals killed with people, or instead of them.
	reAnimals = pat(`(?i)^\s+(?:[a-z]+\s+)?(?:` + animalNouns + `)\b`)
	// reAnimalObject: animals as the object of a death verb.
	reAnimalObject = pat(`(?i)^\s*(?:(?:a|an|the|some|several|many|dozens|hundreds|number|of|his|her|their|its|over|about|at|least|more|than|\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|[a-z]+teen|[a-z]+ty|head|heads)\s+){0,4}(?:` + animalNouns + `)\b`)
	// reNewVerb starts the next act of a list after a comma or "and":
	// "kill 15, arrest 12", "killed 1, assaulted 3 others".
	reNewVerb = pat(`(?i)^\s*(?:,\s*)?(?:and\s+)?(?:wound|injur|arrest|abduct|kidnap|captur|rescu|detain|assault|loot|displac|seiz|recover|free|releas|rape|torture|beat|destroy|burn)\w*\b`)
	// reNewVerbIn: the same after the victims' noun ("killed 20 bandits
	// and recovered 12 rifles").
	reNewVerbIn = pat(`(?i)(?:,|\band)\s+(?:wound|injur|arrest|abduct|kidnap|captur|rescu|detain|assault|loot|displac|seiz|recover|free|releas|rape|torture|beat|destroy|burn)\w*\b`)
)

// isYearOrTime reports whether a number is a year, an hour or a distance
// ("in 2014", "at 10 pm", "30 km") rather than a count of people.
func isYearOrTime(q quantity, tail string) bool {
	if !q.vague && q.n >= 1900 && q.n <= 2100 && !strings.Contains(q.text, ",") {
		return true
	}
	t := strings.ToLower(strings.TrimSpace(tail))
	if strings.HasPrefix(t, "/") {
		return true // "22/03"
	}
	for _, unit := range []string{"km", "kilomet", "mile", "am", "pm", "a.m", "p.m", "hours", "days", "weeks", "months", "years", "percent", "%", "o'clock", "metres", "meters", "m ", "year-old", "-year", "year old", "years old",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"} {
		if strings.HasPrefix(t, unit) && (len(t) == len(unit) || !isLetter(t[len(unit)]) || unit == "kilomet" || unit == "mile") {
			return true
		}
	}
	return false
}

// victimGroup sorts a victims' noun phrase into civilians, forces (state)
// and fighters (non-state), or "" when it does not say.
func victimGroup(np string) string {
	switch {
	case reStateVictim.MatchString(np):
		return "forces"
	case reFighterVictim.MatchString(np):
		return "fighters"
	case reCivilVictim.match(np) && !reGenericPeople.MatchString(np):
		return "civilians"
	case reBodyMembers.MatchString(np):
		return "members" // of a body the phrase names: not unnamed victims
	}
	return ""
}

var (
	reStateVictim   = pat(`(?i)\b(?:soldiers?|troops|police(?:m[ae]n|wom[ae]n| officers?)?|policem[ae]n|officers?|gendarmes?|servicem[ae]n|military|army|guards?|personnel|recruits|troopers?|SNA|AMISOM|KDF|FARDC|SAF)\b`)
	reFighterVictim = pat(`(?i)\b(?:militants?|fighters?|rebels?|insurgents?|militiam[ae]n|militias?|gunmen|jihadists?|bandits?|attackers?|assailants?|terrorists?|al[ -]shabaa?b|boko haram|islamic state|ISIS|ISIL|RSF|pirates?|suicide bombers?)\b`)
	reGenericPeople = pat(`(?i)^\W*(?:(?:at least|some|about|nearly|over|more than)\s+)?(?:[\d,]+|[a-z-]+)?\s*(?:people|persons)\W*$`)
	// reBodyMembers: the people of a body the phrase names ("20 members
	// of the BRSC", "staff of Danish Demining Group").
	reBodyMembers = pat(`(?i)\b(?:members|staff|employees|workers|supporters|followers|elements)\s+of\s+(?:the\s+)?(?-i:[A-Z])`)
)

// countFatalities turns the death statements of one incident into its
// fatalities, by ACLED's conventions: the deaths a report states add up
// across victims ("seven civilians and three soldiers" → 10; "killing 21
// fighters … six militants also died" → 27); the same figure stated again
// for the same victims counts once; a party's claim gives way to another
// figure for the same victims; a figure for unnamed victims that is at
// least the sum of the others is a total; a toll ("the death toll rose to
// 15") supersedes the counts before it. Vague quantities count only when
// no figure is given ("claimed many killed, though reports indicate three
// dead" → 3). It returns the count and the statements counted.
func countFatalities(ds []death) (int, []death) {
	var exact []death
	for _, d := range ds {
		if !d.vague {
			exact = append(exact, d)
		}
	}
	if len(exact) == 0 {
		if len(ds) == 0 {
			return 0, nil
		}
		best := ds[0]
		for _, d := range ds[1:] {
			if d.n > best.n {
				best = d
			}
		}
		return best.n, []death{best}
	}
	var toll *death
	for i := range exact {
		if exact[i].rule == "fatalities/toll" && (toll == nil || exact[i].n > toll.n) {
			toll = &exact[i]
		}
	}
	var used []death
	sum, generic := 0, death{}
	for _, d := range exact {
		if d.rule == "fatalities/toll" || d.claimed && hasUnclaimed(exact, d.group) || repeats(used, d) {
			continue
		}
		if d.group == "" && d.n > generic.n {
			generic = d
		}
		sum += d.n
		used = append(used, d)
	}
	switch {
	case toll != nil && toll.n >= sum:
		return toll.n, []death{*toll}
	case generic.n > 0 && 2*generic.n >= sum:
		// a figure for unnamed victims that covers the named ones is the total
		return generic.n, []death{generic}
	}
	return sum, used
}

// hasUnclaimed reports whether a figure not reported as a party's claim
// exists for the group.
func hasUnclaimed(ds []death, group string) bool {
	for _, d := range ds {
		if !d.claimed && d.group == group {
			return true
		}
	}
	return false
}

// repeats reports whether d restates a counted figure for the same
// victims (or unnamed ones).
func repeats(used []death, d death) bool {
	for _, u := range used {
		if u.n == d.n && (u.group == d.group || u.group == "" || d.group == "") {
			return true
		}
	}
	return false
}

// deathValue formats a death statement's count for an explanation.
func deathValue(d death) string {
	v := strconv.Itoa(d.n)
	if d.vague {
		v += " (vague quantity, ACLED convention)"
	}
	if d.group != "" {
		v += " " + d.group
	}
	return v
}
