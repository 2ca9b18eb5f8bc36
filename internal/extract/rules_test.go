package extract

import (
	"strings"
	"testing"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/event"
	"geoevents/internal/geoparse"
)

// TestRoleRules gives each role rule a sentence it decides (the place is
// the bracketed name), and checks that every rule of the table is covered.
func TestRoleRules(t *testing.T) {
	tests := []struct{ sentence, rule string }{
		{"Hundreds rallied in Amman, demanding an end to the siege of [Idlib].", "context/topic"},
		{"Militants attacked an army post 30 km east of [Deir ez-Zor].", "near/distance"},
		{"Shells hit houses in [Sa'ada]'s Kitaf district.", "setting/container"},
		{"[BEIRUT] (Reuters) - Warplanes pounded rebel-held towns in Idlib on Tuesday.", "setting/dateline"},
		{"[ADEN], Yemen — Fighting between separatists and government troops killed 40 people.", "setting/dateline"},
		{"ADEN, Yemen — Fighting between separatists and government troops in [Aden] has killed 40, the UN said.", "location/preposition"},
		{"Clashes broke out in [Aleppo]’s Sheikh Maqsoud neighbourhood.", "setting/container"},
		{"Fighting raged in the villages north of [Hama].", "near/direction"},
		{"Shells fell near [Saraqib] overnight.", "near/preposition"},
		{"Clashes spread in the [Idlib] countryside.", "near/area-noun"},
		{"Gunmen ambushed a convoy on the highway linking [Aleppo] and Damascus.", "context/route"},
		{"Gunmen ambushed a convoy on the highway linking Aleppo and [Damascus].", "context/route"},
		{"Traffic stopped on the [Aleppo]-Damascus highway.", "context/route"},
		{"Soldiers killed three fighters in a village bordering [Nigeria].", "weak/border"},
		{"Troops clashed with smugglers near the border with [Ghana].", "weak/border"},
		{"Traffic stopped on the Aleppo-[Damascus] highway.", "context/route"},
		{"Kurdish units withdrew from [Tal Tamr] on Monday.", "location/withdrawn-from"},
		{"A reporter from [Pittsburgh] covering the fighting was wounded.", "context/origin"},
		{"Rebels advanced towards [Damascus] after taking Aleppo.", "near/advance"},
		{"The wounded were flown to [Beirut].", "weak/destination"},
		{"Artillery shelled Idlib while negotiations in [Geneva] went on.", "setting/talks"},
		{"The [Astana] talks ended without agreement.", "setting/talks"},
		{"Gunmen abducted three women from [Lanyi] on Sunday.", "location/taken-from"},
		{"Three people died in a clash between police and youths from [Cubal].", "setting/people-from"},
		{"Displaced from [Cubal] camps protested against the referendum.", "setting/people-from"},
		{"Soldiers injured several student protesters from [Cubal] university.", "setting/people-from"},
		{"The protesters came in trucks from the countryside around [Cubal].", "setting/people-from"},
		{"A traditional leader from [Cubal] village was kidnapped by militiamen.", "setting/people-from"},
		{"Relatives of journalists missing in [Libya] protested in Tunis.", "setting/subject-people"},
		{"Fighters who had been based in [Idlib] attacked Aleppo.", "setting/subject-people"},
		{"Retired workers who had worked in [Libya] staged a protest in Kairouan.", "setting/subject-people"},
		{"Gunmen who attacked a checkpoint in [Arish] killed three soldiers.", "location/preposition"},
		{"Soldiers based in [Idlib] and Hama were shelled.", "location/preposition"},
		{"Peaceful protests were reported from [Cubal], Feriana and Hidra.", "location/reported-from"},
		{"The governor promised to ask the government in [Damascus] for funds.", "context/affiliation"},
		{"Authorities in [Amman] said air strikes hit a market.", "context/attribution"},
		{"The army in [Damascus] said rebels shelled the city.", "context/attribution"},
		{"36 militants were killed in military operations in [Sinai] over two days, the Armed Forces said.", "location/preposition"},
		{"The minister, speaking in [Damascus], denied the report.", "context/attribution"},
		{"[Washington] said the strike was justified.", "context/attribution"},
		{"At least 18 fighters were killed, according to the [Britain]-based observatory.", "context/attribution"},
		{"The Syrian Observatory for Human Rights, based in [Coventry], said fighting continued.", "context/attribution"},
		{"Officials in [Baghdad] summoned the Turkish ambassador over the strike.", "context/attribution"},
		{"Fighters pulled out under the 2018 peace accord in [Sochi].", "setting/talks"},
		{"Prisoners were exchanged under a deal reached in [Geneva] last month.", "setting/talks"},
		{"Pensioners protested outside the [Tripoli]-based national oil company.", "near/preposition"},
		{"Students of the [Kampala] university went on strike.", "setting/institution"},
		{"Members of the [Sokoto] State chapter of the union protested.", "setting/institution"},
		{"The [Aleppo] council condemned the shelling.", "context/affiliation"},
		{"Residents protested outside the offices of the local administration in [Constantine].", "setting/local-office"},
		{"Ten people were killed in [Bundibugyo] post-election violence.", "location/preposition"},
		{"Protesters gathered in [Suwayda] on Friday.", "location/preposition"},
		{"Government forces shelled [Douma] overnight.", "location/object"},
		{"[Kobani] was shelled overnight.", "location/subject"},
		{"Residents of [Zwide] said nothing.", "location/preposition"},
		{"[Tozeur] is witnessing continuing mobilisation.", "weak/named"},
	}
	covered := map[string]bool{}
	for _, tc := range tests {
		open, close := strings.Index(tc.sentence, "["), strings.Index(tc.sentence, "]")
		s := tc.sentence[:open] + tc.sentence[open+1:close] + tc.sentence[close+1:]
		start, end := open, close-1
		cs := clauses(s)
		got := roleOf(s, start, end, cs[clauseOf(cs, start)])
		if got.rule != tc.rule {
			t.Errorf("%q: rule %q (%q), want %q", tc.sentence, got.rule, got.text, tc.rule)
		}
		covered[got.rule] = true
	}
	for _, r := range roleRules {
		if !covered[r.name] {
			t.Errorf("role rule %s has no test", r.name)
		}
	}
}

