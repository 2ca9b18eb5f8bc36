package extract

import (
	"strings"

	"geoevents/gazetteer"
	"geoevents/internal/geoparse"
)

// A country or capital named as a state acting ("Russia has moved",
// "forces of Syria and the United States", "talks with Russia", "Syria's
// Foreign Ministry") names an actor, not a location.
var (
	reActorBefore    = pat(`(?i)\b(?:forces|troops|army|armies|military|militaries|government|governments|officials|ministry|president|leaders?|leadership|involvement|presence|influence|interests|objectives|goals|aims|ambitions|motives|intentions|calculations|role|ambassador|embassy|allies|ally|backing|support|negotiations|talks|agreements?|relations|ties|deal|cooperation|with|against|by|accused|accuses|accusing|blamed|blames|blaming|urged|urges|warned|warns|criticised|criticized|condemned|condemns|sanctioned|threatened|threatens)\s+(?:of\s+)?(?:the\s+)?$`)
	reActorAndPrior  = pat(`(?i)^,?\s+and\s+(?:the\s+)?$`)
	reActorAfter     = pat(`(?i)^\s+(?:has|have|had|is|was|were|are|said|says|will|would|could|may|might|must|should|launched|launches|continues|continued|announced|announces|denied|denies|confirmed|confirms|accused|accuses|warned|warns|sent|sends|moved|deployed|finds|found|became|becomes|remains|remained|maintained|maintains|supports|supported|backed|backs|called|calls|urged|urges|insisted|also|does|did|wants|seeks|sought|claimed|claims|vowed|agreed|signed|rejected|condemned|demanded|blames|blamed|summoned|summons)\b`)
	reActorNounAfter = pat(`(?i)^\.?(?:-(?:backed|led|trained|funded|brokered|supported|allied|sponsored)\b|(?:'s|’s)\s+(?:[\w-]+\s+)?(?:offensive|campaign|operation|incursion|invasion|assault|bombardment|intervention|air ?strikes?|strikes|retaliation)\b|\s+(?:\w+\s+)?(?:military|forces|troops|army|government|officials|president|administration|ministry|foreign ministry|defence ministry|defense ministry|envoy|embassy|ambassador|leaders?|leadership|authorities|diplomats|warplanes|jets|drones|navy|air force|spokesperson|spokesman|operations|concerns|interests|strategy|policy|sanctions|support|involvement|intelligence|diplomacy|allies|partners|commanders?|soldiers|personnel|coalition|commandos?|special forces)\b|\s+(?:drone|strikes?|air ?strikes?|airstrikes?|raids?|bombing|bombardment|missiles?|shelling|artillery|warships?)\b)`)
	// reStateNounAfter: a state's armed or governing body after a
	// country's adjective makes the state an actor ("Syrian warplanes",
	// "Nigerian security forces"); other nouns do not ("Nigerian Medical
	// Association", "Syrian refugees").
	reStateNounAfter = pat(`(?i)^\s+(?:[\w-]+\s+)?(?:military|forces|troops|army|armed forces|soldiers|warplanes|jets|aircraft|air ?force|navy|police|policemen|gendarmes?|gendarmerie|artillery|drones?|helicopters?|marines|regime|government|authorities|officials|security|border guards?|coast ?guard|intelligence|commandos?)\b`)
	// reFunctionWordAfter: a preposition or conjunction right after the
	// name starts another phrase ("marched in Harare in support of …",
	// "clashes erupted in eastern Ivory Coast between military forces and
	// residents"), so a state's noun after it is not the name's.
	reFunctionWordAfter = pat(`(?i)^\s+(?:in|on|at|for|of|to|with|from|by|and|or|as|after|before|during|over|against|between|among|amid|near|where|when|while|including|following|since|until|through|across|into)\s`)
	reLocativeBefore    = pat(`(?i)\b(?:in|at|near|inside|into|across|throughout|to|toward|towards|within|from|around|outside|over|of|on)\s+(?:the\s+)?$`)
	reSentenceEnd       = pat(`[.!?]["”’)]*\s+["“(]?[A-Z]`)
	reHyphenPairAfter   = pat(`^[-–][A-Z]`)
	reHyphenPairBefore  = pat(`[A-Za-z][-–]$`)
	rePossessive        = pat(`^(?:'s|’s)\s+([\w-]+)`)
	geoNouns            = map[string]bool{
		"second-largest": true, "largest": true, "capital": true, "city": true, "cities": true, "north": true,
		"south": true, "east": true, "west": true, "northern": true, "southern": true, "eastern": true,
		"western": true, "northeast": true, "northwest": true, "southeast": true, "southwest": true,
		"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true, "central": true,
		"border": true, "borders": true, "coast": true, "coastal": true, "territory": true, "countryside": true,
		"province": true, "provinces": true, "desert": true, "interior": true, "airspace": true, "towns": true,
		"villages": true, "largest-ever": true, "border-crossing": true, "oil": true, "east-west": true,
	}
)

// isActorUse reports whether a literal mention of a country or capital
// names a state acting rather than a location. prevActor is the end of the
// previous mention used as an actor, for "forces of Syria and the United
// States".
func isActorUse(text string, m geoparse.Mention, prevActor int) bool {
	p := m.Place
	if !strings.HasPrefix(p.FeatureCode, "PCL") && p.FeatureCode != "PPLC" {
		return false
	}
	before := text[max(0, m.Start-60):m.Start]
	after := text[m.End:min(len(text), m.End+40)]
	if loc := reSentenceEnd.FindStringIndex(after); loc != nil {
		after = after[:loc[0]] // the next sentence says nothing of this mention
	}
	if prevActor >= 0 && prevActor <= m.Start && reActorAndPrior.MatchString(text[prevActor:m.Start]) {
		return true
	}
	if reHyphenPairAfter.MatchString(text[m.End:min(len(text), m.End+3)]) || reHyphenPairBefore.MatchString(text[max(0, m.Start-3):m.Start]) {
		return true // "Syria-US joint attack", "US-Russia talks": the two states
	}
	if reActorBefore.MatchString(before) || reActorNounAfter.MatchString(after) && !reFunctionWordAfter.MatchString(after) {
		return true
	}
	if reLocativeBefore.MatchString(before) {
		return false
	}
	if pm := rePossessive.FindStringSubmatch(after); pm != nil {
		return !geoNouns[strings.ToLower(pm[1])]
	}
	return reActorAfter.MatchString(after)
}

// isCountry reports whether a place is a country.
func isCountry(p *gazetteer.Place) bool { return strings.HasPrefix(p.FeatureCode, "PCL") }

// isArea reports whether a place is an administrative area or a country:
// a container of the towns in it, located at its centre.
func isArea(p *gazetteer.Place) bool {
	return p.FeatureClass == "A" || isCountry(p) || strings.HasPrefix(p.FeatureCode, "ADM")
}
