package geoparse

import "strings"

// The word lists the recogniser uses to tell places from other capitalised
// words. They are general English (and Arabic-name) knowledge, written in
// lower case; lexicon turns them into sets once, in New.

// stopWords are common words that start sentences or headlines and are also
// the names of small places somewhere ("Of", "Nice", "Mobile", "Reading").
// A sentence-initial single word on this list is never a place.
const stopWords = `a about above across after again against all almost also although always among an and
another any anyone are around as at back be because been before behind being below beneath best better between
beyond both but by can cannot could despite did do does doing done down during each early earlier either
else elsewhere enough even ever every everyone except far few first for former from further furthermore
had has have having he her here hers herself him himself his how however i if in including inside instead
into is it its itself just last late later latest least less like likely many may meanwhile might more
moreover most much must my near nearly neither never nevertheless new next nine no none nor not nothing now
of off often on once one only onto or other others otherwise our out outside over own per perhaps please
quite rather recently same several she should since so some someone something sometimes soon still such
than that the their them themselves then there therefore these they this those though three through
throughout thus to today together tomorrow too toward towards two under unless until up upon us very via
was we well were what whatever when where whereas whether which while who whom whose why will with within
without would yesterday yet you your
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
nice mobile reading bath hope liberty union mission orange deal sale born man police university city
health state government army officials official people report reports according said says asked
news world international national central global local regional federal public general chief
president minister spokesman spokeswoman spokesperson secretary director doctor doctors hospital
authorities authority agency ministry department office council committee court police troops forces
rebels rebel fighters residents villagers witnesses sources source video videos photos footage
despite amid following ahead along beside besides thanks due given once whereas whilst
breaking update exclusive analysis opinion editorial comment interview live watch read more
good great big small high low long short old young major minor key top main new latest
christmas easter ramadan eid god lord internet`

// titles precede a person's name: "President Bashar al-Assad", "Maj. Gen.
// Pat Ryder", "interim president Ahmed Ash-Sharara".
const titles = `mr mrs ms miss dr prof professor sir dame lord lady president vice pres premier chancellor
minister prime secretary spokesman spokeswoman spokesperson envoy ambassador governor gov mayor senator sen
representative rep congressman congresswoman deputy commander gen general col colonel lt lieutenant maj
major capt captain sgt sergeant adm admiral brig brigadier marshal king queen prince princess emir sheikh
shaikh sultan pope cardinal bishop archbishop imam rabbi father reverend rev judge justice chairman
chairwoman chair ceo leader adviser advisor chief director dean coach actor actress singer writer author journalist
correspondent reporter analyst activist dr. saint president-elect mufti ayatollah mullah`

// orgWords follow a place name that is part of the name of a medium, a
// school, a firm or a faction ("Syria TV", "Damascus University", "Aleppo
// Today"); the place is then not meant. Government bodies ("California
// Department of Health", "Queensland Police") are not on the list: there
// the place is meant.
const orgWords = `tv television channel radio news times post herald tribune journal gazette observer
monitor express mail telegraph guardian chronicle standard daily weekly magazine press today online
broadcasting university college school schools institute academy elementary airlines airways bank club fc
united foundation corporation corp inc ltd llc company cathedral stadium hotel church mosque party front
brigade brigades battalion regiment militia movement media review insider tech cross crescent
jazeera arabiya`

// orgOf precede "of <place>" in the name of an institution, where the place
// is not meant: "University of California".
const orgOf = `university college institute academy school bank`

// dedicationOf precede "of <name>" in the name of a monument, where the name
// is whom it honours, not a place: "the Temple of Bel", "the Tomb of Cyrus".
const dedicationOf = `temple tomb arch church mosque shrine monastery cathedral basilica chapel mausoleum statue`

// lowerOrgWords follow a name in lower case and make it a medium or a group:
// "the Al-Ikhbaria channel", "the Islah party".
const lowerOrgWords = `channel newspaper daily broadcaster network agency tv party`

// diseaseWords follow a place name used as a disease's name: "West Nile
// virus", "Marburg fever", "Reston ebolavirus", "Spanish flu".
const diseaseWords = `virus viruses fever flu influenza disease ebolavirus encephalitis syndrome pox
hemorrhagic haemorrhagic`

// directions may precede a place in the same capitalised run without making
// it part of another name: "Northern Syria", "Central Luzon".
const directions = `north south east west northern southern eastern western central northeast northwest
southeast southwest northeastern northwestern southeastern southwestern upper lower greater inner outer
rural metropolitan metro downtown coastal mid western-most`

