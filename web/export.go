package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"geoevents/internal/export"
)

// exportGeoJSON is GET /api/export.geojson: every matching event, streamed.
func (s *Server) exportGeoJSON(c echo.Context) error { return s.export(c, export.GeoJSON) }

// exportGeoJSONSeq is GET /api/export.geojsons: RFC 8142 text sequences.
func (s *Server) exportGeoJSONSeq(c echo.Context) error { return s.export(c, export.GeoJSONSeq) }

// exportCSV is GET /api/export.csv: every matching event as CSV, streamed.
func (s *Server) exportCSV(c echo.Context) error { return s.export(c, export.CSV) }

// export streams a download with the /api/events filters, no result cap
// and constant memory. The write deadline is lifted so a large export to
// a slow client is not cut off.
func (s *Server) export(c echo.Context, format export.Format) error {
	f, err := parseFilter(c.QueryParams(), exportRules())
	if err != nil {
		return err
	}
	res := c.Response()
	// Best effort: httptest recorders have no deadlines to lift.
	_ = http.NewResponseController(res).SetWriteDeadline(time.Time{})
	h := res.Header()
	h.Set(echo.HeaderContentDisposition, `attachment; filename="events.`+format.Ext()+`"`)
	h.Set(echo.HeaderContentType, format.ContentType())
	if c.Request().Method == http.MethodHead {
		return c.NoContent(http.StatusOK)
	}
	res.WriteHeader(http.StatusOK)
	n, err := export.Write(c.Request().Context(), res, format, s.st, f)
	if err != nil {
		return err
	}
	s.log.DebugContext(c.Request().Context(), "export", "format", string(format), "events", n, "request_id", requestID(c))
	return nil
}
