package web

import (
	"strings"
	"testing"
	"time"
)

// TestParseDatetime covers every datetime form of OGC API – Features Part 1
// and the forms GDAL and QGIS send, each rule of instantForms at least once
// as a start, an end and an instant, and the refusals with what they say.
func TestParseDatetime(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	at := func(s string) time.Time {
		d, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return d.UTC()
	}
	var open time.Time
	tests := []struct {
		name, in string
		from, to time.Time
	}{
		{"date", "2024-12-01", day("2024-12-01"), day("2024-12-02")},
		{"datetime_z", "2024-12-01T10:00:00Z", at("2024-12-01T10:00:00Z"), at("2024-12-01T10:00:01Z")},
		{"datetime_lower_case", "2024-12-01t10:00:00z", at("2024-12-01T10:00:00Z"), at("2024-12-01T10:00:01Z")},
		{"datetime_fraction", "2024-12-01T10:00:00.5Z", at("2024-12-01T10:00:00.5Z"), at("2024-12-01T10:00:01Z")},
		{"datetime_offset", "2024-12-01T10:00:00+02:00", at("2024-12-01T08:00:00Z"), at("2024-12-01T08:00:01Z")},
		{"datetime_space", "2024-12-01 10:00:00Z", at("2024-12-01T10:00:00Z"), at("2024-12-01T10:00:01Z")},
		{"datetime_no_offset", "2024-12-01T10:00:00", at("2024-12-01T10:00:00Z"), at("2024-12-01T10:00:01Z")},
		{"gdal_empty_time_instant", "2024-12-01T", day("2024-12-01"), day("2024-12-02")},
		{"interval_dates", "2024-12-01/2024-12-08", day("2024-12-01"), day("2024-12-09")},
		{"interval_datetimes", "2024-12-01T00:00:00Z/2024-12-08T12:00:00Z", day("2024-12-01"), at("2024-12-08T12:00:01Z")},
		{"interval_mixed", "2024-12-01/2024-12-08T12:00:00Z", day("2024-12-01"), at("2024-12-08T12:00:01Z")},
		{"open_end_dots", "2024-12-01/..", day("2024-12-01"), open},
		{"open_end_empty", "2024-12-01/", day("2024-12-01"), open},
		{"open_start_dots", "../2024-12-01", open, day("2024-12-02")},
		{"open_start_empty", "/2024-12-01", open, day("2024-12-02")},
		{"both_open_dots", "../..", open, open},
		{"both_open_empty", "/", open, open},
		{"gdal_ge", "2024-12-01T/..", day("2024-12-01"), open},
		{"gdal_le", "../2024-12-01T", open, day("2024-12-02")},
		{"gdal_between", "2024-11-01T/2024-11-30T", day("2024-11-01"), day("2024-12-01")},
		{"gdal_datetime_ge", "2024-11-01T10:00:00Z/..", at("2024-11-01T10:00:00Z"), open},
		{"qgis_open_stand_ins", "0000-01-01T00:00:00Z/9999-12-31T00:00:00Z", open, open},
		{"qgis_open_start", "0000-01-01T00:00:00Z/2024-12-01T00:00:00Z", open, at("2024-12-01T00:00:01Z")},
		{"spaces_trimmed", " 2024-12-01 / .. ", day("2024-12-01"), open},
		{"same_day_interval", "2024-12-01/2024-12-01", day("2024-12-01"), day("2024-12-02")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			iv, err := ParseDatetime(tc.in)
			if err != nil {
				t.Fatalf("ParseDatetime(%q): %v", tc.in, err)
			}
			if !iv.From.Equal(tc.from) || !iv.To.Equal(tc.to) {
				t.Errorf("ParseDatetime(%q) = [%v, %v), want [%v, %v)", tc.in, iv.From, iv.To, tc.from, tc.to)
			}
		})
	}
}

// TestParseDatetimeRefused: what is not a datetime is refused with an
// error that names the problem (the web turns it into a 400 GDAL shows).
func TestParseDatetimeRefused(t *testing.T) {
	tests := []struct{ name, in, says string }{
		{"empty", "", "empty"},
		{"open_instant", "..", "cannot be open"},
		{"three_parts", "2024-12-01/2024-12-02/2024-12-03", "exactly one"},
		{"inverted", "2024-12-08/2024-12-01", "ends before it starts"},
		{"month_13", "2024-13-01", "not a valid date"},
		{"feb_30", "2024-02-30", "not a valid date"},
		{"hour_25", "2024-12-01T25:00:00Z", "not a valid"},
		{"us_date", "12/01/2024", "exactly one"},
		{"plus_as_space", "2024-12-01T10:00:00 02:00", "%2B"},
		{"bad_start", "yesterday/..", "interval start"},
		{"bad_end", "../tomorrow", "interval end"},
		{"no_seconds", "2024-12-01T10:00Z", "not a date"},
		{"week_date", "2024-W48", "not a date"},
		{"too_long", strings.Repeat("2", 101), "longer than 100"},
		{"empty_time_bad_date", "2024-02-30T/..", "interval start"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseDatetime(tc.in)
			if err == nil {
				t.Fatalf("ParseDatetime(%q) accepted", tc.in)
			}
			if !strings.Contains(err.Error(), tc.says) {
				t.Errorf("ParseDatetime(%q) error %q does not say %q", tc.in, err, tc.says)
			}
		})
	}
}
