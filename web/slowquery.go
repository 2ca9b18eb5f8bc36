package web

import (
	"context"
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"

	"geoevents/internal/store"
)

// DefaultSlowQuery is the duration from which a store query is logged as
// slow (Config.SlowQuery, serve --slow-query): well above what the
// benchmarked queries take on 1M events (tens of ms), well below the query
// deadline.
const DefaultSlowQuery = 500 * time.Millisecond

// explainTimeout bounds the EXPLAIN a backend may run to name the plan of
// a slow query (PostGIS); the request has been answered by then.
const explainTimeout = 2 * time.Second

// logSlowQueries logs, at WARN, each store query of a request that took
// SlowQuery or longer: one line with the route, the operation, the filter,
// the duration and the plan the store chose, so a slow request says why.
// Queries are told of as they finish, so one that outlives its request
// (cut off by the deadline) is logged too.
func (s *Server) logSlowQueries(next echo.HandlerFunc) echo.HandlerFunc {
	if s.cfg.SlowQuery < 0 {
		return next
	}
	return func(c echo.Context) error {
		req := c.Request()
		route, id := c.Path(), requestID(c)
		ctx := store.WatchQueries(req.Context(), func(q store.QueryNote) {
			if q.Took < s.cfg.SlowQuery {
				return
			}
			ectx, cancel := context.WithTimeout(context.WithoutCancel(req.Context()), explainTimeout)
			defer cancel()
			s.log.LogAttrs(ectx, slog.LevelWarn, "slow query",
				slog.String("route", route), slog.String("op", q.Op), slog.String("filter", q.Filter.String()),
				slog.Duration("took", q.Took), slog.String("plan", q.PlanText(ectx)), slog.String("request_id", id))
		})
		c.SetRequest(req.WithContext(ctx))
		return next(c)
	}
}
