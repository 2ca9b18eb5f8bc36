package web

import (
	"context"

	"github.com/labstack/echo/v4"

	"geoevents/internal/store"
)

// weeklyResponse is GET /api/weekly's body.
type weeklyResponse struct {
	Weeks []store.WeekCount `json:"weeks"`
}

// weekly is GET /api/weekly: the events matching the same filters as
// /api/events counted per week (Monday, UTC) and type, for the map's
// chart of events per week, computed on the server so it holds on a
// million events.
func (s *Server) weekly(c echo.Context) error {
	f, err := parseFilter(c.QueryParams(), statsRules())
	if err != nil {
		return err
	}
	return s.respondCached(c, "/api/weekly", c.QueryParams(), mimeJSON, func(ctx context.Context, _ string) ([]byte, error) {
		weeks, err := s.st.Weekly(ctx, f)
		if err != nil {
			return nil, err
		}
		if weeks == nil {
			weeks = []store.WeekCount{}
		}
		b, err := marshalJSON(weeklyResponse{Weeks: weeks})
		return append(b, '\n'), err
	})
}
