// Package examples bundles geoevents' sample corpus into the binary, so
// `geoevents serve --demo` works on a fresh machine from any folder.
package examples

import (
	"embed"
	"io/fs"
)

//go:embed articles
var articles embed.FS

// Articles returns the sample articles (Markdown with front matter), rooted
// at the articles folder.
func Articles() fs.FS {
	sub, err := fs.Sub(articles, "articles")
	if err != nil {
		panic("examples: embedded articles folder missing: " + err.Error()) // cannot happen: checked at compile time
	}
	return sub
}