// connectors may sit inside a multi-word place name in lower case:
// "Democratic Republic of the Congo", "Bosnia and Herzegovina",
// "Rio de Janeiro", "Deir ez-Zor".
const connectors = `of the and de da do dos das du del della la le les los las van von der den upon on
al el ad an ar as ash at az ed en er es et ez ul bin bint ibn abu au aux sur y`

// givenNames are common first names; one directly before a capitalised
// word makes a person ("Jordan Miles", "Jake Sullivan"), and a place name
// that is itself a first name, followed by a capitalised non-place word, is
// a person too.
const givenNames = `aaron adam adrian ahmad ahmed ali alan albert alex alexander alice amanda amy andrew
angela anna anne anthony antonio barbara ben benjamin bill bob brian bruce carl carlos carol catherine
charles charlie chris christine christopher daniel david deborah dennis diana donald donna douglas edward
elizabeth emily emma eric frank gary george gregory hannah harry helen henry jack jacob jake james jane
jason jeff jennifer jessica jim joe john jonathan jordan jose joseph joshua juan julia justin karen kate
kenneth kevin kim larry laura linda lisa mark martin mary matthew michael michelle mike nancy nicholas
nick patricia pat patrick paul peter rachel richard robert ryan sam samuel sandra sarah scott sean
stephen steven susan thomas tim timothy tom tony victoria virginia william sergei sergey vladimir dmitry
ivan igor viktor mohammed muhammad mohammad mohamed mahmoud mustafa omar osama hassan hussein hussain
khalid khaled abdul abdullah abdel ibrahim ismail yusuf youssef tariq walid bashar hafez maher rami
assad asaad asad faisal fahd salman hamad hamid rashid saeed samir nabil nasser jamal karim amir
fatima aisha layla leila maryam zainab nour rania hala hadi hani ziad ziyad riad riyad firas fadi ayman
ahmet mehmet recep mustafa ali abu
abigail alfred alison allan allen amber andrea andy angus annie arnold arthur ashley austin barry beth
betty bernard beverly bonnie brad bradley brandon brenda brent brett bruno bryan byron caleb calvin cameron
carla carmen caroline carrie cecil chad chester chloe chuck claire clara clarence claude clifford clint
clyde colin connie craig curtis dale dan dana darren dave dawn dean debbie derek diane dick dolores don
doris dorothy doug duncan dwight earl ed eddie edgar edith edna eileen elaine eleanor ellen elliot elsie
emil eric erik ernest ethel eugene eva evan evelyn felix florence floyd francis francisco frankie fred
frederick gail gavin gene geoffrey gerald gilbert gina glen glenn gloria gordon grace graham grant greg
guy harold harvey hazel heather hector herbert howard hugh hugo ian irene iris isaac jackie jacqueline
jan janet janice jean jeffrey jenny jeremy jerry jesse jill joan joanna joel johnny jon josh joy joyce
judith judy julian julie june karl kathleen kathy keith kelly ken kenny kerry kirk kyle lance lauren lawrence
lee leo leon leonard leslie lewis lillian lloyd lois lorraine louis louise lucy luis luke lynn mabel maggie
malcolm marcus margaret maria marie marilyn mario marion marjorie marshall marvin matt maureen max maya
megan melissa melvin mildred miles milton miriam mitchell molly monica morris murray nathan neil nelson
nicole noel norma norman oliver olivia oscar owen pamela pedro peggy penny percy phil philip phillip
phyllis preston priscilla ralph randy ray raymond rebecca reggie rex rick ricky rita robin rod rodney roger
roland ron ronald rose ross roy ruby russell ruth sally sandy sara shane sharon sheila shirley sidney
simon stanley stella steve stewart stuart sue sylvia ted terry theodore theresa todd tommy tracy travis
trevor troy vernon victor vincent violet wade walter wanda warren wayne wendy wesley wilbur willie willis
wilma yvonne lena samer nadia dina lina rana reem yara sami salim khalil adel adnan anas bilal emad haitham hamza hisham imad jihad kamal louay mazen majid marwan nizar osman qasim raed ramzi saad sabri safwan shadi suleiman tamer wael yasser yasin zaher zaid
moses emmanuel jean pierre jacques francois michel alain didier pascal olivier thierry christophe etienne laurent patrice
augustin faustin godfrey solomon elijah isaiah gabriel raphael musa moussa mamadou amadou ousmane abdoulaye boubacar
alassane mahamadou aliyu yahaya olusegun nnamdi yoweri kizza salva riek raila cyril thabo volodymyr oleksandr petro
yulia andriy taras mykola dmytro`

