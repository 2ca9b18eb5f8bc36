package storetest

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"geoevents/geo"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

func hashID(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// day is a date of the test data, at midnight UTC.
func day(d int) time.Time { return time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }

// article makes an article with n events near Aleppo, every field set.
func article(url, text string, n int) (event.Article, []event.Event) {
	a := event.Article{
		ID: hashID(text), URL: url, Title: "Title of " + text, Source: "Test Wire",
		Published: time.Date(2024, 12, 1, 10, 30, 0, 0, time.UTC), Text: text, Extractor: "rules-1",
	}
	// Each article's own place id: articles reporting the same type at
	// the same place and date would be one incident (store.Incidents);
	// the incident tests build theirs on purpose.
	placeID := "170063-" + a.ID[:8]
	evs := make([]event.Event, n)
	for i := range evs {
		evs[i] = event.Event{
			ID: fmt.Sprintf("%s-%d", a.ID[:16], i), Sentence: fmt.Sprintf("Sentence %d of %s.", i, text),
			SentenceStart: i * 10, MentionStart: i*10 + 2, MentionEnd: i*10 + 8, MentionText: "Aleppo", MentionKind: "place",
			PlaceID: placeID, PlaceName: "Aleppo", CountryCode: "SY", CountryName: "Syria", Admin1: "Aleppo",
			FeatureCode: "PPLA", Lon: 37.16117, Lat: float64(36201240+i) / 1e6, GeoPrecision: 1, Score: 0.9,
			Type: event.TypeBattles, SubType: "Armed clash", Actors: []string{"HTS", "Syrian government"},
			Fatalities: 3, Notes: "note", Date: day(29), DatePrecision: event.PrecisionDay,
			Explain: []event.Reason{{Field: event.FieldType, Rule: "type/clash", Text: "clashes", Start: 4}},
		}
	}
	return a, evs
}

// places of the generated events: some cities, and both sides of the
// antimeridian (Fiji, Chukotka).
var places = []struct {
	id, name, cc string
	lon, lat     float64
}{
	{"170063", "Aleppo", "SY", 37.16117, 36.20124},
	{"170654", "Damascus", "SY", 36.29128, 33.5102},
	{"2198148", "Levuka", "FJ", 178.83, -17.68},
	{"2207800", "Rabi", "FJ", -179.98, -16.47},
	{"2126123", "Anadyr", "RU", 177.50, 64.73},
	{"4033936", "Taveuni", "FJ", -179.97, -16.8},
	{"292223", "Dubai", "AE", 55.30, 25.27},
	{"", "Somewhere", "", 0, 0},
}

var types = [][2]string{
	{event.TypeBattles, "Armed clash"},
	{event.TypeExplosions, "Air/drone strike"},
	{event.TypeExplosions, "Shelling/artillery/missile attack"},
	{event.TypeViolenceAgainstCivilians, "Attack"},
	{event.TypeProtests, "Peaceful protest"},
	{event.TypeMention, ""},
}

// generated returns n deterministic events scattered around the places
// at micro-degree precision (so the served coordinates equal them), on
// few dates and scores (so orders have ties to break), some undated, a
// few sharing a position.
func generated(n int, seed uint64) []event.Event {
	r := rand.New(rand.NewPCG(seed, 7))
	out := make([]event.Event, n)
	for i := range out {
		p := places[r.IntN(len(places))]
		t := types[r.IntN(len(types))]
		lon := p.lon + r.NormFloat64()*0.5
		lat := math.Max(-89, math.Min(89, p.lat+r.NormFloat64()*0.5))
		if p.cc == "" {
			lon, lat = r.Float64()*360-180, r.Float64()*170-85
		}
		lon = math.Remainder(lon, 360) // wrap across the antimeridian
		if lon == -180 {
			lon = 180
		}
		e := event.Event{
			ID:     fmt.Sprintf("g%d-%04d", seed, r.IntN(10000)*10000+i),
			Source: "Generated", Sentence: fmt.Sprintf("Fighting reported near %s, item %d.", p.name, i),
			PlaceID: p.id, PlaceName: p.name, CountryCode: p.cc,
			Lon: float64(int64(math.Round(lon*1e6))) / 1e6, Lat: float64(int64(math.Round(lat*1e6))) / 1e6,
			GeoPrecision: 1 + r.IntN(3), Score: float64(r.IntN(5)) / 4,
			Type: t[0], SubType: t[1], Fatalities: r.IntN(3),
			Date: day(r.IntN(40)).Add(time.Duration(r.IntN(3)) * 6 * time.Hour), DatePrecision: event.PrecisionDay,
		}
		if e.GeoPrecision == 2 && i%7 == 0 { // unknown precision, counted as exact
			e.GeoPrecision = 0
		}
		if r.IntN(12) == 0 {
			e.Date, e.DatePrecision = time.Time{}, ""
		}
		if i > 0 && r.IntN(15) == 0 { // the same position as the one before
			e.Lon, e.Lat = out[i-1].Lon, out[i-1].Lat
		}
		if r.IntN(3) == 0 {
			e.Actors = []string{"Military Forces", "Rebels"}
			if i%4 == 0 { // an actor only some events name, in another case
				e.Actors = append(e.Actors, "ISLAMIC State")
			}
		}
		out[i] = e
	}
	return out
}

// seqOf yields the events with no errors, as ImportEvents takes them.
func seqOf(evs []event.Event) iter.Seq2[event.Event, error] {
	return func(yield func(event.Event, error) bool) {
		for _, e := range evs {
			if !yield(e, nil) {
				return
			}
		}
	}
}

// loaded opens a store holding the generated events (imported) and an
// article's events (saved), and returns them all.
func loaded(t *testing.T, open func(testing.TB) store.Store) (store.Store, []event.Event) {
	t.Helper()
	ctx := context.Background()
	s := open(t)
	a, aevs := article("https://example.org/a", "Clashes in Aleppo", 5)
	if _, err := s.SaveArticle(ctx, a, aevs); err != nil {
		t.Fatal(err)
	}
	for i := range aevs {
		aevs[i].ArticleID, aevs[i].ArticleTitle, aevs[i].ArticleURL = a.ID, a.Title, a.URL
		aevs[i].Source, aevs[i].Published = a.Source, a.Published
	}
	gen := generated(700, 1)
	n, err := s.ImportEvents(ctx, seqOf(gen))
	if err != nil {
		t.Fatal(err)
	}
	if n != len(gen) {
		t.Fatalf("imported %d of %d", n, len(gen))
	}
	return s, append(gen, aevs...)
}

// micro is degrees in integer micro-degrees, the precision stored.
func micro(deg float64) int64 { return int64(math.Round(deg * 1e6)) }

// matches is the contract's reading of a filter, one event at a time.
func matches(f store.Filter, e event.Event) bool {
	return areaMatches(f, e) && timeMatches(f, e) && typeMatches(f, e) && fieldsMatch(f, e)
}

func areaMatches(f store.Filter, e event.Event) bool {
	if f.BBox != nil && !slices.ContainsFunc(f.BBox.Split(), func(b geo.BBox) bool {
		x, y := micro(e.Lon), micro(e.Lat)
		return x >= micro(b.MinLon) && x <= micro(b.MaxLon) && y >= micro(b.MinLat) && y <= micro(b.MaxLat)
	}) {
		return false
	}
	if f.Near != nil && geo.DistanceKm(e.Lon, e.Lat, f.Near.Lon, f.Near.Lat) > f.Near.RadiusKm {
		return false
	}
	if f.Within != nil {
		mp, _ := geo.MultiPolygonOf(f.Within)
		mp, err := geo.NormalizeMultiPolygon(mp)
		if err != nil || !geo.NewRegion(mp).Contains(e.Lon, e.Lat) {
			return false
		}
	}
	return true
}

func timeMatches(f store.Filter, e event.Event) bool {
	if f.From.IsZero() && f.To.IsZero() {
		return true
	}
	if e.Date.IsZero() {
		return false
	}
	return (f.From.IsZero() || e.Date.Unix() >= f.From.Unix()) && (f.To.IsZero() || e.Date.Unix() < f.To.Unix())
}

func typeMatches(f store.Filter, e event.Event) bool {
	if len(f.Types) > 0 {
		return slices.Contains(f.Types, e.Type)
	}
	return f.Mentions || e.Type != event.TypeMention
}

func fieldsMatch(f store.Filter, e event.Event) bool {
	switch {
	case len(f.SubTypes) > 0 && !slices.Contains(f.SubTypes, e.SubType),
		len(f.Countries) > 0 && !slices.ContainsFunc(f.Countries, func(c string) bool { return strings.ToUpper(strings.TrimSpace(c)) == e.CountryCode }),
		f.Place != "" && f.Place != e.PlaceID && !asciiEqualFold(f.Place, e.PlaceName),
		f.Article != "" && f.Article != e.ArticleID,
		len(f.Actors) > 0 && !slices.ContainsFunc(e.Actors, func(a string) bool {
			return slices.ContainsFunc(f.Actors, func(b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) })
		}),
		f.MinScore != 0 && e.Score < f.MinScore,
		len(f.IDs) > 0 && !slices.Contains(f.IDs, e.ID),
		f.MaxPrecision > 0 && e.GeoPrecision > f.MaxPrecision && f.MaxPrecision < store.MaxGeoPrecision:
		return false
	}
	return true
}

