package main

import (
	"flag"
	"strconv"
	"strings"
	"time"

	"geoevents/web"
)

// lookup reads an environment variable and whether it is set at all (a
// blank value is not the same as none).
func (s stdio) lookup(key string) (string, bool) {
	if s.lookupEnv != nil {
		return s.lookupEnv(key)
	}
	v := s.getenv(key)
	return v, v != ""
}

// writeToken reads GEOEVENTS_TOKEN: unset means no token; set but blank
// is refused, as it would otherwise quietly leave writes disabled.
func writeToken(sio stdio) (string, error) {
	v, ok := sio.lookup("GEOEVENTS_TOKEN")
	if ok && strings.TrimSpace(v) == "" {
		return "", usagef("GEOEVENTS_TOKEN is set but blank: set it to a secret (e.g. `openssl rand -hex 32`) to allow writes with it, or unset it")
	}
	return strings.TrimSpace(v), nil
}

// serveLimits are the serve flags that bound the work of a request.
type serveLimits struct {
	queryTimeout *time.Duration
	maxCostly    *int
	writeRate    *float64
	accessLog    *string
	slowQuery    *time.Duration
	envErr       error // a malformed environment default, reported when the command runs
}

// limitFlags registers the limit flags with their environment defaults.
func limitFlags(fs *flag.FlagSet, getenv func(string) string) *serveLimits {
	l := &serveLimits{}
	qt := web.DefaultQueryTimeout
	if v := getenv("GEOEVENTS_QUERY_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			l.envErr = usagef("GEOEVENTS_QUERY_TIMEOUT=%q: want a positive duration such as 10s", v)
		}
		qt = d
	}
	sq := web.DefaultSlowQuery
	if v := getenv("GEOEVENTS_SLOW_QUERY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			l.envErr = usagef("GEOEVENTS_SLOW_QUERY=%q: want a duration such as 500ms, or 0 to turn the slow-query log off", v)
		}
		sq = d
	}
	wr := web.DefaultWriteRate
	if v := getenv("GEOEVENTS_WRITE_RATE"); v != "" {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || r < 0 {
			l.envErr = usagef("GEOEVENTS_WRITE_RATE=%q: want writes a second per client, 0 for no limit", v)
		}
		wr = r
	}
	l.queryTimeout = fs.Duration("query-timeout", qt, "deadline of every request but streamed exports; past it the answer is a 503 JSON error (env GEOEVENTS_QUERY_TIMEOUT)")
	l.slowQuery = fs.Duration("slow-query", sq, "log each store query that takes this long or longer, with its route, filter and the plan the store chose; 0 turns it off (env GEOEVENTS_SLOW_QUERY)")
	l.maxCostly = fs.Int("max-costly", 0, "polygon searches and exports running at once, the rest wait up to 1 s then get a 503; 0: one per core")
	l.writeRate = fs.Float64("write-rate", wr, "writes a second per client address (bursts of 20), past it 429; 0 turns the limit off (env GEOEVENTS_WRITE_RATE)")
	l.accessLog = fs.String("access-log", envOr(getenv, "GEOEVENTS_ACCESS_LOG", web.DefaultAccessLog),
		"which requests get an access log line: "+web.AccessLogModes()+"; sample logs failed and slow (≥ 1 s) requests and 1 in 100 of the rest (env GEOEVENTS_ACCESS_LOG)")
	return l
}

// apply checks the flags and sets them in cfg.
func (l *serveLimits) apply(cfg *web.Config) error {
	if l.envErr != nil {
		return l.envErr
	}
	if *l.queryTimeout <= 0 {
		return usagef("--query-timeout must be positive, got %v", *l.queryTimeout)
	}
	if *l.maxCostly < 0 {
		return usagef("--max-costly must be 0 or more, got %d", *l.maxCostly)
	}
	if *l.writeRate < 0 {
		return usagef("--write-rate must be 0 or more, got %g", *l.writeRate)
	}
	cfg.QueryTimeout = *l.queryTimeout
	if cfg.QueryTimeout > web.DefaultWriteTimeout-2*time.Second {
		cfg.WriteTimeout = cfg.QueryTimeout + 2*time.Second
	}
	switch *l.accessLog {
	case web.AccessLogOff, web.AccessLogErrors, web.AccessLogSample, web.AccessLogAll:
	default:
		return usagef("--access-log %q: want one of %s", *l.accessLog, web.AccessLogModes())
	}
	cfg.AccessLog = *l.accessLog
	switch {
	case *l.slowQuery < 0:
		return usagef("--slow-query must be 0 (off) or positive, got %v", *l.slowQuery)
	case *l.slowQuery == 0:
		cfg.SlowQuery = -1 // off
	default:
		cfg.SlowQuery = *l.slowQuery
	}
	cfg.MaxCostly = *l.maxCostly
	cfg.WriteRate = *l.writeRate
	if cfg.WriteRate == 0 {
		cfg.WriteRate = -1 // off
	}
	return nil
}
