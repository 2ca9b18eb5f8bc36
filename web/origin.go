package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"
)

// Writes come only from where they should: no web page of another origin
// can make this server change anything or read what a write answered,
// whether or not anonymous writes are allowed.
//
//   - crossOrigin (net/http's CrossOriginProtection) refuses unsafe
//     methods from browsers when Sec-Fetch-Site says cross-site or
//     same-site, or, without it, when Origin names another host than the
//     request's (the --base-url origin is trusted too); requests with
//     neither header (curl, QGIS, scripts) pass.
//   - CORS answers reads only (corsSkip): a POST gets no
//     Access-Control-Allow-Origin, and preflights allow GET and HEAD only.
//   - writes take no CORS-simple body type (writeMediaTypes), so a page
//     cannot send one without a preflight, which CORS then refuses.
//   - the token compare takes the same time whatever the token's length.
//   - writes are rate limited per client address (writeRate).

// DefaultWriteRate and DefaultWriteBurst bound writes per client address:
// a sustained rate per second and the burst allowed above it.
const (
	DefaultWriteRate  = 5.0
	DefaultWriteBurst = 20
)

// newCrossOrigin builds the cross-origin check, trusting base's origin.
func newCrossOrigin(base string) (*http.CrossOriginProtection, error) {
	cop := http.NewCrossOriginProtection()
	if base != "" {
		if err := cop.AddTrustedOrigin(base); err != nil {
			return nil, fmt.Errorf("trusted origin %q: %w", base, err)
		}
	}
	return cop, nil
}

// refuseCrossOrigin answers 403 to unsafe cross-origin browser requests.
func (s *Server) refuseCrossOrigin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := s.cop.Check(c.Request()); err != nil {
			return apiErr(http.StatusForbidden, "CrossOriginRefused",
				"%s requests from another origin are refused (%v); use the API from this server's pages or a non-browser client",
				c.Request().Method, err)
		}
		return next(c)
	}
}

// corsSkip leaves every unsafe method without CORS headers: CORS is for
// reading the API from other origins, never for writing to it.
func corsSkip(c echo.Context) bool {
	switch c.Request().Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// mediaRule says whether a write body may have a media type, and why not.
type mediaRule struct {
	mediaType string
	kind      string // "json", "text", or "" when refused
	why       string
}

// writeMediaTypes are the body types of POST /api/articles. The three
// CORS-simple types are named to say why they are refused; any other
// type is refused as unknown.
var writeMediaTypes = []mediaRule{
	{mimeJSON, "json", "an article JSON object"},
	{"text/markdown", "text", "the article text (title in ?title=)"},
	{"text/plain", "", "a CORS-simple type: any web page may send it without asking; send text/markdown"},
	{"application/x-www-form-urlencoded", "", "a CORS-simple type (HTML forms); send application/json"},
	{"multipart/form-data", "", "a CORS-simple type (HTML forms); send application/json"},
}

// writeMediaKind looks mt up in writeMediaTypes: kind "" means refused.
func writeMediaKind(mt string) (kind, why string) {
	for _, r := range writeMediaTypes {
		if r.mediaType == mt {
			return r.kind, r.why
		}
	}
	return "", "not a type writes accept; send application/json or text/markdown"
}

// tokenEqual compares a presented token with the configured one in time
// that depends on neither's content or length (both are hashed first).
func tokenEqual(got, want string) bool {
	g, w := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(g[:], w[:]) == 1
}

// newWriteLimiter keeps a token bucket per client address; buckets unused
// for three minutes are dropped, so memory follows the active clients.
func newWriteLimiter(perSecond float64, burst int) middleware.RateLimiterStore {
	return middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
		Rate: rate.Limit(perSecond), Burst: burst, ExpiresIn: 3 * time.Minute,
	})
}

// limitWrites answers 429 to a client writing faster than its bucket
// allows. The address is the connection's own: X-Forwarded-For is not
// trusted, as anyone can send it.
func (s *Server) limitWrites(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.writes == nil {
			return next(c)
		}
		host, _, err := net.SplitHostPort(c.Request().RemoteAddr)
		if err != nil {
			host = c.Request().RemoteAddr
		}
		if ok, _ := s.writes.Allow(host); !ok {
			c.Response().Header().Set("Retry-After", "1")
			return apiErr(http.StatusTooManyRequests, "TooManyRequests",
				"too many writes from %s: at most %g a second (bursts of %d)", host, s.cfg.WriteRate, s.cfg.WriteBurst)
		}
		return next(c)
	}
}

// baseOrigin is the scheme://host of --base-url, or "" when none is set.
func (s *Server) baseOrigin() string {
	if s.base == nil {
		return ""
	}
	return s.base.Scheme + "://" + s.base.Host
}
