package geoparse_test

import "testing"

// TestPlaceSigns: each sign that keeps a name another rule would drop, and
// the names it must still leave alone.
func TestPlaceSigns(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{rule: "an end of a route: two names before road", text: "Gunmen ambushed a lorry on the Yambio-Nzara road at dawn.",
			want: []placeWant{{text: "Yambio", country: "SS"}, {text: "Nzara", country: "SS"}}},
		{rule: "an end of a route: three names before axis", text: "Soldiers patrolled the Bama-Banki-Kumshe axis after the raid.",
			want: []placeWant{{text: "Bama", country: "NG"}, {text: "Banki", country: "NG"}}},
		{rule: "no route noun: a person's double name", text: "Spokesman Joaquin Navarro-Valls said the talks went well.",
			absent: []string{"Navarro", "Valls"}},
	})
}

// TestTypeSuffixes: the words of a place's type that follow its name belong
// to the mention.
func TestTypeSuffixes(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{rule: "Local Government Area", text: "Herders attacked two villages in Konduga Local Government Area of Borno State.",
			want: []placeWant{{text: "Konduga Local Government Area", country: "NG", lat: 11.65, lon: 13.42}}},
		{rule: "LGA", text: "Armed men raided a market in Gwoza LGA of Borno State on Friday.",
			want: []placeWant{{text: "Gwoza LGA", country: "NG"}}},
		{rule: "Sub-division", text: "Militants burned houses in Kolofata Sub-division overnight.",
			want: []placeWant{{text: "Kolofata Sub-division", country: "CM"}}},
		{rule: "a direction takes no type", text: "Youths protested in Samburu North Sub County over jobs.",
			absent: []string{"North Sub County", "North"}},
	})
}

// TestArabicArticleNotAFirstName: "Ed" before a place the gazetteer reads
// with its article is the article, not a person's first name.
func TestArabicArticleNotAFirstName(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{rule: "Ed Damazin", text: "Traders in Ed Damazin closed their shops on Sunday.",
			want: []placeWant{{text: "Ed Damazin", country: "SD", lat: 11.79, lon: 34.36}}},
		{rule: "Ed Daein", text: "Police dispersed students in Ed Daein with tear gas.",
			want: []placeWant{{text: "Ed Daein", country: "SD", lat: 11.46, lon: 26.13}}},
	})
}
