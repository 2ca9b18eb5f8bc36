package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"geoevents/gazetteer"
)

// Place search limits.
const (
	defaultPlaceLimit = 10
	maxPlaceLimit     = 100
)

// placeHit is one autocomplete suggestion.
type placeHit struct {
	*gazetteer.Place
	Prior float64 `json:"prior"`
}

// places is GET /api/places?q=&limit=: gazetteer autocomplete by name prefix.
func (s *Server) places(c echo.Context) error {
	q := c.QueryParams()
	if err := checkParams(q, paramRules{extra: []string{"q", "limit"}}); err != nil {
		return err
	}
	limit := defaultPlaceLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPlaceLimit {
			return paramErr("limit", "expected a whole number from 1 to %d, got %q", maxPlaceLimit, truncate(v, 40))
		}
		limit = n
	}
	prefix := strings.TrimSpace(q.Get("q"))
	if len(prefix) > 200 {
		return paramErr("q", "longer than 200 bytes")
	}
	hits := []placeHit{}
	if prefix != "" {
		if s.gz == nil {
			return apiErr(http.StatusServiceUnavailable, "ServiceUnavailable", "no gazetteer loaded")
		}
		for _, cand := range s.gz.Prefix(prefix, limit) {
			if cand.Place != nil {
				hits = append(hits, placeHit{Place: cand.Place, Prior: cand.Prior})
			}
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"places": hits})
}
