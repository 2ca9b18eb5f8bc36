package store

import "geoevents/internal/event"

// OfArticle returns e as an event of article a, as every backend stores
// it: a's id, and a's title, URL, source and published date where e has
// none of its own.
func OfArticle(a event.Article, e event.Event) event.Event {
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

// SharesSentence reports whether event e of article a (filled in by
// OfArticle) stores its sentence once with the article's other events:
// an event titled apart from its article keeps its own, so that a text
// search of it reads its own title with its sentence.
func SharesSentence(a event.Article, e event.Event) bool {
	return e.Sentence != "" && e.ArticleTitle == a.Title
}
