package sqlite

import (
	"context"
	"strings"

	"geoevents/internal/store"
)

func init() {
	store.Register(store.Backend{
		Name:    "sqlite",
		Accepts: accepts,
		Open: func(ctx context.Context, dsn string, opts store.OpenOptions) (store.Store, error) {
			return OpenWith(ctx, pathOf(dsn), Options{ReadOnly: opts.ReadOnly, CacheBytes: opts.CacheBytes})
		},
	})
}

// accepts reports whether dsn names a SQLite file: a plain path or a
// file: URI; anything else with a scheme (postgres://…) is another
// backend's.
func accepts(dsn string) bool {
	return strings.HasPrefix(dsn, "file:") || !strings.Contains(dsn, "://")
}

// pathOf is the file path of a DSN accepted by accepts.
func pathOf(dsn string) string {
	if p, ok := strings.CutPrefix(dsn, "file://"); ok {
		return p
	}
	p, _ := strings.CutPrefix(dsn, "file:")
	return p
}
