package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"geoevents/geo"
	"geoevents/internal/store"
)

// ParamError is a bad request parameter: Param names it and Problem says
// what was expected. It becomes a 400.
type ParamError struct {
	Param   string
	Problem string
}

// Error implements error.
func (e *ParamError) Error() string {
	return fmt.Sprintf("parameter %q: %s", e.Param, e.Problem)
}

// Error is an API error with an explicit HTTP status, for the cases a
// ParamError does not cover (bad bodies, auth, media types).
type Error struct {
	Status      int
	Code        string
	Description string
}

// Error implements error.
func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Description) }

// statusClientClosed is logged (never seen by anyone) when the client
// went away before the response, as nginx does.
const statusClientClosed = 499

// errorBody is the one JSON shape of every error response.
type errorBody struct {
	Code        string `json:"code"`
	Description string `json:"description"`
}

func paramErr(param, format string, args ...any) error {
	return &ParamError{Param: param, Problem: fmt.Sprintf(format, args...)}
}

func apiErr(status int, code, format string, args ...any) error {
	return &Error{Status: status, Code: code, Description: fmt.Sprintf(format, args...)}
}

// codeFor names an HTTP status in error bodies.
func codeFor(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "InvalidParameterValue"
	case http.StatusUnauthorized:
		return "Unauthorized"
	case http.StatusForbidden:
		return "Forbidden"
	case http.StatusNotFound:
		return "NotFound"
	case http.StatusMethodNotAllowed:
		return "MethodNotAllowed"
	case http.StatusNotAcceptable:
		return "NotAcceptable"
	case http.StatusRequestEntityTooLarge:
		return "PayloadTooLarge"
	case http.StatusUnsupportedMediaType:
		return "UnsupportedMediaType"
	case http.StatusRequestTimeout:
		return "RequestTimeout"
	case http.StatusTooManyRequests:
		return "TooManyRequests"
	case http.StatusServiceUnavailable:
		return "ServiceUnavailable"
	}
	if status >= 500 {
		return "InternalError"
	}
	return http.StatusText(status)
}

// classify maps any error to a status, code and client-safe description.
// Unknown errors are 500s whose detail stays in the log.
func (s *Server) classify(err error) (status int, code, desc string) {
	var pe *ParamError
	var ae *Error
	var he *echo.HTTPError
	var mbe *http.MaxBytesError
	var be *bodyError
	switch {
	case errors.As(err, &be):
		_, status, code, desc = classifyBody(be.err)
		return status, code, desc
	case errors.As(err, &pe):
		return http.StatusBadRequest, "InvalidParameterValue", pe.Error()
	case errors.As(err, &ae):
		return ae.Status, ae.Code, ae.Description
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, "PayloadTooLarge", fmt.Sprintf("request body is larger than the limit of %d bytes", mbe.Limit)
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, "NotFound", err.Error()
	case errors.Is(err, geo.ErrInvalid), errors.Is(err, store.ErrInvalidFilter), errors.Is(err, ErrPolygon):
		return http.StatusBadRequest, "InvalidParameterValue", err.Error()
	case errors.Is(err, store.ErrStorageFull):
		return http.StatusInsufficientStorage, "InsufficientStorage", "the database's storage is full: nothing of this request was stored; retry once space is freed"
	case errors.Is(err, store.ErrReadOnly):
		return http.StatusServiceUnavailable, "ReadOnly", "the database is read-only: nothing of this request was stored"
	}
	if st, ok := ingestStatus(err); ok {
		return st, "InvalidArticle", err.Error()
	}
	switch {
	case errors.As(err, &he):
		if he.Internal != nil {
			if inner := (*echo.HTTPError)(nil); errors.As(he.Internal, &inner) {
				he = inner
			}
		}
		msg := fmt.Sprint(he.Message)
		switch he.Code {
		case http.StatusNotFound:
			msg = "no such resource; see /api for the API description"
		case http.StatusMethodNotAllowed:
			msg = "method not allowed on this resource"
		}
		return he.Code, codeFor(he.Code), msg
	case errors.Is(err, context.Canceled):
		return statusClientClosed, "ClientClosedRequest", "the client went away"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "ServiceUnavailable", "the request took too long"
	}
	return http.StatusInternalServerError, "InternalError", "internal server error"
}

// handleError is Echo's HTTPErrorHandler: the single place errors become
// HTTP responses.
func (s *Server) handleError(err error, c echo.Context) {
	status, code, desc := s.classify(err)
	req := c.Request()
	if status >= 500 && errors.Is(context.Cause(req.Context()), errQueryTimeout) {
		// The query was interrupted by the deadline, whatever error the
		// driver made of it.
		status, code, desc = http.StatusServiceUnavailable, "ServiceUnavailable",
			fmt.Sprintf("the request took longer than the limit of %v", s.limitFor(c).deadline)
		c.Response().Header().Set("Retry-After", "1")
	}
	if c.Response().Committed {
		// Mid-stream failure (often the client going away): the status is
		// sent already; a log line and the truncated body are all that is left.
		s.log.WarnContext(req.Context(), "error after the response started", "method", req.Method,
			"path", req.URL.Path, "request_id", requestID(c), "err", err)
		return
	}
	if status >= 500 {
		s.log.ErrorContext(req.Context(), "request failed", "method", req.Method, "path", req.URL.Path,
			"request_id", requestID(c), "err", err)
	}
	if closeAfter(err, status) {
		// Do not wait to drain a body we refused: answer and close.
		c.Response().Header().Set(echo.HeaderConnection, "close")
	}
	if req.Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	if err := c.JSON(status, errorBody{Code: code, Description: desc}); err != nil {
		s.log.DebugContext(req.Context(), "write error response", "err", err)
	}
}
