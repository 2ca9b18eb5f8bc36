package evaluate

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"geoevents/gazetteer"
	"geoevents/internal/geoparse"
)

// fixed returns a parse function that answers from a table keyed by text.
func fixed(t *testing.T, byText map[string][]geoparse.Mention) ParseFunc {
	t.Helper()
	return func(_ context.Context, text string) ([]geoparse.Mention, error) {
		return byText[text], nil
	}
}

func mention(text, sub string, kind geoparse.Kind, lat, lon float64) geoparse.Mention {
	i := strings.Index(text, sub)
	return geoparse.Mention{Start: i, End: i + len(sub), Text: sub, Kind: kind,
		Place: &gazetteer.Place{Name: sub, Lat: lat, Lon: lon, Attrs: &gazetteer.Attrs{}}}
}

func TestScore(t *testing.T) {
	text := "Fighting in Aleppo and Homs; Syrian troops left Ḥamā."
	i := strings.Index(text, "Ḥamā")
	gold := Document{ID: "a", Text: text, Toponyms: []Toponym{
		{Name: "Aleppo", Start: 12, End: 18, Lat: ptr(36.2), Lon: ptr(37.16)},
		{Name: "Homs", Start: 23, End: 27, Lat: ptr(34.73), Lon: ptr(36.72)},
		{Name: "Ḥamā", StartByte: &i, EndByte: ptr(i + len("Ḥamā")), Lat: ptr(35.13), Lon: ptr(36.75)},
		{Name: "Nowhere", Start: 0, End: 3},
	}}
	line, err := json.Marshal(gold)
	if err != nil {
		t.Fatal(err)
	}
	preds := []geoparse.Mention{
		mention(text, "Aleppo", geoparse.KindLiteral, 36.2, 37.16), // exact
		mention(text, "Homs", geoparse.KindLiteral, 33.0, 36.72),   // ~192 km off
		mention(text, "Syrian", geoparse.KindAdjectival, 35, 38),   // not annotated
		mention(text, "troops", geoparse.KindLiteral, 0, 0),        // false positive
		mention(text, "Ḥamā", geoparse.KindLiteral, 35.13, 36.75),  // multibyte, exact
	}
	rep, err := Score(context.Background(), strings.NewReader(string(line)+"\n"), fixed(t, map[string][]geoparse.Mention{text: preds}))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"documents", float64(rep.Documents), 1},
		{"gold", float64(rep.Gold), 4},
		{"predicted", float64(rep.Predicted), 4},
		{"matched", float64(rep.Matched), 3},
		{"adjectival unmatched", float64(rep.AdjectivalUnmatched), 1},
		{"precision", rep.Precision, 0.75},
		{"recall", rep.Recall, 0.75},
		{"f1", rep.F1, 0.75},
		{"strict precision", rep.StrictPrecision, 0.6}, // 3 of 5, the adjective counted
		{"strict f1", rep.StrictF1, 2 * 0.6 * 0.75 / (0.6 + 0.75)},
		{"resolved", float64(rep.Resolved), 3},
		{"acc161", rep.Acc161, 2.0 / 3},
		{"median", rep.MedianKm, 0},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if rep.MeanKm < 60 || rep.MeanKm > 70 {
		t.Errorf("mean km = %v, want ~64 (one 192 km error over 3)", rep.MeanKm)
	}
	if !strings.Contains(rep.String(), "acc@161km") {
		t.Errorf("String() lacks acc@161km:\n%s", rep)
	}
}

func TestScoreMidpointWindowAndOneMatchPerGold(t *testing.T) {
	text := "Aleppo Aleppo" + strings.Repeat(" ", 30) + "Aleppo"
	doc := Document{Text: text, Toponyms: []Toponym{{Name: "aleppo", Start: 0, End: 6}}}
	line, _ := json.Marshal(doc)
	far := strings.LastIndex(text, "Aleppo")
	preds := []geoparse.Mention{
		{Start: 0, End: 6, Text: "Aleppo", Kind: geoparse.KindLiteral},
		{Start: 7, End: 13, Text: "Aleppo", Kind: geoparse.KindLiteral}, // gold already taken
		{Start: far, End: far + 6, Text: "Aleppo", Kind: geoparse.KindLiteral},
	}
	rep, err := Score(context.Background(), strings.NewReader(string(line)), fixed(t, map[string][]geoparse.Mention{text: preds}))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Matched != 1 || rep.Predicted != 3 || rep.Resolved != 0 {
		t.Errorf("matched %d predicted %d resolved %d, want 1 3 0", rep.Matched, rep.Predicted, rep.Resolved)
	}
}

