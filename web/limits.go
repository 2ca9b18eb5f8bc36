package web

import (
	"net/http"
	"runtime"
	"time"

	"github.com/labstack/echo/v4"
)

// routeLimit says how the per-request limits apply to one route.
type routeLimit struct {
	method, path string // Echo's route pattern
	// noDeadline exempts a streamed download from the query deadline: it
	// may run as long as the client reads (admission bounds how many).
	noDeadline bool
	// minDeadline lengthens the deadline of routes whose first request
	// waits for the gazetteer to load (a second when the machine is idle,
	// ten and more on a busy one).
	minDeadline time.Duration
	// costly routes take a slot of the costly-route semaphore, so they can
	// never hold every database connection and starve cheap reads.
	costly bool
	why    string
}

// gazetteerWait is the deadline of routes that may load the gazetteer.
const gazetteerWait = time.Minute

// routeLimits are the routes that differ from the default (the query
// deadline, not costly).
var routeLimits = []routeLimit{
	{method: http.MethodPost, path: "/api/events/search", costly: true, why: "a polygon tests every event in its bound"},
	{method: http.MethodGet, path: "/api/export.geojson", noDeadline: true, costly: true, why: "streams every matching event"},
	{method: http.MethodGet, path: "/api/export.geojsons", noDeadline: true, costly: true, why: "streams every matching event"},
	{method: http.MethodGet, path: "/api/export.csv", noDeadline: true, costly: true, why: "streams every matching event"},
	{method: http.MethodGet, path: "/api/live", noDeadline: true, why: "an event stream open as long as the map"},
	{method: http.MethodGet, path: "/api/places", minDeadline: gazetteerWait, why: "the first search loads the gazetteer"},
	{method: http.MethodPost, path: "/api/articles", minDeadline: gazetteerWait, why: "the first write loads the gazetteer"},
}

// limits is what withDeadline and admit need to know of a request.
type limits struct {
	deadline time.Duration // 0: none
	costly   bool
}

// limitFor looks the request's route up in routeLimits. Deadlines end
// deadlineGrace and minWriteMargin before the write deadline at the latest.
func (s *Server) limitFor(c echo.Context) limits {
	method, path := c.Request().Method, c.Path()
	l := limits{deadline: s.cfg.QueryTimeout}
	if method == http.MethodHead {
		return l // HEAD never runs the costly part
	}
	for _, r := range routeLimits {
		if r.method != method || r.path != path {
			continue
		}
		l.costly = r.costly
		switch {
		case r.noDeadline:
			l.deadline = 0
		case r.minDeadline > l.deadline:
			l.deadline = min(r.minDeadline, s.cfg.WriteTimeout-deadlineGrace-minWriteMargin)
		}
	}
	return l
}

// DefaultAdmissionWait is how long a costly request waits for a slot
// before it is refused with 503.
const DefaultAdmissionWait = time.Second

// defaultMaxCostly leaves the database's read pool (one connection per
// core and one to spare) at least one connection beyond the costly routes.
func defaultMaxCostly() int { return max(1, runtime.GOMAXPROCS(0)) }

// admit runs costly routes only while fewer than cfg.MaxCostly of them
// run; a request that finds no slot within cfg.AdmissionWait gets a 503
// with Retry-After, and cheap routes never wait.
func (s *Server) admit(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !s.limitFor(c).costly {
			return next(c)
		}
		t := time.NewTimer(s.cfg.AdmissionWait)
		defer t.Stop()
		select {
		case s.costly <- struct{}{}:
		case <-t.C:
			c.Response().Header().Set("Retry-After", "1")
			return apiErr(http.StatusServiceUnavailable, "ServiceUnavailable",
				"too many costly requests (polygon searches, exports) are running; at most %d at once, try again shortly", cap(s.costly))
		case <-c.Request().Context().Done():
			return c.Request().Context().Err()
		}
		defer func() { <-s.costly }()
		return next(c)
	}
}
