package feeds

import (
	"net/http"
	"time"
)

// Outcome is what one poll of a feed came to, the input of pollRules.
type Outcome struct {
	// HTTPStatus is the response status; 0 when no response came.
	HTTPStatus int
	// Kind is the error kind (see the Kind constants); empty on success.
	Kind string
	// RetryAfter is the server's Retry-After, when it sent one.
	RetryAfter time.Duration
}

// failed reports whether the poll failed.
func (o Outcome) failed() bool { return o.Kind != "" }

// Policy holds the figures poll rules decide with.
type Policy struct {
	Interval    time.Duration // between successful polls
	MaxBackoff  time.Duration // the longest wait after failures
	MaxFailures int           // failures in a row before giving up
}

// Decision is what a poll rule decided: the feed's new status, how long to
// wait before the next poll, and whether to poll it again at all.
type Decision struct {
	Rule     string
	Status   string
	Delay    time.Duration
	Failures int // failures in a row after this poll
	Stop     bool
}

// pollRule is one row of pollRules: when it applies, what it decides.
type pollRule struct {
	name string
	when func(o Outcome, failures int, p Policy) bool
	then func(o Outcome, failures int, p Policy) Decision
}

// pollRules decide, in order, what follows a poll; the first that applies
// wins. failures is the count of failures in a row before this poll.
var pollRules = []pollRule{
	{
		// A feed that says it is gone for good is not asked again.
		name: "gone",
		when: func(o Outcome, _ int, _ Policy) bool { return o.HTTPStatus == http.StatusGone },
		then: func(_ Outcome, f int, _ Policy) Decision {
			return Decision{Status: StatusGone, Failures: f + 1, Stop: true}
		},
	},
	{
		// Failing MaxFailures times in a row (with back-off, hours) means
		// the feed is broken, not busy: stop until the watcher restarts.
		name: "give-up",
		when: func(o Outcome, f int, p Policy) bool { return o.failed() && f+1 >= p.MaxFailures },
		then: func(_ Outcome, f int, _ Policy) Decision {
			return Decision{Status: StatusGivenUp, Failures: f + 1, Stop: true}
		},
	},
	{
		// The server said when to come back (429, 503): obey, but never
		// sooner than back-off would.
		name: "retry-after",
		when: func(o Outcome, _ int, _ Policy) bool { return o.failed() && o.RetryAfter > 0 },
		then: func(o Outcome, f int, p Policy) Decision {
			return Decision{Status: StatusBackingOff, Delay: max(o.RetryAfter, backoff(f, p)), Failures: f + 1}
		},
	},
	{
		// Any other failure: wait Interval × 2^failures, capped.
		name: "back-off",
		when: func(o Outcome, _ int, _ Policy) bool { return o.failed() },
		then: func(_ Outcome, f int, p Policy) Decision {
			return Decision{Status: StatusBackingOff, Delay: backoff(f, p), Failures: f + 1}
		},
	},
	{
		// 304 Not Modified: nothing new, the validators worked.
		name: "not-modified",
		when: func(o Outcome, _ int, _ Policy) bool { return o.HTTPStatus == http.StatusNotModified },
		then: func(_ Outcome, _ int, p Policy) Decision {
			return Decision{Status: StatusOK, Delay: p.Interval}
		},
	},
	{
		// A feed read and its items handled: the regular interval.
		name: "fresh",
		when: func(Outcome, int, Policy) bool { return true },
		then: func(_ Outcome, _ int, p Policy) Decision {
			return Decision{Status: StatusOK, Delay: p.Interval}
		},
	},
}

// decidePoll applies pollRules to a poll's outcome.
func decidePoll(o Outcome, failures int, p Policy) Decision {
	for _, r := range pollRules {
		if r.when(o, failures, p) {
			d := r.then(o, failures, p)
			d.Rule = r.name
			return d
		}
	}
	panic("feeds: pollRules has no catch-all") // the last rule always applies
}

// backoff is the wait after the failure following f failures in a row:
// Interval × 2^(f+1), at most MaxBackoff.
func backoff(f int, p Policy) time.Duration {
	d := p.Interval
	for i := 0; i <= f && d < p.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, p.MaxBackoff)
}

// jittered spreads d by ±frac using r, a uniform draw in [0, 1), so feeds
// started together do not poll in lockstep.
func jittered(d time.Duration, frac, r float64) time.Duration {
	if d <= 0 || frac <= 0 {
		return d
	}
	return time.Duration(float64(d) * (1 + frac*(2*r-1)))
}