func TestScoreErrors(t *testing.T) {
	parse := fixed(t, nil)
	if _, err := Score(context.Background(), strings.NewReader("{not json"), parse); err == nil {
		t.Error("want error for malformed JSON")
	}
	bad := `{"id":"x","text":"abc","toponyms":[{"name":"abc","start_byte":0,"end_byte":9}]}`
	if _, err := Score(context.Background(), strings.NewReader(bad), parse); !errors.Is(err, ErrBadGold) {
		t.Errorf("err = %v, want ErrBadGold", err)
	}
	failing := func(context.Context, string) ([]geoparse.Mention, error) { return nil, errors.New("boom") }
	if _, err := Score(context.Background(), strings.NewReader(`{"text":"a"}`), failing); err == nil {
		t.Error("want the parser's error")
	}
}

func TestAUC(t *testing.T) {
	tests := []struct {
		name string
		errs []float64
		want float64
	}{
		{"none", nil, 0},
		{"all exact", []float64{0, 0, 0}, 0},
		{"all antipodal", []float64{20039, 20039}, 1},
		{"half", []float64{0, 20039}, 0.5},
		{"unsorted input", []float64{20039, 0, 0}, 0.25},
	}
	for _, tt := range tests {
		if got := AUC(tt.errs); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: AUC = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestByScale: the resolution figures are split by the scale of the place
// chosen, so a country placed at another reference point does not hide how
// well the cities are placed.
func TestByScale(t *testing.T) {
	text := "Syria said Aleppo and Idlib province were calm."
	gold := Document{ID: "s", Text: text, Toponyms: []Toponym{
		{Name: "Syria", Start: 0, End: 5, Lat: ptr(35.0), Lon: ptr(38.0)},
		{Name: "Aleppo", Start: 11, End: 17, Lat: ptr(36.2), Lon: ptr(37.16)},
		{Name: "Idlib", Start: 22, End: 27, Lat: ptr(35.8), Lon: ptr(36.6)},
	}}
	line, err := json.Marshal(gold)
	if err != nil {
		t.Fatal(err)
	}
	at := func(sub, class, code string, lat, lon float64) geoparse.Mention {
		m := mention(text, sub, geoparse.KindLiteral, lat, lon)
		m.Place.FeatureClass, m.Place.FeatureCode = class, code
		return m
	}
	preds := []geoparse.Mention{
		at("Syria", "A", "PCLI", 37.0, 38.0), // ~222 km from the gold point
		at("Aleppo", "P", "PPLA", 36.2, 37.16),
		at("Idlib", "A", "ADM1", 35.8, 36.6),
	}
	rep, err := Score(context.Background(), strings.NewReader(string(line)+"\n"), fixed(t, map[string][]geoparse.Mention{text: preds}))
	if err != nil {
		t.Fatal(err)
	}
	want := []ScaleFigures{
		{Scale: ScaleCountry, Resolved: 1, Acc161: 0},
		{Scale: ScaleAdmin, Resolved: 1, Acc161: 1},
		{Scale: ScaleSettlement, Resolved: 1, Acc161: 1},
	}
	if len(rep.ByScale) != len(want) {
		t.Fatalf("ByScale = %+v, want %d scales", rep.ByScale, len(want))
	}
	for i, w := range want {
		g := rep.ByScale[i]
		if g.Scale != w.Scale || g.Resolved != w.Resolved || g.Acc161 != w.Acc161 {
			t.Errorf("ByScale[%d] = %+v, want %+v", i, g, w)
		}
	}
	if math.Abs(rep.ByScale[0].MedianKm-222) > 2 {
		t.Errorf("country median = %.1f km, want ~222", rep.ByScale[0].MedianKm)
	}
	if !strings.Contains(rep.String(), string(ScaleSettlement)) {
		t.Errorf("String() lacks the scale rows:\n%s", rep)
	}
}
