package feeds

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// entry is one feed item, read: its identity, its own text (HTML made
// plain) and whether that text is a whole article or a teaser.
type entry struct {
	key       string
	hash      string
	title     string
	link      string // canonical
	text      string // plain text: the content, else the description
	published time.Time
	source    string // the feed's title
}

// parsedFeed is a feed document, read.
type parsedFeed struct {
	title   string
	entries []entry
}

// parseFeed reads an RSS, Atom or JSON Feed document; its items come out
// oldest first, so a restart continues where the stream left off.
func parseFeed(body []byte) (parsedFeed, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return parsedFeed{}, fmt.Errorf("%w", err)
	}
	out := parsedFeed{title: strings.TrimSpace(f.Title)}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		e := entry{title: strings.TrimSpace(plainText(it.Title)), source: out.title}
		e.link = CanonicalURL(it.Link)
		if e.link == "" {
			for _, l := range it.Links {
				if e.link = CanonicalURL(l); e.link != "" {
					break
				}
			}
		}
		e.text = plainText(it.Content)
		if desc := plainText(it.Description); len(desc) > len(e.text) {
			e.text = desc
		}
		switch {
		case it.PublishedParsed != nil:
			e.published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			e.published = it.UpdatedParsed.UTC()
		}
		e.key = itemKey(e.link, it.GUID, e.title)
		e.hash = contentHash(e.title, e.text, e.published)
		out.entries = append(out.entries, e)
	}
	sort.SliceStable(out.entries, func(i, j int) bool {
		return out.entries[i].published.Before(out.entries[j].published)
	})
	return out, nil
}
