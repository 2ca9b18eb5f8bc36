package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"geoevents/internal/store"
)

// stats is GET /api/stats: counts by type, country and day for the same
// filters as /api/events, for the map's legend and timeline.
func (s *Server) stats(c echo.Context) error {
	f, err := parseFilter(c.QueryParams(), statsRules())
	if err != nil {
		return err
	}
	st, err := s.st.Stats(c.Request().Context(), f)
	if err != nil {
		return err
	}
	if st.ByType == nil {
		st.ByType = map[string]int64{}
	}
	if st.ByCountry == nil {
		st.ByCountry = map[string]int64{}
	}
	if st.ByDay == nil {
		st.ByDay = []store.DayCount{}
	}
	return c.JSON(http.StatusOK, st)
}
