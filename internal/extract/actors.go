package extract

import (
	"sort"
	"strings"
)

// actorRule is one named row of the actor table: a way reports name an
// actor, and the ACLED-style name it stands for. A name with "%s" takes
// the country of the event ("Military Forces of %s" → "Military Forces of
// Syria"); "(%s)" the country in brackets ("Protesters (Nigeria)").
type actorRule struct {
	name  string
	re    *pattern
	acled string
	// in names the actor otherwise in some countries: "coalition
	// airstrikes" are the Saudi-led coalition's in Yemen, the US-led
	// coalition's in Iraq and Syria.
	in map[string]string
}

// actorRules is the actor table. Named groups come first so that "Syrian
// National Army" is not read as Syria's army; within the clause actors are
// listed in the order the text names them.
var actorRules = []actorRule{
	{name: "actor/hts", acled: "Hayat Tahrir al-Sham", re: rx(`(?-i:\bHTS\b)|\bhay'?[ae]t tahrir al-sham\b|\btahrir al-sham\b`)},
	{name: "actor/sna-syria", acled: "Syrian National Army", re: rx(`\bsyrian national army\b|\bturkish-backed (?:rebels|fighters|factions|forces|militias?)\b`)},
	{name: "actor/sdf", acled: "Syrian Democratic Forces", re: rx(`\bsyrian democratic forces\b|(?-i:\bSDF\b)|(?-i:\bYPG\b)|\bkurdish(?:-led)? (?:forces|fighters|militia)\b`)},
	{name: "actor/islamic-state", acled: "Islamic State", re: rx(`(?-i:\bISIS\b|\bISIL\b|\bIS (?:fighters|militants|group|cell))|\bislamic state\b|\bdaesh\b`)},
	{name: "actor/hezbollah", acled: "Hezbollah", re: rx(`\bhezbollah\b|\bhizbollah\b|\bhizballah\b`)},
	{name: "actor/houthis", acled: "Houthis (Ansar Allah)", re: rx(`\bhouthis?\b|\bansar allah\b`)},
	{name: "actor/pmf", acled: "Popular Mobilization Forces", re: rx(`(?-i:\bPMF\b|\bPMU\b)|\bhashd(?: al-?sha'?a?bi)?\b|\bpopular mobili[sz]ation (?:forces|units|committees)\b`)},
	{name: "actor/hamas", acled: "Hamas", re: rx(`\bhamas\b|\bqassam brigades\b`)},
	{name: "actor/al-shabaab", acled: "Al Shabaab", re: rx(`\bal[ -]?shabaa?b\b`)},
	{name: "actor/boko-haram", acled: "Boko Haram", re: rx(`\bboko haram\b|(?-i:\bJAS\b)`)},
	{name: "actor/iswap", acled: "Islamic State West Africa Province", re: rx(`(?-i:\bISWAP\b)|\bislamic state west africa\b`)},
	{name: "actor/jnim", acled: "JNIM: Group for Support of Islam and Muslims", re: rx(`(?-i:\bJNIM\b)|\bjama'?at nusrat al-islam\b|\bgroup for (?:the )?support of islam\b`)},
	{name: "actor/aqap", acled: "Al Qaeda in the Arabian Peninsula", re: rx(`(?-i:\bAQAP\b)|\bal[ -]qaeda in the arabian peninsula\b`)},
	{name: "actor/aqim", acled: "Al Qaeda in the Islamic Maghreb", re: rx(`(?-i:\bAQIM\b)|\bal[ -]qaeda in the islamic maghreb\b`)},
	{name: "actor/rsf", acled: "Rapid Support Forces", re: rx(`\brapid support forces\b|(?-i:\bRSF\b)`)},
	{name: "actor/taliban", acled: "Taliban", re: rx(`\btaliban\b`)},
	{name: "actor/wagner", acled: "Wagner Group", re: rx(`\bwagner\b|\bafrica corps\b`)},
	{name: "actor/pkk", acled: "PKK: Kurdistan Workers' Party", re: rx(`(?-i:\bPKK\b)|\bkurdistan workers'? party\b`)},
	{name: "actor/splm-io", acled: "SPLM/A-IO", re: rx(`(?-i:\bSPLM?/?A?-IO\b)|\bsplm-io\b|\bspla-io\b|\bmachar\b`)},
	{name: "actor/lra", acled: "LRA: Lord's Resistance Army", re: rx(`(?-i:\bLRA\b)|\blord'?s resistance army\b`)},
	{name: "actor/adf", acled: "ADF: Allied Democratic Forces", re: rx(`(?-i:\bADF\b)|\ballied democratic forces\b`)},
	{name: "actor/m23", acled: "M23: March 23 Movement", re: rx(`(?-i:\bM23\b)`)},
	{name: "actor/seleka", acled: "Ex-Seleka Militia", re: rx(`\bs[eé]l[eé]ka\b|\bex-s[eé]l[eé]ka\b`)},
	{name: "actor/anti-balaka", acled: "Anti-Balaka", re: rx(`\banti-?balaka\b`)},
	{name: "actor/mayi-mayi", acled: "Mayi Mayi Militia", re: rx(`\bma[iy]i[ -]ma[iy]i\b`)},
	{name: "actor/fano", acled: "Fano Militia", re: rx(`\bfano\b`)},
	{name: "actor/ola", acled: "OLA: Oromo Liberation Army", re: rx(`(?-i:\bOLA\b)|\boromo liberation army\b`)},
	{name: "actor/tplf", acled: "TPLF: Tigray People's Liberation Front", re: rx(`(?-i:\bTPLF\b)|\btigray (?:defen[cs]e )?forces\b`)},

	// State forces named by acronym or nationality belong to their state.
	{name: "actor/saf", acled: "Military Forces of Sudan", re: rx(`(?-i:\bSAF\b)|\bsudanese (?:armed forces|army|military|troops|soldiers|air force)\b`)},
	{name: "actor/fardc", acled: "Military Forces of Democratic Republic of Congo", re: rx(`(?-i:\bFARDC\b)|\bcongolese (?:army|soldiers|troops|military)\b`)},
	{name: "actor/kdf", acled: "Military Forces of Kenya", re: rx(`(?-i:\bKDF\b)|\bkenyan (?:forces|troops|soldiers|army|military)\b`)},
	{name: "actor/endf", acled: "Military Forces of Ethiopia", re: rx(`(?-i:\bENDF\b)|\bethiopian (?:forces|troops|soldiers|army|military|national defen[cs]e force)\b`)},
	{name: "actor/updf", acled: "Military Forces of Uganda", re: rx(`(?-i:\bUPDF\b)|\bugandan (?:forces|troops|soldiers|army)\b`)},
	{name: "actor/fama", acled: "Military Forces of Mali", re: rx(`(?-i:\bFAMa\b)|\bmalian (?:forces|troops|soldiers|army)\b`)},
	{name: "actor/saa", acled: "Military Forces of Syria", re: rx(`(?-i:\bSAA\b)|\bsyrian (?:government|regime|army|arab army|military|troops|forces|soldiers|warplanes|jets|air force|artillery)\b|\bassad(?:'s|’s)? (?:regime|government|forces|troops|army|loyalists)\b|\b(?:syrian|assad) regime\b`)},
	{name: "actor/idf", acled: "Military Forces of Israel", re: rx(`(?-i:\bIDF\b)|\bisraeli (?:forces|troops|soldiers|army|military|air force|warplanes|jets|drones|strikes?|air ?strikes?)\b`)},
	{name: "actor/saudi-arabia", acled: "Military Forces of Saudi Arabia", re: rx(`\bsaudi(?:-led)? (?:coalition|forces|troops|army|military|warplanes|jets|aircraft|air ?strikes?|air defen[cs]es?|border guards?|artillery)\b|\bsaudi-led\b`)},
	{name: "actor/yemen", acled: "Military Forces of Yemen", re: rx(`\bpro-hadi\b|\bhadi(?:'s|’s)? (?:forces|government|troops)\b|\bforces loyal to (?:president )?(?:abd-?rabbu(?: mansour)? )?hadi\b|\byemeni (?:government |army |national army )?(?:forces|troops|soldiers|army)\b`)},
	{name: "actor/russia", acled: "Military Forces of Russia", re: rx(`\brussian (?:forces|troops|military|army|air ?strikes?|warplanes|jets|aircraft|soldiers|air force|bases?|drones|missiles?)\b|\bkremlin\b`)},
	{name: "actor/ukraine", acled: "Military Forces of Ukraine", re: rx(`\bukrainian (?:forces|troops|military|army|soldiers|drones|missiles?)\b|(?-i:\bAFU\b)`)},
	{name: "actor/turkey", acled: "Military Forces of Turkey", re: rx(`\bturkish (?:forces|troops|army|military|drones|warplanes|soldiers|air ?strikes?)\b`)},
	{name: "actor/iran", acled: "Military Forces of Iran", re: rx(`(?-i:\bIRGC\b)|\brevolutionary guards?\b|\biranian (?:forces|troops|military|drones|missiles?)\b`)},
	{name: "actor/united-states", acled: "Military Forces of the United States", re: rx(`\bus-led coalition\b|\bu\.?s\.? (?:forces|troops|military|army|soldiers|air ?strikes?|drones?|aircraft|warplanes)\b|\bamerican (?:forces|troops|military|helicopters|soldiers|aircraft|warplanes|drones)\b|\bpentagon\b`)},
	{name: "actor/coalition", acled: "Military Forces of the United States", re: rx(`\bcoalition (?:air ?strikes?|warplanes|aircraft|forces|jets|raids?)\b`),
		in: map[string]string{"Yemen": "Military Forces of Saudi Arabia", "Saudi Arabia": "Military Forces of Saudi Arabia"}},
	{name: "actor/amisom", acled: "AMISOM: African Union Mission in Somalia", re: rx(`(?-i:\bAMISOM\b|\bATMIS\b)`)},
	{name: "actor/un", acled: "United Nations", re: rx(`(?-i:\bMONUSCO\b|\bMINUSMA\b|\bUNMISS\b|\bMINUSCA\b|\bUNAMID\b|\bUNIFIL\b)|\bpeacekeepers\b`)},

	// Forces of the event's own country.
	{name: "actor/military", acled: "Military Forces of %s", re: rx(`\b(?:army|soldiers|troops|the military|the regime|armed forces|military forces|government forces|regime forces|regime (?:helicopters|warplanes|jets|aircraft|artillery|troops|soldiers|army|militias)|pro-government forces|state forces|security forces|servicemen|air force|navy|special forces|national army|defen[cs]e forces|marines|(?:government|army|military) (?:warplanes|jets|helicopters|artillery|positions|convoys?|units))\b|(?-i:\bSNA\b|\bSNGF?\b)`)},
	{name: "actor/police", acled: "Police Forces of %s", re: rx(`\b(?:police(?:m[ae]n|wom[ae]n)?|gendarmes?|gendarmerie|riot police|anti-riot)\b|(?-i:\bSPU\b)`)},
	{name: "actor/militia", acled: "Unidentified Armed Group (%s)", re: rx(`\b(?:gunmen|armed men|unknown (?:gunmen|assailants|attackers)|unidentified (?:gunmen|assailants|attackers|armed men)|assailants|militants|insurgents|jihadists|bandits|militia(?:men|s)?|armed groups?)\b`)},
	{name: "actor/rebels", acled: "Rebel Forces (%s)", re: rx(`\b(?:rebels?|opposition (?:forces|fighters|factions|groups)|armed opposition)\b`)},
	{name: "actor/settlers", acled: "Settlers (Israel)", re: rx(`\b(?:israeli|jewish) settlers\b`)},
	{name: "actor/rioters", acled: "Rioters (%s)", re: rx(`\b(?:rioters|mobs?|angry (?:crowds?|residents|youths))\b`)},
	{name: "actor/protesters", acled: "Protesters (%s)", re: rx(`\b(?:protest(?:e|o)rs|demonstrators|marchers|strikers|striking (?:workers|teachers|doctors|nurses|miners|drivers))\b`)},
	{name: "actor/civilians", acled: "Civilians (%s)", re: rx(`\b(?:civilians?|residents|villagers|displaced (?:people|families|persons)|farmers|herders|traders|students|worshippers|journalists|aid workers|children|women)\b`)},
}

