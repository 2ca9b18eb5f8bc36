package event

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.geojson")

// featureCases are events covering full, minimal and awkward values.
func featureCases() map[string]Event {
	return map[string]Event{
		"full": {
			ID: "3f2a9c-120", ArticleID: "3f2a9c", ArticleTitle: "Rebels take control of Aleppo",
			ArticleURL: "https://example.org/news?id=1&lang=en", Source: "Wire",
			Published: time.Date(2024, 11, 30, 14, 5, 0, 0, time.FixedZone("EET", 2*3600)),
			Sentence:  "HTS fighters have taken control of Aleppo.", SentenceStart: 100, MentionStart: 135, MentionEnd: 141,
			MentionText: "Aleppo", MentionKind: "place", PlaceID: "170063", PlaceName: "Aleppo", CountryCode: "SY",
			CountryName: "Syria", Admin1: "Aleppo", FeatureCode: "PPLA", Lon: 37.16117, Lat: 36.20124,
			GeoPrecision: 1, Score: 0.93, Type: TypeBattles, SubType: "Non-state actor overtakes territory",
			Actors: []string{"HTS", "Syrian government"}, Fatalities: 12, Notes: "first report",
			Date: time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC), DatePrecision: PrecisionDay,
			Explain: []Reason{
				{Field: FieldType, Rule: "territory/taken-control", Text: "taken control of", Start: 118},
				{Field: FieldLocation, Rule: "locative/of", Text: "of Aleppo", Start: 132},
				{Field: FieldFatalities, Rule: "count/killed", Text: "<12> \"killed\"", Start: 0, Value: "12"},
			},
		},
		"minimal": {ID: "m1", PlaceName: "al-Tanf", Lon: 38.6167, Lat: 33.4833, Type: TypeMention},
		"awkward": {
			ID: "a<b>&\"c\"", PlaceName: "Dayr az-Zawr \u2028 دير الزور", Lon: -0.0000001, Lat: -89.9999996,
			Sentence: "tab\there, newline\n, NUL \x00, bad \xff utf8, quote \" and \\ backslash", Score: math.NaN(),
			Actors: []string{"A; B", "C"}, Type: TypeExplosions, SubType: "Air/drone strike",
			Date: time.Date(2016, 12, 1, 0, 0, 0, 0, time.UTC), DatePrecision: PrecisionMonth,
		},
	}
}

func TestAppendFeatureGolden(t *testing.T) {
	for name, e := range featureCases() {
		t.Run(name, func(t *testing.T) {
			got := AppendFeature(nil, &e)
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, got, "", "  "); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, got)
			}
			pretty.WriteByte('\n')
			path := filepath.Join("testdata", name+".golden.geojson")
			if *update {
				if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if !bytes.Equal(pretty.Bytes(), want) {
				t.Errorf("feature differs from %s:\n%s", path, pretty.Bytes())
			}
		})
	}
}

func TestAppendFeatureDecodes(t *testing.T) {
	for name, e := range featureCases() {
		t.Run(name, func(t *testing.T) {
			b := AppendFeature([]byte("prefix"), &e)[len("prefix"):]
			f, err := geojson.UnmarshalFeature(b)
			if err != nil {
				t.Fatalf("orb/geojson cannot decode: %v\n%s", err, b)
			}
			pt, ok := f.Geometry.(orb.Point)
			if !ok {
				t.Fatalf("geometry %T, want Point", f.Geometry)
			}
			if math.Abs(pt.Lon()-e.Lon) > 5e-7 || math.Abs(pt.Lat()-e.Lat) > 5e-7 {
				t.Errorf("point %v, want %v,%v within 6 decimals", pt, e.Lon, e.Lat)
			}
			if f.ID != e.ID {
				t.Errorf("id = %v, want %q", f.ID, e.ID)
			}
			var keys []string
			for k := range f.Properties {
				keys = append(keys, k)
			}
			want := FeatureProperties()
			slices.Sort(keys)
			slices.Sort(want)
			if !slices.Equal(keys, want) {
				t.Errorf("properties %v\nwant %v", keys, want)
			}
			// encoding/json sees the same strings we put in (bad UTF-8 aside).
			var raw struct {
				Properties map[string]any `json:"properties"`
			}
			if err := json.Unmarshal(b, &raw); err != nil {
				t.Fatal(err)
			}
			p := raw.Properties
			if e.Type != "" && p["type"] != e.Type || p["place_name"] != e.PlaceName {
				t.Errorf("type/place_name = %v/%v", p["type"], p["place_name"])
			}
			if e.SubType == "" && p["subtype"] != nil {
				t.Errorf("empty subtype should be null, got %v", p["subtype"])
			}
			if e.Date.IsZero() != (p["date"] == nil) || !e.Date.IsZero() && p["date"] != e.Date.Format(time.DateOnly) {
				t.Errorf("date = %v for %v", p["date"], e.Date)
			}
			if !e.Published.IsZero() {
				pub, err := time.Parse(time.RFC3339, p["published"].(string))
				if err != nil || !pub.Equal(e.Published) {
					t.Errorf("published = %v (%v), want %v", p["published"], err, e.Published)
				}
			}
			if len(e.Actors) > 0 && p["actors"] != e.Actors[0]+"; "+e.Actors[1] {
				t.Errorf("actors = %v", p["actors"])
			}
			// The explanation decodes to the reasons given.
			var ex struct {
				Properties struct {
					Explain []Reason `json:"explain"`
				} `json:"properties"`
			}
			if err := json.Unmarshal(b, &ex); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ex.Properties.Explain, e.Explain) {
				t.Errorf("explain = %+v, want %+v", ex.Properties.Explain, e.Explain)
			}
		})
	}
}

func TestAppendCoord(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{37.16117, "37.16117"}, {36.2, "36.2"}, {180, "180"}, {-180, "-180"}, {0, "0"},
		{-0.0000001, "0"}, {1.0000004, "1"}, {1.0000006, "1.000001"}, {-12.3456789, "-12.345679"},
	}
	for _, tt := range tests {
		if got := string(appendCoord(nil, tt.in)); got != tt.want {
			t.Errorf("appendCoord(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzAppendJSONString checks the escaper against encoding/json.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "<script>&amp;</script>", "\u2028\u2029", "\x00\x1f\x7f", "\xff\xfe", "\"\\/", "ü日本\U0001F600", "\b\f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

func BenchmarkAppendFeature(b *testing.B) {
	e := featureCases()["full"]
	buf := make([]byte, 0, 4096)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendFeature(buf[:0], &e)
	}
	b.SetBytes(int64(len(buf)))
}
