package web

import (
	"context"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"geoevents/internal/event"
	"geoevents/internal/store"
)

// maxIDLength bounds event, article and feature ids in paths; longer ids
// cannot exist and are 404s without a query.
const maxIDLength = 200

// listEvents is GET /api/events: a page of events as a FeatureCollection.
func (s *Server) listEvents(c echo.Context) error {
	q := c.QueryParams()
	f, err := parseFilter(q, eventsRules())
	if err != nil {
		return err
	}
	props, err := parseProperties(q)
	if err != nil {
		return err
	}
	return s.respondCached(c, "/api/events", q, mimeGeoJSON, func(ctx context.Context, base string) ([]byte, error) {
		return s.eventPage(ctx, base, "/api/events", q, f, props, nil)
	})
}

// searchEvents is POST /api/events/search: the query filters plus a
// GeoJSON Polygon/MultiPolygon (or a Feature holding one) in the body.
// Its links repeat the query string; POST them again with the same body.
func (s *Server) searchEvents(c echo.Context) error {
	q := c.QueryParams()
	f, err := parseFilter(q, eventsRules())
	if err != nil {
		return err
	}
	props, err := parseProperties(q)
	if err != nil {
		return err
	}
	if err := requireJSONBody(c); err != nil {
		return err
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return err
	}
	if len(body) == 0 {
		return apiErr(http.StatusBadRequest, "InvalidBody", "the body must hold a GeoJSON Polygon, MultiPolygon or a Feature holding one")
	}
	geom, err := ParsePolygon(body)
	if err != nil {
		return apiErr(http.StatusBadRequest, "InvalidGeometry", "%v", err)
	}
	if err := s.checkPolygonCost(c.Request().Context(), geom); err != nil {
		return err
	}
	f.Within = geom
	body, err = s.eventPage(c.Request().Context(), s.baseURL(c), "/api/events/search", q, f, props, nil)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, mimeGeoJSON, body)
}

// requireJSONBody answers 415 unless the body is declared JSON.
func requireJSONBody(c echo.Context) error {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || (mt != mimeJSON && mt != mimeGeoJSON) {
		return apiErr(http.StatusUnsupportedMediaType, "UnsupportedMediaType",
			"Content-Type %q is not accepted; send application/json or application/geo+json", ct)
	}
	return nil
}

// eventPage queries one page and encodes it as a GeoJSON
// FeatureCollection with numberMatched, numberReturned, timeStamp and
// self/next/prev links; extra links are appended. Features carry the
// properties props (see parseProperties; nil: all).
// It must not touch the echo.Context: cached pages are refreshed in the
// background after the request is gone.
func (s *Server) eventPage(ctx context.Context, base, path string, q url.Values, f store.Filter, props []int, extra []Link) ([]byte, error) {
	page, err := s.st.Events(ctx, f)
	if err != nil {
		return nil, err
	}
	links := pageLinks(base, path, q, f.Limit, f.Offset, len(page.Events), page.NumberMatched, mimeGeoJSON)
	links = append(links, extra...)
	lj, err := marshalJSON(links)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 0, 256+len(lj)+pageSizeHint(page.Events, props))
	buf = append(buf, `{"type":"FeatureCollection","numberMatched":`...)
	buf = appendInt(buf, page.NumberMatched)
	buf = append(buf, `,"numberReturned":`...)
	buf = appendInt(buf, int64(len(page.Events)))
	buf = append(buf, `,"timeStamp":"`...)
	buf = s.now().UTC().Truncate(time.Second).AppendFormat(buf, time.RFC3339)
	buf = append(buf, `","links":`...)
	buf = append(buf, lj...)
	buf = append(buf, `,"features":[`...)
	for i := range page.Events {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = event.AppendFeatureProps(buf, &page.Events[i], props)
	}
	return append(buf, "]}\n"...), nil
}

// pageSizeHint estimates the bytes of the events' features, so that a
// page's buffer is allocated once (a 1000-event page is about 0.8 MB;
// growing the buffer copied it): the fixed members of a feature with
// every property (about 590 bytes for an imported event), plus its
// texts; with selected properties a share of that.
func pageSizeHint(evs []event.Event, props []int) int {
	n := 0
	for i := range evs {
		e := &evs[i]
		n += 640 + len(e.Sentence) + len(e.ArticleTitle) + len(e.Notes) + len(e.ArticleURL)
	}
	if props != nil {
		n = n*(len(props)+2)/(len(event.FeatureProperties())+2) + 120*len(evs)
	}
	return n
}

// getEvent is GET /api/events/{id}: one event as a GeoJSON Feature.
func (s *Server) getEvent(c echo.Context) error {
	q := c.QueryParams()
	if err := checkParams(q, featureRules()); err != nil {
		return err
	}
	props, err := parseProperties(q)
	if err != nil {
		return err
	}
	id := c.Param("id")
	return s.respondCached(c, "/api/events/"+id, q, mimeGeoJSON, func(ctx context.Context, _ string) ([]byte, error) {
		e, err := s.lookupEvent(ctx, id)
		if err != nil {
			return nil, err
		}
		return append(event.AppendFeatureProps(make([]byte, 0, 1024), &e, props), '\n'), nil
	})
}

// lookupEvent fetches an event by id, answering 404 for ids that cannot exist.
func (s *Server) lookupEvent(ctx context.Context, id string) (event.Event, error) {
	if id == "" || len(id) > maxIDLength || strings.ContainsAny(id, "\x00") {
		return event.Event{}, apiErr(http.StatusNotFound, "NotFound", "no event with id %q", truncate(id, 80))
	}
	e, err := s.st.Event(ctx, id)
	if err != nil {
		return event.Event{}, err
	}
	return e, nil
}

func appendInt(b []byte, n int64) []byte { return strconv.AppendInt(b, n, 10) }

// truncate shortens s for error messages.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
