package web

import (
	"fmt"
	"strings"
	"sync/atomic"
	"time"
)

// Access log modes (Config.AccessLog, serve --access-log). A line per
// request at INFO made 200 MB of log per benchmark run; by default only
// what needs a look is logged, and a sample of the rest shows the traffic.
const (
	AccessLogOff    = "off"    // no access lines (server errors are still logged)
	AccessLogErrors = "errors" // failed (status >= 400) and slow requests
	AccessLogSample = "sample" // those, and one in accessSampleEvery of the rest
	AccessLogAll    = "all"    // every request
	// DefaultAccessLog is errors and slow requests plus a sample.
	DefaultAccessLog = AccessLogSample
)

const (
	// accessSampleEvery: one in this many ordinary requests is logged in
	// sample mode.
	accessSampleEvery = 100
	// slowRequest is the duration from which a request counts as slow.
	slowRequest = time.Second
)

// accessLogRule is one reason to log a request, and the modes it holds in.
type accessLogRule struct {
	name  string
	modes []string
	match func(status int, took time.Duration, n uint64) bool
}

// accessLogRules: a request is logged when any rule of the mode matches.
var accessLogRules = []accessLogRule{
	{"every request", []string{AccessLogAll}, func(int, time.Duration, uint64) bool { return true }},
	{"failed", []string{AccessLogErrors, AccessLogSample}, func(st int, _ time.Duration, _ uint64) bool { return st >= 400 }},
	{"slow", []string{AccessLogErrors, AccessLogSample}, func(_ int, took time.Duration, _ uint64) bool { return took >= slowRequest }},
	{"sampled", []string{AccessLogSample}, func(_ int, _ time.Duration, n uint64) bool { return n%accessSampleEvery == 0 }},
}

// accessLog decides which requests get an access log line.
type accessLog struct {
	rules []accessLogRule
	n     atomic.Uint64
}

// newAccessLog keeps the rules of mode ("" is the default).
func newAccessLog(mode string) (*accessLog, error) {
	if mode == "" {
		mode = DefaultAccessLog
	}
	known := false
	a := &accessLog{}
	for _, r := range accessLogRules {
		for _, m := range r.modes {
			if m == mode {
				a.rules = append(a.rules, r)
			}
		}
	}
	for _, m := range []string{AccessLogOff, AccessLogErrors, AccessLogSample, AccessLogAll} {
		known = known || m == mode
	}
	if !known {
		return nil, fmt.Errorf("access log %q: want one of off, errors, sample, all", mode)
	}
	return a, nil
}

// logs reports whether a request that got status after took is logged.
func (a *accessLog) logs(status int, took time.Duration) bool {
	n := a.n.Add(1)
	for _, r := range a.rules {
		if r.match(status, took, n) {
			return true
		}
	}
	return false
}

// AccessLogModes lists the modes, for flag help.
func AccessLogModes() string {
	return strings.Join([]string{AccessLogOff, AccessLogErrors, AccessLogSample, AccessLogAll}, "|")
}
