package feedtest

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"strings"
	"time"
)

// teaser is a story's first sentence.
func teaser(st Story) string {
	first, _, _ := strings.Cut(st.Text, "\n\n")
	if i := strings.Index(first, ". "); i > 0 {
		return first[:i+1]
	}
	return first
}

// itemText is what a feed item says of a story: its teaser, or its whole
// text as HTML paragraphs.
func itemText(st Story, teasers bool) string {
	if teasers {
		return teaser(st)
	}
	var b strings.Builder
	for _, p := range strings.Split(st.Text, "\n\n") {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	return b.String()
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Render returns the document of f with its links under base, as the
// server serves it.
func Render(f Feed, base string) string {
	body, _ := render(f, base)
	return body
}

// render writes a feed document and its content type.
func render(f Feed, base string) (string, string) {
	switch f.Format {
	case Atom:
		return renderAtom(f, base), "application/atom+xml"
	case JSONFeed:
		return renderJSON(f, base), "application/feed+json"
	default:
		return renderRSS(f, base), "application/rss+xml; charset=utf-8"
	}
}

func renderRSS(f Feed, base string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>%s</title><link>%s/</link>`, esc(f.Title), base)
	for _, st := range f.Stories {
		link := base + "/story/" + st.ID + "?utm_source=rss"
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s</link><guid isPermaLink="false">%s</guid><pubDate>%s</pubDate>`,
			esc(st.Title), esc(link), esc(st.ID), st.Published.Format(time.RFC1123Z))
		if f.Teasers {
			fmt.Fprintf(&b, `<description>%s</description>`, esc(teaser(st)))
		} else {
			fmt.Fprintf(&b, `<description>%s</description><content:encoded><![CDATA[%s]]></content:encoded>`, esc(teaser(st)), itemText(st, false))
		}
		b.WriteString(`</item>`)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

func renderAtom(f Feed, base string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>%s</title><id>%s/atom</id><updated>%s</updated>`,
		esc(f.Title), base, latest(f.Stories).Format(time.RFC3339))
	for _, st := range f.Stories {
		fmt.Fprintf(&b, `<entry><title>%s</title><link href="%s/story/%s"/><id>urn:story:%s</id><published>%s</published><updated>%s</updated><author><name>%s</name></author>`,
			esc(st.Title), base, st.ID, st.ID, st.Published.Format(time.RFC3339), st.Published.Format(time.RFC3339), esc(st.Byline))
		if f.Teasers {
			fmt.Fprintf(&b, `<summary>%s</summary>`, esc(teaser(st)))
		} else {
			fmt.Fprintf(&b, `<content type="html">%s</content>`, esc(itemText(st, false)))
		}
		b.WriteString(`</entry>`)
	}
	b.WriteString(`</feed>`)
	return b.String()
}

func renderJSON(f Feed, base string) string {
	type item struct {
		ID            string `json:"id"`
		URL           string `json:"url"`
		Title         string `json:"title"`
		ContentHTML   string `json:"content_html,omitempty"`
		Summary       string `json:"summary,omitempty"`
		DatePublished string `json:"date_published"`
	}
	doc := struct {
		Version string `json:"version"`
		Title   string `json:"title"`
		Items   []item `json:"items"`
	}{Version: "https://jsonfeed.org/version/1.1", Title: f.Title}
	for _, st := range f.Stories {
		it := item{ID: st.ID, URL: base + "/story/" + st.ID + "#top", Title: st.Title, DatePublished: st.Published.Format(time.RFC3339)}
		if f.Teasers {
			it.Summary = teaser(st)
		} else {
			it.ContentHTML = itemText(st, false)
		}
		doc.Items = append(doc.Items, it)
	}
	out, _ := json.Marshal(doc)
	return string(out)
}

// Page is a story's article page: a site's header and navigation, the
// article with its byline and time, a footer, and a canonical link without
// the tracking parameters feeds add.
func Page(st Story, base string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | Test Wire</title>
<link rel="canonical" href="%s/story/%s">
<meta property="article:published_time" content="%s">
<meta name="author" content="%s">
</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>%s</h1><p class="byline">By %s</p>`,
		html.EscapeString(st.Title), base, st.ID, st.Published.Format(time.RFC3339), html.EscapeString(st.Byline),
		html.EscapeString(st.Title), html.EscapeString(st.Byline))
	for _, p := range strings.Split(st.Text, "\n\n") {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
	}
	b.WriteString(`</article></main><footer><p>© Test Wire. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`)
	return b.String()
}

// latest is the newest publication time of stories.
func latest(stories []Story) time.Time {
	var t time.Time
	for _, st := range stories {
		if st.Published.After(t) {
			t = st.Published
		}
	}
	return t.UTC()
}