// reSpeaker: an actor named as a source ("police said") is not a party.
var reSpeaker = pat(`(?i)^\s+(?:said|says|told|reported|reports|announced|stated|confirmed|added|claimed)\b`)

// generic reports whether the rule names a kind of actor rather than a
// group ("militants", "rebels").
func (r actorRule) generic() bool { return strings.Contains(r.acled, "%s") }

// follows reports whether pos comes right after a taken span: "Boko Haram
// militants" is one actor, not Boko Haram and unidentified militants.
func follows(taken [][2]int, pos int) bool {
	for _, t := range taken {
		if t[1] <= pos && pos-t[1] <= 2 {
			return true
		}
	}
	return false
}

// ofTaken reports whether "of (the)" and a taken span follow pos: "troops
// of the Syrian National Army" are that group's.
func ofTaken(text string, taken [][2]int, pos int) bool {
	for _, t := range taken {
		if t[0] >= pos && reOfThe.MatchString(text[pos:t[0]]) {
			return true
		}
	}
	return false
}

var reOfThe = pat(`(?i)^\s+of\s+(?:the\s+)?$`)

func rx(expr string) *pattern { return pat(`(?i)` + expr) }

// actorHit is one actor named in a text.
type actorHit struct {
	pos  int
	name string
	rule string
	text string
	by   bool // named as the agent of a passive ("killed by gunmen")
}

