package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// page is an article read from its web page.
type page struct {
	title     string
	byline    string
	text      string
	published time.Time
	url       string // canonical: the page's rel=canonical, else where it was fetched
}

// errNotArticle: the page has no article text in it.
var errNotArticle = errors.New("no article text in the page")

// fetchPage fetches an article's page and extracts its text with the
// readability extractor. A page that is not HTML or has no article fails
// with KindNotArticle (not worth asking again).
func (w *Watcher) fetchPage(ctx context.Context, link string) (page, error) {
	start := time.Now()
	resp, err := w.fetch.get(ctx, link, "", "", w.cfg.MaxPageBytes, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
	w.metrics.observeFetch("page", time.Since(start))
	if err != nil {
		return page{}, err
	}
	if ct := strings.ToLower(resp.ContentType); ct != "" && !strings.Contains(ct, "html") {
		return page{}, &FetchError{URL: link, Kind: KindNotArticle, Err: fmt.Errorf("content type %q", resp.ContentType)}
	}
	p, err := extractPage(resp.Body, resp.URL, w.cfg.MinArticleChars/4)
	if err != nil {
		return page{}, &FetchError{URL: link, Kind: KindNotArticle, Err: err}
	}
	return p, nil
}

// extractPage reads the article of an HTML page fetched from pageURL; it
// fails when the text is shorter than minChars.
func extractPage(body []byte, pageURL string, minChars int) (page, error) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return page{}, err
	}
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return page{}, fmt.Errorf("parse HTML: %w", err)
	}
	p := page{url: CanonicalURL(pageURL)}
	if c := canonicalLink(doc, base); c != "" {
		p.url = c
	}
	art, err := readability.FromDocument(doc, base)
	if err != nil {
		return page{}, fmt.Errorf("%w: %v", errNotArticle, err)
	}
	if art.Node == nil {
		return page{}, errNotArticle
	}
	var text strings.Builder
	if err := art.RenderHTML(&text); err != nil {
		return page{}, fmt.Errorf("%w: %v", errNotArticle, err)
	}
	p.text = plainText(text.String())
	if len(p.text) < minChars {
		return page{}, fmt.Errorf("%w: %d characters", errNotArticle, len(p.text))
	}
	p.title = strings.TrimSpace(art.Title())
	p.byline = strings.TrimSpace(art.Byline())
	if t, err := art.PublishedTime(); err == nil {
		p.published = t.UTC()
	}
	return p, nil
}

// canonicalLink returns the page's <link rel="canonical"> made absolute
// and canonical, or "".
func canonicalLink(n *html.Node, base *url.URL) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Link {
		var rel, href string
		for _, a := range n.Attr {
			switch strings.ToLower(a.Key) {
			case "rel":
				rel = strings.ToLower(a.Val)
			case "href":
				href = a.Val
			}
		}
		if rel == "canonical" && href != "" {
			if u, err := base.Parse(href); err == nil {
				return CanonicalURL(u.String())
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if s := canonicalLink(c, base); s != "" {
			return s
		}
	}
	return ""
}
