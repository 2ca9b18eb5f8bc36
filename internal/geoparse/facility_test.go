package geoparse_test

import "testing"

// TestPlaceOfFacility: a text that names no place of its own is located by
// the facilities named after a town; a text that names one keeps the
// facility's name whole, as news annotators do.
func TestPlaceOfFacility(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{rule: "a university named after its town", text: "Students boycotted classes at Jimma University on Monday.",
			want: []placeWant{{text: "Jimma", country: "ET", lat: 7.67, lon: 36.83}}},
		{rule: "a hospital, words between", text: "A shell landed near the Misrata Central Hospital overnight.",
			want: []placeWant{{text: "Misrata", country: "LY"}}},
		{rule: "the University of a town", text: "Lecturers at the University of Ilorin went on strike.",
			want: []placeWant{{text: "Ilorin", country: "NG"}}},
		{rule: "a country names too little", text: "Nigerian police dispersed traders at the Jos Main Market.",
			want: []placeWant{{text: "Jos", country: "NG"}}},
		{rule: "the text names its place", text: "Doctors from Aberdeen University flew to Freetown to help.",
			want: []placeWant{{text: "Freetown", country: "SL"}}, absent: []string{"Aberdeen"}},
		{rule: "a court named after its town", text: "Protesters demonstrated outside the Pietermaritzburg Magistrate's Court.",
			want: []placeWant{{text: "Pietermaritzburg", country: "ZA"}}},
		{rule: "a city hall", text: "About 350 residents marched to the Bulawayo City Hall to demand water.",
			want: []placeWant{{text: "Bulawayo", country: "ZW"}}},
		{rule: "no facility: a newspaper", text: "The Washington Post reported the figures on Tuesday.",
			absent: []string{"Washington"}},
	})
}