// TestTypeRules gives each type rule clauses it decides, with the wording
// real reports use, and checks that every rule of the table is covered.
func TestTypeRules(t *testing.T) {
	tests := []struct{ clause, rule, typ, sub string }{
		{"Security forces opened fire on protesters, killing three.", "protest/excessive-force", event.TypeProtests, event.SubExcessiveForce},
		{"People protested against the new tax in the town. Soldiers allegedly killed four people.", "protest/excessive-force", event.TypeProtests, event.SubExcessiveForce},
		{"Students rallied against the killing of nine civilians by soldiers.", "protest/peaceful", event.TypeProtests, event.SubPeacefulProtest},
		{"Kurdish protesters gathered to condemn the Turkish military operation.", "protest/peaceful", event.TypeProtests, event.SubPeacefulProtest},
		{"Staff went on strike in protest at the kidnapping of their manager.", "protest/peaceful", event.TypeProtests, event.SubPeacefulProtest},
		{"Students protested against meal allowances and fought running battles with police.", "riot/protest-and-clash", event.TypeRiots, event.SubViolentDemonstration},
		{"Police open fire on an otherwise peaceable protest in the town.", "protest/excessive-force", event.TypeProtests, event.SubExcessiveForce},
		{"Health workers protested against the plan and were met by violent response from police forces.", "protest/excessive-force", event.TypeProtests, event.SubExcessiveForce},
		{"Rioters set fire to tyres and blocked roads.", "riot/violent-demonstration", event.TypeRiots, event.SubViolentDemonstration},
		{"Workers protested and threw stones at the police.", "riot/violent-demonstration", event.TypeRiots, event.SubViolentDemonstration},
		{"Police fired tear gas to disperse a sit-in.", "protest/intervention", event.TypeProtests, event.SubProtestIntervention},
		{"Soldiers fired tear gas at demonstrators near the fence, and 15 of them were injured.", "protest/intervention", event.TypeProtests, event.SubProtestIntervention},
		{"Unemployed youths blocked the routes around the town for a second day.", "protest/peaceful", event.TypeProtests, event.SubPeacefulProtest},
		{"Learners started throwing stones at classrooms and cars.", "riot/violent-demonstration", event.TypeRiots, event.SubViolentDemonstration},
		{"Residents barred all entries with rocks and burning tyres.", "riot/violent-demonstration", event.TypeRiots, event.SubViolentDemonstration},
		{"A fracas between two communities over farmland left twelve people injured.", "battle/clash", event.TypeBattles, event.SubArmedClash},
		{"Police fired tear gas and live rounds at demonstrators, and 15 were injured.", "protest/excessive-force", event.TypeProtests, event.SubExcessiveForce},
		{"Security guards assaulted several nurses who were demonstrating against the director.", "protest/excessive-force", event.TypeProtests, event.SubExcessiveForce},
		{"Protesters assaulted two police officers outside the town hall.", "riot/violent-demonstration", event.TypeRiots, event.SubViolentDemonstration},
		{"Riot police dispersed hundreds of protesters in the capital.", "protest/intervention", event.TypeProtests, event.SubProtestIntervention},
		{"Anti-riot police fired teargas to break up the demonstration.", "protest/intervention", event.TypeProtests, event.SubProtestIntervention},
		{"Riot police dispersed a mob of angry protesters who stoned cars.", "riot/violent-demonstration", event.TypeRiots, event.SubViolentDemonstration},
		{"A bus was stoned as taxi drivers continued to strike.", "riot/violent-demonstration", event.TypeRiots, event.SubViolentDemonstration},
		{"Thousands of residents set a vehicle alight and burnt down the traffic department.", "riot/crowd-destruction", event.TypeRiots, event.SubViolentDemonstration},
		{"A mob lynched a man accused of theft.", "riot/mob", event.TypeRiots, event.SubMobViolence},
		{"The army defused an IED planted on the road.", "disrupted-weapons", event.TypeStrategicDevelopments, event.SubDisruptedWeapons},
		{"An IED detonated near a police patrol, killing two officers.", "remote/weapon", event.TypeExplosions, event.SubRemoteExplosive},
		{"Shells fell on the market, killing four.", "remote/weapon", event.TypeExplosions, event.SubShelling},
		{"A roadside bomb hit an army convoy, followed by an ambush by militants.", "battle/blast-then-clash", event.TypeBattles, event.SubArmedClash},
		{"Regime helicopters dropped barrel bombs on the town.", "remote/weapon", event.TypeExplosions, event.SubAirDroneStrike},
		{"A suicide bomber blew himself up at a checkpoint.", "remote/weapon", event.TypeExplosions, event.SubSuicideBomb},
		{"Gunmen abducted two aid workers.", "vac/sexual-or-abduction", event.TypeViolenceAgainstCivilians, event.SubAbduction},
		{"Militants captured two aid workers on the road to the camp.", "vac/sexual-or-abduction", event.TypeViolenceAgainstCivilians, event.SubAbduction},
		{"Two teachers were seized at a checkpoint by masked men.", "vac/sexual-or-abduction", event.TypeViolenceAgainstCivilians, event.SubAbduction},
		{"Soldiers raped women in the village.", "vac/sexual-or-abduction", event.TypeViolenceAgainstCivilians, event.SubSexualViolence},
		{"Rebels captured the town after heavy fighting.", "battle/territory", event.TypeBattles, event.SubNonStateOvertakes},
		{"Government troops recaptured the airbase.", "battle/territory", event.TypeBattles, event.SubGovRegainsTerritory},
		{"The militia took over the village without a fight.", "battle/territory", event.TypeStrategicDevelopments, event.SubNonViolentTransfer},
		{"Teachers went on strike over unpaid wages.", "protest/peaceful", event.TypeProtests, event.SubPeacefulProtest},
		{"Students staged a sit-in outside the ministry.", "protest/peaceful", event.TypeProtests, event.SubPeacefulProtest},
		{"Supporters of the ruling party gathered outside the offices of the party's highest authority to show support.", "protest/peaceful", event.TypeProtests, event.SubPeacefulProtest},
		{"Residents went on the rampage and blockaded streets.", "riot/violent-demonstration", event.TypeRiots, event.SubViolentDemonstration},
		{"Students and police clashed outside the campus.", "riot/clash-with-unarmed", event.TypeRiots, event.SubViolentDemonstration},
		{"Okada riders protested over a tariff, clashing with police on the final day.", "riot/protest-and-clash", event.TypeRiots, event.SubViolentDemonstration},
		{"Hundreds staged a peaceful demonstration to celebrate the army's recent clashes with al Shabaab.", "protest/peaceful", event.TypeProtests, event.SubPeacefulProtest},
		{"Clashes erupted between the army and rebels.", "battle/clash", event.TypeBattles, event.SubArmedClash},
		{"Heavy fighting broke out as both sides used mortars and artillery.", "battle/clash", event.TypeBattles, event.SubArmedClash},
		{"Fighters stormed the base at dawn.", "battle/clash", event.TypeBattles, event.SubArmedClash},
		{"Gunmen shot and killed a teacher.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Reporter shot and wounded by a suspected soldier at the market.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Police shot at Kurdish villagers on the road, wounding five.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Masked gunmen opened fire on a minibus near the market.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Fighters fired rocket-propelled grenades and machine guns at the army post.", "battle/clash", event.TypeBattles, event.SubArmedClash},
		{"Unidentified gunmen shot dead two traders at a checkpoint.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Militants stoned a woman to death in the square.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"A vigilante group burn two suspected thieves to death.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Militants opened fire on an army checkpoint.", "violence/victims", event.TypeBattles, event.SubArmedClash},
		{"Unidentified gunmen raided the village, killing eight villagers.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Gunmen attacked and killed a civilian in the village.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Fighters of the RSF rampaged through the town, killing at least 40 people.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Militiamen shoot and seriously wound a student.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Rebels attacked and killed two soldiers at a checkpoint.", "violence/victims", event.TypeBattles, event.SubArmedClash},
		{"Gunmen killed two guards outside the central bank.", "violence/victims", event.TypeBattles, event.SubArmedClash},
		{"Militants shot dead a colonel and a conscript at a market.", "violence/victims", event.TypeBattles, event.SubArmedClash},
		{"3 people were killed, including 2 police, when gunmen attacked a police station.", "violence/victims", event.TypeBattles, event.SubArmedClash},
		{"3 people were killed, including 2 children, when gunmen attacked the market.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Villagers beat a man accused of theft.", "violence/victims", event.TypeRiots, event.SubMobViolence},
		{"Five died in a land dispute between members of two farming communities.", "violence/victims", event.TypeBattles, event.SubArmedClash},
		{"Clashes over grazing land between herders and farmers left six dead.", "battle/clash", event.TypeBattles, event.SubArmedClash},
		{"Violence between herdsmen and farmers killed nine in the valley.", "violence/victims", event.TypeBattles, event.SubArmedClash},
		{"A conflict between herders and farmers left 8 dead in the valley.", "violence/victims", event.TypeBattles, event.SubArmedClash},
		{"Troops cleared Boko Haram from two villages, killing four.", "violence/victims", event.TypeBattles, event.SubArmedClash},
		{"A vigilante group beat two suspected thieves to death.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Militiamen executed eleven men.", "massacre-or-bodies", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"The bodies of two men were found by the road.", "massacre-or-bodies", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Police arrested dozens of young men.", "strategic", event.TypeStrategicDevelopments, event.SubArrests},
		{"Party supporters beat protesters in the square.", "riot/mob-on-protesters", event.TypeRiots, event.SubMobViolence},
		{"Police arrested three men during a raid on a house.", "strategic/arrest-raid", event.TypeStrategicDevelopments, event.SubArrests},
		{"Joint operations were conducted against the LRA in three villages.", "battle/clash", event.TypeBattles, event.SubArmedClash},
		{"Soldiers used branches to whip people lined up for food.", "violence/victims", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"500 ex-combatants voluntarily gave up their arms.", "strategic", event.TypeStrategicDevelopments, event.SubChangeToGroup},
		{"A bunker containing war arms and ammos was discovered by the army.", "disrupted-weapons", event.TypeStrategicDevelopments, event.SubDisruptedWeapons},
		{"Somaliland forces set up a temporary base in the village.", "strategic", event.TypeStrategicDevelopments, event.SubBaseEstablished},
		{"A sit in was held by angry lawyers.", "protest/peaceful", event.TypeProtests, event.SubPeacefulProtest},
		{"A UN vehicle set off an improvised device on the road.", "remote/weapon", event.TypeExplosions, event.SubRemoteExplosive},
		{"Military torch 7 villages near the town.", "strategic", event.TypeStrategicDevelopments, event.SubLooting},
		{"Troops clear Boko Haram from the village, kill two and recovering weapons.", "violence/victims", event.TypeBattles, event.SubArmedClash},
		{"The two sides signed a ceasefire agreement.", "strategic", event.TypeStrategicDevelopments, event.SubAgreement},
		{"Fighters looted shops and homes.", "strategic", event.TypeStrategicDevelopments, event.SubLooting},
		{"Turkish forces set up a new observation post.", "strategic", event.TypeStrategicDevelopments, event.SubBaseEstablished},
		{"Some 800 opposition cadres defect to the ruling party.", "strategic", event.TypeStrategicDevelopments, event.SubChangeToGroup},
	}
	covered := map[string]bool{}
	for _, tc := range tests {
		d, ok := decide(tc.clause, findHits(tc.clause))
		if !ok || d.rule != tc.rule || d.typ != tc.typ || d.sub != tc.sub {
			t.Errorf("%q: %v %s %s/%s, want %s %s/%s", tc.clause, ok, d.rule, d.typ, d.sub, tc.rule, tc.typ, tc.sub)
		}
		covered[d.rule] = true
	}
	for _, r := range typeRules {
		if !covered[r.name] {
			t.Errorf("type rule %s has no test", r.name)
		}
	}
}

// TestNoEvent lists clauses that report nothing: hedged, intended,
// negated, non-conflict deaths, idioms.
func TestNoEvent(t *testing.T) {
	for _, c := range []string{
		"Analysts warn that an offensive on Hama could follow within weeks.",
		"The presidents failed to agree on a ceasefire.",
		"The army threatened to seize the town.",
		"Floods have killed 94 people since June.",
		"The cholera outbreak killed 1,700 people.",
		"Iraq beat Oman 3-2 in the final.",
		"The rial fell to a record low against the dollar.",
		"European leaders gathered in London to discuss security guarantees.",
		"She published a memoir about the siege of the city.",
		"Parliament voted to extend the general mobilisation.",
		"A ceasefire held for a third day.",
		"The wounded were taken to hospital.",
	} {
		if d, ok := decide(c, findHits(c)); ok {
			t.Errorf("%q: %s %s/%s, want no event", c, d.rule, d.typ, d.sub)
		}
	}
}

// TestEveryTriggerMatches checks that each trigger of the table fires on
// some wording of the tests above or below, so no row is dead.
func TestEveryTriggerMatches(t *testing.T) {
	examples := "air strikes; shelled; a roadside bomb; grenades; an explosion; a chemical attack; a suicide bomber; raped; abducted; " +
		"bodies were found; executed; riot; a mob; protested; captured; clashes; killed; attacked; defused an IED; signed a ceasefire agreement; " +
		"arrested; set up a new base; looted; withdrew from the town; defected; deployed; the strikes; died"
	fired := map[string]bool{}
	for _, h := range findHits(examples) {
		fired[h.trig().name] = true
	}
	for _, tr := range triggers {
		if !fired[tr.name] {
			t.Errorf("trigger %s matches none of the examples", tr.name)
		}
	}
}

// TestHistoryRules gives each history rule a clause it marks, and checks
// current news is not marked.
func TestHistoryRules(t *testing.T) {
	pub := time.Date(2024, 11, 8, 0, 0, 0, 0, time.UTC)
	tests := []struct{ clause, rule string }{
		{"Islamic State captured the city in 2014.", "history/past-year"},
		{"The 2018 capture of Afrin displaced thousands.", "history/year-adjective"},
		{"Rebels took the town two years ago.", "history/years-ago"},
		{"The war has killed half a million people since 2011.", "history/since-then"},
		{"It is the worst violence since the start of the war.", "history/since-the-start"},
		{"The city has been besieged since the beginning of the uprising.", "history/since-the-start"},
		{"It was the worst fighting since clashes in Jaramana.", "history/since-then"},
		{"Tens of thousands have died in recent years.", "history/background"},
		{"The district, formerly held by the rebels, has 40,000 people.", "history/background"},
		{"Ten years after the attack, the town is rebuilt.", "history/since-then"},
		{"Displacement has grown since it began.", "history/since-the-start"},
		{"The raids came days after a missile attack on the port.", "history/came-after"},
		{"The two communities have fought repeatedly in the east since 2019.", "history/since-then"},
	}
	covered := map[string]bool{}
	for _, tc := range tests {
		rule, _, ok := historyOf(tc.clause, pub)
		if !ok || rule != tc.rule {
			t.Errorf("%q: %q %v, want %q", tc.clause, rule, ok, tc.rule)
		}
		covered[rule] = true
	}
	for _, r := range historyRules {
		if !covered[r.name] {
			t.Errorf("history rule %s has no test", r.name)
		}
	}
	for _, c := range []string{
		"Russian airstrikes have resumed for the first time since 2016.",
		"Gunmen killed three people on Monday.",
		"Protests began in January 2024.",
		"Three people lost their lives in the past two days in fighting between youths.",
		"Clashes in the past 24 hours killed 12.",
		"Fighting resumed two days after the truce collapsed.",
		"Workers of the SCPT (formerly OCPT) took to the streets in Kinshasa.",
	} {
		if rule, _, ok := historyOf(c, pub); ok {
			t.Errorf("%q marked as history by %s", c, rule)
		}
	}
	if _, _, ok := historyOf("Fighting in December 2023 killed 12.", time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC)); ok {
		t.Error("last December, reported in January, is news")
	}
}

// TestPruneRules checks each prune rule on candidates of one clause.
func TestPruneRules(t *testing.T) {
	mk := func(p *place, rule string, kind roleKind) *place {
		q := *p
		q.role = role{kind: kind, rule: rule}
		return &q
	}
	in := func(name string, ps []*place) bool {
		for _, p := range ps {
			if p.m.Text == name {
				return true
			}
		}
		return false
	}
	named := func(name string, g *gazetteer.Place, start int) *place {
		return &place{m: geoparse.Mention{Start: start, End: start + len(name), Text: name, Kind: geoparse.KindLiteral, Place: g}}
	}
	syriaP, aleppoP := named("Syria", syria, 50), named("Aleppo", aleppo, 10)
	dhibanP, deirP := named("Dhiban", dhiban, 5), named("Deir ez-Zor", deirEzZor, 20)
	kobaniP, aynP := named("Kobani", kobani, 5), named("Ayn al-Arab", aynAlArab, 15)
	seaP := named("Mediterranean", &gazetteer.Place{ID: 9000004, Name: "Mediterranean Sea", Attrs: &gazetteer.Attrs{FeatureClass: "H", FeatureCode: "SEA"}, Lon: 18, Lat: 35}, 60)
	quarterP := named("Old Quarter", &gazetteer.Place{ID: 9000001, Name: "Old Quarter", Attrs: &gazetteer.Attrs{FeatureClass: "A", FeatureCode: "ADM2", CountryCode: "EG"}, Lon: 31.2589, Lat: 30.0424}, 40)
	cityP := named("Capital City", &gazetteer.Place{ID: 9000002, Name: "Capital City", Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPLC", CountryCode: "EG"}, Lon: 31.2497, Lat: 30.0626}, 64)
	kafrNabl := named("Kafr Nabl", &gazetteer.Place{ID: 9000011, Name: "Kafranbel", Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPL", CountryCode: "SY", Admin1: "Idlib"}, Lat: 35.61, Lon: 36.56}, 3)
	idlibTown := named("Idleb", &gazetteer.Place{ID: 9000012, Name: "Idlib", Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPLA", CountryCode: "SY", Admin1: "Idlib"}, Lat: 35.93, Lon: 36.63}, 14)
	// A district 40 km from its province's seat: the seat names the
	// province, it does not lie in the district.
	haydanP := named("Haydan", &gazetteer.Place{ID: 9000021, Name: "Haydan", Attrs: &gazetteer.Attrs{FeatureClass: "A", FeatureCode: "ADM2", CountryCode: "YE", Admin1: "Sadah"}, Lat: 16.71, Lon: 43.45}, 4)
	sadahAfterComma := named("Sadah", &gazetteer.Place{ID: 9000022, Name: "Sa'dah", Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPLA", CountryCode: "YE", Admin1: "Sadah"}, Lat: 16.94, Lon: 43.76}, 21)
	sadahAfterIn := named("Sadah", sadahAfterComma.m.Place, 23)
	ghouta := named("Eastern Ghouta", &gazetteer.Place{ID: 9000041, Name: "Ghouta", Attrs: &gazetteer.Attrs{FeatureClass: "L", FeatureCode: "AREA", CountryCode: "SY"}, Lat: 33.5, Lon: 36.42}, 33)
	nashabiyeh := named("Al-Nashabiyeh", &gazetteer.Place{ID: 9000042, Name: "An Nashabiyah", Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPL", CountryCode: "SY", Admin1: "Rif Dimashq"}, Lat: 33.51, Lon: 36.49}, 11)
	crossing := named("Bab al-Salama", &gazetteer.Place{ID: 9000051, Name: "Bab al-Salameh Border Crossing", Attrs: &gazetteer.Attrs{FeatureClass: "S", FeatureCode: "PSTB", CountryCode: "SY"}, Lat: 36.634, Lon: 37.083}, 40)
	azaz := named("Azaz", &gazetteer.Place{ID: 9000052, Name: "Azaz", Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPLA2", CountryCode: "SY", Admin1: "Aleppo"}, Lat: 36.587, Lon: 37.046}, 20)
	cases := []struct {
		name      string
		text      string
		ps        []*place
		keep, out string
		rule      string
	}{
		{"district, seat", "hit Haydan district, Sadah.", []*place{mk(haydanP, "location/object", roleLocation), mk(sadahAfterComma, "weak/named", roleWeak)}, "Haydan", "Sadah", "prune/qualifier"},
		{"district in seat", "hit Haydan district in Sadah.", []*place{mk(haydanP, "location/object", roleLocation), mk(sadahAfterIn, "location/preposition", roleLocation)}, "Haydan", "Sadah", "prune/qualifier"},
		{"qualifier", "in Kafr Nabl, Idleb.", []*place{mk(kafrNabl, "location/preposition", roleLocation), mk(idlibTown, "weak/named", roleWeak)}, "Kafr Nabl", "Idleb", "prune/qualifier"},
		{"area a town lies in", "control of Al-Nashabiyeh town in Eastern Ghouta.", []*place{mk(nashabiyeh, "location/preposition", roleLocation), mk(ghouta, "location/preposition", roleLocation)}, "Al-Nashabiyeh", "Eastern Ghouta", "prune/qualifier"},
		{"qualifier in brackets", "in Kafr Nabl (Idleb).", []*place{mk(kafrNabl, "location/preposition", roleLocation), mk(idlibTown, "weak/named", roleWeak)}, "Kafr Nabl", "Idleb", "prune/qualifier"},
		{"district (seat)", "hit Haydan district (Sadah).", []*place{mk(haydanP, "location/object", roleLocation), mk(sadahAfterComma, "weak/named", roleWeak)}, "Haydan", "Sadah", "prune/qualifier"},
		{"container", "", []*place{mk(aleppoP, "location/preposition", roleLocation), mk(syriaP, "location/preposition", roleLocation)}, "Aleppo", "Syria", "prune/container"},
		{"reference point", "", []*place{mk(dhibanP, "location/preposition", roleLocation), mk(deirP, "near/direction", roleNear)}, "Dhiban", "Deir ez-Zor", "prune/reference-point"},
		{"second name", "", []*place{mk(kobaniP, "location/preposition", roleLocation), mk(aynP, "weak/named", roleWeak)}, "Kobani", "Ayn al-Arab", "prune/second-name"},
		{"site near the town", "", []*place{mk(azaz, "location/preposition", roleLocation), mk(crossing, "near/preposition", roleNear)}, "Azaz", "Bab al-Salama", "prune/nearby-site"},
		{"open water", "", []*place{mk(seaP, "location/preposition", roleLocation), mk(aleppoP, "near/preposition", roleNear)}, "Aleppo", "Mediterranean", "prune/open-water"},
		// Each would give way to the other: the one written first stays.
		{"district of a city", "", []*place{mk(quarterP, "location/preposition", roleLocation), mk(cityP, "location/preposition", roleLocation)}, "Old Quarter", "Capital City", "prune/second-name"},
	}
	covered := map[string]bool{}
	for _, c := range cases {
		kept := prune(c.text, c.ps)
		if !in(c.keep, kept) || in(c.out, kept) {
			t.Errorf("%s: kept %d places", c.name, len(kept))
		}
		for _, x := range c.ps {
			if x.m.Text == c.out {
				covered[x.role.rule] = x.role.rule == c.rule
			}
		}
	}
	for _, r := range pruneRules {
		if !covered[r.name] {
			t.Errorf("prune rule %s has no passing test", r.name)
		}
	}
}

// TestQualifierIsNoList: a province's town after a comma qualifies the
// village before it, but not when a list goes on after it, nor when the
// towns lie in different provinces.
func TestQualifierIsNoList(t *testing.T) {
	mk := func(name, code, admin1 string, start int) *place {
		return &place{m: geoparse.Mention{Start: start, End: start + len(name), Text: name, Place: &gazetteer.Place{Name: name, Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: code, CountryCode: "SY", Admin1: admin1}}}}
	}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"in Kafr Nabl, Idlib.", true},
		{"in Kafr Nabl, Idlib and Hama.", false},
		{"in Aleppo, Idlib.", false}, // Aleppo lies in another province
		{"in Kafr Nabl and Idlib.", false},
		{"in Kafr Nabl, Idlib and arrested six.", true},       // "and" and a verb: no list
		{"in Kafr Nabl, Idlib, and the town of Hama.", false}, // the list goes on
	} {
		first := "Kafr Nabl"
		admin1 := "Idlib"
		if strings.Contains(c.text, "Aleppo") {
			first, admin1 = "Aleppo", "Aleppo"
		}
		b := mk(first, "PPL", admin1, 3)
		at := strings.Index(c.text, "Idlib")
		a := mk("Idlib", "PPLA", "Idlib", at)
		if got := qualifier(pruneCtx{text: c.text, ps: []*place{b, a}}, a, b); got != c.want {
			t.Errorf("%q: qualifier %v, want %v", c.text, got, c.want)
		}
	}
}

// TestQualifierChain: "Jinderes, Afrin, Aleppo" qualifies twice (a
// district's town near the village, then the province's); "Sagbama,
// Nembe, Yenagoa" is a list of three towns.
func TestQualifierChain(t *testing.T) {
	id := int64(9000100)
	pl := func(name, code, admin1 string, lat, lon float64, text string) *place {
		at := strings.Index(text, name)
		id++
		return &place{m: geoparse.Mention{Start: at, End: at + len(name), Text: name, Place: &gazetteer.Place{ID: id, Name: name, Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: code, CountryCode: "SY", Admin1: admin1}, Lat: lat, Lon: lon}}}
	}
	chain := "shelled Jinderes, Afrin, Aleppo."
	j, af, al := pl("Jinderes", "PPL", "Aleppo", 36.39, 36.69, chain), pl("Afrin", "PPLA2", "Aleppo", 36.51, 36.87, chain), pl("Aleppo", "PPLA", "Aleppo", 36.20, 37.16, chain)
	if kept := prune(chain, []*place{j, af, al}); len(kept) != 1 || kept[0] != j {
		t.Errorf("%q kept %d places, want Jinderes alone", chain, len(kept))
	}
	list := "barricaded offices in Sagbama, Nembe, Yenagoa."
	s, n, y := pl("Sagbama", "PPLA2", "Bayelsa", 5.16, 6.20, list), pl("Nembe", "PPLA2", "Bayelsa", 4.54, 6.40, list), pl("Yenagoa", "PPLA", "Bayelsa", 4.92, 6.26, list)
	if kept := prune(list, []*place{s, n, y}); len(kept) != 3 {
		t.Errorf("%q kept %d places, want the list's 3", list, len(kept))
	}
}

// TestInsideSkipsQualifier: a seat town inside a district is the more
// precise place of an event in the district, unless it only names the
// district's province ("hit Al Safra district (Sadah)").
func TestInsideSkipsQualifier(t *testing.T) {
	safra := &place{m: geoparse.Mention{Start: 4, End: 12, Text: "Al Safra", Place: &gazetteer.Place{ID: 9000031, Name: "As Safra",
		Attrs: &gazetteer.Attrs{FeatureClass: "A", FeatureCode: "ADM2", CountryCode: "YE", Admin1: "Sadah"}, Lat: 17.01, Lon: 43.84}},
		role: role{kind: roleLocation, rule: "location/object"}}
	sadah := func(start int) *place {
		return &place{m: geoparse.Mention{Start: start, End: start + 5, Text: "Sadah", Place: &gazetteer.Place{ID: 9000032, Name: "Sa'dah",
			Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPLA", CountryCode: "YE", Admin1: "Sadah"}, Lat: 16.94, Lon: 43.76}},
			role: role{kind: roleWeak, rule: "weak/named"}}
	}
	for _, tt := range []struct {
		text  string
		at    int
		wants bool // whether Sadah is the more precise place
	}{
		{"hit Al Safra district (Sadah).", 23, false},
		{"hit Al Safra district, Sadah.", 23, false},
		{"hit Al Safra district on the road to Sadah.", 37, true},
	} {
		got := inside(tt.text, []*place{safra}, []*place{sadah(tt.at)})
		if (len(got) == 1) != tt.wants {
			t.Errorf("%q: inside = %d places, want Sadah %v", tt.text, len(got), tt.wants)
		}
	}
}

// TestSiblingsKeepEachOther: two districts of one list are both places of
// the happening, though one's point lies within reach of the other ("the
// coalition shelled Shada and Baqim districts"); a district beside a town it
// holds, not listed with it, still gives way.
func TestSiblingsKeepEachOther(t *testing.T) {
	district := func(name string, start int, lat, lon float64) *place {
		return &place{m: geoparse.Mention{Start: start, End: start + len(name), Text: name, Place: &gazetteer.Place{ID: int64(9000060 + start), Name: name,
			Attrs: &gazetteer.Attrs{FeatureClass: "A", FeatureCode: "ADM2", CountryCode: "YE", Admin1: "Sadah"}, Lat: lat, Lon: lon}},
			role: role{kind: roleLocation, rule: "location/object"}}
	}
	town := func(name string, start int, lat, lon float64) *place {
		p := district(name, start, lat, lon)
		p.m.Place.Attrs = &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPL", CountryCode: "YE", Admin1: "Sadah"}
		return p
	}
	for _, tt := range []struct {
		text string
		ps   []*place
		keep int
	}{
		{"shelled Shada and Baqim districts.", []*place{district("Shada", 8, 16.89, 43.19), town("Baqim", 18, 17.32, 43.53)}, 2},
		{"shelled Shada, Baqim and Razih.", []*place{district("Shada", 8, 16.89, 43.19), town("Baqim", 15, 17.32, 43.53)}, 2},
		{"shelled Shada, Baqim.", []*place{district("Shada", 8, 16.89, 43.19), town("Baqim", 15, 17.32, 43.53)}, 1},
		{"shelled Shada near Baqim.", []*place{district("Shada", 8, 16.89, 43.19), town("Baqim", 19, 17.32, 43.53)}, 1},
	} {
		if got := len(prune(tt.text, tt.ps)); got != tt.keep {
			t.Errorf("%q: kept %d places, want %d", tt.text, got, tt.keep)
		}
	}
}
