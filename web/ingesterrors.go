package web

import (
	"errors"
	"net/http"

	"geoevents/internal/ingest"
)

// ingestStatus maps the ingester rejecting the article itself (empty, not
// UTF-8, too large, ...) to a 4xx; ok is false for system failures.
func ingestStatus(err error) (status int, ok bool) {
	switch {
	case errors.Is(err, ingest.ErrTooLarge):
		return http.StatusRequestEntityTooLarge, true
	case ingest.IsInputError(err):
		return http.StatusBadRequest, true
	}
	return 0, false
}
