package web

import (
	"context"
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
	return s.respondCached(c, "/api/stats", c.QueryParams(), mimeJSON, func(ctx context.Context, _ string) ([]byte, error) {
		st, err := s.st.Stats(ctx, f)
		if err != nil {
			return nil, err
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
		b, err := marshalJSON(st)
		return append(b, '\n'), err
	})
}
