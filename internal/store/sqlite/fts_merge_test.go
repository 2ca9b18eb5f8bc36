package sqlite

import (
	"context"
	"fmt"
	"testing"

	"geoevents/internal/store"
)

// TestIntegrityCheckAcrossMerges saves article after article, checking
// integrity and searching through the read pool after each: FTS5's
// automerge replaces segments every few saves, and a pooled reader that
// ran integrity_check on the old structure used to report "corruption
// found reading blob" from the 16th save on, though the file was sound.
// The searches prove the readers' answers stay right across the merges.
func TestIntegrityCheckAcrossMerges(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	const perArticle = 3
	for i := range 40 {
		a, evs := article(fmt.Sprintf("https://example.org/merge/%d", i), fmt.Sprintf("merge report %d about shelling", i), perArticle, 37, 36)
		for j := range evs {
			evs[j].Sentence = fmt.Sprintf("Shelling hit district %d of report %d.", j, i)
		}
		if _, err := s.SaveArticle(ctx, a, evs); err != nil {
			t.Fatal(err)
		}
		// Twice: the second check runs on pooled connections that the
		// first one left holding the index's structure.
		for k := range 2 {
			if err := s.IntegrityCheck(ctx); err != nil {
				t.Fatalf("after save %d, check %d: %v", i+1, k+1, err)
			}
		}
		page, err := s.Events(ctx, store.Filter{Text: "shelling", Mentions: true, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if want := int64((i + 1) * perArticle); page.NumberMatched != want {
			t.Fatalf("after save %d: search matched %d events, want %d", i+1, page.NumberMatched, want)
		}
	}
}
