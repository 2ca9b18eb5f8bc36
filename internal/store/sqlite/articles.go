package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// Articles lists stored articles, newest published first (unknown dates
// last), without their text, and the total matching. ArticleFilter.Text
// matches title or URL as a case-insensitive substring.
func (s *Store) Articles(ctx context.Context, f store.ArticleFilter) ([]event.Article, int64, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return nil, 0, fmt.Errorf("list articles: %w: negative limit or offset", store.ErrInvalidFilter)
	}
	where, args := "", []any{}
	if t := strings.TrimSpace(f.Text); t != "" {
		pat := "%" + likeEscaper.Replace(t) + "%"
		where = ` WHERE title LIKE ? ESCAPE '\' OR url LIKE ? ESCAPE '\'`
		args = append(args, pat, pat)
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("list articles: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	var total int64
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM articles"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count articles: %w", err)
	}
	limit := int64(f.Limit)
	if limit == 0 {
		limit = -1
	}
	rows, err := tx.QueryContext(ctx, "SELECT id, url, title, source, published, ingested_at, extractor FROM articles"+where+
		" ORDER BY published DESC, id"+limitSQL+" OFFSET ?", append(args, limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	list := []event.Article{}
	for rows.Next() {
		a, err := scanArticle(rows, false)
		if err != nil {
			return nil, 0, fmt.Errorf("list articles: %w", err)
		}
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list articles: %w", err)
	}
	return list, total, nil
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// Article returns one article with its text and its events in text order,
// or store.ErrNotFound.
func (s *Store) Article(ctx context.Context, id string) (event.Article, []event.Event, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return event.Article{}, nil, fmt.Errorf("article %q: %w", id, err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	row := tx.QueryRowContext(ctx, "SELECT id, url, title, source, published, ingested_at, extractor, text FROM articles WHERE id = ?", id)
	a, err := scanArticle(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return event.Article{}, nil, fmt.Errorf("article %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return event.Article{}, nil, fmt.Errorf("article %q: %w", id, err)
	}
	events := []event.Event{}
	err = eachRow(ctx, tx, "SELECT "+eventColumns+" FROM events e WHERE e.article_id = ?", []any{id},
		func(e *event.Event) error {
			events = append(events, *e)
			return nil
		})
	if err != nil {
		return event.Article{}, nil, fmt.Errorf("article %q events: %w", id, err)
	}
	// Text order; the mention offset is packed, so sort here.
	slices.SortFunc(events, func(a, b event.Event) int {
		return cmp.Or(cmp.Compare(a.MentionStart, b.MentionStart), strings.Compare(a.ID, b.ID))
	})
	return a, events, nil
}

func scanArticle(row interface{ Scan(...any) error }, withText bool) (event.Article, error) {
	var a event.Article
	var url, source, extractor sql.NullString
	var published sql.NullInt64
	var ingested int64
	dst := []any{&a.ID, &url, &a.Title, &source, &published, &ingested, &extractor}
	if withText {
		dst = append(dst, &a.Text)
	}
	if err := row.Scan(dst...); err != nil {
		return a, err
	}
	a.URL, a.Source, a.Extractor = url.String, source.String, extractor.String
	a.Published = fromUnix(published)
	a.IngestedAt = fromUnix(sql.NullInt64{Int64: ingested, Valid: true})
	return a, nil
}
