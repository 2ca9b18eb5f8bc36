package extract

import (
	"testing"
)

// TestFatalities checks ACLED's conventions for counting the dead of one
// incident's text, and that every reading rule is exercised.
func TestFatalities(t *testing.T) {
	tests := []struct {
		text string
		want int
		rule string // a rule among those counted ("" when none)
	}{
		// Digits and number words, before or after the death word.
		{"Gunmen killed 3 farmers near the village.", 3, "fatalities/killed-n"},
		{"Gunmen killed three farmers near the village.", 3, "fatalities/killed-n"},
		{"7 rebels killed, 11 wounded.", 7, "fatalities/n-killed"},
		{"SAF bomb Golo. 1 killed 1 wounded.", 1, "fatalities/n-killed"},
		{"Relative of chief negotiator of SPLM/A-IO shot dead in Juba.", 1, "fatalities/one-killed"},
		{"Local official killed in Kismayo.", 1, "fatalities/one-killed"},
		{"Members of the militia shot dead in Juba.", 0, ""},
		{"Two people were killed in the raid.", 2, "fatalities/n-killed"},
		{"The blast killed twenty-one people.", 21, "fatalities/killed-n"},
		{"About 2 000 residents marched; 2,000 were killed later.", 2000, "fatalities/n-killed"},
		// A bare passive with words after it that are no object.
		{"Army convoy hit a landmine. 4 soldiers killed including a lieutenant.", 4, "fatalities/n-killed"},
		{"Two civilians killed last night near the market.", 2, "fatalities/n-killed"},
		// Numbers that count no people, and a list that becomes another act.
		{"Gunmen attacked the settlement, killing 20 herdsmen and 83 cows.", 20, "fatalities/killed-n"},
		{"The commander of the 115 Brigade and four other members of his unit were killed in an explosion.", 4, "fatalities/n-killed"},
		{"FRPI militiamen killed 1, assaulted 3 others, and looted houses.", 1, "fatalities/killed-n"},
		{"Military forces kill 15, arrest 12 and recover weapons.", 15, "fatalities/killed-n"},
		{"Gunmen killed 3 villagers and 2 soldiers.", 5, "fatalities/killed-n"},
		{"Gunmen killed two men and cows.", 2, "fatalities/killed-n"},
		{"Security forces defused a bomb on the bridge. No injuries or deaths were reported.", 0, ""},
		{"Rioters blocked traffic after a motorist killed a number of cattle.", 0, ""},
		{"Police torched 140 houses, allegedly in retaliation for the death of a police officer.", 0, ""},
		{"Traders took to the streets protesting the reported death of one of their colleagues.", 0, ""},
		{"Students staged a protest to denounce the death of a colleague.", 0, ""},
		{"Hundreds chanted slogans at the funeral of a doctor killed by policemen.", 0, ""},
		{"Hundreds gathered and chanted at the funeral of a doctor killed by policemen.", 0, ""},
		{"Warplanes bombed a base near Afgooye on the evening of 13/05, no reported dead.", 0, ""},
		{"5 rebels wounded. Unknown if military suffered casualties.", 0, ""},
		{"Five presidential candidates called a \"dead city\" strike in the capital.", 0, ""},
		{"A vigilante mob attacks and set ablaze a suspected kidnapper in the village.", 1, "fatalities/burned-alive"},
		{"Burned body of the hospital's medical director found.", 1, "fatalities/body-found"},
		{"Body found in Hai 50 near Wau.", 1, "fatalities/body-found"},
		{"A soldier was stoned to death near Brits.", 1, "fatalities/one-killed"},
		{"A Hausa trader, along with his Fulani business partner are killed by militia.", 2, "fatalities/pair-killed"},
		{"IS posted pictures of what it says was the execution of two men caught spying.", 2, "fatalities/killed-n"},
		{"A municipal worker, attending to a complaint, was killed and another injured.", 1, "fatalities/one-killed"},
		{"The party said in a statement, citing witnesses, that the men were killed protesting.", 0, ""},
		{"Police killed three militants while arresting them for an attempted assassination of a university official.", 3, "fatalities/killed-n"},
		{"Supporters barricaded his house, preventing execution of the arrest and search warrants.", 0, ""},
		{"Residents set ablaze a car belonging to a local fetish priest.", 0, ""},
		{"Unknown men set on fire the local offices of Ennahda in Zaafrane.", 0, ""},
		{"The group accused the forces of \"assassinating\" a gynecologist in Fayoum.", 1, "fatalities/killed-one"},
		{"Militants killed a police colonel and a conscript in Tanta.", 2, "fatalities/killed-one"},
		// Victims after "the killing of", "the death of": counted, or one
		// named person; an earlier or investigated death is background.
		{"The military announced the killing of 29 militants in Arish.", 29, "fatalities/killed-n"},
		{"Clashes in Sabratha resulted in the death of Mohamed Falah, a colleague of an IS activist.", 1, "fatalities/killed-one"},
		{"Protests were held in Oicha following the killing of 17 people in Luna.", 0, ""},
		{"He had worked on an investigation into the murder of three nuns in Bujumbura.", 0, ""},
		// Coordinated participles and pronoun subjects.
		{"At least 7 men detained and killed by government forces in Lui.", 7, "fatalities/n-killed"},
		{"Five men were abducted and killed by militiamen.", 5, "fatalities/n-killed"},
		{"Three soldiers wounded and killed in the raid.", 0, ""},
		{"Gunmen attacked a trader in the market. He was killed instantly.", 1, "fatalities/one-died"},
		{"A suspect is released by police and he is attacked and killed by vigilantes.", 1, "fatalities/one-killed"},
		{"A vigilante group lynches a suspected thief in the Apo area.", 1, "fatalities/killed-one"},
		// The body a group belongs to, after "of"; one more victim after a
		// list's figures; two people as a plural subject.
		{"Clashes in Benghazi: 20 members of the BRSC died.", 20, "fatalities/n-killed"},
		{"Nine soldiers of Battalion 302 died in the fighting.", 9, "fatalities/n-killed"},
		{"A source said that 9 soldiers died, while 20 members of the BRSC died.", 29, "fatalities/n-killed"},
		{"Clashes killed 9 soldiers; in all 20 people died.", 20, "fatalities/n-killed"},
		{"Two members of the committee were arrested in Beni.", 0, ""},
		{"Two soldiers and a civilian were killed in an ambush.", 3, "fatalities/n-killed"},
		// A definite plural subject restates victims told before; a definite
		// singular one still counts.
		{"The militants were killed after troops surrounded the house.", 0, ""},
		{"The dead are believed to have been executed by the militia.", 0, ""},
		{"The victim was killed by a stray bullet.", 1, "fatalities/one-killed"},
		// A part of the toll after "including" is no addition to it.
		{"Five civilians, including 3 children, were killed when a shell hit their house.", 5, "fatalities/n-killed"},
		{"Seven people including two women were killed in the raid.", 7, "fatalities/n-killed"},
		{"Twelve people, among them four women, were killed in the raid.", 12, "fatalities/n-killed"},
		{"A shell killed seven people. Among the dead were two children.", 7, "fatalities/killed-n"},
		// Deaths said to have happened without a figure: ACLED's 10. Whether
		// there were any, unknown, is none.
		{"Gunmen clashed with soldiers at the junction, causing undisclosed casualties.", 10, "fatalities/vague"},
		{"Militants and troops clashed, leaving a 'number of deaths'.", 10, "fatalities/vague"},
		{"\"Some\" militants were killed in the attack, others injured.", 10, "fatalities/vague"},
		{"Gunmen attacked the post overnight. Casualties unknown.", 0, ""},
		{"Three soldiers and a civilian were wounded in an ambush.", 0, ""},
		{"A pastor of the CBCA and his brother were killed by gunmen.", 2, "fatalities/pair-killed"},
		{"The pastor and his brother was killed by gunmen.", 1, "fatalities/one-killed"},
		{"An army officer and a soldier were killed in a bomb attack.", 2, "fatalities/pair-killed"},
		{"Gunmen shoot and kill a police officer and his civilian companion.", 2, "fatalities/killed-one"},
		{"The army killed 20 bandits and recovered 12 rifles after a fierce encounter.", 20, "fatalities/killed-n"},
		{"Soldiers killed 4 militants, 12 rifles and two vehicles were seized.", 4, "fatalities/killed-n"},
		{"Members of IPOB kidnap and kill five Hausa-Fulani motorcycle operators.", 5, "fatalities/killed-n"},
		// People set ablaze or burned alive; a death caused; a fatal wound.
		{"A mob set three suspected thieves ablaze in Warri.", 3, "fatalities/burned-alive"},
		{"A vigilante mob set a suspected thief ablaze.", 1, "fatalities/burned-alive"},
		{"Militiamen set 20 houses ablaze and burned the market.", 0, ""},
		{"Militiamen captured three rebels and burned them alive.", 0, ""},
		{"Gunmen burned two women alive in the village.", 2, "fatalities/burned-alive"},
		{"Party violence at a political rally in Dobi causes one death.", 1, "fatalities/one-death"},
		{"A civilian sustained a fatal injury when police opened fire.", 1, "fatalities/fatal-wound"},
		{"Two men suffered fatal gunshot wounds in the raid.", 2, "fatalities/fatal-wound"},
		// A part of a group: the part counts.
		{"Three of the 12 soldiers were killed in the raid.", 3, "fatalities/n-killed"},
		{"Two of his guards were killed in the raid.", 2, "fatalities/n-killed"},
		{"Some of the IS elements were killed, others were arrested.", 10, "fatalities/n-killed"},
		// "to death" with its object after it, in the present as ACLED writes.
		{"Military intelligence torture and burn to death a member of the tribe.", 1, "fatalities/killed-one"},
		// At least N, ranges, alternatives.
		{"At least 12 civilians were killed.", 12, "fatalities/n-killed"},
		{"The raid killed between eight and 12 villagers.", 8, "fatalities/killed-n"},
		{"Between 12-15 soldiers were killed.", 12, "fatalities/n-killed"},
		{"Six police (or seven, another outlet said) officers are killed.", 6, "fatalities/n-killed"},
		// Sums across victims, and a toll that covers them.
		{"Seven civilians and three soldiers were killed.", 10, "fatalities/n-killed"},
		{"The attack killed 15 soldiers and 3 civilians.", 18, "fatalities/killed-n"},
		{"Shelling killed a woman and her three children.", 4, "fatalities/killed-one"},
		{"Troops fired on a minibus, killing two men, a 70 year old farmer and a young boy.", 4, "fatalities/killed-n"},
		// One victim named with an article, however long the phrase.
		{"Police allegedly beat to death a trader in the market.", 1, "fatalities/killed-one"},
		{"Gunmen shoot and kill a former Borno State lawmaker.", 1, "fatalities/killed-one"},
		{"Unknown gunmen assassinated a local council chairman.", 1, "fatalities/killed-one"},
		{"Unknown group killed former local official in the town.", 1, "fatalities/killed-one"},
		{"The army killed another militant in the combing operation.", 1, "fatalities/killed-one"},
		{"A deputy commander of the Derna Mujahideen Shura Council was killed in clashes.", 1, "fatalities/one-killed"},
		{"The body of a missing journalist was found near the river.", 1, "fatalities/killed-one"},
		// Reported, believed: the figure before still counts.
		{"Three guards are reported to have been killed in the raid.", 3, "fatalities/n-killed"},
		{"Troops and rebels clash near the border, 14 reported dead.", 14, "fatalities/n-killed"},
		{"Gunmen killed five worshippers and the pastor.", 6, "fatalities/killed-n"},
		{"Gunmen killed 21 fighters. Six militants also died in the assault.", 27, "fatalities/n-killed"},
		{"Two soldiers were killed. The death toll rose to 15.", 15, "fatalities/toll"},
		// One person.
		{"Gunmen shot dead a village mukhtar.", 1, "fatalities/killed-one"},
		{"A Libyan army colonel was murdered on 30 April.", 1, "fatalities/one-killed"},
		{"Woman killed and 2 injured in shooting.", 1, "fatalities/one-killed"},
		{"He later died in hospital.", 1, "fatalities/one-died"},
		{"A mob burned 2 suspected thieves to death.", 2, "fatalities/to-death"},
		// A pronoun or a possessive after the death verb; lynching kills;
		// one body found; a participle that qualifies the victims.
		{"Gunmen stormed the house of a judge in the town, killing him.", 1, "fatalities/killed-one"},
		{"Bandits ambushed a truck, killing its driver and wounding 4.", 1, "fatalities/killed-one"},
		{"Residents lynched a suspected thief near the market.", 1, "fatalities/killed-one"},
		{"A body was found dumped near the bridge.", 1, "fatalities/body-found"},
		{"Her body was found the next morning by farmers.", 1, "fatalities/body-found"},
		{"3 displaced women shot dead on the road to the camp.", 3, "fatalities/n-killed"},
		{"Four wounded soldiers died on the way to the clinic.", 4, "fatalities/n-killed"},
		{"Three suspected robbers were beaten and killed by a crowd.", 3, "fatalities/n-killed"},
		{`A police officer and two guards were "killed" in the attack.`, 3, "fatalities/n-killed"},
		{"The feud between the two clans claimed 14 lives last week.", 14, "fatalities/lives"},
		{"The ambush cost at least nine lives.", 9, "fatalities/lives"},
		{"A suicide bomber blew himself up at the gate, killing himself and 12 worshippers.", 13, "fatalities/killed-one"},
		{"The bomber detonated his vest, killing only himself.", 1, "fatalities/killed-one"},
		{"A mob lynched to death 4 men accused of theft.", 4, "fatalities/killed-n"},
		{"Police fatally shot a protester near the square.", 1, "fatalities/killed-one"},
		{"Government troops suffered an unknown number of losses.", 10, "fatalities/vague"},
		{"The blast caused casualties including deaths, exact numbers not known.", 10, "fatalities/vague"},
		{"Rebels clashed with the army near the border. Unknown number killed.", 10, "fatalities/vague"},
		{"Air and ground clashes in the hills. Heavy casualities.", 10, "fatalities/vague"},
		{"Gunmen kill trader in the market of the town.", 1, "fatalities/killed-one"},
		{"Dead body of young man found near the river bank.", 1, "fatalities/body-found"},
		{"Gunmen attacked a bus on the highway. Driver presumed dead.", 1, "fatalities/one-killed"},
		{"The only casualty was a farmer, who was injured and later died in hospital.", 1, "fatalities/one-died"},
		{"Opposition councillor Jean Mbeki Ndayisenga shot dead outside his home.", 1, "fatalities/one-killed"},
		{"Local party official Amos Kariuki was shot dead in the market.", 1, "fatalities/one-killed"},
		{"A commander of the Islamic State group (IS) was killed in clashes near the port.", 1, "fatalities/one-killed"},
		{"A member of the security forces of the unity government was killed in a blast.", 1, "fatalities/one-killed"},
		{"Unknown gunmen killed farmer on his way home.", 1, "fatalities/killed-one"},
		// Attempts and threats kill no one; a body that decides is an organisation.
		{"Residents tried to lynch a suspected thief but police rescued him.", 0, ""},
		{"Gunmen attempted to kill a judge in the town.", 0, ""},
		{"A crowd nearly lynched a man accused of theft.", 0, ""},
		{"The electoral body was found to have broken no rule.", 0, ""},
		// Vague quantities by ACLED's rule.
		{"Several soldiers were killed in the clashes.", 10, "fatalities/n-killed"},
		{"Dozens of fighters were killed.", 12, "fatalities/n-killed"},
		{"Hundreds were killed in the massacre.", 100, "fatalities/n-killed"},
		{"Both sides suffered heavy losses.", 10, "fatalities/vague"},
		{"Unknown number of soldiers killed.", 10, "fatalities/n-killed"},
		{"Casualties reported, exact figures not known.", 10, "fatalities/vague"},
		{"Al Shabaab claimed 'many' killed, though reports indicate three dead.", 3, "fatalities/n-killed"},
		{"37 soldiers and militiamen killed or wounded.", 10, "fatalities/killed-or-wounded"},
		// Wounded are not killed; neither are earlier or summary deaths.
		{"Five people were wounded in the attack.", 0, ""},
		{"The clash left six others in critical condition.", 0, ""},
		{"No casualties were reported.", 0, ""},
		{"A soldier was killed after pursuing tribesmen responsible for killing 9 IDPs.", 1, "fatalities/one-killed"},
		{"Zelensky said 137 Ukrainians had been killed across the country.", 0, ""},
		{"The war has killed hundreds of thousands since 2003.", 0, ""},
		{"Seven civilians were killed; three children were among the dead.", 7, "fatalities/n-killed"},
		{"Four people killed (two fatalities recorded in other events).", 4, "fatalities/n-killed"},
		{"The alliance said 40 of its fighters had died in the seven-week battle for the town.", 0, ""},
		{"Some 300 soldiers were killed over the past three months.", 0, ""},
		// Numbers that count no one.
		{"Gunmen armed with AK-47 rifles shot and killed a pregnant woman.", 1, "fatalities/killed-one"},
		{"On 18 July, two soldiers were killed by sniper fire.", 2, "fatalities/n-killed"},
		{"An IED killed 2 PMF members in Tuz Khurmatu.", 2, "fatalities/killed-n"},
		{"Gunmen attacked at 10 pm, killing one.", 1, "fatalities/killed-n"},
		{"Vigilantes beat a presumed pickpocket who later died of his injuries.", 1, "fatalities/one-died"},
		{"Two men were shot; both survived their wounds.", 0, ""},
	}
	seen := map[string]bool{}
	for _, tc := range tests {
		n, used := countFatalities(deathsIn(tc.text))
		ok := tc.rule == "" && len(used) == 0
		for _, d := range used {
			seen[d.rule] = true
			ok = ok || d.rule == tc.rule
		}
		if n != tc.want || !ok {
			t.Errorf("%q: %d %+v, want %d by %s", tc.text, n, used, tc.want, tc.rule)
		}
	}
	for _, r := range []string{"fatalities/killed-n", "fatalities/n-killed", "fatalities/killed-one", "fatalities/one-killed",
		"fatalities/one-died", "fatalities/to-death", "fatalities/toll", "fatalities/vague", "fatalities/killed-or-wounded"} {
		if !seen[r] {
			t.Errorf("rule %s is not exercised", r)
		}
	}
}