// asciiEqualFold compares with ASCII letters folded only (SQL NOCASE).
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range len(a) {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// order is the contract's total order of a filter's pages.
func order(f store.Filter) func(a, b event.Event) int {
	byID := func(a, b event.Event) int { return strings.Compare(a.ID, b.ID) }
	sort := f.Sort
	if sort == "" {
		sort = store.SortDateDesc
		if f.Near != nil {
			sort = store.SortDistance
		}
	}
	switch sort {
	case store.SortDateAsc:
		return func(a, b event.Event) int {
			return cmp.Or(cmp.Compare(dateOr(a, math.MaxInt64), dateOr(b, math.MaxInt64)), byID(a, b))
		}
	case store.SortDistance:
		c := f.Near
		return func(a, b event.Event) int {
			return cmp.Or(cmp.Compare(geo.DistanceKm(a.Lon, a.Lat, c.Lon, c.Lat), geo.DistanceKm(b.Lon, b.Lat, c.Lon, c.Lat)), byID(a, b))
		}
	case store.SortScore:
		return func(a, b event.Event) int { return cmp.Or(-cmp.Compare(a.Score, b.Score), byID(a, b)) }
	}
	return func(a, b event.Event) int {
		return cmp.Or(-cmp.Compare(dateOr(a, math.MinInt64), dateOr(b, math.MinInt64)), byID(a, b))
	}
}

// dateOr is e's date in Unix seconds, or unknown for an undated event:
// undated events come last both ways.
func dateOr(e event.Event, unknown int64) int64 {
	if e.Date.IsZero() {
		return unknown
	}
	return e.Date.Unix()
}

// expected returns the ids the contract says f gives over all, in order.
func expected(f store.Filter, all []event.Event) []string {
	var m []event.Event
	for _, e := range all {
		if matches(f, e) {
			m = append(m, e)
		}
	}
	slices.SortFunc(m, order(f))
	return idsOf(m)
}

func idsOf(evs []event.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.ID
	}
	return out
}

func nan() float64 { return math.NaN() }
