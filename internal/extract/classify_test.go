package extract

import (
	"geoevents/internal/event"
	"slices"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		sentence, place string
		typ, sub        string
	}{
		// The four required examples from the source articles.
		{"In a dramatic turn of events in the ongoing Syrian civil war, rebel groups have reportedly taken control of Aleppo and have advanced towards Damascus, capturing a palace belonging to President Bashar al-Assad.", "Aleppo", event.TypeBattles, event.SubNonStateOvertakes},
		{"This resurgence of fighting has raised concerns about the stability of the region, particularly as Russian airstrikes have resumed for the first time since 2016, targeting opposition forces in Aleppo and Idlib.", "Aleppo", event.TypeExplosions, event.SubAirDroneStrike},
		{"This resurgence of fighting has raised concerns about the stability of the region, particularly as Russian airstrikes have resumed for the first time since 2016, targeting opposition forces in Aleppo and Idlib.", "Idlib", event.TypeExplosions, event.SubAirDroneStrike},
		{"In the aftermath, American helicopters were deployed to evacuate the wounded, transporting them to the Et-Tanf base—a U.S.-backed military outpost located near the borders of Syria, Iraq, and Jordan.", "Et-Tanf", event.TypeStrategicDevelopments, event.SubOther},
		{"According to reports from the Syrian television channel Syria TV, joint forces of Syria and the United States launched an attack in the ancient city, a site of immense historical and cultural significance.", "the ancient city", event.TypeBattles, event.SubArmedClash},
		{"As these talks unfold, the world watches closely, aware that the decisions made in Damascus and Moscow will shape the future of Syria for years to come.", "Damascus", event.TypeMention, ""},

		// Battles.
		{"Government troops recaptured Khan Shaykhun after a week of heavy fighting.", "Khan Shaykhun", event.TypeBattles, event.SubGovRegainsTerritory},
		{"The Syrian army retook the town of Maaloula from jihadist fighters on Sunday.", "Maaloula", event.TypeBattles, event.SubGovRegainsTerritory},
		{"Government forces re-took Sheikh Miskin from rebel factions on Monday.", "Sheikh Miskin", event.TypeBattles, event.SubGovRegainsTerritory},
		{"The army said it had ousted all the militant fighters from Sirte's port district on Friday.", "Sirte", event.TypeBattles, event.SubGovRegainsTerritory},
		{"Islamic State militants seized the desert town of Sukhnah overnight.", "Sukhnah", event.TypeBattles, event.SubNonStateOvertakes},
		{"Kobani fell to the SDF after a months-long battle.", "Kobani", event.TypeBattles, event.SubNonStateOvertakes},
		{"HTS fighters captured Saraqib, cutting the M5 highway.", "Saraqib", event.TypeBattles, event.SubNonStateOvertakes},
		{"Regime forces regained control of the eastern districts of Homs.", "Homs", event.TypeBattles, event.SubGovRegainsTerritory},
		{"Regime forces and allied militias captured the village of Tal Rifaat after clashes with rebels.", "Tal Rifaat", event.TypeBattles, event.SubGovRegainsTerritory},
		{"Rebels and allied fighters captured the village of Tal Rifaat from regime forces.", "Tal Rifaat", event.TypeBattles, event.SubNonStateOvertakes},
		{"Hashd al-Shaabi fighters recaptured the village of Tal Rifaat from IS militants.", "Tal Rifaat", event.TypeBattles, event.SubGovRegainsTerritory},
		{"Heavy clashes erupted between Kurdish fighters and Turkish-backed factions near Manbij.", "Manbij", event.TypeBattles, event.SubArmedClash},
		{"Rebels ambushed an army convoy on the road to Hama, local monitors reported.", "Hama", event.TypeBattles, event.SubArmedClash},
		{"A militant leader who joined the Islamic State group was killed in an army operation in Jableh.", "Jableh", event.TypeBattles, event.SubArmedClash},
		{"A farmer who was returning from his field was killed by gunmen in Jableh.", "Jableh", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Fighting continued for a third day around the airbase at Kuweires.", "Kuweires", event.TypeBattles, event.SubArmedClash},
		{"Insurgents launched a dawn offensive on government positions south of Daraa.", "Daraa", event.TypeBattles, event.SubArmedClash},
		{"Gunmen attacked a checkpoint manned by soldiers outside Suwayda.", "Suwayda", event.TypeBattles, event.SubArmedClash},
		{"The factions, grouped under the banner of the Syrian National Army, captured Manbij last week.", "Manbij", event.TypeBattles, event.SubNonStateOvertakes},

		// Explosions/Remote violence.
		{"A roadside bomb exploded under a minibus west of Deir ez-Zor on Monday.", "Deir ez-Zor", event.TypeExplosions, event.SubRemoteExplosive},
		{"A suicide bomber blew himself up at a checkpoint in Jableh.", "Jableh", event.TypeExplosions, event.SubSuicideBomb},
		{"Artillery shelled several villages in the countryside around Maarat al-Numan.", "Maarat al-Numan", event.TypeExplosions, event.SubShelling},
		{"Two drones struck a weapons depot in Albu Kamal before dawn.", "Albu Kamal", event.TypeExplosions, event.SubAirDroneStrike},
		{"Israeli missiles hit an air defence battery near Masyaf.", "Masyaf", event.TypeExplosions, event.SubShelling},
		{"Warplanes bombed the market in Ariha, a civil defence official said.", "Ariha", event.TypeExplosions, event.SubAirDroneStrike},
		{"Regime aircraft bombed Kafr Zita on Monday.", "Kafr Zita", event.TypeExplosions, event.SubAirDroneStrike},
		{"The Houthis fired two rockets at Najran on Monday.", "Najran", event.TypeExplosions, event.SubShelling},
		{"Al Shabaab fighters were spotted setting up two bases around Qandala.", "Qandala", event.TypeStrategicDevelopments, event.SubBaseEstablished},
		{"Rebel fighters were pulling out of the town of Qandala on Monday.", "Qandala", event.TypeStrategicDevelopments, event.SubNonViolentTransfer},
		{"Armed groups have engaged in abuses against the population in the Bozoum area.", "Bozoum", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"The market in Ariha was bombed by Russian aircraft on Monday.", "Ariha", event.TypeExplosions, event.SubAirDroneStrike},
		{"A grenade was thrown into a crowded cafe in Azaz.", "Azaz", event.TypeExplosions, event.SubGrenade},
		{"A landmine left over from the war killed a shepherd near Palmyra.", "Palmyra", event.TypeExplosions, event.SubRemoteExplosive},
		{"Mortar rounds landed in the Old City of Damascus.", "Damascus", event.TypeExplosions, event.SubShelling},
		{"An explosion rocked a fuel depot in Qamishli late on Sunday.", "Qamishli", event.TypeExplosions, event.SubRemoteExplosive},

		// Violence against civilians.
		{"Gunmen abducted two aid workers on the road between Idlib and Sarmada.", "Sarmada", event.TypeViolenceAgainstCivilians, event.SubAbduction},
		{"Militiamen executed eleven men in a village near Hama, a monitor said.", "Hama", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Unknown assailants shot dead a teacher in Daraa al-Balad.", "Daraa al-Balad", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Israeli forces shot and injured a Palestinian near the fence east of Khan Younis.", "Khan Younis", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Unidentified gunmen assassinated a former FSA commander in Tafas.", "Tafas", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"IS attacked an SDF checkpoint in Al-Shaddadi, killing 3 SDF members.", "Al-Shaddadi", event.TypeBattles, event.SubArmedClash},
		{"Hezbollah supporters attacked protesters with stones in downtown Beirut, injuring several.", "Beirut", event.TypeRiots, event.SubMobViolence},
		{"Protesters attacked police with stones in downtown Beirut.", "Beirut", event.TypeRiots, event.SubViolentDemonstration},
		{"Unidentified gunmen killed an FSA commander in Tafas.", "Tafas", event.TypeBattles, event.SubArmedClash},
		{"Regime forces arrested 10 civilians during a raid on Al-Sanamayn.", "Al-Sanamayn", event.TypeStrategicDevelopments, event.SubArrests},
		{"Soldiers raided Konduga, killing eight villagers and arresting five.", "Konduga", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Israeli forces shot and injured two Palestinian militants near Khan Younis.", "Khan Younis", event.TypeBattles, event.SubArmedClash},
		{"Women detained in Saydnaya reported sexual violence by guards.", "Saydnaya", event.TypeViolenceAgainstCivilians, event.SubSexualViolence},
		{"Armed men attacked residents returning to their homes in Afrin.", "Afrin", event.TypeViolenceAgainstCivilians, event.SubAttack},

		// Protests and riots.
		{"Hundreds of people protested in Suwayda against rising fuel prices.", "Suwayda", event.TypeProtests, event.SubPeacefulProtest},
		{"Demonstrators gathered outside the governorate building in Raqqa.", "Raqqa", event.TypeProtests, event.SubPeacefulProtest},
		{"Police fired tear gas to disperse a rally in Qamishli.", "Qamishli", event.TypeProtests, event.SubProtestIntervention},
		{"Security forces opened fire on protesters in Daraa, killing three.", "Daraa", event.TypeProtests, event.SubExcessiveForce},
		{"Rioters set fire to tyres and blocked roads in Jaramana.", "Jaramana", event.TypeRiots, event.SubViolentDemonstration},
		{"A mob beat a man accused of theft in Manbij.", "Manbij", event.TypeRiots, event.SubMobViolence},

		// Strategic developments.
		{"Russia and Turkey agreed a ceasefire for Idlib in March.", "Idlib", event.TypeStrategicDevelopments, event.SubAgreement},
		{"Security services arrested dozens of young men in Tell Rifaat.", "Tell Rifaat", event.TypeStrategicDevelopments, event.SubArrests},
		{"Turkish forces set up a new observation post near Atareb.", "Atareb", event.TypeStrategicDevelopments, event.SubBaseEstablished},
		{"Fighters looted shops and homes in Tal Abyad after the takeover.", "Tal Abyad", event.TypeStrategicDevelopments, event.SubLooting},
		{"Kurdish units withdrew from Tal Tamr under the Russian-brokered arrangement.", "Tal Tamr", event.TypeStrategicDevelopments, event.SubNonViolentTransfer},
		{"Two rebel brigades announced they had merged into a single force in Jisr al-Shughur.", "Jisr al-Shughur", event.TypeStrategicDevelopments, event.SubChangeToGroup},
		{"US troops stationed in Rmelan began new patrols along the border.", "Rmelan", event.TypeStrategicDevelopments, event.SubOther},
		{"Al Shabaab fighters gain control of Buulo Mareer after an army retreat.", "Buulo Mareer", event.TypeBattles, event.SubNonStateOvertakes},
		{"Armed men occupied the villages of the Bashali grouping near Masisi.", "Masisi", event.TypeBattles, event.SubNonStateOvertakes},
		{"Settlers in the occupied West Bank said the road near Nablus was quiet.", "Nablus", event.TypeMention, ""},
		{"UN helicopters engaged in several offensives against ADF rebels west of Beni.", "Beni", event.TypeBattles, event.SubArmedClash},
		{"The two communities sign a non-aggression pact in Kaga Bandoro.", "Kaga Bandoro", event.TypeStrategicDevelopments, event.SubAgreement},
		{"Police recover a cache of rifles from a house in Garissa.", "Garissa", event.TypeStrategicDevelopments, event.SubDisruptedWeapons},
		{"Militiamen burn homes in Djugu and loot livestock.", "Djugu", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"The army began to disarm tribal militias in Jebel Marra.", "Jebel Marra", event.TypeStrategicDevelopments, event.SubChangeToGroup},
		{"Iraqi troops \"pushed\" the jihadists out of two villages near Hit.", "Hit", event.TypeBattles, event.SubGovRegainsTerritory},
		{"Students joined a small group of marchers in Khartoum.", "Khartoum", event.TypeProtests, event.SubPeacefulProtest},
		{"Nine corpses were found dumped near the market in Kidal.", "Kidal", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Police open fire to scatter relatives who tried to storm the morgue in Bunia, killing a man.", "Bunia", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Gunmen fire on displaced children in a camp in Gereida.", "Gereida", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Islamic State militants tried to enter Derna but were repulsed by local forces.", "Derna", event.TypeBattles, event.SubArmedClash},
		{"Rebels withdrew, and militiamen were re-occupying the village of Busumba.", "Busumba", event.TypeBattles, event.SubNonStateOvertakes},
		{"Police fired tear gas to disperse a crowd in Kampala.", "Kampala", event.TypeProtests, event.SubProtestIntervention},
		{"Supporters stood outside the High Court in Pretoria in a show of support.", "Pretoria", event.TypeProtests, event.SubPeacefulProtest},
		{"Residents obstructed the circulation of vehicles in Mahdia.", "Mahdia", event.TypeProtests, event.SubPeacefulProtest},
		{"ANC members disrupted the meeting at a hall in Polokwane.", "Polokwane", event.TypeProtests, event.SubPeacefulProtest},
		{"Government forces overtake the areas around Jowhar.", "Jowhar", event.TypeBattles, event.SubGovRegainsTerritory},
		{"Suspected party supporters burnt down the house of an opposition member in Murehwa.", "Murehwa", event.TypeViolenceAgainstCivilians, event.SubAttack},
		{"Gunshots were reportedly heard in Ben Gardane between the army and armed militants.", "Ben Gardane", event.TypeBattles, event.SubArmedClash},
		{"The army conducted combing operations in the area of Oued Meliz.", "Oued Meliz", event.TypeStrategicDevelopments, event.SubOther},
		// A hedge word written as part of a name hedges nothing.
		{"Beauty Without Cruelty supporters picketed outside a wine farm in Paarl.", "Paarl", event.TypeProtests, event.SubPeacefulProtest},
		{"Reporters Without Borders said police beat two journalists in Goma.", "Goma", event.TypeViolenceAgainstCivilians, event.SubAttack},
		// The month after a trigger is no modal.
		{"Rebels shelled Benghazi on 27 May.", "Benghazi", event.TypeExplosions, event.SubShelling},
		{"Protesters rallied in Goma on May 3.", "Goma", event.TypeProtests, event.SubPeacefulProtest},
		{"May 3 protesters rallied in Goma.", "Goma", event.TypeProtests, event.SubPeacefulProtest},
		{"May protesters rally in Goma?", "Goma", event.TypeMention, ""},
		{"Air strikes on Benghazi may resume next week.", "Benghazi", event.TypeMention, ""},

		// Places merely named, and hedged or negated cues.
		{"Diplomats in Ankara and Moscow discussed the future of the region.", "Ankara", event.TypeMention, ""},
		{"Pentagon spokesperson Maj. Gen. Pat Ryder reiterated that the U.S. is not involved in the operations in Aleppo and called for de-escalation.", "Aleppo", event.TypeMention, ""},
		{"Analysts warn that an offensive on Hama could follow within weeks.", "Hama", event.TypeMention, ""},
		{"No rebels attacked Hama yesterday.", "Hama", event.TypeMention, ""},
		{"A fire on the roof of a hotel in Hama was put out within an hour.", "Hama", event.TypeMention, ""},
		{"The museum in Palmyra reopened its doors to visitors.", "Palmyra", event.TypeMention, ""},
		{"A tropical storm killed four people in Beira overnight.", "Beira", event.TypeMention, ""},
		{"The border crossing near Daraa was closed in August because of fighting in the province.", "Daraa", event.TypeMention, ""},
		{"In Moscow the Kremlin described the rebel advance on Hama as an attack on the country's sovereignty.", "Hama", event.TypeMention, ""},
		{"The minister said he was ready to cooperate with any leadership chosen by the people and to hand over Hama's institutions.", "Hama", event.TypeMention, ""},
		{"Doctors said the war had destroyed half of the clinics in Taiz.", "Taiz", event.TypeMention, ""},
		{"\"We fought for democracy,\" said a former student leader in Bobo-Dioulasso.", "Bobo-Dioulasso", event.TypeMention, ""},
		{"Refugees arrived with gunshot wounds at the border town of Adre.", "Adre", event.TypeMention, ""},
		{"Talks on the disarmament of the rebels are to open in Bamako next month.", "Bamako", event.TypeMention, ""},
		{"Residents of Rukban rely on irregular deliveries of flour and medicine.", "Rukban", event.TypeMention, ""},
		{"Families left Beirut because of rising costs and fear of Israeli strikes.", "Beirut", event.TypeMention, ""},
		{"Thousands of families from villages near the front line have fled toward Raqqa.", "Raqqa", event.TypeMention, ""},
		{"Armed men ambushed security patrols in the Latakia countryside.", "Latakia", event.TypeBattles, event.SubArmedClash},
	}
	if len(tests) < 40 {
		t.Fatalf("only %d cases", len(tests))
	}
	for _, tc := range tests {
		start := strings.Index(tc.sentence, tc.place)
		if start < 0 {
			t.Fatalf("%q not in %q", tc.place, tc.sentence)
		}
		typ, sub := Classify(tc.sentence, start, start+len(tc.place))
		if typ != tc.typ || sub != tc.sub {
			t.Errorf("Classify(%q @ %s) = %q/%q, want %q/%q", tc.sentence, tc.place, typ, sub, tc.typ, tc.sub)
		}
	}
}

func TestClassifyBadOffsets(t *testing.T) {
	for _, c := range [][2]int{{-5, 3}, {100, 200}, {5, 2}, {0, 0}} {
		typ, _ := Classify("Rebels seized Aleppo.", c[0], c[1])
		if typ == "" {
			t.Errorf("Classify with offsets %v returned an empty type", c)
		}
	}
}

// TestPrefilter checks that a rule's prefilter never rules out a sentence
// its regexp matches, and that most rules have a usable prefilter.
func TestPrefilter(t *testing.T) {
	sentences := []string{
		"Rebels recaptured the town after an AIR-STRIKE and an IED blast; a suicide car bomber struck.",
		"Protesters threw stones as police fired tear gas; a mob lynched a man; troops stationed in Rmelan.",
		"Gunmen abducted women and RAPED them; militias executed villagers; Kobani fell to the SDF.",
		"A cease-fire was agreed; looters torched homes; forces withdrew from Tal Tamr; units merged.",
	}
	stemIndex() // compiles the trigger table
	withStems := 0
	for i, ru := range triggers {
		if ru.pre.stems != nil {
			withStems++
		}
		for _, s := range sentences {
			if ru.re.MatchString(s) && !ru.pre.mayMatch(strings.ToLower(s)) {
				t.Errorf("trigger %d (%s): prefilter %q rules out a match in %q", i, ru.name, ru.pre.stems, s)
			}
		}
	}
	if withStems < len(triggers)-2 {
		t.Errorf("only %d of %d triggers have prefilter stems", withStems, len(triggers))
	}
	for i, ru := range triggers {
		if !ru.pre.anchored {
			t.Errorf("trigger %d (%s) has no stem-anchored search", i, ru.name)
		}
		for _, s := range sentences {
			fast := ru.pre.matches(ru.re, s, asciiLower(s))
			for _, loc := range ru.re.FindAllStringIndex(s, -1) {
				if !slices.Contains(fast, [2]int{loc[0], loc[1]}) {
					t.Errorf("rule %d: anchored search misses %v in %q", i, loc, s)
				}
			}
		}
	}
	for _, p := range actorRules {
		if p.re.prefilter().stems == nil {
			t.Errorf("actor %s has no prefilter", p.name)
		}
	}
}

func FuzzPrefilter(f *testing.F) {
	f.Add("Rebels recaptured Aleppo after air strikes.")
	f.Add("ISIS and the SDF clashed; U.S. forces and HTS")
	f.Add("Warplanes bombed the AIRSTRIKE-hit town; an IED and a vIED")
	f.Fuzz(func(t *testing.T, s string) {
		lower := strings.ToLower(s)
		for i, ru := range triggers {
			if ru.re.MatchString(s) && !ru.pre.mayMatch(lower) {
				t.Fatalf("rule %d prefilter %q rules out a match in %q", i, ru.pre.stems, s)
			}
			// The stem-anchored search finds every match a full scan finds.
			fast := ru.pre.matches(ru.re, s, asciiLower(s))
			for _, loc := range ru.re.FindAllStringIndex(s, -1) {
				if !slices.Contains(fast, [2]int{loc[0], loc[1]}) {
					t.Fatalf("rule %d: anchored search misses %v in %q (found %v)", i, loc, s, fast)
				}
			}
		}
		for _, p := range actorRules {
			if p.re.MatchString(s) && !p.re.prefilter().mayMatch(lower) {
				t.Fatalf("actor %s prefilter rules out a match in %q", p.name, s)
			}
		}
	})
}
