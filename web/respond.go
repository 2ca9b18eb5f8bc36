package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"geoevents/internal/event"
)

// writeJSON writes v as JSON, or as a minimal HTML page when the client
// asked for HTML.
func (s *Server) writeJSON(c echo.Context, status int, v any) error {
	return s.writeJSONType(c, status, mimeJSON, v)
}

// writeJSONType is writeJSON with a specific JSON media type.
func (s *Server) writeJSONType(c echo.Context, status int, mediaType string, v any) error {
	if wantsHTML(c) {
		return s.renderDocHTML(c, status, v)
	}
	b, err := marshalJSON(v)
	if err != nil {
		return err
	}
	return c.Blob(status, mediaType, append(b, '\n'))
}

// marshalJSON encodes v without HTML escaping (links keep their "&"), with
// no trailing newline.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// featureWithLinks is the event's GeoJSON Feature (with properties props,
// nil: all) with a links member added.
func featureWithLinks(e *event.Event, props []int, links []byte) []byte {
	buf := event.AppendFeatureProps(make([]byte, 0, 1024+len(links)), e, props)
	if n := len(buf); n > 0 && buf[n-1] == '}' {
		buf = append(buf[:n-1], `,"links":`...)
		buf = append(buf, links...)
		buf = append(buf, '}')
	}
	return append(buf, '\n')
}

// eventTypes returns a copy of the known event types.
func eventTypes() []string { return append([]string(nil), event.Types...) }

func urlPathEscape(s string) string { return url.PathEscape(s) }

// respondCached writes a 200 body built by build, through the response
// cache when it is enabled. X-Cache says whether it was a hit.
//
// build gets a context and the base URL for links, and must not use c: a
// cached body may be rebuilt in the background after the request is gone.
func (s *Server) respondCached(c echo.Context, path string, q url.Values, mediaType string, build func(ctx context.Context, base string) ([]byte, error)) error {
	base := s.baseURL(c)
	if s.cache == nil {
		b, err := build(c.Request().Context(), base)
		if err != nil {
			return err
		}
		return blobOK(c, mediaType, b)
	}
	b, hit, err := s.cache.get(c.Request().Context(), cacheKey(base, path, q, mediaType), func(ctx context.Context) ([]byte, error) {
		return build(ctx, base)
	})
	if err != nil {
		return err
	}
	if hit {
		c.Response().Header().Set("X-Cache", "hit")
	} else {
		c.Response().Header().Set("X-Cache", "miss")
	}
	return blobOK(c, mediaType, b)
}

// blobOK writes a 200 with body b, declaring its length: without it, a
// body larger than net/http's buffer goes out chunked, which costs a
// further write to the socket per response (the gzip middleware drops
// the header when it compresses).
func blobOK(c echo.Context, mediaType string, b []byte) error {
	c.Response().Header().Set(echo.HeaderContentLength, strconv.Itoa(len(b)))
	return c.Blob(http.StatusOK, mediaType, b)
}
