package web

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// Incidents: the reports of several articles grouped as one event (see
// store.Incidents). GET /api/incidents/{id} lists an incident's sources
// for the map's popup; POST /api/incidents/{id}/split undoes a wrong
// grouping. {id} is the id of any of the incident's reports.

// incidentDoc is the answer of GET /api/incidents/{id}.
type incidentDoc struct {
	ID      string          `json:"id"`      // the primary's event id, the one the map shows
	Sources int             `json:"sources"` // how many reports, exact
	More    int             `json:"more"`    // reports beyond the listed ones
	Reports []incidentEntry `json:"reports"` // at most store.MaxListedSources, the primary first
}

// incidentEntry is one source of an incident.
type incidentEntry struct {
	EventID    string    `json:"event_id"`
	ArticleID  string    `json:"article_id,omitempty"`
	Title      string    `json:"title,omitempty"`
	URL        string    `json:"url,omitempty"`
	Source     string    `json:"source,omitempty"`
	Published  time.Time `json:"published,omitzero"`
	Sentence   string    `json:"sentence,omitempty"`
	Fatalities int       `json:"fatalities"` // what this report states (the incident's toll is the event's)
}

// incidents is the store's incidents, or a 501 when the backend has none.
func (s *Server) incidents() (store.Incidents, error) {
	inc, ok := s.st.(store.Incidents)
	if !ok {
		return nil, apiErr(http.StatusNotImplemented, "NotImplemented", "this database backend does not group reports into incidents")
	}
	return inc, nil
}

func (s *Server) getIncident(c echo.Context) error {
	if err := checkParams(c.QueryParams(), paramRules{}); err != nil {
		return err
	}
	inc, err := s.incidents()
	if err != nil {
		return err
	}
	id := c.Param("id")
	if _, err := s.lookupEvent(c.Request().Context(), id); err != nil {
		return err
	}
	list, total, err := inc.IncidentSources(c.Request().Context(), id, store.MaxListedSources)
	if err != nil {
		return err
	}
	doc := incidentDoc{ID: list[0].ID, Sources: total, More: total - len(list), Reports: make([]incidentEntry, len(list))}
	for i, e := range list {
		doc.Reports[i] = incidentEntry{EventID: e.ID, ArticleID: e.ArticleID, Title: e.ArticleTitle, URL: e.ArticleURL,
			Source: e.Source, Published: e.Published, Sentence: e.Sentence, Fatalities: e.Fatalities}
	}
	return s.writeJSON(c, http.StatusOK, doc)
}

// splitBody is the body of POST /api/incidents/{id}/split.
type splitBody struct {
	Events []string `json:"events"`
}

// maxSplitBody bounds the split request's body.
const maxSplitBody = 1 << 20

func (s *Server) splitIncident(c echo.Context) error {
	if err := s.authorizeWrite(c); err != nil {
		return err
	}
	if err := checkParams(c.QueryParams(), paramRules{}); err != nil {
		return err
	}
	inc, err := s.incidents()
	if err != nil {
		return err
	}
	var body splitBody
	dec := json.NewDecoder(io.LimitReader(c.Request().Body, maxSplitBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil || len(body.Events) == 0 {
		return apiErr(http.StatusBadRequest, "InvalidBody", `body must be {"events": ["event id", …]}, the reports to split off`)
	}
	ctx := c.Request().Context()
	id := c.Param("id")
	if _, err := s.lookupEvent(ctx, id); err != nil {
		return err
	}
	list, _, err := inc.IncidentSources(ctx, id, 0)
	if err != nil {
		return err
	}
	for _, e := range body.Events {
		if !slices.ContainsFunc(list, func(r event.Event) bool { return r.ID == e }) {
			return apiErr(http.StatusBadRequest, "InvalidBody", "event %q is not a report of incident %q", truncate(e, 80), truncate(id, 80))
		}
	}
	n, err := inc.SplitIncident(ctx, body.Events)
	if err != nil {
		return err
	}
	if s.cache != nil {
		s.cache.invalidate()
	}
	return c.JSON(http.StatusOK, map[string]int{"split": n})
}
