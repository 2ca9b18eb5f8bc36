// Package feedtest is a local news site for tests: an httptest server
// serving RSS 2.0, Atom and JSON Feed documents with ETag and
// Last-Modified validators, the article pages behind their items, and the
// ways real hosts fail (slow, 5xx, 410, 429, malformed XML, huge and
// binary bodies, redirect loops). Nothing in it reaches the internet.
package feedtest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Format is a feed document format.
type Format int

// Feed formats.
const (
	RSS Format = iota
	Atom
	JSONFeed
)

// Story is one news story: its page is /story/{ID}.
type Story struct {
	ID        string
	Title     string
	Text      string // paragraphs separated by blank lines
	Byline    string
	Published time.Time
}

// Feed is a feed the server serves.
type Feed struct {
	Title   string
	Format  Format
	Stories []Story
	// Teasers: items carry only the story's first sentence; its text is
	// on its page.
	Teasers bool
}

// Server is the local news site. Its methods are safe for concurrent use
// with the requests it serves.
type Server struct {
	*httptest.Server

	mu       sync.Mutex
	feeds    map[string]Feed
	stories  map[string]Story
	modified map[string]time.Time // per feed path: when it last changed
	hits     map[string]int       // requests per path
	notMod   map[string]int       // 304s per path
	agents   map[string]bool
	raw      map[string]rawDoc
	// SlowDelay is how long /slow takes to answer (default 5 s).
	SlowDelay time.Duration
}

// New starts a server; it is closed when the test ends (t.Cleanup by the
// caller's Close).
func New() *Server {
	s := &Server{
		feeds: map[string]Feed{}, stories: map[string]Story{}, modified: map[string]time.Time{},
		hits: map[string]int{}, notMod: map[string]int{}, agents: map[string]bool{}, raw: map[string]rawDoc{}, SlowDelay: 5 * time.Second,
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// SetFeed serves f at path (such as "/rss/1"), replacing what was there;
// its stories' pages are served too.
func (s *Server) SetFeed(path string, f Feed) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feeds[path] = f
	s.modified[path] = time.Now().UTC().Truncate(time.Second)
	for _, st := range f.Stories {
		s.stories[st.ID] = st
	}
}

// SetRaw serves body as it is at path, with content type ctype and an
// ETag of its own.
func (s *Server) SetRaw(path, ctype, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.raw[path] = rawDoc{ctype, body}
}

// rawDoc is a document served as it is.
type rawDoc struct{ ctype, body string }

// SlowDelayUnit is the time unit of slow-host tests: short enough to keep
// tests fast, long enough to tell a timeout from a slow answer.
func (s *Server) SlowDelayUnit() time.Duration { return 300 * time.Millisecond }

// URL returns the absolute URL of path on the server.
func (s *Server) URL(path string) string { return s.Server.URL + path }

// Hits returns how many requests path got.
func (s *Server) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// NotModified returns how many 304s path answered.
func (s *Server) NotModified(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.notMod[path]
}

// UserAgents returns the User-Agent headers seen.
func (s *Server) UserAgents() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for a := range s.agents {
		out = append(out, a)
	}
	return out
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.agents[r.UserAgent()] = true
	f, isFeed := s.feeds[r.URL.Path]
	mod := s.modified[r.URL.Path]
	raw, isRaw := s.raw[r.URL.Path]
	s.mu.Unlock()
	if isRaw {
		w.Header().Set("Content-Type", raw.ctype)
		w.Header().Set("ETag", `"raw-`+fmt.Sprint(len(raw.body))+`"`)
		fmt.Fprint(w, raw.body)
		return
	}
	if isFeed {
		s.serveFeed(w, r, f, mod)
		return
	}
	if id, ok := strings.CutPrefix(r.URL.Path, "/story/"); ok {
		s.serveStory(w, id)
		return
	}
	s.serveTrouble(w, r)
}

// serveFeed answers a feed with its validators, or 304.
func (s *Server) serveFeed(w http.ResponseWriter, r *http.Request, f Feed, mod time.Time) {
	body, ctype := render(f, s.Server.URL)
	sum := sha256.Sum256([]byte(body))
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", mod.Format(http.TimeFormat))
	if r.Header.Get("If-None-Match") == etag {
		s.mu.Lock()
		s.notMod[r.URL.Path]++
		s.mu.Unlock()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", ctype)
	fmt.Fprint(w, body)
}

// serveStory answers a story's article page.
func (s *Server) serveStory(w http.ResponseWriter, id string) {
	s.mu.Lock()
	st, ok := s.stories[id]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, Page(st, s.Server.URL))
}

// Trouble paths, each failing the way its name says.
const (
	PathSlow      = "/slow"      // answers after SlowDelay
	PathFail      = "/fail"      // 500
	PathGone      = "/gone"      // 410
	PathBusy      = "/busy"      // 429 with Retry-After: 120
	PathMalformed = "/malformed" // XML cut off in the middle
	PathHuge      = "/huge"      // 32 MB of feed
	PathBinary    = "/binary"    // a PNG
	PathNULs      = "/nuls"      // bytes with NULs, claiming to be RSS
	PathLoop      = "/loop"      // redirects to itself
	PathNotHTML   = "/nothtml"   // a page that is JSON
	PathNoArticle = "/noarticle" // an HTML page with no article in it
	PathPageFail  = "/pagefail"  // a page answering 503
)

func (s *Server) serveTrouble(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case PathSlow:
		select {
		case <-time.After(s.SlowDelay):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<rss version="2.0"><channel><title>slow</title></channel></rss>`)
	case PathFail:
		http.Error(w, "boom", http.StatusInternalServerError)
	case PathGone:
		http.Error(w, "gone", http.StatusGone)
	case PathBusy:
		w.Header().Set("Retry-After", "120")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	case PathMalformed:
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>cut</title><item><title>Half a`)
	case PathHuge:
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>huge</title>`)
		item := strings.Repeat("<item><title>x</title><description>"+strings.Repeat("y", 1000)+"</description></item>", 32)
		for range 1024 {
			if _, err := fmt.Fprint(w, item); err != nil {
				return
			}
		}
		fmt.Fprint(w, `</channel></rss>`)
	case PathBinary:
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"))
	case PathNULs:
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte("<rss>\x00\x01\x02\x03\xff\xfe\x00 binary junk"))
	case PathLoop:
		http.Redirect(w, r, PathLoop, http.StatusFound)
	case PathNotHTML:
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"not":"an article"}`)
	case PathNoArticle:
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/a">About</a></nav></body></html>`)
	case PathPageFail:
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
	default:
		http.NotFound(w, r)
	}
}
