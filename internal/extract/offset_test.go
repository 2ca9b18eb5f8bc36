package extract

import (
	"math"
	"slices"
	"testing"

	"geoevents/gazetteer"
	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/geoparse"
)

func TestOffsetBefore(t *testing.T) {
	tests := []struct {
		text    string
		ok      bool
		km, deg float64
	}{
		{"in Goofgaduud (55km NW of ", true, 55, 315},
		{"an army post 30 km east of ", true, 30, 90},
		{"killed 120 miles southwest of ", true, 193.12, 225},
		{"in Brega (190 kilometres, 120 miles southwest of ", true, 193.12, 225},
		{"five kilometres to the south-east of the town of ", true, 5, 135},
		{"a village 12.5 km NNE of ", true, 12.5, 22.5},
		{"Ceel Dheere village (83km N of ", true, 83, 0},
		{"some 20 km (12 miles) north-west of ", true, 20, 315},
		{"a few km north of ", false, 0, 0},
		{"north of ", false, 0, 0},
		{"30 km from ", false, 0, 0},
		{"400 km south of ", false, 0, 0},
		{"30 km new of ", false, 0, 0},
	}
	for _, tc := range tests {
		o, ok := offsetBefore(tc.text, len(tc.text))
		if ok != tc.ok || ok && (math.Abs(o.km-tc.km) > 0.01 || o.bearing != tc.deg) {
			t.Errorf("%q: %+v %v, want %v km at %v° (%v)", tc.text, o, ok, tc.km, tc.deg, tc.ok)
		}
	}
}

func TestOffsetFrom(t *testing.T) {
	o := offset{km: 30, bearing: 90}
	lon, lat := o.from(deirEzZor)
	if d := geo.DistanceKm(deirEzZor.Lon, deirEzZor.Lat, lon, lat); math.Abs(d-30) > 0.5 || lon <= deirEzZor.Lon || math.Abs(lat-deirEzZor.Lat) > 0.01 {
		t.Errorf("30 km east of Deir ez-Zor: %.4f,%.4f (%.1f km)", lon, lat, d)
	}
}

// TestBuildFitsOffsets: a place located by an offset from another stands
// where the offset leads; its reference point is no second event; a
// reading elsewhere takes the alternative that fits, or gives way to the
// offset's point.
func TestBuildFitsOffsets(t *testing.T) {
	text := "An IED exploded in Goofgaduud (55km NW of Baidoa) on Sunday."
	baidoa := &gazetteer.Place{ID: 64013, Name: "Baidoa", Lat: 3.11383, Lon: 43.6498, Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPLA", CountryCode: "SO"}}
	near := &gazetteer.Place{ID: 1, Name: "Goofgaduud", Lat: 3.45, Lon: 43.30, Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPL", CountryCode: "SO"}}
	far := &gazetteer.Place{ID: 2, Name: "Goofgaduud", Lat: 7.06611, Lon: 47.87139, Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPL", CountryCode: "SO"}}
	for _, tc := range []struct {
		name    string
		read    *gazetteer.Place
		alts    []gazetteer.Candidate
		want    string
		lat     float64
		reasons []string
	}{
		{"fits", near, nil, "Goofgaduud", near.Lat, nil},
		{"an alternative fits", far, []gazetteer.Candidate{{Place: near}}, "Goofgaduud", near.Lat, nil},
		{"nothing fits", far, nil, "Baidoa", 3.4631, []string{"near/distance", "location/offset"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := mention(t, text, "Goofgaduud", 0, geoparse.KindLiteral, tc.read)
			b.Alternatives = tc.alts
			evs := Build(event.NewArticle("t", text, "", "", nov8), []geoparse.Mention{b, mention(t, text, "Baidoa", 0, geoparse.KindLiteral, baidoa)})
			var typed []event.Event
			for _, e := range evs {
				if e.Type != event.TypeMention {
					typed = append(typed, e)
				}
			}
			if len(typed) != 1 || typed[0].PlaceName != tc.want || math.Abs(typed[0].Lat-tc.lat) > 0.001 {
				t.Fatalf("got %q, want one event at %s (lat %.4f)", summary(evs), tc.want, tc.lat)
			}
			var rules []string
			for _, r := range typed[0].Explain {
				if r.Field == event.FieldLocation {
					rules = append(rules, r.Rule)
				}
			}
			if tc.reasons != nil && !slices.Equal(rules, tc.reasons) {
				t.Errorf("location reasons %q, want %q", rules, tc.reasons)
			}
		})
	}
}
