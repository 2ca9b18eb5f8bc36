package geoparse

import (
	"strings"
	"unicode"
)

// armedGroup is an armed group, force or mission that fights or serves in
// one country: a report naming it is set there, even when it names no
// country ("SAF bomb Jawa", "al Shabaab attacked a base in Bulo Burte").
// Its names are never places themselves ("Boko", "Haram", "Hamas").
type armedGroup struct {
	country string   // ISO alpha-2
	names   []string // word sequences; an all-capitals word matches only in capitals
}

// armedGroups lists only groups tied to one country; Islamic State, al-Qaeda
// and the like, which fight in many, say nothing about where a text is.
var armedGroups = []armedGroup{
	{"SY", []string{"SDF", "YPG", "YPJ", "HTS", "Hayat Tahrir al-Sham", "Jabhat al-Nusra", "Nusra Front", "Free Syrian Army", "FSA", "Syrian Democratic Forces", "Jaish al-Islam", "Ahrar al-Sham",
		"Hurras al-Din", "Hurras ad-Din", "Huras al-Din", "Jaysh al-Izza", "Jaish al-Izza", "Faylaq al-Sham", "National Front for Liberation", "Nour al-Din al-Zenki", "Jaish al-Fatah",
		"Ahrar al-Sharqiya", "Hamza Division", "Sultan Murad Division", "Liwa al-Quds", "Tiger Forces", "Syrian Arab Army", "National Defence Forces"}},
	{"IQ", []string{"Peshmerga", "Hashd al-Shaabi", "Hashd", "PMF", "PMU", "Popular Mobilization Forces", "Popular Mobilisation Forces", "Popular Mobilization Units", "Kataib Hezbollah", "Asaib Ahl al-Haq",
		"Saraya al-Salam", "Badr Organization", "Kataib Sayyid al-Shuhada", "Harakat Hezbollah al-Nujaba", "Nujaba"}},
	{"YE", []string{"Houthi", "Houthis", "Ansar Allah", "AQAP", "Southern Transitional Council", "Security Belt Forces", "Giants Brigades", "Hadrami Elite Forces", "Shabwani Elite Forces"}},
	{"LB", []string{"Hezbollah", "Hizbollah", "Hizballah", "UNIFIL"}},
	{"PS", []string{"Hamas", "Fatah", "Islamic Jihad"}},
	{"LY", []string{"Libyan National Army", "LNA", "GNA", "Libya Dawn", "Petroleum Facilities Guard", "PFG"}},
	{"TR", []string{"PKK", "TAK"}},
	{"AF", []string{"Taliban", "ANDSF"}},
	{"MM", []string{"Tatmadaw", "Arakan Army", "Kachin Independence Army", "TNLA"}},
	{"SD", []string{"SAF", "RSF", "Rapid Support Forces", "Janjaweed", "SPLM-N", "SPLA-N", "SLM/A", "SLA/AW", "SLM-AW", "JEM", "UNAMID"}},
	{"SS", []string{"SPLA", "SPLA-IO", "SPLM-IO", "SPLA/M-IO", "SPLM/A-IO", "UNMISS"}},
	{"SO", []string{"al Shabaab", "al-Shabaab", "al Shabab", "al-Shabab", "Shabaab", "AMISOM"}},
	{"NG", []string{"Boko Haram", "ISWAP"}},
	{"ML", []string{"Ansar Dine", "MNLA", "MINUSMA", "JNIM"}},
	{"CF", []string{"Seleka", "ex-Seleka", "Anti-Balaka", "anti-Balaka", "MINUSCA", "FPRC"}},
	{"CD", []string{"FARDC", "FDLR", "M23", "Mai-Mai", "Mai Mai", "Raia Mutomboki", "MONUSCO", "ADF", "Allied Democratic Forces", "CODECO"}},
	{"BI", []string{"Imbonerakure"}},
	{"MZ", []string{"RENAMO", "Renamo", "FRELIMO"}},
	{"ET", []string{"ONLF", "OLF", "ENDF", "OLA", "Oromo Liberation Army", "TPLF", "Tigray Defense Forces", "Fano militia", "Fano militias", "Fano fighters", "Fano forces"}},
}

