package store

import "testing"

func TestDecideSave(t *testing.T) {
	tests := []struct {
		stored             bool
		storedRules, rules string
		want               SaveAction
	}{
		{false, "", "2026.12-5", SaveNew},
		{false, "", "", SaveNew},
		{true, "2026.12-5", "2026.12-5", SaveUnchanged},
		{true, "2026.12-4", "", SaveUnchanged}, // rules unknown: never re-derives
		{true, "2026.12-4", "2026.12-5", SaveRederive},
		{true, "", "2026.12-5", SaveRederive}, // stored without a version
	}
	for _, tc := range tests {
		if got := DecideSave(tc.stored, tc.storedRules, tc.rules); got != tc.want {
			t.Errorf("DecideSave(%v, %q, %q) = %d, want %d", tc.stored, tc.storedRules, tc.rules, got, tc.want)
		}
	}
}
