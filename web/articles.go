package web

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"geoevents/internal/event"
	"geoevents/internal/ingest"
	"geoevents/internal/store"
)

// articleSummary is an article in a list: no text.
type articleSummary struct {
	ID         string    `json:"id"`
	Title      string    `json:"title"`
	URL        string    `json:"url,omitempty"`
	Source     string    `json:"source,omitempty"`
	Published  time.Time `json:"published,omitzero"`
	IngestedAt time.Time `json:"ingested_at,omitzero"`
}

// articleDoc is an article with its text and the events of its mentions;
// mention offsets are UTF-8 byte offsets into text.
type articleDoc struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	URL       string         `json:"url,omitempty"`
	Source    string         `json:"source,omitempty"`
	Published time.Time      `json:"published,omitzero"`
	Text      string         `json:"text"`
	Events    []articleEvent `json:"events"`
}

type articleEvent struct {
	ID            string              `json:"id"`
	MentionStart  int                 `json:"mention_start"`
	MentionEnd    int                 `json:"mention_end"`
	Mention       string              `json:"mention"`
	Type          string              `json:"type"`
	SubType       string              `json:"subtype"`
	PlaceName     string              `json:"place_name"`
	Lon           float64             `json:"lon"`
	Lat           float64             `json:"lat"`
	Date          string              `json:"date,omitempty"`
	DatePrecision event.DatePrecision `json:"date_precision,omitempty"`
	Sentence      string              `json:"sentence"`
}

func newArticleDoc(a event.Article, events []event.Event) articleDoc {
	d := articleDoc{ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Published: a.Published, Text: a.Text,
		Events: make([]articleEvent, 0, len(events))}
	for _, e := range events {
		ae := articleEvent{ID: e.ID, MentionStart: e.MentionStart, MentionEnd: e.MentionEnd, Mention: e.MentionText,
			Type: e.Type, SubType: e.SubType, PlaceName: e.PlaceName, Lon: e.Lon, Lat: e.Lat,
			DatePrecision: e.DatePrecision, Sentence: e.Sentence}
		if !e.Date.IsZero() {
			ae.Date = e.Date.UTC().Format(time.DateOnly)
		}
		d.Events = append(d.Events, ae)
	}
	return d
}

// listArticles is GET /api/articles?q=&limit=&offset=.
func (s *Server) listArticles(c echo.Context) error {
	q := c.QueryParams()
	if err := checkParams(q, paramRules{extra: []string{"limit", "offset", "q"}}); err != nil {
		return err
	}
	var f store.Filter
	if err := parsePaging(q, paramRules{paging: true, maxLimit: MaxLimit, defaultLimit: DefaultLimit}, &f); err != nil {
		return err
	}
	text := strings.TrimSpace(q.Get("q"))
	if len(text) > maxTextParam {
		return paramErr("q", "longer than %d bytes", maxTextParam)
	}
	list, total, err := s.st.Articles(c.Request().Context(), store.ArticleFilter{Limit: f.Limit, Offset: f.Offset, Text: text})
	if err != nil {
		return err
	}
	out := make([]articleSummary, 0, len(list))
	for _, a := range list {
		out = append(out, articleSummary{ID: a.ID, Title: a.Title, URL: a.URL, Source: a.Source, Published: a.Published, IngestedAt: a.IngestedAt})
	}
	return s.writeJSON(c, http.StatusOK, map[string]any{
		"articles":       out,
		"numberMatched":  total,
		"numberReturned": len(out),
		"links":          pageLinks(s.baseURL(c), "/api/articles", q, f.Limit, f.Offset, len(out), total, mimeJSON),
	})
}

