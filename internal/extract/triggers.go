package extract

import (
	"regexp"

	"geoevents/internal/event"
)

// triggerKind says how a trigger's type is decided once it is found.
type triggerKind int

const (
	// kindFixed: the trigger's own type and sub-type ("air strike").
	kindFixed triggerKind = iota
	// kindTerritory: territory changes hands; who took it decides the
	// sub-type, and "without a fight" makes it a non-violent transfer.
	kindTerritory
	// kindViolence: a violent act whose victims decide the type: civilians
	// (Violence against civilians), armed men (Battles), protesters
	// (Protests, excessive force); a mob as perpetrator makes it Riots.
	kindViolence
	// kindProtest: a demonstration; what happened to it (tear gas, stones,
	// shootings) decides the sub-type.
	kindProtest
	// kindClash: armed groups fighting; with protesters or rioters on one
	// side it is a riot.
	kindClash
)

// Trigger weights: a clause's type comes from its heaviest trigger, so a
// specific cue ("roadside bomb") beats a generic one ("killed") wherever
// they stand in the clause.
const (
	weak   = 1 // generic or often incidental: "attack", "explosion", "deployed"
	normal = 2 // the usual words of a report: "clashes", "shelled", "protested"
	strong = 3 // decisive: "air strike", "suicide bomber", "abducted", "tear gas"
)

// civilianNouns are the people a report names as the civilians an armed
// group seized or captured (soldiers and fighters captured are a battle's).
const civilianNouns = `(?:civilians?|people|persons|men|women|children|boys|girls|villagers|residents|workers|doctors|nurses|journalists?|teachers|students|traders|farmers|herders|fans|passengers|relatives|brothers|sisters|sons|daughters|tourists|pilgrims|humanitarians|aid workers|medical workers|businessm[ae]n)`

// trigger is one named rule of the trigger table: words that say an event
// happened, and what event.
type trigger struct {
	name     string
	typ, sub string
	kind     triggerKind
	weight   int
	src      string         // the pattern, without the case flag
	re       *regexp.Regexp // compiled with stemIndex
	pre      prefilter
}

