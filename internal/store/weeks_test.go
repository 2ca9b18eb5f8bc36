package store

import (
	"testing"
	"time"
)

// TestWeekDay: every instant of a week, from Monday 00:00 to Sunday
// 23:59:59 UTC, falls in the week of its Monday, before 1970 too.
func TestWeekDay(t *testing.T) {
	day := func(s string) int64 {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d.Unix() / 86400
	}
	for _, tc := range []struct {
		at     string
		monday string
	}{
		{"1970-01-01T00:00:00Z", "1969-12-29"}, // a Thursday
		{"1969-12-29T00:00:00Z", "1969-12-29"},
		{"1969-12-28T23:59:59Z", "1969-12-22"}, // a Sunday, before 1970
		{"2024-12-02T00:00:00Z", "2024-12-02"}, // a Monday
		{"2024-12-08T23:59:59Z", "2024-12-02"}, // its Sunday
		{"2024-12-09T00:00:00Z", "2024-12-09"},
		{"2025-01-01T12:00:00Z", "2024-12-30"}, // across the year
	} {
		at, err := time.Parse(time.RFC3339, tc.at)
		if err != nil {
			t.Fatal(err)
		}
		if got := WeekDay(at.Unix()); got != day(tc.monday) {
			t.Errorf("WeekDay(%s) = %s, want %s", tc.at, time.Unix(got*86400, 0).UTC().Format(time.DateOnly), tc.monday)
		}
	}
}

// TestWeekSums: weeks ascending, types summed, counts totalled.
func TestWeekSums(t *testing.T) {
	w := WeekSums{}
	w.Add(20066, "Battles", 2) // 2024-12-09
	w.Add(20059, "Riots", 1)   // 2024-12-02
	w.Add(20066, "Riots", 3)
	w.Add(20066, "Battles", 1)
	got := w.Weeks()
	if len(got) != 2 || got[0].Week != "2024-12-02" || got[0].Count != 1 || got[1].Week != "2024-12-09" || got[1].Count != 6 || got[1].ByType["Battles"] != 3 {
		t.Errorf("weeks %+v", got)
	}
}