// wordClass is a set of word lists, one bit per list.
type wordClass uint32

// classKnown marks a token whose classes have been looked up.
const classKnown wordClass = 1 << 31

// lexicon holds the word lists: each list is a bit, and class maps a
// lower-case word to the lists it is on, so one look-up answers them all.
type lexicon struct {
	stop, titles, org, lowerOrg, disease, directions, connectors, given wordClass
	neverAlone, placeTypes, orgOf, dedicationOf, gov, suffixes          wordClass
	speech                                                              wordClass
	common                                                              wordClass // SCOWL common words
	noStart, ethnic, arabicHeads, locative                              wordClass
	locativeStrong, strikeVerbs, determiners, placeNouns, placeAfter    wordClass
	groupStart                                                          wordClass // first words of armed groups' names
	featureNouns, featureMods, routeNouns, facilities                   wordClass
	class                                                               map[string]wordClass
}

func newLexicon() *lexicon {
	l := &lexicon{class: make(map[string]wordClass, 45000)}
	bit := wordClass(1)
	add := func(words string) wordClass {
		c := bit
		bit <<= 1
		for _, w := range strings.Fields(words) {
			l.class[w] |= c
		}
		return c
	}
	l.stop = add(stopWords)
	l.titles = add(titles)
	l.org = add(orgWords)
	l.lowerOrg = add(lowerOrgWords)
	l.disease = add(diseaseWords)
	l.directions = add(directions)
	l.connectors = add(connectors)
	l.given = add(givenNames)
	l.neverAlone = add(neverAlone)
	l.placeTypes = add(placeTypes)
	l.orgOf = add(orgOf)
	l.dedicationOf = add(dedicationOf)
	l.gov = add(govWords)
	l.suffixes = add(nameSuffixes)
	l.speech = add(speechVerbs)
	l.noStart = add("the of and on upon")
	l.ethnic = add(ethnonyms)
	l.arabicHeads = add(arabicHeads)
	l.locative = add(locatives)
	l.locativeStrong = add(strongLocatives)
	l.strikeVerbs = add(strikeVerbs)
	l.determiners = add("the a an its their")
	l.placeNouns = add(placeNouns)
	l.placeAfter = add(placeAfter)
	l.groupStart = add(groupFirstWords())
	l.featureNouns = add(featureNouns)
	l.featureMods = add(featureMods)
	l.routeNouns = add(routeNouns)
	l.facilities = add(facilityNouns)
	l.common = add("")
	common, err := loadCommonWords()
	if err != nil {
		common = nil // embedded data; TestCommonWordsFile guards it
	}
	for w := range common {
		l.class[w] |= l.common
	}
	return l
}

// neverAlone are capitalised words that, standing alone, are never places
// in news text even where a village bears the name: months and their
// abbreviations ("in Nov 2015" is no town in Tajikistan), weekdays,
// holidays, weapons named after people ("Molotov cocktails" are no Perm,
// once named Molotov).
const neverAlone = `january february march april may june july august september october november december
jan feb apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday christmas easter ramadan eid god internet
today tomorrow yesterday hajj umrah molotov kalashnikov`

// placeTypes follow a place name as part of it or as a cue: "Aleppo
// Township", "Idlib province", "Jefferson Parish".
const placeTypes = `province provinces governorate governorates state states region regions district districts
county counties city town village villages township parish borough municipality prefecture oblast
department countryside area island islands valley river lake bay gulf sea coast mountains mountain heights
desert plain peninsula capital suburb suburbs neighbourhood neighborhood camp border`

// govWords may follow a place in a capitalised run without making it part
// of another name: "California Department of Health", "New York Governor".
const govWords = `department ministry health police state government council office authority authorities
officials agency commission committee board service services governor mayor premier minister president
center centre
province county district region city municipality emergency public`

// nameSuffixes, capitalised after a place name, belong to it: "Dallas
// County", "Nyanza Province", "Salinas Valley", "Logo LGA", "Masisi
// Territory", "Bale Woreda".
const nameSuffixes = `county parish province governorate district prefecture oblast township borough valley
region municipality subdistrict subdivision commune lga woreda chiefdom payam nahiya territory`

// speechVerbs next to a single name make it a person: "Hartl said",
// "said Clifford."
const speechVerbs = `said says say told tells added adds explained explains stated states noted notes wrote
writes asked asks replied replies insisted insists warned warns argued argues confirmed confirms`