// groupPattern is one name of a group as the words to match.
type groupPattern struct {
	words   []string // as written; an all-capitals word is matched exactly, others folded
	country string
	why     string // why a span inside the name is no place
}

// groupIndex maps the lower-case first word of every group name to its
// patterns.
type groupIndex map[string][]groupPattern

func newGroupIndex() groupIndex {
	ix := groupIndex{}
	add := func(groups []armedGroup, why string) {
		for _, g := range groups {
			for _, n := range g.names {
				words := strings.FieldsFunc(n, func(r rune) bool { return r == ' ' || r == '-' || r == '/' })
				k := strings.ToLower(words[0])
				ix[k] = append(ix[k], groupPattern{words, g.country, why})
			}
		}
	}
	add(armedGroups, "armed group")
	add(homePeoples, whyPeople)
	return ix
}

// whyPeople is why a span inside a people's name is no place.
const whyPeople = "people of one country"

// groupFirstWords returns the lower-case first words of all group names,
// for the lexicon: one class look-up per word decides whether a group may
// start there.
func groupFirstWords() string {
	var b strings.Builder
	for k := range newGroupIndex() {
		b.WriteString(k)
		b.WriteByte(' ')
	}
	return b.String()
}

// lowerGroupStart reports the lower-case words a group name may start with.
func lowerGroupStart(w string) bool { return w == "al" || w == "anti" || w == "ex" }

// allCaps reports a word of two or more letters, all capitals ("SDF").
func allCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// findGroups records the countries of the armed groups and peoples the
// text names in d.groups and drops the spans inside their names.
func (p *Parser) findGroups(d *doc) {
	toks := d.toks
	si := 0 // first span that may overlap token i
	for i := 0; i < len(toks); i++ {
		d.work++
		// Group names start capitalised ("Boko Haram", "SDF") or with a
		// lower-case article or prefix ("al Shabaab", "anti-Balaka", "ex-Seleka").
		if !toks[i].is(fCap) && !lowerGroupStart(d.text[toks[i].start:toks[i].end]) || !d.in(p.lex.groupStart, i) {
			continue
		}
		pats := p.groups[string(d.lower(i))]
		if len(pats) == 0 {
			continue
		}
		for _, pat := range pats {
			n := len(pat.words)
			if i+n > len(toks) || !p.groupAt(d, i, pat) {
				continue
			}
			d.groups = appendUniqueString(d.groups, pat.country)
			clipUnmatched(d, i, i+n-1)
			for si < len(d.spans) && d.spans[si].last < i {
				si++
			}
			for k := si; k < len(d.spans) && d.spans[k].first < i+n; k++ {
				// A people's name inside a place's is the place's:
				// "Southern Ijaw Local Government Area".
				if pat.why == whyPeople && (d.spans[k].first < i || d.spans[k].last >= i+n) {
					continue
				}
				if !d.spans[k].drop {
					d.spans[k].drop, d.spans[k].why = true, pat.why
				}
			}
			i += n - 1
			break
		}
	}
}

// clipUnmatched keeps the words first..last of a group's name out of the
// capitalised runs tried by their spelling ("Hurras al-Din" is no village
// Ahras): a run starting in them starts after them, one running into
// them stops before them.
func clipUnmatched(d *doc, first, last int) {
	out := d.unmatched[:0]
	for _, u := range d.unmatched {
		if u[0] >= first && u[0] <= last {
			u[0] = last + 1
		} else if u[0] < first && u[1] >= first {
			u[1] = first - 1
		}
		if u[0] <= u[1] {
			out = append(out, u)
		}
	}
	d.unmatched = out
}

// groupAt reports whether the words of pat start at token i, adjacent.
func (p *Parser) groupAt(d *doc, i int, pat groupPattern) bool {
	for k, w := range pat.words {
		t := d.toks[i+k]
		if k > 0 && t.sep == sepComma {
			return false
		}
		got := d.text[t.start:t.end]
		if allCaps(w) {
			if got != w {
				return false
			}
		} else if !strings.EqualFold(got, w) {
			return false
		}
	}
	return true
}

func appendUniqueString(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
