package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Error kinds, as errors_total{kind} and /api/feeds name them.
const (
	KindTimeout    = "timeout"     // the fetch took longer than its timeout
	KindNetwork    = "network"     // no connection, reset, DNS
	KindStatus     = "http-status" // a status other than 200 and 304
	KindTooLarge   = "too-large"   // the body passed the size cap
	KindRedirects  = "redirects"   // more redirects than allowed (or a loop)
	KindBinary     = "binary"      // not text at all
	KindParse      = "parse"       // not a feed gofeed can read
	KindNotArticle = "not-article" // a page with no article in it
	KindIngest     = "ingest"      // storing the article failed
	KindRejected   = "rejected"    // the article is not one geoevents can store
)

// FetchError is a failed fetch; Kind says which way it failed.
type FetchError struct {
	URL        string
	Kind       string
	Status     int           // the HTTP status, for KindStatus
	RetryAfter time.Duration // the server's Retry-After, when sent
	Err        error
}

// Error implements error.
func (e *FetchError) Error() string {
	return fmt.Sprintf("fetch %s: %s: %v", e.URL, e.Kind, e.Err)
}

// Unwrap returns the cause.
func (e *FetchError) Unwrap() error { return e.Err }

// errorKind returns err's kind: a FetchError's, or "other".
func errorKind(err error) string {
	var fe *FetchError
	if errors.As(err, &fe) {
		return fe.Kind
	}
	return "other"
}

// Response is a fetched body with the headers the watcher keeps.
type Response struct {
	Status       int
	URL          string // after redirects
	ContentType  string
	ETag         string
	LastModified string
	Body         []byte
}

// fetcher makes every HTTP request of the watcher: a User-Agent, a timeout
// and a size cap on each, a redirect limit, and a rate limit per host.
type fetcher struct {
	client    *http.Client
	userAgent string
	timeout   time.Duration
	rate      rate.Limit
	burst     int

	mu    sync.Mutex
	hosts map[string]*rate.Limiter
}

var errTooManyRedirects = errors.New("too many redirects")

func newFetcher(cfg Config) *fetcher {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = cfg.Timeout
	f := &fetcher{
		userAgent: cfg.UserAgent,
		timeout:   cfg.Timeout,
		rate:      rate.Limit(cfg.HostRate),
		burst:     cfg.HostBurst,
		hosts:     map[string]*rate.Limiter{},
	}
	f.client = &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > cfg.MaxRedirects {
				return errTooManyRedirects
			}
			// Redirects keep our User-Agent and conditional headers.
			return nil
		},
	}
	return f
}

// limiter returns the rate limiter of host, making it on first use.
func (f *fetcher) limiter(host string) *rate.Limiter {
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.hosts[host]
	if !ok {
		l = rate.NewLimiter(f.rate, f.burst)
		f.hosts[host] = l
	}
	return l
}

// get fetches rawURL with the validators of an earlier response (either
// may be empty), waiting for the host's rate limit first. A 200 or 304
// is a Response; anything else is a *FetchError. The body is read whole,
// up to maxBytes: past it the fetch fails with KindTooLarge.
func (f *fetcher) get(ctx context.Context, rawURL, etag, lastModified string, maxBytes int64, accept string) (Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Response{}, &FetchError{URL: rawURL, Kind: KindNetwork, Err: fmt.Errorf("not an http(s) URL")}
	}
	if err := f.limiter(u.Host).Wait(ctx); err != nil {
		return Response{}, fmt.Errorf("fetch %s: rate limit: %w", rawURL, err)
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return Response{}, &FetchError{URL: rawURL, Kind: KindNetwork, Err: err}
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", accept)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return Response{}, classify(ctx, rawURL, err)
	}
	defer resp.Body.Close()
	out := Response{
		Status:       resp.StatusCode,
		URL:          resp.Request.URL.String(),
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		return out, nil
	default:
		return out, &FetchError{URL: rawURL, Kind: KindStatus, Status: resp.StatusCode,
			RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now()),
			Err:        fmt.Errorf("HTTP %d", resp.StatusCode)}
	}
	if resp.ContentLength > maxBytes {
		return out, &FetchError{URL: rawURL, Kind: KindTooLarge, Err: fmt.Errorf("%d bytes announced, the cap is %d", resp.ContentLength, maxBytes)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return out, classify(ctx, rawURL, err)
	}
	if int64(len(body)) > maxBytes {
		return out, &FetchError{URL: rawURL, Kind: KindTooLarge, Err: fmt.Errorf("more than %d bytes", maxBytes)}
	}
	if isBinary(body, out.ContentType) {
		return out, &FetchError{URL: rawURL, Kind: KindBinary, Err: fmt.Errorf("binary body (%s)", http.DetectContentType(body))}
	}
	out.Body = body
	return out, nil
}

// classify names the kind of a failed request.
func classify(ctx context.Context, rawURL string, err error) error {
	kind := KindNetwork
	var ne net.Error
	switch {
	case errors.Is(err, errTooManyRedirects):
		kind = KindRedirects
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		kind = KindTimeout
	}
	return &FetchError{URL: rawURL, Kind: kind, Err: err}
}

// isBinary reports whether a body is not text: a declared binary type, or
// NUL bytes or a sniffed binary type in its first 512 bytes.
func isBinary(body []byte, contentType string) bool {
	ct := strings.ToLower(contentType)
	for _, p := range []string{"image/", "audio/", "video/", "application/octet-stream", "application/pdf", "application/zip"} {
		if strings.HasPrefix(ct, p) {
			return true
		}
	}
	head := body[:min(len(body), 512)]
	if strings.IndexByte(string(head), 0) >= 0 {
		return true
	}
	sniffed := http.DetectContentType(head)
	return !strings.HasPrefix(sniffed, "text/") && !strings.Contains(sniffed, "xml") && !strings.Contains(sniffed, "json")
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
