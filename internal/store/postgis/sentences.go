package postgis

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"geoevents/internal/event"
)

// An article's events share its sentences (schema 2): each distinct
// sentence of an article is one row of sentences, with the text vector of
// the article's title and the sentence; its events point at it.

// ofArticle returns e as an event of article a: a's id, and its title,
// URL, source and published date where e has none.
func ofArticle(a event.Article, e event.Event) event.Event {
	e.ArticleID = a.ID
	if e.ArticleTitle == "" {
		e.ArticleTitle = a.Title
	}
	if e.ArticleURL == "" {
		e.ArticleURL = a.URL
	}
	if e.Source == "" {
		e.Source = a.Source
	}
	if e.Published.IsZero() {
		e.Published = a.Published
	}
	return e
}

// shares reports whether event e (its article's fields filled in) of
// article a shares its sentence. An event titled apart from its article
// keeps its sentence, so that its text vector stays its own title and
// sentence.
func shares(a event.Article, e event.Event) bool {
	return e.Sentence != "" && e.ArticleTitle == a.Title
}

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
		e := ofArticle(a, events[i])
		if !shares(a, e) {
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
		e := ofArticle(a, events[i])
		if !shares(a, e) {
			continue
		}
		rows[i][argSentence], rows[i][argSentenceID] = nil, ids[e.Sentence]
	}
	return nil
}
