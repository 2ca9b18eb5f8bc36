package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// Defaults for the time limits in Config.
const (
	DefaultReadTimeout  = 60 * time.Second
	DefaultWriteTimeout = 2 * time.Minute
	DefaultQueryTimeout = 30 * time.Second
	// deadlineGrace is how long a handler may overrun its deadline before
	// the watchdog answers for it; the write deadline must leave room for
	// this and the answer itself.
	deadlineGrace = 500 * time.Millisecond
	// minWriteMargin is what must be left between the watchdog and the
	// server's write deadline.
	minWriteMargin = time.Second
)

// errQueryTimeout is the cause of a request context cancelled by the
// query deadline; classify maps it to 503.
var errQueryTimeout = errors.New("query deadline exceeded")

// checkTimeouts fills the zero time limits with their defaults and makes
// sure a handler's deadline (plus the watchdog's grace) ends before the
// server's write deadline, so no reply is ever cut to nothing.
func checkTimeouts(cfg *Config) error {
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = DefaultReadTimeout
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = DefaultWriteTimeout
	}
	if cfg.QueryTimeout <= 0 {
		cfg.QueryTimeout = DefaultQueryTimeout
	}
	if cfg.QueryTimeout+deadlineGrace+minWriteMargin > cfg.WriteTimeout {
		return fmt.Errorf("query timeout %v must be at least %v shorter than the write timeout %v",
			cfg.QueryTimeout, deadlineGrace+minWriteMargin, cfg.WriteTimeout)
	}
	return nil
}

// withDeadline gives each request (but the routes routeLimits exempt) a
// context that ends after cfg.QueryTimeout (or its route's deadline), so store queries stop there
// and the error handler answers 503. A handler that ignores its context
// is answered for by a watchdog deadlineGrace later with the same 503
// JSON, still well before the server's write deadline; what the handler
// writes after that is dropped. Errors are handled here, inside the
// watchdog's lifetime, so only one of the two ever writes.
func (s *Server) withDeadline(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		d := s.limitFor(c).deadline
		if d == 0 {
			return next(c)
		}
		req, res := c.Request(), c.Response()
		ctx, cancel := context.WithTimeoutCause(req.Context(), d, errQueryTimeout)
		defer cancel()
		c.SetRequest(req.WithContext(ctx))
		g := newGuardWriter(res.Writer)
		res.Writer = g
		body := timeoutBody(d)
		fired := make(chan struct{})
		t := time.AfterFunc(d+deadlineGrace, func() {
			defer close(fired)
			if g.answer(http.StatusServiceUnavailable, body) {
				s.log.WarnContext(req.Context(), "handler overran its deadline; answered 503 for it",
					"method", req.Method, "path", req.URL.Path, "request_id", requestID(c))
			}
		})
		defer func() { // also when the handler panics
			if !t.Stop() {
				<-fired
			}
		}()
		if err := next(c); err != nil {
			c.Error(err)
		}
		return nil
	}
}

// timeoutBody is the JSON the watchdog sends.
func timeoutBody(d time.Duration) []byte {
	b, _ := marshalJSON(errorBody{Code: "ServiceUnavailable",
		Description: fmt.Sprintf("the request took longer than the limit of %v", d)})
	return append(b, '\n')
}

// guardWriter lets a handler and its watchdog share one response: the
// first to send the header owns it, the other's writes are dropped. The
// handler gets a header map of its own (as with http.TimeoutHandler) so
// the two never touch one map at once.
type guardWriter struct {
	mu       sync.Mutex
	w        http.ResponseWriter
	h        http.Header
	wrote    bool
	timedOut bool
	status   int // what the client got, once wrote
}

func newGuardWriter(w http.ResponseWriter) *guardWriter {
	return &guardWriter{w: w, h: w.Header().Clone()}
}

// Header implements http.ResponseWriter.
func (g *guardWriter) Header() http.Header { return g.h }

// WriteHeader implements http.ResponseWriter.
func (g *guardWriter) WriteHeader(code int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.writeHeaderLocked(code)
}

func (g *guardWriter) writeHeaderLocked(code int) {
	if g.wrote || g.timedOut {
		return
	}
	dst := g.w.Header()
	clear(dst)
	for k, v := range g.h {
		dst[k] = v
	}
	g.wrote, g.status = true, code
	g.w.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (g *guardWriter) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.timedOut {
		return 0, http.ErrHandlerTimeout
	}
	g.writeHeaderLocked(http.StatusOK)
	return g.w.Write(p)
}

// FlushError flushes unless the watchdog answered.
func (g *guardWriter) FlushError() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.timedOut {
		return http.ErrHandlerTimeout
	}
	return http.NewResponseController(g.w).Flush()
}

// Unwrap gives http.ResponseController the connection's writer (for the
// write deadline exports lift).
func (g *guardWriter) Unwrap() http.ResponseWriter { return g.w }

// answer sends status and the JSON body unless the handler has begun its
// response; it reports whether it did.
func (g *guardWriter) answer(status int, body []byte) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.wrote || g.timedOut {
		return false
	}
	g.timedOut, g.status = true, status
	h := g.w.Header()
	for _, k := range []string{echo.HeaderContentEncoding, echo.HeaderContentLength, echo.HeaderContentType, "Etag", "X-Cache"} {
		h.Del(k)
	}
	h.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	h.Set(echo.HeaderContentLength, strconv.Itoa(len(body)))
	h.Set("Retry-After", "1")
	g.w.WriteHeader(status)
	_, _ = g.w.Write(body)
	// Send it now: net/http would hold it in its buffer until the handler
	// returns.
	_ = http.NewResponseController(g.w).Flush()
	return true
}

// sentStatus is the status the client got when the watchdog answered.
func sentStatus(c echo.Context) (int, bool) {
	for w := c.Response().Writer; w != nil; {
		if g, ok := w.(*guardWriter); ok {
			g.mu.Lock()
			defer g.mu.Unlock()
			return g.status, g.timedOut
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return 0, false
		}
		w = u.Unwrap()
	}
	return 0, false
}
