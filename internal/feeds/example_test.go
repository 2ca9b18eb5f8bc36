package feeds_test

import (
	"fmt"
	"strings"

	"geoevents/internal/feeds"
)

func ExampleReadList() {
	list, err := feeds.ReadList(strings.NewReader(`
# wire services
https://example.org/world/rss
https://example.net/atom.xml 5m
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range list {
		fmt.Println(f.URL, f.Interval)
	}
	// Output:
	// https://example.org/world/rss 0s
	// https://example.net/atom.xml 5m0s
}

func ExampleCanonicalURL() {
	fmt.Println(feeds.CanonicalURL("HTTPS://Example.org:443/world/story-1/?utm_source=rss&id=7#comments"))
	// Output: https://example.org/world/story-1?id=7
}
