package web

//go:generate go run ./internal/basemap -in ../../shared/data/naturalearth/world-atlas-countries-50m.topo.json.gz -out static/data/countries.geojson -admin0 ../../shared/data/naturalearth/ne_admin0_points.tsv.gz -admin1 ../../shared/data/naturalearth/ne_admin1_points.tsv.gz -labels static/data/labels.json

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
)

// staticFiles holds the web map: index.html, its scripts and styles, the
// offline basemap and, after `npm run --prefix web build`, the vendored
// Leaflet files under static/vendor/. The all: prefix keeps the pattern
// matching even when vendor/ has not been built.
//
//go:embed all:static
var staticFiles embed.FS

// Assets returns the web map's files rooted at the static folder: the copy
// embedded in the binary, or, when cfg.Dev is set, the files on disk under
// cfg.AssetsDir so edits show without a rebuild.
func Assets(cfg Config) (fs.FS, error) {
	if cfg.Dev {
		dir := cfg.AssetsDir
		if dir == "" {
			dir = "web/static"
		}
		info, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("assets dir %s: %w", dir, err)
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("assets dir %s: not a directory", dir)
		}
		return os.DirFS(dir), nil
	}
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		return nil, fmt.Errorf("embedded assets: %w", err)
	}
	return sub, nil
}
