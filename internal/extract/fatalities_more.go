package extract

import "strings"

// Death statements that name no death word of reDeathAfter/reDeathBefore:
// people set ablaze or burned alive, a single death caused, a fatal wound.
var (
	// reAblaze: people set ablaze or burned alive, as mob-justice and
	// massacre reports write their deaths ("a mob set three suspected
	// thieves ablaze", "burned two women alive"). Houses are set ablaze
	// too: the object must name people (ablazeVictims).
	reAblaze = lx(`\b(?:set|sets|setting)\s+(.{1,40}?)\s+(?:ablaze|alight|on fire)\b|\b(?:set|sets|setting)\s+(?:ablaze|alight|on fire)\s+((?:a|an|the|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+[^,.;]{1,40})|\bburn(?:ed|t|s|ing)?\s+(.{1,40}?)\s+alive\b`)
	// reOneDeath: one death caused ("causes one death", "resulting in
	// her death"); "the death of X" is read by reDeathBefore.
	reOneDeath = lx(`\b(?:caus(?:es|ed|ing)|result(?:s|ed|ing)?\s+in|le(?:d|ads|ading)\s+to)\s+(?:one|a|a single|his|her)\s+death\b`)
	// reFatalWound: a wound that killed ("a civilian sustained a fatal
	// injury", "two men suffered fatal gunshot wounds"): its subject
	// counts.
	reFatalWound = lx(`\b(?:suffered|sustained|received|suffering|sustaining)\s+(?:from\s+)?(?:an?\s+|the\s+)?fatal\s+(?:(?:gunshot|bullet|stab|head|knife|machete)\s+)?(?:injur(?:y|ies)|wounds?|gunshots?|bullets?|blows?)\b`)
	// rePeopleNoun: the plural nouns that name people set ablaze.
	rePeopleNoun = pat(`(?i)\b(?:people|persons|men|women|children|boys|girls|thieves|robbers|suspects|villagers|civilians|residents|farmers|herders|herdsmen|traders|worshippers|passengers|students|travell?ers|drivers|soldiers|policemen|rebels|fighters|militants|members|witches)\b`)
)

// moreDeaths reads the statements of reAblaze, reOneDeath and
// reFatalWound in s.
func moreDeaths(s string) []death {
	var out []death
	for _, w := range reAblaze.findAll(s) {
		sub := reAblaze.rx().FindStringSubmatchIndex(s[w[0]:w[1]])
		if sub == nil {
			continue
		}
		np := ""
		for g := 2; g+1 < len(sub); g += 2 {
			if sub[g] >= 0 {
				np = s[w[0]+sub[g] : w[0]+sub[g+1]]
			}
		}
		if n, ok := ablazeVictims(np); ok {
			out = append(out, death{n: n, group: victimGroup(np), rule: "fatalities/burned-alive", text: s[w[0]:w[1]], start: w[0]})
		}
	}
	for _, w := range reOneDeath.findAll(s) {
		out = append(out, death{n: 1, rule: "fatalities/one-death", text: s[w[0]:w[1]], start: w[0]})
	}
	for _, w := range reFatalWound.findAll(s) {
		if d, ok := woundSubject(s, w[:]); ok {
			out = append(out, d)
		}
	}
	return out
}

// ablazeVictims counts the people an ablaze or burned-alive object names:
// a figure before a people noun, or one person with an article; houses,
// cars and pronouns ("burned them alive": who they are is elsewhere)
// count no one.
func ablazeVictims(np string) (int, bool) {
	if q, at, ok := firstQuantity(np); ok && at < 12 && !q.vague && rePeopleNoun.MatchString(np[at:]) {
		return q.n, true
	}
	head := strings.TrimSpace(np)
	if cut := reHeadEnd.FindStringIndex(head); cut != nil {
		head = head[:cut[0]]
	}
	if loc := reArticleNounAny.FindStringIndex(head); loc != nil && loc[0] == 0 && loc[1] == len(head) {
		return 1, true // the person is the whole head: "a suspected kidnapper", not "the local offices"
	}
	return 0, false
}

// reHeadEnd ends a noun phrase's head: a preposition or participle after
// it ("a suspected kidnapper in Kubau", "a car belonging to").
var reHeadEnd = pat(`(?i)\s+(?:of|in|at|on|near|from|with|belonging|owned|who|which|that|and|after|before|during)\b`)

// woundSubject counts the subject of a fatal wound: the last figure of
// its clause when a victims' phrase joins it to the verb ("two men
// suffered"), else one person with an article ("a civilian sustained").
func woundSubject(s string, m []int) (death, bool) {
	left, from := clauseBefore(s, m[0])
	word := s[m[0]:m[1]]
	if qs := quantitiesIn(left); len(qs) > 0 {
		last := qs[len(qs)-1]
		if !last.vague && listGap(left[last.end:]) {
			return subjectDeath(last.n, "fatalities/fatal-wound", left[last.start:], word, from+last.start), true
		}
		return death{}, false
	}
	if loc := reSingularSubject.FindStringIndex(left); loc != nil {
		return subjectDeath(1, "fatalities/fatal-wound", left[loc[0]:], word, from+loc[0]), true
	}
	return death{}, false
}
