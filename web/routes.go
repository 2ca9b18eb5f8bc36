package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// routes registers every endpoint. GET routes answer HEAD too; any other
// method on a known path is a 405 from Echo's router.
func (s *Server) routes(e *echo.Echo) {
	get := func(path string, h echo.HandlerFunc) {
		e.GET(path, h)
		e.HEAD(path, h)
	}
	get("/healthz", s.healthz)
	get("/", s.landing)
	get("/static/*", s.static)
	get("/conformance", s.conformance)
	get("/api", s.openAPI)
	get("/collections", s.collections)
	get("/collections/:collectionId", s.collection)
	get("/collections/:collectionId/queryables", s.queryables)
	get("/collections/:collectionId/items", s.items)
	get("/collections/:collectionId/items/:featureId", s.item)

	get("/api/config", s.mapConfig)
	get("/api/events", s.listEvents)
	e.POST("/api/events/search", s.searchEvents)
	get("/api/events/:id", s.getEvent)
	get("/api/articles", s.listArticles)
	e.POST("/api/articles", s.postArticle, s.limitWrites)
	get("/api/articles/:id", s.getArticle)
	get("/api/places", s.places)
	get("/api/labels", s.labels)
	get("/api/stats", s.stats)
	get("/api/weekly", s.weekly)
	get("/api/aggregate", s.aggregate)
	get("/api/live", s.live)
	get("/api/export.geojson", s.exportGeoJSON)
	get("/api/export.geojsons", s.exportGeoJSONSeq)
	get("/api/export.csv", s.exportCSV)
	get("/api/feeds", s.listFeeds)
	get("/api/incidents/:id", s.getIncident)
	e.POST("/api/incidents/:id/split", s.splitIncident, s.limitWrites)
	get("/metrics", s.metrics)

}

// healthz answers {"status":"ok"} while the server runs.
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// mapConfig tells the web map which tile layer to use.
func (s *Server) mapConfig(c echo.Context) error {
	if err := checkParams(c.QueryParams(), paramRules{}); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{
		"tiles_url":         s.cfg.TilesURL,
		"tiles_attribution": s.cfg.TilesAttribution,
		"version":           s.cfg.Version,
	})
}
