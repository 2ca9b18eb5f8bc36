package storetest

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/event"
	"geoevents/internal/store"
)

// textArticle is an article whose events' sentences the text cases
// search.
func textArticle() (event.Article, []event.Event) {
	a, evs := article("https://example.org/text", "Text search article", 5)
	a.Title = "Weekly report"
	for i, s := range []string{
		"Government forces shelled the town of Kafr Nabl.",
		"Protesters gathered in al-Bab after the raid.",
		"A café in Zürich was attacked by unknown men.",
		"The killing of civilians continued in Idlib.",
		"Rebels and soldiers clashed near the border crossing.",
	} {
		evs[i].ID, evs[i].Sentence = "text-"+string(rune('a'+i)), s
	}
	return a, evs
}

func testText(t *testing.T, open func(testing.TB) store.Store, opts Options) {
	ctx := context.Background()
	s := open(t)
	a, evs := textArticle()
	if _, err := s.SaveArticle(ctx, a, evs); err != nil {
		t.Fatal(err)
	}
	other, oevs := article("https://example.org/other", "Unrelated", 1)
	oevs[0].ID, oevs[0].Sentence = "other", "Talks resumed in Geneva; the town was calm."
	if _, err := s.SaveArticle(ctx, other, oevs); err != nil {
		t.Fatal(err)
	}
	type textCase struct {
		q    string
		want []string
	}
	cases := []textCase{
		{"shelled", []string{"text-a"}},
		{"SHELLED Town", []string{"text-a"}},
		{"the town", []string{"other", "text-a"}},                              // every word, anywhere, in any order; no stop words
		{"al-Bab", []string{"text-b"}},                                         // a token's words in a row
		{"bab al", []string{"text-b"}},                                         // separate tokens: anywhere
		{"bab-al", nil},                                                        // a token's words out of order
		{"cafe zurich", []string{"text-c"}},                                    // diacritics removed
		{"Café", []string{"text-c"}},                                           // on both sides
		{"weekly", []string{"text-a", "text-b", "text-c", "text-d", "text-e"}}, // the title is searched
		{"geneva weekly", nil},
		{"((", nil},                   // no word: nothing
		{`"raid" OR shelled`, nil},    // no operators: OR is a word, absent
		{`raid*`, []string{"text-b"}}, // no prefix operator: the word raid
		{"NEAR(raid after)", nil},     // NEAR and raid: one token, not in a row
		{"kafr:nabl", []string{"text-a"}},
	}
	if opts.Stemming {
		cases = append(cases,
			textCase{"shelling", []string{"text-a"}},  // shelled
			textCase{"kill", []string{"text-d"}},      // killing
			textCase{"clashes", []string{"text-e"}},   // clashed
			textCase{"attacks town", nil},             // attacked, but no town in c
			textCase{"protester", []string{"text-b"}}, // protesters
		)
	}
	for _, tc := range cases {
		p, err := s.Events(ctx, store.Filter{Text: tc.q})
		if err != nil {
			t.Errorf("q %q: %v", tc.q, err)
			continue
		}
		got := idsOf(p.Events)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || p.NumberMatched != int64(len(tc.want)) {
			t.Errorf("q %q: %v (matched %d), want %v", tc.q, got, p.NumberMatched, tc.want)
		}
	}
	// Text combines with the other filters and counts exactly.
	p, err := s.Events(ctx, store.Filter{Text: "town", Article: a.ID, Limit: 1})
	if err != nil || p.NumberMatched != 1 || len(p.Events) != 1 || p.Events[0].ID != "text-a" {
		t.Errorf("text and article: %+v, %v", p, err)
	}
}

func testArticles(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	var ids []string
	for i, pub := range []time.Time{day(1), {}, day(3), day(3)} {
		a, evs := article("https://example.org/list/"+string(rune('a'+i)), "Listed article "+string(rune('A'+i)), 1)
		a.Published = pub
		if _, err := s.SaveArticle(ctx, a, evs); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	// Newest first, ties by id, unknown dates last.
	want := []string{min(ids[2], ids[3]), max(ids[2], ids[3]), ids[0], ids[1]}
	list, total, err := s.Articles(ctx, store.ArticleFilter{})
	if err != nil || total != 4 || !slices.Equal(articleIDs(list), want) {
		t.Fatalf("articles: %v total %d, %v; want %v", articleIDs(list), total, err, want)
	}
	if list[0].Text != "" {
		t.Error("article list carries the text")
	}
	list, total, err = s.Articles(ctx, store.ArticleFilter{Limit: 2, Offset: 1})
	if err != nil || total != 4 || !slices.Equal(articleIDs(list), want[1:3]) {
		t.Errorf("page of articles: %v total %d, %v", articleIDs(list), total, err)
	}
	for q, n := range map[string]int64{"title of LISTED": 4, "org/list/c": 1, "100%": 0, "list_": 0, "Article B": 1} {
		list, total, err := s.Articles(ctx, store.ArticleFilter{Text: q})
		if err != nil || total != n || int64(len(list)) != n {
			t.Errorf("articles %q: %d listed, total %d, %v; want %d", q, len(list), total, err, n)
		}
	}
}

func articleIDs(list []event.Article) []string {
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.ID
	}
	return out
}

func testPlaces(t *testing.T, open func(testing.TB) store.Store, _ Options) {
	ctx := context.Background()
	s := open(t)
	ps := []gazetteer.Place{
		{ID: 20, Name: "Kafr Nabl", ASCIIName: "Kafr Nabl", Lat: 35.61, Lon: 36.56, Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPL", CountryCode: "SY", CountryName: "Syria", Admin1: "Idlib"}, Population: 30000},
		{ID: 10, Name: "Tell Rifaat", Lat: 36.47, Lon: 37.1, Attrs: &gazetteer.Attrs{FeatureClass: "P", FeatureCode: "PPL", CountryCode: "SY"}},
	}
	if n, err := s.SavePlaces(ctx, ps, map[int64][]string{20: {"Kfar Nobol", "Kafranbel", ""}}); err != nil || n != 2 {
		t.Fatalf("save places: %d, %v", n, err)
	}
	// Saving a place again updates it and replaces its names.
	ps[0].Population = 31000
	if _, err := s.SavePlaces(ctx, ps[:1], map[int64][]string{20: {"Kafr Nubl"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SavePlaces(ctx, []gazetteer.Place{{ID: 30, Name: "Bad", Lat: 99}}, nil); err == nil {
		t.Error("place outside WGS84 saved")
	}
	type got struct {
		p     gazetteer.Place
		names []string
	}
	var all []got
	err := s.Places(ctx, func(p gazetteer.Place, names []string) error {
		all = append(all, got{p, names})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || !reflect.DeepEqual(all[0].p, ps[1]) || !reflect.DeepEqual(all[1].p, ps[0]) || len(all[0].names) != 0 || !slices.Equal(all[1].names, []string{"Kafr Nubl"}) {
		t.Errorf("places read back: %+v", all)
	}
}