// TestParseQuantity checks number words, ranges and ACLED's vague figures.
func TestParseQuantity(t *testing.T) {
	for _, c := range []struct {
		s     string
		n     int
		vague bool
	}{
		{"12", 12, false}, {"1,250", 1250, false}, {"twenty-one", 21, false}, {"a dozen", 12, false},
		{"at least 7", 7, false}, {"12-15", 12, false}, {"between 3 and 5", 3, false}, {"several", 10, true},
		{"dozens of", 12, true}, {"hundreds of", 100, true}, {"an unknown number of", 10, true},
	} {
		loc := reQuantity.FindStringSubmatchIndex(c.s)
		if loc == nil {
			t.Errorf("%q: no quantity", c.s)
			continue
		}
		q, ok := parseQuantity(c.s, loc)
		if !ok || q.n != c.n || q.vague != c.vague {
			t.Errorf("%q: %+v %v, want %d vague=%v", c.s, q, ok, c.n, c.vague)
		}
	}
}

// FuzzFatalities: any text gives a count of zero or more, never a panic.
func FuzzFatalities(f *testing.F) {
	for _, s := range []string{"killing 3, and leaving 5 wounded", "Seven civilians and three soldiers were killed.", "between 1 and", "killed \xff 9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, used := countFatalities(deathsIn(s))
		if n < 0 || n > 0 && len(used) == 0 {
			t.Fatalf("%q: %d from %+v", s, n, used)
		}
	})
}
