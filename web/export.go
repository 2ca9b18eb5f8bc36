package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"geoevents/internal/export"
)

// exportGeoJSON is GET /api/export.geojson: every matching event, streamed.
func (s *Server) exportGeoJSON(c echo.Context) error { return s.export(c, "geojson", "events.geojson") }

// exportCSV is GET /api/export.csv: every matching event as CSV, streamed.
func (s *Server) exportCSV(c echo.Context) error { return s.export(c, "csv", "events.csv") }

// export streams a download with no result cap and constant memory. The
// write deadline is lifted so a slow client can take its time.
func (s *Server) export(c echo.Context, name, filename string) error {
	f, err := parseFilter(c.QueryParams(), exportRules())
	if err != nil {
		return err
	}
	format, err := export.ParseFormat(name)
	if err != nil {
		return err
	}
	res := c.Response()
	_ = http.NewResponseController(res).SetWriteDeadline(time.Time{})
	h := res.Header()
	h.Set(echo.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
	if name == "csv" {
		h.Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	} else {
		h.Set(echo.HeaderContentType, mimeGeoJSON)
	}
	if c.Request().Method == http.MethodHead {
		return c.NoContent(http.StatusOK)
	}
	res.WriteHeader(http.StatusOK)
	return export.Write(c.Request().Context(), res, format, s.st, f)
}
