package geoparse_test

import (
	"context"
	"testing"

	"geoevents/geo"
)

// landmarkCase is one landmark of Middle East conflict news in a short
// news sentence: the mention it must yield, the curated supplement row it
// must resolve to (gazetteer/data/SUPPLEMENT_SOURCES.md) and that row's
// cited point, which it must lie within 10 km of.
type landmarkCase struct {
	text     string
	mention  string
	id       int64
	lat, lon float64
}

// TestMiddleEastLandmarks (issue 17, point 3): straits, seas, air bases, a
// crossing and a port that reports use as locations. Before their rows
// these found nothing (Bab el-Mandeb, Strait of Hormuz, T-4), the wrong
// place (Ain al-Asad in Lebanon, Incirlik near Antalya, the Gulf of Aden
// at the city of Aden) or a village beside the base (Shayrat, Tiyas, Abu
// al-Duhur): the row's id is checked as well as the distance.
func TestMiddleEastLandmarks(t *testing.T) {
	p := parser(t)
	cases := []landmarkCase{
		{"Houthi forces fired missiles at a tanker in the Bab el-Mandeb on Tuesday.", "Bab el-Mandeb", 900000023, 12.58333, 43.33333},
		{"Shipping through the Bab al-Mandab strait has fallen since the attacks began.", "Bab al-Mandab", 900000023, 12.58333, 43.33333},
		{"Iran threatened to close the Strait of Hormuz after the sanctions.", "Strait of Hormuz", 900000024, 26.6, 56.5},
		{"A tanker was seized near Hormuz on Friday, the navy said.", "Hormuz", 900000024, 26.6, 56.5},
		{"Pirates attacked a merchant ship in the Gulf of Aden off Somalia.", "Gulf of Aden", 900000025, 12.0, 48.0},
		{"An Indian warship intercepted a hijacked vessel in the Arabian Sea.", "Arabian Sea", 900000026, 14.0, 65.0},
		{"Iranian missiles struck the Ain al-Asad airbase in Anbar province.", "Ain al-Asad", 900000027, 33.78556, 42.44111},
		{"Rockets hit Al Asad Air Base in western Iraq, the coalition said.", "Al Asad Air Base", 900000027, 33.78556, 42.44111},
		{"Drones targeted US troops at Ain al-Assad in Anbar.", "Ain al-Assad", 900000027, 33.78556, 42.44111},
		{"US cruise missiles struck the Shayrat airbase near Homs.", "Shayrat", 900000028, 34.49, 36.90889},
		{"Israeli jets struck the T-4 airbase in Homs province.", "T-4", 900000029, 34.5225, 37.62972},
		{"Israeli warplanes hit the T4 airbase east of Homs overnight.", "T4", 900000029, 34.5225, 37.62972},
		{"Israeli jets struck the T-4 Air Base in Homs province.", "T-4", 900000029, 34.5225, 37.62972},
		{"Missiles targeted the Tiyas airbase in the eastern Homs countryside.", "Tiyas", 900000029, 34.5225, 37.62972},
		{"Kurdish fighters captured Menagh air base north of Aleppo.", "Menagh", 900000030, 36.52194, 37.04111},
		{"Regime forces recaptured the Abu al-Duhur airbase in Idlib.", "Abu al-Duhur", 900000031, 35.73278, 37.10167},
		{"Explosions were heard at Mezzeh military airport in Damascus.", "Mezzeh", 900000032, 33.47778, 36.22333},
		{"A Houthi drone exploded over Al Anad Air Base in Lahj province.", "Al Anad Air Base", 900000033, 13.17611, 44.76222},
		{"Houthi fighters captured al-Anad air base in Lahij province on Wednesday.", "al-Anad", 900000033, 13.17611, 44.76222},
		{"US aircraft took off from Incirlik Air Base in southern Turkey.", "Incirlik Air Base", 900000034, 37.00194, 35.42583},
		{"Trucks crossed into Syria at the Bab al-Salameh crossing near Azaz.", "Bab al-Salameh", 900000035, 36.63439, 37.08575},
		{"Coalition aircraft bombed the Ras Isa port in Hodeidah.", "Ras Isa", 900000036, 15.11667, 42.6},
		{"Houthi media said strikes hit Ras Isa on Thursday.", "Ras Isa", 900000036, 15.11667, 42.6},
	}
	for _, tc := range cases {
		t.Run(tc.mention+": "+tc.text, func(t *testing.T) {
			ms, err := p.Parse(context.Background(), tc.text)
			if err != nil {
				t.Fatal(err)
			}
			m := findMention(ms, tc.mention)
			if m == nil {
				t.Fatalf("no mention %q in %s", tc.mention, describe(ms))
			}
			if m.Place.ID != tc.id {
				t.Errorf("%q → %d %s (%s), want supplement row %d", tc.mention, m.Place.ID, m.Place.Name, m.Place.CountryCode, tc.id)
			}
			if d := geo.DistanceKm(m.Place.Lon, m.Place.Lat, tc.lon, tc.lat); d > 10 {
				t.Errorf("%q → %s at %.4f,%.4f, %.1f km from the cited %.4f,%.4f", tc.mention, m.Place.Name, m.Place.Lat, m.Place.Lon, d, tc.lat, tc.lon)
			}
		})
	}
}
