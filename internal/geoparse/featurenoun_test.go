package geoparse_test

import "testing"

// TestCodeNeedsItsNoun: a letter-and-digit code is a landmark only with
// the feature noun the gazetteer holds it with ("the T4 airbase"); alone
// it is a hormone, a model or a bus line, and a model designation stays
// none ("F-16 jets", "AK-47 rifles").
func TestCodeNeedsItsNoun(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"a code alone", "Doctors in Homs said the T4 levels of the patients were normal.",
			[]placeWant{{text: "Homs", country: "SY"}}, []string{"T4", "T"}},
		{"a model designation before a noun that names no landmark", "F-16 jets and T-72 tanks from Hama hit the base.",
			[]placeWant{{text: "Hama", country: "SY"}}, []string{"F", "F-16", "T", "T-72"}},
	})
}
