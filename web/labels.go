package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"geoevents/geo"
)

// Town label limits: a view's box may span at most maxLabelSpan degrees
// each way (the map asks from zoom 7, about 10° wide), so a request reads
// a bounded part of the gazetteer.
const (
	defaultLabelLimit = 200
	maxLabelLimit     = 500
	maxLabelSpan      = 30.0
)

// townLabel is one town of /api/labels.
type townLabel struct {
	Name       string  `json:"name"`
	Lon        float64 `json:"lon"`
	Lat        float64 `json:"lat"`
	Code       string  `json:"feature_code"`
	Population int64   `json:"population"`
}

// labels is GET /api/labels?bbox=&limit=: the towns and villages of the
// embedded gazetteer in a box, the most important first (capital, admin
// seats, then by population), for the map's offline labels.
func (s *Server) labels(c echo.Context) error {
	q := c.QueryParams()
	if err := checkParams(q, paramRules{extra: []string{"bbox", "limit"}}); err != nil {
		return err
	}
	v := q.Get("bbox")
	if v == "" {
		return paramErr("bbox", "required: minLon,minLat,maxLon,maxLat of the view")
	}
	if strings.Trim(v, "0123456789.,+-eE ") != "" {
		return paramErr("bbox", "expected 4 comma-separated decimal numbers minLon,minLat,maxLon,maxLat, got %q", truncate(v, 80))
	}
	box, err := geo.ParseBBox(v)
	if err != nil {
		return paramErr("bbox", "%v", err)
	}
	w := box.MaxLon - box.MinLon
	if box.CrossesAntimeridian() {
		w += 360
	}
	if w > maxLabelSpan || box.MaxLat-box.MinLat > maxLabelSpan {
		return paramErr("bbox", "spans %.1f° × %.1f°; town labels are served for views of at most %g° each way", w, box.MaxLat-box.MinLat, maxLabelSpan)
	}
	limit := defaultLabelLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLabelLimit {
			return paramErr("limit", "expected a whole number from 1 to %d, got %q", maxLabelLimit, truncate(v, 40))
		}
		limit = n
	}
	if s.gz == nil {
		return apiErr(http.StatusServiceUnavailable, "ServiceUnavailable", "no gazetteer loaded")
	}
	out := []townLabel{}
	for _, p := range s.gz.Towns(box, limit) {
		out = append(out, townLabel{Name: p.Name, Lon: p.Lon, Lat: p.Lat, Code: p.FeatureCode, Population: p.Population})
	}
	// The gazetteer does not change while the server runs.
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	return c.JSON(http.StatusOK, map[string]any{"labels": out})
}