// actorsIn returns the actors a text names, ACLED-style, for an event in
// country (its English name; "" when unknown), each once, in the order
// the text names them. A match inside an earlier (named-group) match does
// not count again ("army" in "Syrian National Army").
func actorsIn(text, country string) []actorHit {
	var hits []actorHit
	var taken [][2]int
	lower, alower := strings.ToLower(text), asciiLower(text)
	for _, r := range actorRules {
		if !r.re.prefilter().mayMatch(lower) {
			continue
		}
		for _, loc := range r.re.prefilter().matches(r.re.rx(), text, alower) {
			if overlaps(taken, loc[:]) || reSpeaker.MatchString(text[loc[1]:]) || r.generic() && (follows(taken, loc[0]) || ofTaken(text, taken, loc[1])) {
				continue
			}
			taken = append(taken, [2]int{loc[0], loc[1]})
			hits = append(hits, actorHit{pos: loc[0], name: actorName(r, country), rule: r.name, text: text[loc[0]:loc[1]],
				by: strings.HasSuffix(strings.ToLower(strings.TrimSpace(text[:loc[0]])), " by")})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].pos < hits[j].pos })
	out := hits[:0]
	seen := map[string]bool{}
	for _, h := range hits {
		if h.name != "" && !seen[h.name] {
			seen[h.name] = true
			out = append(out, h)
		}
	}
	return out
}

