package store

import (
	"math"
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

// TestWholeDays: only ranges whose set ends are UTC midnights are whole
// days; open ends stay open, above the undated day.
func TestWholeDays(t *testing.T) {
	day := func(s string) time.Time { v, _ := time.Parse("2006-01-02T15:04:05", s); return v }
	tests := []struct {
		from, to time.Time
		d0, d1   int64
		ok       bool
	}{
		{time.Time{}, time.Time{}, UndatedDay + 1, math.MaxInt64, true},
		{day("1970-01-02T00:00:00"), day("1970-01-04T00:00:00"), 1, 3, true},
		{day("1969-12-31T00:00:00"), time.Time{}, -1, math.MaxInt64, true},
		{day("1970-01-02T00:00:01"), time.Time{}, 0, 0, false},
		{time.Time{}, day("1970-01-04T12:00:00"), 0, 0, false},
	}
	for _, tc := range tests {
		d0, d1, ok := WholeDays(tc.from, tc.to)
		if d0 != tc.d0 || d1 != tc.d1 || ok != tc.ok {
			t.Errorf("WholeDays(%v, %v) = %d, %d, %v; want %d, %d, %v", tc.from, tc.to, d0, d1, ok, tc.d0, tc.d1, tc.ok)
		}
	}
}