// getArticle is GET /api/articles/{id}: the text with its mentions' events.
func (s *Server) getArticle(c echo.Context) error {
	if err := checkParams(c.QueryParams(), paramRules{}); err != nil {
		return err
	}
	id := c.Param("id")
	if id == "" || len(id) > maxIDLength {
		return apiErr(http.StatusNotFound, "NotFound", "no article with id %q", truncate(id, 80))
	}
	a, events, err := s.st.Article(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return s.writeJSON(c, http.StatusOK, newArticleDoc(a, events))
}

// articleInput is the JSON body of POST /api/articles.
type articleInput struct {
	Title     string `json:"title"`
	Text      string `json:"text"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Date      string `json:"date"` // an alias of published, as in article files
	Source    string `json:"source"`
}

// postArticle is POST /api/articles: geoparse, store and return an article
// with its events; 201 when stored, 200 when the same text was already there.
func (s *Server) postArticle(c echo.Context) error {
	if err := s.authorizeWrite(c); err != nil {
		return err
	}
	q := c.QueryParams()
	if err := checkParams(q, paramRules{extra: []string{"title"}}); err != nil {
		return err
	}
	in, err := readArticleInput(c)
	if err != nil {
		return err
	}
	if in.Date != "" {
		if in.Published != "" && in.Published != in.Date {
			return apiErr(http.StatusBadRequest, "InvalidBody", "date and published differ (%q, %q): date is an alias of published; send one", truncate(in.Date, 40), truncate(in.Published, 40))
		}
		in.Published = in.Date
	}
	var published time.Time
	if in.Published != "" {
		t, open, err := parseInstant(in.Published, false)
		if err != nil || open {
			return apiErr(http.StatusBadRequest, "InvalidBody", "published: expected a date YYYY-MM-DD or an RFC 3339 date-time, got %q", truncate(in.Published, 80))
		}
		published = t
	}
	if strings.TrimSpace(in.Text) == "" {
		return apiErr(http.StatusBadRequest, "InvalidBody", "the article text is empty")
	}
	for name, v := range map[string]string{"title": in.Title, "text": in.Text, "url": in.URL, "source": in.Source} {
		if !utf8.ValidString(v) {
			return apiErr(http.StatusBadRequest, "InvalidBody", "%s is not valid UTF-8", name)
		}
	}
	if err := ingest.CheckURL(strings.TrimSpace(in.URL)); err != nil {
		return apiErr(http.StatusBadRequest, "InvalidBody", "%v", err)
	}
	if s.ing == nil {
		return apiErr(http.StatusServiceUnavailable, "ServiceUnavailable", "this server has no geoparser configured for writes")
	}
	a := event.NewArticle(in.Title, in.Text, in.URL, in.Source, published)
	res, events, err := s.ing.IngestArticle(c.Request().Context(), a)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if res.Created || res.Replaced {
		status = http.StatusCreated
		if s.cache != nil {
			s.cache.invalidate()
		}
	}
	if res.Article.ID != "" {
		a = res.Article
	}
	c.Response().Header().Set(echo.HeaderLocation, s.absURL(c, "/api/articles/"+urlPathEscape(a.ID), nil))
	out := postedArticle{articleDoc: newArticleDoc(a, events)}
	if a.Published.IsZero() {
		out.Warnings = []string{ingest.UndatedWarning}
	}
	return c.JSON(status, out)
}

// postedArticle is the answer of POST /api/articles: the article with its
// events, and what the client should know about how it was read.
type postedArticle struct {
	articleDoc
	Warnings []string `json:"warnings,omitempty"`
}

// readArticleInput decodes a JSON or text/markdown article body (see
// writeMediaTypes).
func readArticleInput(c echo.Context) (articleInput, error) {
	var in articleInput
	ct := c.Request().Header.Get(echo.HeaderContentType)
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return in, apiErr(http.StatusUnsupportedMediaType, "UnsupportedMediaType", "Content-Type %q is not accepted; send application/json or text/markdown", truncate(ct, 80))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
		return in, apiErr(http.StatusUnsupportedMediaType, "UnsupportedMediaType", "charset %q is not accepted; send UTF-8", truncate(cs, 40))
	}
	kind, why := writeMediaKind(mt)
	if kind == "" {
		return in, apiErr(http.StatusUnsupportedMediaType, "UnsupportedMediaType", "Content-Type %q is not accepted: %s", truncate(mt, 80), why)
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return in, err
	}
	switch kind {
	case "json":
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			return in, apiErr(http.StatusBadRequest, "InvalidBody", "body is not an article JSON object {\"title\",\"text\",\"url\",\"published\" (or \"date\"),\"source\"}: %v", err)
		}
		if dec.More() {
			return in, apiErr(http.StatusBadRequest, "InvalidBody", "body holds more than one JSON value")
		}
	case "text":
		if !utf8.Valid(body) {
			return in, apiErr(http.StatusBadRequest, "InvalidBody", "text is not valid UTF-8")
		}
		in.Text = string(body)
		if ingest.HasFrontMatter(in.Text) {
			a, err := ingest.ParseText("body", in.Text)
			if err != nil {
				return in, apiErr(http.StatusBadRequest, "InvalidBody", "%v", err)
			}
			in.Title, in.Text, in.URL, in.Source = a.Title, a.Text, a.URL, a.Source
			if !a.Published.IsZero() {
				in.Published = a.Published.Format(time.RFC3339)
			}
		}
		if t := c.QueryParam("title"); t != "" || in.Title == "" {
			in.Title = t
		}
	}
	return in, nil
}

// authorizeWrite checks the bearer token (constant time). No token
// configured: writes are refused unless anonymous writes are allowed.
func (s *Server) authorizeWrite(c echo.Context) error {
	if s.cfg.Token == "" {
		if s.cfg.AllowAnonymousWrites {
			return nil
		}
		return apiErr(http.StatusForbidden, "Forbidden", "writes are disabled: set GEOEVENTS_TOKEN or start with serve --allow-anonymous-writes")
	}
	auth := c.Request().Header.Get(echo.HeaderAuthorization)
	scheme, token, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="geoevents"`)
		return apiErr(http.StatusUnauthorized, "Unauthorized", "writes need an Authorization: Bearer <token> header")
	}
	if !tokenEqual(strings.TrimSpace(token), s.cfg.Token) {
		c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="geoevents", error="invalid_token"`)
		return apiErr(http.StatusUnauthorized, "Unauthorized", "the bearer token is wrong")
	}
	return nil
}
