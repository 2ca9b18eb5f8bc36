package web

import (
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// static serves the map's assets under /static/.
func (s *Server) static(c echo.Context) error {
	name := strings.TrimPrefix(path.Clean("/"+c.Param("*")), "/")
	if name == "" || name == "." || !fs.ValidPath(name) {
		return echo.ErrNotFound
	}
	return s.serveAsset(c, name)
}

// serveAsset writes one asset file; directories and missing files are 404s.
func (s *Server) serveAsset(c echo.Context, name string) error {
	data, err := fs.ReadFile(s.assets, name)
	if err != nil {
		// Missing files, directories and unreadable names all look the same
		// to a client.
		return echo.ErrNotFound
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = http.DetectContentType(data)
	}
	h := c.Response().Header()
	if s.cfg.Dev {
		h.Set("Cache-Control", "no-cache")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	h.Set("X-Content-Type-Options", "nosniff")
	return c.Blob(http.StatusOK, ct, data)
}

// wantsHTML reports whether the client asked for an HTML page: f=html, or
// a browser Accept header preferring text/html, and no f=json.
func wantsHTML(c echo.Context) bool {
	switch c.QueryParam("f") {
	case "html":
		return true
	case "json", "geojson":
		return false
	}
	accept := c.Request().Header.Get(echo.HeaderAccept)
	return strings.Contains(accept, "text/html")
}
