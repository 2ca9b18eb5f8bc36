package extract

import (
	"strings"
	"unicode/utf8"
)

// roleKind says what a place named in a sentence is to the happening the
// sentence reports.
type roleKind int

const (
	// roleLocation: where the happening took place ("in Aleppo", "shelled
	// Douma", "the town of Saraqib").
	roleLocation roleKind = iota
	// roleNear: near where it took place ("near Saraqib", "30 km east of
	// Deir ez-Zor", "the Idlib countryside"): ACLED's geo-precision 2.
	roleNear
	// roleWeak: a place that locates the happening only when the clause
	// names no other: a plain mention, a destination, the end of a road.
	roleWeak
	// roleSetting: named for another reason, yet a place the happening is
	// set in when its clause names no other: where its people come from
	// ("youths from Cubal clashed with police"), the venue of talks or a
	// parliament, a university or a local branch ("students of Tizi Ouzou
	// university went on strike").
	roleSetting
	// roleContext: named for another reason: who speaks, where a reporter
	// comes from, an affiliation, a nationality.
	roleContext
	// roleActor: a state acting ("Russia has moved", "forces of Syria"),
	// or a people named by an adjective.
	roleActor
)

// isLocation reports whether the role can place a happening.
func (k roleKind) isLocation() bool { return k <= roleWeak }

// role is the decision of the role rules for one mention.
type role struct {
	kind roleKind
	rule string // the named rule that decided
	text string // the words it read
}

// roleRule is one named rule of the role table. before is matched against
// the clause up to the mention (anchored at its end), after against the
// sentence after it (anchored at its start), clause against the clause
// from its start; a rule needs every pattern it has to match.
type roleRule struct {
	name string
	kind roleKind
	// before's and after's prefilters rule a window out cheaply when it
	// lacks every literal the pattern needs.
	before, after, clause *pattern
}

// Shared fragments of the role patterns.
const (
	// optThe is an optional article, and a type word with "of" ("the town
	// of", "the village of"), between a preposition and a name.
	optThe  = `(?:the\s+|a\s+)?(?:(?:(?:besieged|northern|southern|eastern|western|central|rebel-held|government-held|opposition-held|regime-held|strategic|key|border|frontline|coastal|desert|ancient|old|small|nearby)\s+)?(?:town|city|village|hamlet|district|neighbou?rhood|quarter|camp|area|region|province|governorate|county|state|suburb|township|locality|sub-county|payam|boma|commune|department|municipality|settlement|capital|outskirts|countryside|vicinity|environs)s?\s+of\s+)?`
	dirWord = `(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|[NSEW]{1,3})(?:ern|erly)?`
	// stateWord says where people are, not what they did: "held in",
	// "based in", "who live in".
	stateWord = `(?:missing|held|based|stationed|detained|living|live|lived|displaced|trapped|imprisoned|jailed|deployed|residing|reside|resided|born|working|work|worked|serving|serve|served|studying|study|studied|stranded|sheltering|camped|hiding|sheltered)`
	// datelineTail follows a dateline's place: a country after a comma,
	// an agency in brackets, a dash or colon ("BEIRUT (Reuters) -",
	// "ADEN, Yemen —").
	datelineTail = `(?:,\s*(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,2})?\s*(?:\((?-i:[A-Z])[\w .'’-]{1,24}\)\s*)?(?:[-—–]{1,2}|:)\s`
	distance     = `(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|fifty|a few|several|some)\s*[-]?\s*(?:km|kms|kilometres?|kilometers?|miles?|mi)\.?`
)

func before(expr string) *pattern { return pat(`(?i)(?:` + expr + `)\s*$`) }
func after(expr string) *pattern  { return pat(`(?i)^(?:` + expr + `)`) }

