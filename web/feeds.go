package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"geoevents/internal/feedstate"
)

// FeedMonitor tells how the feeds the server follows are doing;
// *feeds.Watcher is one.
type FeedMonitor interface {
	// Status returns each followed feed's state.
	Status(ctx context.Context) ([]feedstate.State, error)
	// WriteMetrics writes the feed metrics in the Prometheus text format.
	WriteMetrics(w io.Writer) error
}

// feedsBody is the answer of /api/feeds.
type feedsBody struct {
	Feeds []feedstate.State `json:"feeds"`
}

// listFeeds answers each followed feed's last poll, status, items and
// errors (an empty list when the server follows none).
func (s *Server) listFeeds(c echo.Context) error {
	if err := checkParams(c.QueryParams(), paramRules{}); err != nil {
		return err
	}
	body := feedsBody{Feeds: []feedstate.State{}}
	if s.cfg.Feeds != nil {
		states, err := s.cfg.Feeds.Status(c.Request().Context())
		if err != nil {
			return fmt.Errorf("feed status: %w", err)
		}
		body.Feeds = append(body.Feeds, states...)
	}
	return c.JSON(http.StatusOK, body)
}

// metrics answers the Prometheus text exposition: the build and, when the
// server follows feeds, the feed metrics.
func (s *Server) metrics(c echo.Context) error {
	if err := checkParams(c.QueryParams(), paramRules{}); err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# HELP geoevents_build_info The running build.\n# TYPE geoevents_build_info gauge\ngeoevents_build_info{version=%q} 1\n", s.cfg.Version)
	if s.cfg.Feeds != nil {
		if err := s.cfg.Feeds.WriteMetrics(&b); err != nil {
			return fmt.Errorf("feed metrics: %w", err)
		}
	}
	return c.Blob(http.StatusOK, "text/plain; version=0.0.4; charset=utf-8", b.Bytes())
}