// actorName fills the rule's ACLED name with the country.
func actorName(r actorRule, country string) string {
	if n, ok := r.in[country]; ok {
		return n
	}
	if !strings.Contains(r.acled, "%s") {
		return r.acled
	}
	if country == "" {
		country = "Unknown country"
	}
	if n, ok := acledCountries[country]; ok {
		country = n
	}
	if strings.Contains(r.acled, "of %s") && needsThe(country) {
		country = "the " + country
	}
	return strings.Replace(r.acled, "%s", country, 1)
}

// acledCountries are ACLED's names of the countries GeoNames names
// otherwise ("Protesters (Palestine)", "Military Forces of Democratic
// Republic of Congo").
var acledCountries = map[string]string{
	"Democratic Republic of the Congo": "Democratic Republic of Congo",
	"Republic of the Congo":            "Republic of Congo",
	"Palestinian Territory":            "Palestine",
	"Cabo Verde":                       "Cape Verde",
	"Czechia":                          "Czech Republic",
	"Eswatini":                         "eSwatini",
	"Timor Leste":                      "East Timor",
}

// needsThe reports whether a country's English name takes "the" after
// "of" ("Military Forces of the United States").
func needsThe(country string) bool {
	for _, p := range []string{"United ", "Central African", "Philippines", "Netherlands", "Gambia", "Bahamas"} {
		if strings.HasPrefix(country, p) {
			return true
		}
	}
	return false
}

func overlaps(spans [][2]int, loc []int) bool {
	for _, s := range spans {
		if loc[0] < s[1] && s[0] < loc[1] {
			return true
		}
	}
	return false
}

// Actors returns the ACLED-style names of the actors a sentence names for
// an event in country, actor 1 first: the agent of a passive ("killed by
// gunmen") leads, the others follow in the order the text names them.
func Actors(sentence, country string) []string {
	hits := actorsIn(sentence, country)
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].by && !hits[j].by })
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.name
	}
	return out
}
