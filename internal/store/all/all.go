// Package all links every store backend into a program: import it for its
// side effect, and store.Open then opens SQLite files and PostgreSQL URLs.
// It is the one package outside the backends that names them.
package all

import (
	_ "geoevents/internal/store/postgis" // postgres:// and postgresql:// URLs
	_ "geoevents/internal/store/sqlite"  // file paths and file: URIs
)