// triggers is the trigger table. Patterns are case-insensitive and cover
// the tenses reports use (ACLED's notes are written in the present:
// "SAF bomb Kumo", "gunmen kill policeman"). Earlier rows win ties of
// weight.
var triggers = []trigger{
	// Explosions/Remote violence.
	tr("suicide-bomb", event.TypeExplosions, event.SubSuicideBomb, kindFixed, strong,
		`\bsuicide (?:car )?(?:bomb(?:er|ers|ing|ings|s)?|attack(?:er|ers|s)?|vests?|belts?)\b|\bblew (?:himself|herself|themselves) up\b|\bSVBIEDs?\b`),
	tr("chemical-weapon", event.TypeExplosions, event.SubChemicalWeapon, kindFixed, strong,
		`\b(?:chemical|chlorine|sarin|toxic gas|nerve agent) (?:attacks?|weapons?|gas|bombs?|barrels?|strikes?)\b`),
	tr("air-strike", event.TypeExplosions, event.SubAirDroneStrike, kindFixed, strong,
		`\bair[- ]?strikes?\b|\bair[- ]?raids?\b|\bwar ?planes?\b|\bhelicopters? (?:attacked|bombed|struck|fired|strafed|hit|targeted)\b|\b(?:military|army|attack|government) helicopters? (?:attacked|bombed|struck|fired|strafed|hit|targeted)\b|\bfighter jets?\b|\bbarrel[- ]bombs?\b|\bhelicopter gunships?\b|`+
			`\baerial (?:bombardment|attacks?|strikes?|bombing)\b|\bbombing raids?\b|\b(?:attack|armed|kamikaze|suicide|one-way(?: attack)?) drones?\b|`+
			`\bdrone (?:strikes?|attacks?)\b|\bdrones? (?:struck|strikes?|hit|hits|targeted|targets?|attacked|attacks?|bombed|bombs?|dropped)\b|\b(?:jets?|aircraft|planes?) (?:struck|bombed|hit|pounded|targeted|strafed|raided)\b|\b(?:bombed|struck|hit|targeted|strafed) by (?:\w+ ){0,2}(?:aircraft|jets?|planes?|helicopters?)\b|`+
			`\b(?:dropped|drop|drops) (?:\w+ ){0,2}bombs?\b|\bbombed from the air\b|\bair force (?:bombed|struck|targeted)\b|\bshot down\b`),
	tr("strike", event.TypeExplosions, event.SubAirDroneStrike, kindFixed, weak, `\bstrikes?\b|\bstruck\b`),
	tr("shelling", event.TypeExplosions, event.SubShelling, kindFixed, normal,
		`\b(?:fired|fires|firing|launched|launches) (?:\w+ ){0,2}(?:rockets?|missiles?|mortars?|mortar rounds|shells|projectiles?|katyushas?)(?: (?:at|on|upon|into|towards?))?\b|\bshell(?:s|ed|ing)?\b|\bartillery\b|\bmortars?(?: rounds?| shells?| bombs?)?\b|\brockets?\b|\bmissiles?\b|\bbombard(?:s|ed|ment|ments|ing)?\b|\bkatyushas?\b|`+
			`\bprojectiles?\b|\bheavy weapons fire\b|\bRPGs?\b|\brocket-propelled grenades?\b|\btank fire\b`),
	tr("remote-explosive", event.TypeExplosions, event.SubRemoteExplosive, kindFixed, strong,
		`\broadside bombs?\b|\bcar bombs?\b|\bbomb-laden\b|\bimprovised (?:explosive )?(?:devices?)?\b|(?-i:\bIEDs?\b|\bVBIEDs?\b|\bRCIEDs?\b|\bPBIEDs?\b|\bPIEDs?\b)|\bland ?mines?\b|\bexplosive devices?\b|`+
			`\bbooby[- ]trap(?:ped|s)?\b|\bunexploded (?:ordnance|bomb|shell)s?\b|\bmines? (?:\w+ )?(?:exploded|blast|detonated|went off)\b|\blandmines? (?:\w+ )?(?:exploded|blast|detonated|went off)\b|\bmines? (?:planted|laid)\b|\bUXOs?\b|\bexplosive (?:charges?|devices?|belts?)\b|\b(?:struck|hit|stepped on) (?:a |an )?(?:land ?)?mine\b|\bstick(?:y)? bombs?\b|\bmagnetic bombs?\b`),
	tr("grenade", event.TypeExplosions, event.SubGrenade, kindFixed, strong, `\bgrenades?\b|\bhand[- ]grenades?\b`),
	tr("explosion", event.TypeExplosions, event.SubRemoteExplosive, kindFixed, weak,
		`\bexplosions?\b|\bexplosives?\b|\bblasts?\b|\bbomb(?:s|ed|ing|ings)?\b|\bexplode[sd]?\b|\bdetonat(?:ed|es|ion|ions)\b|\bwent off\b|\bblown up\b|\bblew up\b`),

	// Violence against civilians (the victims are known to be civilians).
	tr("sexual-violence", event.TypeViolenceAgainstCivilians, event.SubSexualViolence, kindFixed, strong,
		`\brap(?:e|ed|es|ing|ist|ists)\b|\bgang-?rap(?:e|ed)\b|\bsexual(?:ly)? (?:violence|assault(?:ed)?|abuse(?:d)?|exploit(?:ed|ation))\b`),
	tr("abduction", event.TypeViolenceAgainstCivilians, event.SubAbduction, kindFixed, strong,
		`\babduct(?:s|ed|ion|ions|ing)?\b|\bkidnap(?:s|ped|ping|pings)?\b|\b(?:forcibly|forced|enforced) disappear(?:ed|ance|ances)\b|`+
			`\btaken hostage\b|\bheld hostage\b|\bhostage-taking\b|\btook (?:\w+ ){0,3}hostage\b|\btaken captive\b|`+
			`\b(?:was|were) (?:seized|grabbed|snatched|picked up|taken away|led away|dragged away) by\b|`+
			// People, not a town, captured or seized: "militants captured two
			// aid workers", "two teachers were seized at a checkpoint by
			// masked men".
			`\b(?:captur|seiz)(?:e|es|ed|ing) (?:[\w-]+ ){0,3}?`+civilianNouns+`\b|`+
			`\b`+civilianNouns+` (?:[\w-]+ ){0,8}?(?:was|were|had been|have been|being) (?:seized|captured)\b`),
	tr("bodies-found", event.TypeViolenceAgainstCivilians, event.SubAttack, kindFixed, normal,
		`\b(?:bod(?:y|ies)|corpses?) (?:\w+ ){0,4}(?:was|were|has been|have been)? ?(?:found|discovered|recovered|dumped)\b|\b(?:found|discovered) (?:\w+ ){0,3}(?:dead|bod(?:y|ies))\b|`+
			`\bbod(?:y|ies) of\b|\bmass graves?\b`),
	tr("massacre", event.TypeViolenceAgainstCivilians, event.SubAttack, kindFixed, strong,
		`\bmassacr(?:e|es|ed|ing)\b|\bexecut(?:e|es|ed|ing|ion|ions)\b|\bbehead(?:s|ed|ing)?\b|\bdecapitat(?:e|es|ed|ing)\b|\btortur(?:e|es|ed|ing)\b|`+
			`\bburn(?:ed|t) alive\b|\bsummar(?:y|ily) kill(?:ed|ing|ings)?\b`),

	// Protests and riots.
	tr("riot", event.TypeRiots, event.SubViolentDemonstration, kindFixed, strong,
		`\briot(?:s|ers|ing|ed)?\b(?:[- ](?:police|gear|squad|control|unit)s?\b)?|\bstone-?throwing\b|\b(?:threw|throw|throws|throwing|hurled|hurling|pelted) (?:\w+ ){0,4}(?:stones|rocks|petrol bombs|molotov cocktails)\b|\bburn(?:ed|t|ing)? (?:\w+ )?(?:tyres|tires)\b|\bpelted\b|\bvandali[sz](?:e|ed|ing)\b|\b(?:went|go|goes|going) on (?:the |a )?rampage\b`),
	tr("mob", event.TypeRiots, event.SubMobViolence, kindFixed, strong,
		`\bmobs?\b|\blynch(?:es|ed|ing)?\b|\bmob justice\b|\bjungle justice\b|\bangry crowd\b|\bangry residents\b`),
	tr("protest", event.TypeProtests, event.SubPeacefulProtest, kindProtest, normal,
		`\bprotest(?:s|ed|ing|e?rs|ors)?\b|\bdemonstrat(?:e|es|ed|ing|ion|ions|ors)\b|\brall(?:y|ies|ied|ying)\b|\bsit-?ins?\b|\b(?:a|an|held|staged|began|hold|holding|organi[sz]ed|started|launched) sit ins?\b|\btook to the streets\b|\b(?:poured|spilled|went|came) (?:out )?(?:on ?)?(?:to|onto|into) the streets\b|\bto (?:denounce|demand|protest|condemn|reject|oppose|call for|press for|express (?:their|his|her) (?:anger|discontent|frustration|solidarity)|voice (?:their|his|her) (?:anger|discontent|frustration))\b|`+
			`(?-i:\b(?:march(?:ed|es|ing|ers)?|Marched|Marching|Marchers)\b)|\bpicket(?:s|ed|ing)?\b|\b(?:went|go|goes|going|are|were|was|remain|remained) on (?:a |an )?(?:[\w-]+ ){0,2}strike\b|\b(?:started|staged|began|held|declared|called|organi[sz]ed|observed|launched a general) (?:a |an )?(?:["“]?[\w-]+["”]? ){0,3}strike\b|\bstrik(?:e|es|ing) (?:workers|teachers|doctors|nurses|miners|drivers|employees|staff)\b|`+
			`\bstriked\b|\bwork stoppages?\b|\bwalk-?outs?\b|\bboycott(?:s|ed)?\b|\bhunger strikes?\b|\b(?:general|national|nationwide|labou?r|indefinite|teachers'?|doctors'?|workers'?) strikes?\b|\b(?:one|two|three|four|five|seven|ten)-day strikes?\b|\b(?:24|48|72)-hour strikes?\b|`+
			`\bchant(?:s|ed|ing)\b|\b(?:students?|workers?|teachers?|doctors?|nurses?|employees|staff|drivers|miners|traders|lecturers|magistrates|civil servants|health workers|unions?)\s+(?:\w+\s+){0,2}(?:strike|strikes|striked|striking|struck work|downed tools|stopped work)\b|\b(?:employees|workers|staff|teachers|doctors|nurses)\s+(?:[\w-]+\s+){0,4}(?:strike|strikes|striked|striking)\b|\bdowned tools\b|\bgathered (?:\w+ ){0,6}(?:to protest|to demand|to denounce|against|in protest|demanding|calling for|in support of)\b|\b(?:gathered|assembled|converged)\b[^.;]{0,100}?\bto (?:show|express|declare) (?:their |his |her )?support\b|\bblock(?:ed|s|ing|aded)? (?:the )?(?:\w+ ){0,3}(?:roads?|streets?|traffic|entrances?|highways?|access|bridges?|offices?|gates?|railway|junction|intersection|circulation)\b|\bbarricad(?:e|es|ed|ing)\b|\bsit-down\b|\bcandlelight vigil\b|\bself-immolat(?:e|ed|es|ing|ion)\b|\bset (?:himself|herself|themselves) (?:ablaze|alight|on fire)\b|`+
			`\b(?:disperse[ds]?|dispersing|broke up|break up|breaks up) (?:a |an |the )?(?:[\w-]+ ){0,2}(?:crowds?|gatherings?|supporters|voters|residents|youths?|students|traders|workers|marchers|rally|rallies|meetings?)\b|\b(?:was|were|are|is|been) dispersed\b|\bfired tear ?gas\b|\bin (?:a )?show of (?:support|solidarity)\b|`+
			`\bdisrupt(?:ed|s|ing)? (?:the |a |an |his |her |their )?(?:[\w-]+ ){0,2}(?:meeting|rally|event|gathering|ceremony|speech|hearing|session|lecture|launch|opening|conference|handover|handing over)\b|\bobstruct(?:ed|s|ing)? (?:the )?(?:\w+ ){0,3}(?:roads?|streets?|traffic|circulation|entrances?|highways?|access)\b|\bblock(?:ed|s|ing)? (?:the |a |all )?(?:\w+ ){0,3}(?:roads?|routes?|streets?|highways?|traffic|circulation)\b|\broadblocks? (?:continue|continued|remained|were set up|were erected)\b`),

	// Battles.
	tr("territory", event.TypeBattles, "", kindTerritory, strong,
		`\b(?:captur|re-?captur)(?:e|es|ed|ing)\b|\b(?:capture|re-?capture) of\b|\bre-?took\b|\bre-?takes?\b|\bre-?taken\b|\bregain(?:s|ed|ing)?\b|\boust(?:s|ed)? (?:["'“”‘’\w-]+ ){0,6}from\b|`+
			`\b(?:taken|took|take|takes|taking|seized|seize|seizes|seizing|gain|gains|gaining|gained|assumed|wrested|wrest|claim|claims|claimed|establish(?:ed)?|regained) (?:full |complete |effective |total )?control\b|`+
			`\btook over\b|\btakes over\b|\btaken over\b|\bovert(?:ake|akes|aken|aking|ook)\b|\bre-?occup(?:y|ies|ied|ying|ation of)\b|\b(?:occupied|occupy|occupies) (?:the |a |several |two |three |four |five )?(?:[\w-]+ ){0,2}?(?:town|city|village|villages|towns|area|areas|district|neighbou?rhood|base|airport|positions?|checkpoints?|hills?|locality|localities)\b|\bseiz(?:ed|e|es|ing) (?:the |a )?(?:[\w-]+ ){0,2}?(?:(?:town|city|village|area|district|neighbou?rhood|base|airport|airbase|positions?|checkpoints?|hills?|region|province|capital|outpost|garrison|strongholds?|territory|border crossing|crossing|villages|towns|bridge|dam|oilfields?|refinery|port)\b|(?-i:[A-Z]))|\boverr(?:an|un|uns|unning)\b|\bfell to\b|\bfalls to\b|\bliberat(?:e|es|ed|ing|ion of)\b|`+
			`\b(?:was|were|been) (?:seized|captured|taken|retaken|recaptured) by\b|\b(?:advanced|pushed|push|pushes|advances|advance) into\b|\bswept into\b|\bdislodg(?:e|ed|es)\b|\bexpell?ed (?:\w+ ){0,4}from\b|\b(?:drove|driven|pushed|chased|forced|kicked)["”’]? (?:[\"'“”‘’\w-]+ ){0,4}out of\b`),
	tr("clash", event.TypeBattles, event.SubArmedClash, kindClash, normal,
		`\bclash(?:es|ed|ing)?\b|\brocket[- ]propelled grenades?\b|\brpgs?\b|\bfracas\b|\bfighting\b|\bengag(?:ed|es|ing) (?:\w+ ){0,3}(?:forces|fighters|militants|troops|rebels|insurgents|militias?|gunmen)\b|\bscuffles?\b|\bcame under (?:heavy )?(?:fire|attack)\b|\bcomes under (?:heavy )?(?:fire|attack)\b|\b(?:knife|gun|machete|fist) ?fights?\b|\bgunfire exchanges?\b|\bexchange of gunfire\b|\bexchanged gunfire\b|\bfought\b|\bfights? (?:broke out|erupted)\b|\bbattl(?:e|es|ed|ing)\b|\bgun ?(?:fights?|battles?)\b|\bfire ?fights?\b|\bshoot-?outs?\b|`+
			`\bexchang(?:e|ed|es) (?:of )?(?:heavy )?(?:gun)?fire\b|\bexchange of fire\b|\bcross-?fire\b|\b(?:counter-offensives?|offensives?)\b|\bskirmish(?:es|ed)?\b|\bfierce encounter\b|\bengag(?:ed|e|es) (?:in )?(?:a |an )?(?:\w+ )?(?:armed |gun)?(?:clash|fight|battle|combat|firefight)\b|`+
			`\bcombat\b|\bhostilities\b|\bgun ?shots? (?:were |was |had been )?(?:\w+ )?(?:heard|exchanged)\b|\brepel(?:s|led|ling)?\b|\brepuls(?:e|es|ed|ing)\b|\bstorm(?:ed|ing)\b|\bbesieg(?:e|es|ed|ing)\b|\bsiege of\b|\bfighters (?:from both sides|on both sides)\b|\bconfrontations?\b|\bmilitary operations?\b|\boperations? (?:was |were |has been |have been )?(?:\w+ ){0,2}against\b|\bcounter-?attack(?:ed|s)?\b`),

	// Generic violence: its victims decide the type.
	tr("killing", event.TypeViolenceAgainstCivilians, event.SubAttack, kindViolence, normal,
		`\bkill(?:s|ed|ing|ings)?\b|\b(?:were|was|been) ["“]?neutrali[sz]ed\b|\bmurder(?:s|ed|ing)?\b|\bshot (?:dead|and killed)\b|\bshoot(?:s)? (?:and kill|dead)\b|\bgunned down\b|\bslain\b|\b(?:beat|beats|beaten|stone|stones|stoned|hack|hacks|hacked|club|clubs|clubbed|burn|burns|burned|burnt) (?:\w+ ){0,4}to death\b|\b(?:burn|burns|burned|burnt|buried|bury|buries) (?:\w+ ){0,4}alive\b|\bslit\b|\bstabb(?:ed|ing)\b|\bstab(?:s)?\b|\bhacked\b|`+
			`\bassassinat(?:e|es|ed|ion|ions)\b`),
	tr("fatal", event.TypeViolenceAgainstCivilians, event.SubAttack, kindViolence, weak,
		`\bdeath of\b|\bdied\b|\bdead\b|\bdeaths\b|\bfatal (?:(?:gunshot|bullet|stab|head|knife|machete) )?(?:injur(?:y|ies)|wounds?|gunshots?|bullets?|blows?)\b|\blost their lives\b|\bclaim(?:ed|ing|s)? (?:\w+ ){0,3}lives\b|\bfatalit(?:y|ies)\b|\bcasualties\b`),
	tr("attack", event.TypeBattles, event.SubArmedClash, kindViolence, weak,
		`\battack(?:s|ed|ing)?\b|\bassault(?:s|ed|ing)?\b|\braid(?:s|ed|ing)?\b|\bambush(?:es|ed|ing)?\b|\bab?mush(?:es|ed)\b|\bopen(?:ed|s)? fire\b|\bfired (?:\w+ ){0,3}(?:at|on|upon|into)\b|`+
			`\bfires? (?:on|upon|at|into) (?:a |an |the |two |three |several )?(?:[\w-]+ ){0,2}(?:civilians|children|villagers|residents|worshippers|students|people|passengers|vehicles?|cars?|bus(?:es)?|minibus(?:es)?|convoys?|troops|soldiers|police(?:m[ae]n)?|positions|patrols?|m[ae]n|wom[ae]n|boys|girls|farmers|herders|traders|motorists|mourners)\b|`+
			`\bshot\b|\bshoots?\b|\bshooting\b|\bgunfire\b|\bbeaten\b|\bbeatings?\b|\bbeat (?:up|to death)\b|\bbeat (?:\w+ ){0,2}(?:man|woman|men|women|boys?|girls?|child|children|persons?|people|students?|journalists?|protesters|civilians|villagers|residents|him|her|them|detainees|prisoners)\b|\bwhip(?:s|ped|ping)?\b|\bflogg(?:ed|ing)\b|\bassail(?:ed|ants)\b|\bterrori[sz](?:e|es|ed|ing)\b|\babuses against\b|\bcommit(?:s|ted|ting)? (?:\w+ ){0,2}abuses\b|\btargeted\b|\btargeting\b|\binjur(?:e|es|ed|ing)\b|\bwound(?:ed|ing)?\b|\bburn(?:ed|t|s|ing)? (?:down )?(?:\w+ ){0,2}(?:homes?|houses?|villages?|huts?)\b`),

	// Strategic developments.
	tr("disrupted-weapons", event.TypeStrategicDevelopments, event.SubDisruptedWeapons, kindFixed, strong,
		`\b(?:defus|dismantl|diffus|deactivat)(?:e|es|ed|ing)\b|\bneutrali[sz](?:e|es|ed|ing) (?:an? |the )?(?:\w+ )?(?:IEDs?|bombs?|devices?|explosives?|mines?)\b|\bsafely detonated\b|\bcontrolled (?:explosion|detonation)\b|`+
			`\b(?:seiz(?:e|es|ed)|confiscat(?:e|es|ed)|recover(?:s|ed)?|found|finds?|discover(?:s|ed)?|uncover(?:s|ed)?|intercept(?:s|ed)?) (?:\w+ ){0,4}(?:weapons|arms|ammunitions?|ammos?|explosives|caches?|rifles|guns|ordnance|IEDs?)\b|\bweapons caches?\b|\barms caches?\b|\b(?:arsenal|weaponry|stockpile|explosives|ammunitions?|ammos?|bunker)\b[^.;]{0,40}\b(?:was|were) (?:discovered|found|seized|uncovered|recovered|confiscated)\b|\bintercept(?:ed|s)? (?:\w+ ){0,2}(?:drones?|missiles?|rockets?)\b`),
	tr("agreement", event.TypeStrategicDevelopments, event.SubAgreement, kindFixed, normal,
		`\b(?:signed|sign|signs|reached|reach|reaches|struck|brokered|agreed|announced|declared|concluded|sealed|agreed on|agreed to) (?:an? |the )?(?:[\w-]+ ){0,3}(?:cease-?fire|truce|agreement|deal|accord|settlement|peace|pact)s?\b|`+
			`\b(?:cease-?fire|truce|agreement|deal|accord|pact)s? (?:was |were |has been |had been )?(?:signed|agreed|reached|announced|declared|brokered|struck|concluded)\b|`+
			`\b(?:cease-?fire|truce|agreement|deal|accord)s? (?:took|takes|came into|comes into) (?:effect|force)\b|\bprisoner (?:exchange|swap|release)s?\b`),
	tr("arrest", event.TypeStrategicDevelopments, event.SubArrests, kindFixed, normal,
		`\barrest(?:s|ed|ing)?\b|\bdetain(?:s|ed|ing)?\b|\bdetention\b|\brounded up\b|\btaken into custody\b|\bapprehend(?:s|ed|ing)?\b|\bcaptured (?:\w+ ){0,2}(?:suspects?|members)\b|\bround-?ups?\b`),
	tr("base-established", event.TypeStrategicDevelopments, event.SubBaseEstablished, kindFixed, normal,
		`\b(?:established|set up|setting up|sets up|establishing|built|building|opened|erected|moved|relocated|installed) (?:an? |the |its |their |two |three |four |several |multiple )?(?:new |different |temporary |permanent |forward |joint |military |operational )*(?:base|headquarters|HQ|outpost|garrison|military post|observation post|camp|command centre|command center)s?\b|`+
			`\bnew (?:military )?(?:base|outpost|headquarters|observation post)\b|\b(?:HQ|headquarters) (?:of [\w -]+ )?(?:was|were|has been) (?:moved|relocated|established)\b`),
	tr("looting", event.TypeStrategicDevelopments, event.SubLooting, kindFixed, weak,
		`\bloot(?:s|ed|ing|ers)?\b|\bplunder(?:s|ed|ing)?\b|\bransack(?:s|ed|ing)\b|\btorch(?:es|ed|ing)?\b|\bdemolish(?:es|ed|ing)\b|\bbulldoz(?:e|es|ed|ing)\b|\bset (?:\w+ ){0,3}(?:on fire|alight|ablaze)\b|\bset fire\b|\b(?:was|were) (?:burned|burnt|torched|looted|ransacked|razed|set ablaze)(?: down)?\b|\binvad(?:e|ed|es|ing)\b|\bdamag(?:ed|ing) (?:\w+ ){0,2}(?:property|buildings?|vehicles?|offices?|shops?|homes?|houses?)\b|`+
			`\bburn(?:ed|t|s) (?:down )?(?:\w+ ){0,2}(?:shops|crops|fields|vehicles?|cars?|buildings?|offices?|property)\b|\bstole\b|\bstolen\b|\brobb(?:ed|ery|eries)\b|\bdestroy(?:ed|s|ing)\b|\bsabotag(?:e|ed)\b`),
	tr("non-violent-transfer", event.TypeStrategicDevelopments, event.SubNonViolentTransfer, kindFixed, normal,
		`\bwithdr(?:ew|awn|aws|aw|awing) (?:\w+ ){0,3}from\b|\bwithdrawal (?:\w+ ){0,3}from\b|\bhanded over\b|\bhand(?:s)? over\b|\bhandover of\b|\bpull(?:ed|s|ing)? out of\b|\bretreat(?:ed|s|ing)? from\b|`+
			`\b(?:abandoned|evacuated|vacated) (?:their |its )?(?:positions|bases?|posts|checkpoints?)\b|\bwithout (?:a |any )?(?:fight|resistance|confrontation)\b|\bunopposed\b|\bvacat(?:e|ed|es|ing)\b`),
	tr("change-to-group", event.TypeStrategicDevelopments, event.SubChangeToGroup, kindFixed, normal,
		`\bmerg(?:ed|er|es)\b|\bdisarm(?:s|ed|ing)?\b|\bdissolv(?:ed|es|ing)\b|\bdisband(?:s|ed|ing)\b|\bdefect(?:s|ed|ion|ions|ors)?\b|\brecruit(?:s|ed|ment|ing)\b|\bredeploy(?:s|ed|ment)\b|\bsurrender(?:s|ed)?\b|\bsplinter(?:ed)?\b|\b(?:gave|give|gives|giving|laid|lay|lays|laying) (?:up|down) (?:their |his |its )?(?:arms|weapons)\b`),
	tr("deployment", event.TypeStrategicDevelopments, event.SubOther, kindFixed, weak,
		`\bdeploy(?:s|ed|ment|ments|ing)?\b|\bevacuat(?:e|es|ed|ing|ion)\b|\bairlift(?:ed)?\b|\btransport(?:ed|ing)\b|\breinforcements\b|\bpatrol(?:s|led|ling)?\b|\bstationed\b|\bconvoys? (?:arrived|entered)\b|`+
			`\bcheckpoints? (?:was|were)? ?(?:set up|erected|established)\b|\bsecurity operations?\b|\bsearch operations?\b|\bcombing operations?\b|\bcordon(?:ed)?\b|\bmilitary build-?up\b|\b(?:declared|imposed|announced|extended|lifted) (?:a |an )?(?:\w+ )?(?:curfew|state of emergency)\b`),
}

// tr compiles one row of the trigger table.
func tr(name, typ, sub string, kind triggerKind, weight int, expr string) trigger {
	return trigger{name: name, typ: typ, sub: sub, kind: kind, weight: weight, src: expr}
}