// roleRules is the role table, first match wins. A mention no rule claims
// is roleWeak ("named").
var roleRules = []roleRule{
	// A dateline says where the story was filed ("BEIRUT (Reuters) -",
	// "ADEN, Yemen —"): the place of what it tells only when its clause
	// names no other ("MOGADISHU — A bomb exploded at a market").
	{name: "setting/dateline", kind: roleSetting, before: before(`^\W*`), after: after(datelineTail)},

	// What a protest demands or whom it blames is its topic.
	{name: "context/topic", kind: roleContext, clause: pat(`(?i)^` + topicWords + `\b`)},

	// Where people came from, said before the place words of a relative
	// location would claim it ("came from the countryside around
	// al-Mayadin", "farmers from villages along the Euphrates"): a setting.
	{name: "setting/people-from", kind: roleSetting, before: before(`\bfrom\s+(?:the\s+)?(?:countryside|outskirts|suburbs|villages?|towns?|areas?|region|parts?|camps?)\s+(?:around|along|near|of|in|outside|across)\s+(?:the\s+)?`)},

	// The area holding a place named after it: "in Sa'ada's Kitaf
	// district", "Aleppo's Sheikh Maqsoud neighbourhood". The inner place
	// is where it happened; the area places it only when the gazetteer
	// lacks the inner one.
	{name: "setting/container", kind: roleSetting, after: after(`(?:'s|’s)\s+(?-i:[A-Z][\w'’-]+)(?:[\s-]+(?-i:[A-Z][\w'’-]+)){0,2}\s+(?:district|sub-?district|neighbou?rhood|quarter|suburb|village|town|camp|area)\b`)},

	// Relative locations: the named place is a reference point.
	{name: "near/distance", kind: roleNear, before: before(`\b` + distance + `\s+(?:(?:to\s+the\s+)?` + dirWord + `\s+)?(?:of|from)\s+` + optThe)},
	{name: "near/direction", kind: roleNear, before: before(`\b` + dirWord + `\s+(?:of|outskirts\s+of|part\s+of|parts\s+of|side\s+of)\s+` + optThe)},
	{name: "near/preposition", kind: roleNear, before: before(`\b(?:near|nearby|outside|around|close\s+to|next\s+to|vicinity\s+of|outskirts\s+of|countryside\s+of|surroundings\s+of|environs\s+of|edge\s+of|periphery\s+of|suburbs\s+of|areas?\s+(?:of|around)|region\s+of|rural)\s+` + optThe)},
	{name: "near/area-noun", kind: roleNear, after: after(`(?:'s|’s)?\s*(?:city\s+)?(?:countryside|outskirts|suburbs|environs|surroundings|periphery|hinterland|rural\s+areas?|area|areas|region|desert|plains?|frontlines?|front\s+lines?)\b`)},

	// A neighbour across a border only says which border: "a village
	// bordering Nigeria", "near the border with Ghana". The place of last
	// resort.
	{name: "weak/border", kind: roleWeak, before: before(`\b(?:bordering|borders|border\s+(?:with|of)|frontier\s+with|across\s+the\s+border\s+(?:from|with|in|into))\s+` + optThe)},

	// Roads: their ends only say where the road runs.
	{name: "context/route", kind: roleWeak, before: before(`\b(?:roads?|highways?|motorways?|routes?|axis|corridor|supply\s+lines?|way|journey|travel(?:l)?ing|travel(?:l)?ed|driving|moving|convoy)\s+(?:\w+\s+){0,2}(?:linking|connecting|joining|between|from|to)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:(?:and|to|with)\s+(?:the\s+)?)?`)},
	{name: "context/route", kind: roleWeak, after: after(`\s*[-–]\s*[\w'’ -]{2,40}?\s+(?:road|highway|motorway|route|axis|railway)\b`)},
	{name: "context/route", kind: roleWeak, before: before(`[-–]`), after: after(`\s+(?:road|highway|motorway|route|axis|railway)\b`)},

	// Where people or things come from.
	{name: "location/withdrawn-from", kind: roleLocation, before: before(`\b(?:withdr\w*|retreat\w*|pull(?:ed|s|ing)?\s+out|expell?\w*|driv\w*\s+out|drove\s+(?:\w+\s+){0,3}out|oust\w*|dislodg\w*|evict\w*|clear\w*|flush\w*)\s+(?:["'“”‘’\w-]+\s+){0,4}from\s+` + optThe)},
	{name: "location/taken-from", kind: roleLocation, before: before(`\b(?:abduct\w*|kidnapp?\w*|snatch\w*|stole|stolen|rustl\w*)\s+(?:["'“”‘’\w-]+\s+){0,5}from\s+` + optThe)},
	{name: "setting/people-from", kind: roleSetting, before: before(`\b(?:villagers|residents|inhabitants|people|persons|civilians|women|men|man|woman|boys?|girls?|children|youths?|youngsters|farmers|herders|pastoralists|traders|students|pupils|worshipp?ers|families|locals|fishermen|miners|workers|tribesmen|clansmen|passengers|community|communities|group|groups|militias?|militiamen|gunmen|fighters|protesters|demonstrators|teachers|doctors|nurses|lawyers|drivers|employees|supporters|activists|members|displaced|IDPs|refugees|leaders?|chiefs?|officials?|elders?|councill?ors?|pastors?|priests?|imams?|clerics?|businessm[ae]n|merchants?|shopkeepers?|journalists?|politicians?|candidates?|herdsm[ae]n|shepherds?|boy|girl|child|teenagers?|student|farmer|herder|trader|resident|villager|civilian|person)\s+(?:\w+\s+){0,2}from\s+` + optThe)},
	{name: "location/reported-from", kind: roleLocation, before: before(`\b(?:(?:was|were|been|being|is|are)\s+(?:\w+\s+)?(?:reported|heard|seen|observed|spotted)|reports?\s+(?:\w+\s+){0,2}?came)\s+from\s+` + optThe)},
	{name: "context/origin", kind: roleContext, before: before(`\bfrom\s+` + optThe)},

	// Where a source sits is no place of what it reports: "according to
	// the Britain-based observatory" (before "to the" reads a
	// destination), "the Syrian Observatory for Human Rights, based in
	// Coventry, said". Said after a locative ("outside the Tripoli-based
	// Central Bank"), the place is where the happening was.
	{name: "context/attribution", kind: roleContext, after: after(`-based\b`)},
	{name: "context/attribution", kind: roleContext, before: before(`,\s*(?:based|headquartered)\s+in\s+`), after: after(`\s*,[^.;]{0,60}?\b(?:said|says|reported|reports|told|announced|stated|added|claimed)\b`)},

	// Where people go.
	{name: "near/advance", kind: roleNear, before: before(`\b(?:advanc\w*|push\w*|mov\w*|march\w*|clos\w*\s+in)\s+(?:\w+\s+){0,2}(?:towards?|on|in\s+on)\s+` + optThe)},
	{name: "weak/destination", kind: roleWeak, before: before(`\b(?:to|towards?)\s+` + optThe)},

	// Diplomacy and statements.
	{name: "setting/talks", kind: roleSetting, before: before(`\b(?:talks|negotiations?|meetings?|summits?|conferences?|consultations|dialogue|forum|negotiators?|delegations?|envoys?|peace\s+process|mediation|visit(?:s|ed|ing)?|trip|tour|met|meet|meets|hosted|hosts|host|held\s+talks|ceremony|signing|signed|treaty|agreed|brokered|negotiated|convened|voted|parliament|festival|presented|published|reached|deal|accord|accords)\s+(?:\w+\s+){0,3}(?:in|at)\s+` + optThe)},
	{name: "setting/talks", kind: roleSetting, after: after(`\s+(?:talks|negotiations|summit|conference|meeting|peace\s+process|process|accords?|format|declaration|communiqu[eé]|memorandum|protocol|round|group|platform)\b`)},
	{name: "context/attribution", kind: roleContext, before: before(`(?:\b(?:officials?|authorities|spokes(?:man|woman|person)|ministr(?:y|ies)|government|sources?|diplomats?|correspondents?|reporters?|journalists?|analysts?|observers?|monitors?|envoy|statement|news\s+agency|agency|headquartered|hospital\s+sources|medics|activists|economists|experts)\s+(?:(?:based|speaking|stationed|working|there|officials?|sources?|spokes(?:man|woman|person))\s+)?(?:in|from|at)\s+|\b(?:the\s+)?(?:military|army)\s+(?:in|from|at)\s+)` + optThe), after: after(`[^.;]{0,120}?\b(?:said|says|told|reported|reports|announced|stated|confirmed|claimed|denied|added|warned|according|summoned|condemned|demanded|accused|urged)\b`)},
	{name: "context/attribution", kind: roleContext, before: before(`\b(?:(?:told|said|says|announced|stated|added|warned|confirmed|claimed|denied)\s+(?:\w+\s+){0,3}|(?:speaking|briefing|press\s+conference|news\s+conference|interview|statement\s+issued)\s+)(?:in|from|at|by\s+telephone\s+from)\s+` + optThe)},
	{name: "context/attribution", kind: roleContext, before: before(`(?:^\W*|[,;]\s*|\band\s+)(?:the\s+)?`), after: after(`\s+(?:said|says|announced|reported|claimed|accused|denied|confirmed|insisted|stated|warned|told|responded|condemned|welcomed)\b`)},
	// Where the subject's people are, said before the verb that reports
	// what they did: "relatives of journalists missing in Libya protested
	// in Tunis", "fighters who had been based in Idlib attacked Aleppo".
	// The clause opens with the subject, a state word (held, based, who
	// live) places its people, and a verb follows the name. Their place is
	// where the happening is set only when the clause names no other.
	{name: "setting/subject-people", kind: roleSetting,
		before: before(`^\W*(?:[\w'’-]+\s+){1,6}?(?:(?:who|that)\s+(?:(?:had|have|has|were|was|are|is)\s+)?(?:been\s+|gone\s+|long\s+)?)?` + stateWord + `\s+(?:[\w'’-]+\s+){0,2}?(?:in|at|inside|near)\s+` + optThe),
		after:  after(`\s+(?:(?:province|governorate|district|city|town|village|camp|area|region|prison|jail)\s+)?(?:(?:have|has|had|were|was|also|then|reportedly)\s+)*(?-i:[a-z]+ed|took|shot|fought|went|hit|struck|blew|threw|began|ran|stole|fled|broke|came|led|sent|drove|rose|set|held|burnt|protest|march|gather|rally|riot|demonstrate|attack|storm|block)\b`)},
	// A local body sits where it is named: "the offices of the local
	// administration in Constantine" (not "the government in Damascus").
	{name: "setting/local-office", kind: roleSetting, before: before(`\b(?:local|municipal|provincial|regional|district|county|city|town)\s+(?:government|authorities|administration|council|offices?|leadership)\s+(?:in|of)\s+`)},
	{name: "context/affiliation", kind: roleContext, before: before(`\b(?:the\s+)?(?:government|regime|authorities|administration|leadership)\s+in\s+`)},
	{name: "setting/institution", kind: roleSetting, after: after(`(?:'s|’s)?\s+(?:state\s+|regional\s+|local\s+)?(?:university|college|branch|chapter|campus|polytechnic)\b`)},
	{name: "context/affiliation", kind: roleContext, after: after(`(?:'s|’s)?\s+(?:council|club|counterparts?|administration|authorities|officials|delegation|embassy|consulate|airline|airways|times|post|tribune|herald|news|tv|television|radio|channel|agency|company|football|team|fc|county\s+government|state\s+government|city\s+council|municipal\s+council|bar\s+association|chamber)(?:$|[^\w-])`)}, // not "post-election"

	// Where it happened.
	{name: "location/preposition", kind: roleLocation, before: before(`\b(?:in|at|inside|into|across|throughout|over|on|within|of|upon|onto|along|against)\s+` + optThe + `(?-i:[A-Z][\w'’-]*\s+){0,3}`)},
	{name: "location/object", kind: roleLocation, before: before(`\b(?:shell\w*|bomb\w*|attack\w*|storm\w*|raid\w*|captur\w*|recaptur\w*|seiz\w*|enter\w*|besieg\w*|hit|hits|struck|strik\w*|target\w*|overr\w*|retook|retak\w*|took|take|takes|control\s+(?:of|over)|liberat\w*|reach\w*|surround\w*|encircl\w*|pound\w*|rock\w*|invad\w*|occup\w*|sack\w*|loot\w*|burn\w*|torch\w*|ambush\w*|besieged|evacuat\w*)\s+` + optThe)},
	{name: "location/subject", kind: roleLocation, before: before(`^\W*(?:the\s+)?(?:(?:town|city|village|district|camp)\s+of\s+)?`), after: after(`\s+(?:was|were|has\s+been|had\s+been|is\s+being|came|comes|fell|falls)\b`)},
}

