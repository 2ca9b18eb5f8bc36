//go:build pprof

package main

import (
	"log/slog"
	"net/http"
	_ "net/http/pprof" // profiling endpoints, only in binaries built with -tags pprof
	"os"
)

// With -tags pprof, GEOEVENTS_PPROF=127.0.0.1:6060 serves net/http/pprof
// beside the server: for profiling `serve` under load (issue 12).
func init() {
	if addr := os.Getenv("GEOEVENTS_PPROF"); addr != "" {
		go func() { slog.Warn("pprof", "err", http.ListenAndServe(addr, nil)) }()
	}
}
