package extract

import (
	"geoevents/internal/event"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestResolveDate(t *testing.T) {
	pubFri := day(2024, 11, 8) // a Friday
	pubJan := day(2025, 1, 10)
	var none time.Time
	tests := []struct {
		name      string
		sentence  string
		published time.Time
		want      time.Time
		prec      event.DatePrecision
	}{
		{"no date: publication day", "Rebels seized Aleppo.", pubFri, pubFri, event.PrecisionDay},
		{"no date, no publication", "Rebels seized Aleppo.", none, none, event.PrecisionUnknown},
		{"on October 15th", "Talks were held on October 15th in Moscow.", pubFri, day(2024, 10, 15), event.PrecisionDay},
		{"October 15th no publication", "The October 15th meeting was pivotal.", none, none, event.PrecisionUnknown},
		{"on 15 October", "Shelling began on 15 October.", pubFri, day(2024, 10, 15), event.PrecisionDay},
		{"October 15, 2023 explicit", "The strike on October 15, 2023 killed four.", pubFri, day(2023, 10, 15), event.PrecisionDay},
		{"explicit day without publication", "The strike on 3 March 2021 killed four.", none, day(2021, 3, 3), event.PrecisionDay},
		{"abbreviated month", "The base was hit on Oct. 7.", pubFri, day(2024, 10, 7), event.PrecisionDay},
		{"day after publication month: previous year", "The raid on December 3 was the first.", pubFri, day(2023, 12, 3), event.PrecisionDay},
		{"in December", "In December, the minister said the bases would stay.", pubFri, day(2023, 12, 1), event.PrecisionMonth},
		{"in December, January article", "In December, the minister said the bases would stay.", pubJan, day(2024, 12, 1), event.PrecisionMonth},
		{"in December 2023", "The talks collapsed in December 2023.", pubFri, day(2023, 12, 1), event.PrecisionMonth},
		{"late November", "Fighting escalated in late November.", pubFri, day(2024, 11, 1), event.PrecisionMonth},
		{"in December without publication", "In December, the minister spoke.", none, none, event.PrecisionUnknown},
		{"may is a verb", "The offensive may resume soon.", pubFri, pubFri, event.PrecisionDay},
		{"May the month", "The offensive began in May.", pubFri, day(2024, 5, 1), event.PrecisionMonth},
		{"yesterday", "Rockets hit the town yesterday.", pubFri, day(2024, 11, 7), event.PrecisionDay},
		{"on Monday", "A bomb exploded on Monday.", pubFri, day(2024, 11, 4), event.PrecisionDay},
		{"on Thursday", "Drones were launched at the garrison on Thursday.", pubFri, day(2024, 11, 7), event.PrecisionDay},
		{"same weekday is the publication day", "Drones were launched on Friday.", pubFri, pubFri, event.PrecisionDay},
		{"late on Sunday", "An explosion damaged a pipeline late on Sunday.", pubFri, day(2024, 11, 3), event.PrecisionDay},
		{"weekday without publication", "A bomb exploded on Monday.", none, none, event.PrecisionUnknown},
		{"last week", "The group said in a statement last week that it would continue.", pubFri, day(2024, 11, 1), event.PrecisionWeek},
		{"this week", "Shelling intensified this week.", pubFri, pubFri, event.PrecisionWeek},
		{"last weekend", "Protests spread last weekend.", pubFri, day(2024, 11, 2), event.PrecisionWeek},
		{"earlier this month", "Clashes broke out earlier this month.", pubFri, day(2024, 11, 1), event.PrecisionMonth},
		{"last month", "The town fell last month.", pubFri, day(2024, 10, 1), event.PrecisionMonth},
		{"three days ago", "The convoy was hit three days ago.", pubFri, day(2024, 11, 5), event.PrecisionDay},
		{"two weeks ago", "The base was shelled two weeks ago.", pubFri, day(2024, 10, 25), event.PrecisionWeek},
		{"ACLED day/month", "Gunmen attacked a checkpoint on 22/03.", day(2016, 3, 25), day(2016, 3, 22), event.PrecisionDay},
		{"ACLED day/month last year", "Protests began on 30/12.", day(2016, 1, 5), day(2015, 12, 30), event.PrecisionDay},
		{"a range of days dates from its first", "Four days of fighting (17-20/03) in Suuj.", day(2016, 3, 25), day(2016, 3, 17), event.PrecisionDay},
		{"not a date: 24/7", "Clinics run 24/7 in the camp.", pubFri, pubFri, event.PrecisionDay},
		{"dotted month", "An offensive had been started on May.10.", day(2016, 5, 20), day(2016, 5, 10), event.PrecisionDay},
		{"today", "Protesters gathered today in Suwayda.", pubFri, pubFri, event.PrecisionDay},
		{"In 2015 leading", "In 2015, Russia intervened in the war.", pubFri, day(2015, 1, 1), event.PrecisionYear},
		{"background year ignored", "Moscow's foreign policy since the country's intervention in 2015 shaped the war.", pubFri, pubFri, event.PrecisionDay},
		{"since 2016 ignored", "Russian airstrikes have resumed for the first time since 2016.", pubFri, pubFri, event.PrecisionDay},
		{"since 2016 ignored, unknown publication", "Russian airstrikes have resumed for the first time since 2016.", none, none, event.PrecisionUnknown},
		{"year after a verb", "The town was captured in 2017.", none, day(2017, 1, 1), event.PrecisionYear},
		{"year after a verb, known publication", "The town was captured in 2017.", pubFri, day(2017, 1, 1), event.PrecisionYear},
		{"background year, unknown publication", "The presence of Russian troops has been a cornerstone since the country's intervention in 2015.", none, none, event.PrecisionUnknown},
		{"siege in 2016 is background", "Government forces recaptured the districts after a long siege in 2016.", pubFri, pubFri, event.PrecisionDay},
		{"since October ignored", "Talks have stalled since October.", pubFri, pubFri, event.PrecisionDay},
		{"first phrase wins", "On Monday the army said the siege of December 2016 was over.", pubFri, day(2024, 11, 4), event.PrecisionDay},
		{"invalid day", "The raid on February 31 failed.", pubFri, pubFri, event.PrecisionDay},
		{"publication time of day dropped", "Rebels entered the city.", time.Date(2024, 11, 30, 17, 45, 0, 0, time.UTC), day(2024, 11, 30), event.PrecisionDay},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, prec := ResolveDate(tc.sentence, tc.published)
			if !got.Equal(tc.want) || prec != tc.prec {
				t.Errorf("ResolveDate(%q, %s) = %s %q, want %s %q", tc.sentence, tc.published.Format("2006-01-02"), got.Format("2006-01-02"), prec, tc.want.Format("2006-01-02"), tc.prec)
			}
		})
	}
}

func FuzzResolveDate(f *testing.F) {
	for _, s := range []string{"on October 15th", "in December 2023", "since 2016", "yesterday", "31 February", "\xff\xfe May 99"} {
		f.Add(s)
	}
	pub := day(2024, 11, 8)
	f.Fuzz(func(t *testing.T, s string) {
		if !mayHaveDate(s) {
			for _, re := range []*pattern{reMonthDay, reDayMonth, reMonth, reYear, reRelative} {
				if re.MatchString(s) {
					t.Fatalf("mayHaveDate(%q) = false, but %v matches", s, re)
				}
			}
		}
		d, p := ResolveDate(s, pub)
		if d.IsZero() != (p == event.PrecisionUnknown) {
			t.Fatalf("ResolveDate(%q) = %v %q: zero date iff unknown precision", s, d, p)
		}
		if _, p := ResolveDate(s, time.Time{}); p == event.PrecisionDay && !reMonthDay.MatchString(s) && !reDayMonth.MatchString(s) {
			t.Fatalf("ResolveDate(%q) without publication invented a day", s)
		}
	})
}
