package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// longSentence is one sentence of about n bytes of distinct words, as a
// list of places makes (issue 15: one sentence of many place names).
func longSentence(n int) string {
	var b strings.Builder
	b.WriteString("Shelling was reported in")
	for i := 0; b.Len() < n-1; i++ {
		fmt.Fprintf(&b, " town%d,", i)
	}
	b.WriteString(".")
	return b.String()
}

// sentenceArticle is an article whose text is one sentence, with n
// events in it, each at another place name of the sentence.
func sentenceArticle(text string, n int) (event.Article, []event.Event) {
	a, evs := article("https://example.org/one-sentence/"+hashID(text)[:8], text, n)
	a.Title = "Shelling reported"
	for i := range evs {
		evs[i].Sentence, evs[i].SentenceStart = text, 0
		evs[i].MentionStart, evs[i].MentionEnd = 25+i*7, 30+i*7
	}
	return a, evs
}

// testSentenceStoredOnce saves an article of one long sentence with many
// events in it, and the same article with a short sentence, into fresh
// stores: the long sentence must cost about one sentence more on disk,
// not one per event (issue 15, point 2). Both must read back the events'
// sentence and find them by its words.
func testSentenceStoredOnce(t *testing.T, open func(testing.TB) store.Store, opts Options) {
	if opts.Size == nil {
		t.Skip("the backend under test cannot measure its size")
	}
	const events = 200
	long, short := longSentence(1900), "Shelling was reported in town0."
	growth := func(text string) int64 {
		s := open(t)
		ctx := context.Background()
		before := opts.Size(t, s)
		a, evs := sentenceArticle(text, events)
		if _, err := s.SaveArticle(ctx, a, evs); err != nil {
			t.Fatal(err)
		}
		grew := opts.Size(t, s) - before
		p, err := s.Events(ctx, store.Filter{Text: "town0 shelling", Limit: events + 1})
		if err != nil {
			t.Fatal(err)
		}
		if p.NumberMatched != events || len(p.Events) != events || p.Events[0].Sentence != text {
			t.Errorf("searching the sentence's words: %d matched, %d returned; want %d with the sentence", p.NumberMatched, len(p.Events), events)
		}
		_, got, err := s.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range got {
			if e.Sentence != text || e.SentenceStart != 0 {
				t.Fatalf("event %s reads back sentence %.40q at %d; want %.40q at 0", e.ID, e.Sentence, e.SentenceStart, text)
			}
		}
		return grew
	}
	g1, g2 := growth(long), growth(short)
	extra := g1 - g2
	t.Logf("%d events in one sentence of %d bytes: %d bytes on disk, %d with a sentence of %d bytes: %d bytes more (%.1f sentences)",
		events, len(long), g1, g2, len(short), extra, float64(extra)/float64(len(long)))
	// The sentence once, its index entries once and page slack: within
	// 16 sentences' bytes. Stored per event it is 200 of them.
	if limit := int64(16 * len(long)); extra > limit {
		t.Errorf("the long sentence cost %d bytes more than a short one (%.1f× its %d bytes); want at most %d: stored once, not per event",
			extra, float64(extra)/float64(len(long)), len(long), limit)
	}
}
