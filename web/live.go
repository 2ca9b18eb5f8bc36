package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"geoevents/internal/store"
)

// DefaultLiveInterval is how often /api/live looks for new events.
const DefaultLiveInterval = 2 * time.Second

// liveStop ends the live streams when the server shuts down: the request
// contexts do not (Serve lets running requests finish), and a stream
// never finishes by itself.
type liveStop struct {
	once sync.Once
	ch   chan struct{}
}

func newLiveStop() *liveStop { return &liveStop{ch: make(chan struct{})} }

func (l *liveStop) stop() { l.once.Do(func() { close(l.ch) }) }

// live is GET /api/live: Server-Sent Events telling the map how many
// events the database holds (event "total", data {"total":N,"newest":id}),
// once at the start and again whenever the number changes, checked every
// cfg.LiveInterval (a change also clears the response cache, so the
// reader's next query sees the new events); a comment line every 15 s keeps proxies from closing
// an idle stream. The map shows the growth as an "N new" badge rather
// than moving. The stream ends when the client goes or the server stops.
func (s *Server) live(c echo.Context) error {
	if err := checkParams(c.QueryParams(), paramRules{}); err != nil {
		return err
	}
	res := c.Response()
	_ = http.NewResponseController(res).SetWriteDeadline(time.Time{}) // best effort, as exports
	h := res.Header()
	h.Set(echo.HeaderContentType, "text/event-stream")
	h.Set(echo.HeaderCacheControl, "no-store")
	h.Set("X-Accel-Buffering", "no")
	if c.Request().Method == http.MethodHead {
		return c.NoContent(http.StatusOK)
	}
	ctx := c.Request().Context()
	res.WriteHeader(http.StatusOK)
	res.Flush()
	tick := time.NewTicker(s.cfg.LiveInterval)
	defer tick.Stop()
	last, idle := int64(-1), time.Now()
	for {
		total, newest, err := liveTotal(ctx, s.st)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			s.log.WarnContext(ctx, "live: count failed", "err", err)
		} else if total != last {
			if last >= 0 && s.cache != nil {
				// Another process wrote (writes through this server clear
				// the cache themselves): cached answers are stale now, and
				// the reader is about to ask for the new events.
				s.cache.invalidate()
			}
			last, idle = total, time.Now()
			if _, err := fmt.Fprintf(res, "event: total\ndata: {\"total\":%d,\"newest\":%s}\n\n", total, strconv.Quote(newest)); err != nil {
				return nil
			}
			res.Flush()
		} else if time.Since(idle) >= 15*time.Second {
			idle = time.Now()
			if _, err := fmt.Fprint(res, ": still here\n\n"); err != nil {
				return nil
			}
			res.Flush()
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.liveStop.ch:
			return nil
		case <-tick.C:
		}
	}
}

// liveTotal is the number of events (plain mentions aside; from the count
// grid, cheap) and the id of the newest.
func liveTotal(ctx context.Context, st store.Store) (int64, string, error) {
	p, err := st.Events(ctx, store.Filter{Limit: 1})
	if err != nil {
		return 0, "", err
	}
	newest := ""
	if len(p.Events) > 0 {
		newest = p.Events[0].ID
	}
	return p.NumberMatched, newest, nil
}
