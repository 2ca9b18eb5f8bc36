package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// Media types used in links and responses.
const (
	mimeGeoJSON = "application/geo+json"
	mimeJSON    = "application/json"
	mimeHTML    = "text/html"
	mimeOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
	mimeSchema  = "application/schema+json"
)

// Link is an OGC API / RFC 8288 link object.
type Link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

// baseURL is cfg.BaseURL, or the scheme and Host of the request.
func (s *Server) baseURL(c echo.Context) string {
	if s.base != nil {
		return s.base.String()
	}
	req := c.Request()
	scheme := "http"
	if req.TLS != nil || strings.EqualFold(req.Header.Get(echo.HeaderXForwardedProto), "https") {
		scheme = "https"
	}
	host := req.Host
	if host == "" || strings.ContainsAny(host, "/\\ \"<>") {
		host = "localhost"
	}
	return scheme + "://" + host
}

// absURL is an absolute link to path with query q (nil for none).
func (s *Server) absURL(c echo.Context, path string, q url.Values) string {
	return linkURL(s.baseURL(c), path, q)
}

// linkURL is base + path + the encoded query.
func linkURL(base, path string, q url.Values) string {
	if len(q) > 0 {
		return base + path + "?" + q.Encode()
	}
	return base + path
}

// pageLinks builds self, next and prev links for a page of results,
// keeping every other query parameter.
func pageLinks(base, path string, q url.Values, limit, offset, returned int, matched int64, typ string) []Link {
	links := []Link{{Href: linkURL(base, path, q), Rel: "self", Type: typ, Title: "this page"}}
	with := func(off int) url.Values {
		n := make(url.Values, len(q)+2)
		for k, v := range q {
			n[k] = v
		}
		n.Set("offset", strconv.Itoa(off))
		n.Set("limit", strconv.Itoa(limit))
		return n
	}
	if limit > 0 && int64(offset+returned) < matched && returned > 0 {
		links = append(links, Link{Href: linkURL(base, path, with(offset+limit)), Rel: "next", Type: typ, Title: "next page"})
	}
	if offset > 0 && limit > 0 {
		links = append(links, Link{Href: linkURL(base, path, with(max(0, offset-limit))), Rel: "prev", Type: typ, Title: "previous page"})
	}
	return links
}