// endMatch finds the match of a before-pattern (anchored at the end of the
// window b) by trying only where its stems start words, when the pattern
// allows it.
func endMatch(p *pattern, b, lb string) []int {
	pre := p.prefilter()
	if !pre.anchored {
		return p.FindStringIndex(b)
	}
	for _, loc := range pre.matches(p.rx(), b, asciiLower(b)) {
		if loc[1] == len(b) {
			return []int{loc[0], loc[1]}
		}
	}
	return nil
}

// roleWindow is how many bytes before a mention the role rules read: the
// longest phrase they know ("the road linking the town of X and") fits.
const roleWindow = 80

// roleOf decides what the mention sentence[start:end] is to the happening
// of its clause, cs being the clause's range in the sentence.
func roleOf(sentence string, start, end int, cs [2]int) role {
	from := max(cs[0], start-roleWindow)
	for from < start && !utf8.RuneStart(sentence[from]) {
		from++
	}
	b := sentence[from:start]
	a := sentence[end:min(len(sentence), end+80)]
	lb, la := strings.ToLower(b), strings.ToLower(a)
	for _, r := range roleRules {
		if r.clause != nil {
			if m := r.clause.FindStringIndex(sentence[cs[0]:]); m != nil {
				return role{kind: r.kind, rule: r.name, text: strings.TrimSpace(strings.TrimLeft(sentence[cs[0]:cs[0]+m[1]], ", "))}
			}
			continue
		}
		var m []int
		if r.before != nil {
			if !r.before.prefilter().mayMatch(lb) {
				continue
			}
			if m = endMatch(r.before, b, lb); m == nil {
				continue
			}
		}
		if r.after != nil {
			if !r.after.prefilter().mayMatch(la) {
				continue
			}
			am := r.after.FindStringIndex(a)
			if am == nil {
				continue
			}
			if m == nil {
				return role{kind: r.kind, rule: r.name, text: strings.TrimSpace(a[am[0]:am[1]])}
			}
		}
		return role{kind: r.kind, rule: r.name, text: strings.TrimSpace(b[m[0]:])}
	}
	return role{kind: roleWeak, rule: "weak/named"}
}
