package postgis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// An article's events share its sentences (schema 2): each distinct
// sentence of an article is one row of sentences, with the text vector of
// the article's title and the sentence; its events point at it.

// insertSentenceSQL stores one sentence with its text vector.
const insertSentenceSQL = `INSERT INTO sentences (article_id, start, text, tsv)
VALUES ($1, $2, $3, to_tsvector('` + textConfig + `'::regconfig, $4 || ' ' || $3)) RETURNING id`

// shareSentences stores the distinct sentences of a's events (rows are
// their rowOf values, the article's fields filled in) and points the rows
// that share one at it instead of carrying the text.
func shareSentences(ctx context.Context, tx pgx.Tx, a event.Article, events []event.Event, rows [][]any) error {
	var b pgx.Batch
	seen := map[string]bool{}
	var order []string
	for i := range events {
		e := store.OfArticle(a, events[i])
		if !store.SharesSentence(a, e) {
			continue
		}
		if !seen[e.Sentence] {
			seen[e.Sentence] = true
			order = append(order, e.Sentence)
			b.Queue(insertSentenceSQL, a.ID, int32(e.SentenceStart), e.Sentence, a.Title)
		}
	}
	if len(order) == 0 {
		return nil
	}
	ids := make(map[string]int64, len(order))
	br := tx.SendBatch(ctx, &b)
	for _, text := range order {
		var id int64
		if err := br.QueryRow().Scan(&id); err != nil {
			br.Close()
			return fmt.Errorf("insert sentence: %w", err)
		}
		ids[text] = id
	}
	if err := br.Close(); err != nil {
		return fmt.Errorf("insert sentence: %w", err)
	}
	for i := range events {
		e := store.OfArticle(a, events[i])
		if !store.SharesSentence(a, e) {
			continue
		}
		rows[i][argSentence], rows[i][argSentenceID] = nil, ids[e.Sentence]
	}
	return nil
}