// ethnonyms are peoples, languages and faiths: adjectives or nouns, never
// places, though villages bear some of the names ("Arab", "English").
const ethnonyms = `arab arabs arabic english kurd kurds kurdish druze alawite alawites sunni sunnis shia shiite
shiites christian christians muslim muslims jewish jew jews turkmen yazidi yazidis bedouin european
europeans african africans asian asians latin islamic catholic orthodox protestant hindu buddhist
` + africanAsianPeoples

// africanAsianPeoples are peoples that reports of conflicts name as parties
// ("Fulani herdsmen", "Oromo protesters", "Dinka and Nuer youths"), whose
// names villages bear too. Peoples named like their province or county
// ("Afar", "Amhara", "Turkana", "Pokot") are not on the list: there the
// area may be meant.
const africanAsianPeoples = `oromo oromos hausa fulani peul tiv dinka nuer shilluk murle hutu hutus tutsi tutsis
zaghawa masalit misseriya rizeigat hawiye darod isaaq dhulbahante majerteen kalenjin lendu hema nande
banyamulenge ijaw urhobo itsekiri igbo yoruba berom tuareg toubou dogon bambara lobi luo gabra garre
degodia hazara pashtun pashtuns baloch tajik tajiks uzbek uzbeks rohingya assyrian assyrians
yezidi yezidis`

// arabicHeads are generic nouns that head Arabic place names ("Bab
// al-Salama" = the gate of al-Salama); alone they name some other place.
const arabicHeads = `bab ras tal tell deir dayr jisr ain ayn khan qasr jabal jebel wadi bir kafr maarat marj
nahr umm beit bayt sheikh shaykh sayyida tall hamam hammam souq suq ein abu khirbet khirbat qalaat qalat mazraat`

// locatives precede a place name: a name after one is not a speaker.
const locatives = `in at from near to into outside inside around across toward towards of and or via
throughout within between beyond off`

// strongLocatives precede a location and hardly anything else: "in Golo",
// "near Kurmuk". (Not "of", "and" or "to", which precede people as often.)
const strongLocatives = `in at near inside outside around across into toward towards within throughout between
beyond via from nearby through`

// strikeVerbs take a location as their object in conflict reports:
// "shelled Rokoro", "SAF bomb Jawa", "rebels captured Marea".
const strikeVerbs = `shell shells shelled shelling bomb bombs bombed bombing bombard bombards bombarded
raid raids raided storm storms stormed capture captures captured seize seizes seized recapture
recaptures recaptured retake retakes retook retaken overran overrun besiege besieges besieged
torch torched burn burned burnt loot looted pillage pillaged enter enters entered reach reached
target targets targeted strike strikes struck hit hits attack attacks attacked ambush ambushed
liberate liberated take took taken evacuate evacuated airstrike airstrikes assault assaults assaulted
bombardment offensive`

// placeNouns name a kind of place or a part of one: before "of" ("the
// village of Dalo", "north of Golo", "control of Kass") or after a name
// ("Dana village", "Kalma camp").
const placeNouns = `village villages town towns city area areas district districts subdistrict camp camps
market neighbourhood neighborhood suburb suburbs outskirts countryside vicinity environs region province
governorate locality county hamlet settlement checkpoint crossing base airbase airport mountain
mountains hills valley plain road highway junction edge control north south east west northern
southern eastern western northeast northwest southeast southwest residents inhabitants villagers people
population commissioner governor mayor delegation island islands port station airstrip territory
community communities streets`

// placeAfter follow a name as the kind of area or office it names:
// "Guji zone", "Ward 5", "Mayendit commissioner".
const placeAfter = `zone municipality commune woreda kebele ward sector prefecture parish state commissioner
locality`

// featureNouns name a landmark after its name, in lower case: "Rukban camp",
// "the Makhul mountains", "Bab al-Hawa crossing", "Kuweires airbase".
const featureNouns = `camp camps crossing dam airbase airport airfield base mountains mountain hills valley river
lake desert plain oilfield field`

// featureMods may stand between a landmark's name and its feature noun:
// "Mezzeh military airport", "Shayrat air base".
const featureMods = `military air`

// routeNouns follow the names of a route's ends in lower case: "the
// Aleppo-Damascus highway", "the Mbau-Kamango axis".
const routeNouns = `road roads highway highways axis corridor route routes railway motorway border frontline`
