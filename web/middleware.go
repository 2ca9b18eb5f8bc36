package web

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/labstack/echo/v4"
)

const requestIDKey = "request_id"

// requestID returns the request id the middleware assigned.
func requestID(c echo.Context) string {
	id, _ := c.Get(requestIDKey).(string)
	return id
}

// validRequestID accepts a client's X-Request-ID only if it is short and
// made of safe characters, so it can go into logs and headers as is.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// withRequestID tags each request with an id (the client's X-Request-ID
// when it is sane, else a random one) and echoes it in the response.
func withRequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if !validRequestID(id) {
			var b [12]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		c.Set(requestIDKey, id)
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

// logRequests logs one line per request after the error handler has run,
// so the logged status is the one the client got.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		req, res := c.Request(), c.Response()
		status := res.Status
		if st, ok := sentStatus(c); ok {
			status = st // the watchdog answered; the handler's status never left
		}
		took := time.Since(start)
		if !s.access.logs(status, took) {
			return nil
		}
		s.log.LogAttrs(req.Context(), levelFor(status), "http request",
			slog.String("method", req.Method), slog.String("path", req.URL.Path),
			slog.Int("status", status), slog.Duration("duration", took),
			slog.Int64("bytes", res.Size), slog.String("request_id", requestID(c)))
		return nil
	}
}

// recoverPanics turns a handler panic into a logged 500. Tests prove bad
// input never gets here; it is the last line of defence.
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				s.log.ErrorContext(c.Request().Context(), "panic in handler", "request_id", requestID(c),
					"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return next(c)
	}
}

// levelFor logs server errors louder than client errors and successes.
func levelFor(status int) slog.Level {
	switch {
	case status >= 500:
		return slog.LevelError
	case status >= 400:
		return slog.LevelWarn
	}
	return slog.LevelInfo
}

// serverTiming tells the client how long the server took over each
// request, up to its first byte (a Server-Timing header, "app;dur=" in
// milliseconds): a browser's resource timings then tell the server's part
// of a request from its queueing and transfer (the map's scale test logs
// both).
func serverTiming(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		res := c.Response()
		res.Before(func() {
			res.Header().Set("Server-Timing", fmt.Sprintf("app;dur=%.1f", float64(time.Since(start).Microseconds())/1000))
		})
		return next(c)
	}
}
