package extract

import (
	"regexp"
	"sort"
	"strings"
)

// Canonical actor names returned by Actors.
const (
	ActorHTS          = "Hayat Tahrir al-Sham"
	ActorSyrianGov    = "Syrian government"
	ActorSDF          = "Syrian Democratic Forces"
	ActorISIS         = "Islamic State"
	ActorRussia       = "Russia"
	ActorIran         = "Iran"
	ActorUnitedStates = "United States"
	ActorTurkey       = "Turkey"
	ActorIsrael       = "Israel"
	ActorHezbollah    = "Hezbollah"
	ActorSNA          = "Syrian National Army"
	ActorRebels       = "Rebels"
	ActorCivilians    = "Civilians"
	ActorProtesters   = "Protesters"
)

// actorPattern maps one way of naming an actor to its canonical name.
type actorPattern struct {
	re   *regexp.Regexp
	pre  prefilter
	name string
}

// actorPatterns is the actor dictionary. Patterns are case-insensitive
// except inside (?-i:…) groups (acronyms such as "HTS", "US", "IS").
var actorPatterns = compileActors([][2]string{
	{`(?-i:\bHTS\b)|\bhay'?at tahrir al-sham\b|\btahrir al-sham\b`, ActorHTS},
	{`\bsyrian (?:government|regime|army|arab army|military|troops|forces|soldiers|warplanes|jets|air force|artillery)\b|\bassad(?:'s|’s)? (?:regime|government|forces|troops|army|loyalists)\b|\b(?:the|syrian|assad) regime\b|\b(?:government|regime|pro-government|pro-regime) (?:forces|troops|artillery|positions|soldiers|warplanes|units|militias?)\b|\barmy (?:units|positions|checkpoints|troops|convoys?|soldiers)\b|\bgovernment artillery\b`, ActorSyrianGov},
	{`\bsyrian democratic forces\b|(?-i:\bSDF\b)|(?-i:\bYPG\b)|\bkurdish(?:-led)? (?:forces|fighters|militia)\b|\bkurdish-led\b`, ActorSDF},
	{`(?-i:\bISIS\b)|(?-i:\bISIL\b)|\bislamic state\b|\bdaesh\b`, ActorISIS},
	{`\brussia\b|\bkremlin\b|\brussian (?:forces|troops|military|army|airstrikes?|air strikes?|warplanes|jets|aircraft|officials|soldiers|air force|bases?)\b`, ActorRussia},
	{`\biran\b|\biranian\b|\biran-backed\b|(?-i:\bIRGC\b)|\brevolutionary guards?\b`, ActorIran},
	{`\bunited states\b|(?-i:\bU\.S\.)|(?-i:\bUS\b)|\bpentagon\b|\bamerican (?:forces|troops|military|helicopters|soldiers|aircraft|warplanes|officials|drones)\b|\bus-led coalition\b`, ActorUnitedStates},
	{`\bturkey\b|\btürkiye\b|\bturkish (?:forces|troops|army|military|drones|warplanes|officials|government|soldiers)\b`, ActorTurkey},
	{`\bisrael\b|\bisraeli\b|(?-i:\bIDF\b)`, ActorIsrael},
	{`\bhezbollah\b|\bhizbollah\b|\bhizballah\b`, ActorHezbollah},
	{`\bsyrian national army\b|(?-i:\bSNA\b)|\bturkish-backed (?:rebels|fighters|factions|forces)\b`, ActorSNA},
	{`\brebels?\b|\binsurgents?\b|\bopposition (?:forces|fighters|factions|groups|militants)\b|\barmed opposition\b|\bjihadists?\b|\bjihadist (?:group|fighters)\b`, ActorRebels},
	{`\bcivilians?\b|\bresidents\b|\bvillagers\b|\bdisplaced (?:people|families|persons)\b`, ActorCivilians},
	{`\bprotest(?:e|o)rs\b|\bdemonstrators\b`, ActorProtesters},
})

func compileActors(rows [][2]string) []actorPattern {
	out := make([]actorPattern, len(rows))
	for i, r := range rows {
		re := regexp.MustCompile(`(?i)` + r[0])
		out[i] = actorPattern{re, newPrefilter(re), r[1]}
	}
	return out
}

// countryActors maps the ISO code of a country named adjectivally
// ("Russian airstrikes") to its canonical actor. Syria is left out: "Syrian"
// names people and things on every side of the war, so only the dictionary's
// explicit patterns ("Syrian army") name the Syrian government.
var countryActors = map[string]string{
	"RU": ActorRussia, "IR": ActorIran, "US": ActorUnitedStates, "TR": ActorTurkey, "IL": ActorIsrael,
}

// Actors returns the canonical names of the actors a sentence names, in the
// order they first appear, each once. The dictionary is small and explicit:
// HTS, the Syrian government (regime, Assad forces, the army), the SDF,
// Islamic State, Russia, Iran, the United States (U.S., Pentagon, American
// forces), Turkey, Israel, Hezbollah, the Syrian National Army, rebels,
// civilians and protesters.
func Actors(sentence string) []string {
	type found struct {
		pos  int
		name string
	}
	var hits []found
	lower := strings.ToLower(sentence)
	for _, p := range actorPatterns {
		if !p.pre.mayMatch(lower) {
			continue
		}
		if loc := p.re.FindStringIndex(sentence); loc != nil {
			hits = append(hits, found{loc[0], p.name})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].pos < hits[j].pos })
	out := make([]string, 0, len(hits))
	for _, h := range hits {
		out = appendUnique(out, h.name)
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
