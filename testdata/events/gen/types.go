package main

// eventKind is what one type alias of the source file stands for: ACLED's
// pre-2019 label (the one the reference scorer maps) and today's type and
// sub-type.
type eventKind struct {
	pre2019, type2019, sub2019 string
}

// kinds is the rule table from the source file's type aliases to ACLED's
// labels. Pre-2019 labels follow the 2017 codebook: every battle is
// "Battle-…" by its territorial outcome, air strikes, shelling, IEDs and
// suicide bombs are "Remote violence", and arrests, looting and
// agreements are "Strategic development".
var kinds = map[string]eventKind{
	"armed-clash":     {"Battle-No change of territory", "Battles", "Armed clash"},
	"gov-regains":     {"Battle-Government regains territory", "Battles", "Government regains territory"},
	"nsa-overtakes":   {"Battle-Non-state actor overtakes territory", "Battles", "Non-state actor overtakes territory"},
	"air-strike":      {"Remote violence", "Explosions/Remote violence", "Air/drone strike"},
	"shelling":        {"Remote violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"},
	"ied":             {"Remote violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"},
	"suicide-bomb":    {"Remote violence", "Explosions/Remote violence", "Suicide bomb"},
	"grenade":         {"Remote violence", "Explosions/Remote violence", "Grenade"},
	"chemical":        {"Remote violence", "Explosions/Remote violence", "Chemical weapon"},
	"attack":          {"Violence against civilians", "Violence against civilians", "Attack"},
	"abduction":       {"Violence against civilians", "Violence against civilians", "Abduction/forced disappearance"},
	"sexual-violence": {"Violence against civilians", "Violence against civilians", "Sexual violence"},
	"protest":         {"Riots/Protests", "Protests", "Peaceful protest"},
	"protest-interv":  {"Riots/Protests", "Protests", "Protest with intervention"},
	"protest-force":   {"Riots/Protests", "Protests", "Excessive force against protesters"},
	"riot":            {"Riots/Protests", "Riots", "Violent demonstration"},
	"mob":             {"Riots/Protests", "Riots", "Mob violence"},
	"looting":         {"Strategic development", "Strategic developments", "Looting/property destruction"},
	"arrests":         {"Strategic development", "Strategic developments", "Arrests"},
	"agreement":       {"Strategic development", "Strategic developments", "Agreement"},
	"group-change":    {"Strategic development", "Strategic developments", "Change to group/activity"},
	"disrupted":       {"Strategic development", "Strategic developments", "Disrupted weapons use"},
	"sd-other":        {"Strategic development", "Strategic developments", "Other"},
	"hq":              {"Headquarters or base established", "Strategic developments", "Headquarters or base established"},
	"transfer":        {"Non-violent transfer of territory", "Strategic developments", "Non-violent transfer of territory"},
}

// traps is the vocabulary of the traps a paragraph is written to contain
// (its header names them), so coverage can be counted.
var traps = map[string]string{
	"ctx-route":       "a route or road named as context (the highway linking A and B)",
	"ctx-origin":      "an origin, hometown or place of displacement (a reporter from X, displaced from Y)",
	"ctx-attribution": "a place that attributes the report (authorities in X said)",
	"ctx-talks":       "the venue of talks, a summit or a meeting",
	"ctx-nationality": "a demonym or country as nationality (Syrian, Iraqi troops, a Sudanese doctor)",
	"ctx-affiliation": "a place as affiliation (Damascus-backed, Kyiv's forces, Tehran-aligned)",
	"ctx-other":       "another place named without a happening (destination, comparison, aid hub)",
	"rel-location":    "X, east of Y: the event is at X, not Y",
	"rel-distance":    "N km from X: X with geo_precision 2",
	"province":        "only a province or area: its centre with geo_precision 3",
	"history":         "background history that must not become today's event",
	"date-explicit":   "an in-text calendar date other than the publication day",
	"date-weekday":    "a weekday (on Tuesday)",
	"date-yesterday":  "yesterday / overnight / last night",
	"date-last-week":  "last week: week precision",
	"date-month":      "earlier this month / last month: month precision",
	"two-names":       "one incident under two names (Kobani (Ayn al-Arab), a district and its city)",
	"several-places":  "separate incidents at several places in one sentence: one event per place",
	"several-events":  "several incidents in one report at different places or of different types",
	"w-shot-killed":   `wording "shot and killed" / "shot dead"`,
	"w-opened-fire":   `wording "opened fire on"`,
	"w-clashes":       `wording "clashes erupted" / "clashed"`,
	"w-ied":           `wording "an IED detonated" / roadside bomb`,
	"w-shells-fell":   `wording "shells fell on"`,
	"w-barrel-bombs":  `wording "dropped barrel bombs"`,
	"w-stormed":       `wording "stormed"`,
	"w-abducted":      `wording "abducted" / "kidnapped"`,
	"w-sit-in":        `wording "sit-in"`,
	"w-strike":        `wording "went on strike"`,
	"w-looted":        `wording "looted"`,
	"w-drone":         "drone or air strike wording",
	"fat-at-least":    `"at least N" → N`,
	"fat-range":       "a range → the lower figure",
	"fat-sum":         "several victim groups summed",
	"fat-words":       "numbers written as words",
	"fat-vague":       `vague quantities ("several", "dozens", "hundreds")`,
	"fat-wounded":     "wounded are not killed",
	"fat-earlier":     "deaths of an earlier incident are not this one's",
	"fat-split":       "one toll across several events, divided",
	"fat-none":        "a violent event without deaths",
	"negative":        "no event at all",
}
