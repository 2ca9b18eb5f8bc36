package feeds

import (
	"net/http"
	"testing"
	"time"
)

func TestPollRules(t *testing.T) {
	p := Policy{Interval: 10 * time.Minute, MaxBackoff: 6 * time.Hour, MaxFailures: 5}
	tests := []struct {
		rule     string
		out      Outcome
		failures int
		want     Decision
	}{
		{"gone", Outcome{HTTPStatus: http.StatusGone, Kind: KindStatus}, 0, Decision{Status: StatusGone, Failures: 1, Stop: true}},
		{"give-up", Outcome{Kind: KindTimeout}, 4, Decision{Status: StatusGivenUp, Failures: 5, Stop: true}},
		{"retry-after", Outcome{HTTPStatus: 429, Kind: KindStatus, RetryAfter: time.Hour}, 0, Decision{Status: StatusBackingOff, Delay: time.Hour, Failures: 1}},
		// Retry-After shorter than back-off: back-off wins.
		{"retry-after", Outcome{HTTPStatus: 503, Kind: KindStatus, RetryAfter: time.Second}, 1, Decision{Status: StatusBackingOff, Delay: 40 * time.Minute, Failures: 2}},
		{"back-off", Outcome{HTTPStatus: 500, Kind: KindStatus}, 0, Decision{Status: StatusBackingOff, Delay: 20 * time.Minute, Failures: 1}},
		{"back-off", Outcome{Kind: KindParse}, 3, Decision{Status: StatusBackingOff, Delay: 160 * time.Minute, Failures: 4}},
		{"not-modified", Outcome{HTTPStatus: 304}, 2, Decision{Status: StatusOK, Delay: 10 * time.Minute}},
		{"fresh", Outcome{HTTPStatus: 200}, 3, Decision{Status: StatusOK, Delay: 10 * time.Minute}},
	}
	reached := map[string]bool{}
	for _, tt := range tests {
		got := decidePoll(tt.out, tt.failures, p)
		tt.want.Rule = tt.rule
		if got != tt.want {
			t.Errorf("%+v after %d failures: %+v, want %+v", tt.out, tt.failures, got, tt.want)
		}
		reached[got.Rule] = true
	}
	for _, r := range pollRules {
		if !reached[r.name] {
			t.Errorf("poll rule %q is not tested", r.name)
		}
	}
}

func TestBackoffCapped(t *testing.T) {
	p := Policy{Interval: 10 * time.Minute, MaxBackoff: time.Hour}
	want := []time.Duration{20 * time.Minute, 40 * time.Minute, time.Hour, time.Hour}
	for f, w := range want {
		if got := backoff(f, p); got != w {
			t.Errorf("backoff after %d failures: %v, want %v", f, got, w)
		}
	}
	if got := backoff(1000, p); got != time.Hour {
		t.Errorf("backoff after 1000 failures: %v (overflow?)", got)
	}
}

func TestJittered(t *testing.T) {
	d := 100 * time.Second
	for _, tt := range []struct {
		r    float64
		want time.Duration
	}{{0, 90 * time.Second}, {0.5, 100 * time.Second}, {0.999999, 110 * time.Second}} {
		if got := jittered(d, 0.1, tt.r); got.Round(time.Second) != tt.want {
			t.Errorf("jittered(%v, 0.1, %v) = %v, want %v", d, tt.r, got, tt.want)
		}
	}
	if got := jittered(d, 0, 0); got != d {
		t.Errorf("no jitter changed %v to %v", d, got)
	}
}

func TestItemRules(t *testing.T) {
	tests := []struct {
		name  string
		facts itemFacts
		rule  string
		act   itemAction
	}{
		{"unchanged", itemFacts{seen: true, sameHash: true, prevStatus: ItemIngested, hasText: true}, "done", actSkip},
		{"unchanged rejected", itemFacts{seen: true, sameHash: true, prevStatus: ItemRejected}, "done", actSkip},
		{"updated", itemFacts{seen: true, sameHash: false, prevStatus: ItemIngested, hasText: true}, "full-text", actOwnText},
		{"new full text", itemFacts{hasText: true, hasLink: true}, "full-text", actOwnText},
		{"teaser, no fetch", itemFacts{hasText: true, teaser: true, hasLink: true, noFetch: true}, "no-fetch", actOwnText},
		{"teaser, no link", itemFacts{hasText: true, teaser: true}, "no-link", actOwnText},
		{"page failed twice", itemFacts{seen: true, sameHash: true, prevStatus: ItemPending, hasText: true, teaser: true, hasLink: true, attempts: 2, maxAttempts: 2}, "page-gave-up", actOwnText},
		{"page failed once", itemFacts{seen: true, sameHash: true, prevStatus: ItemPending, hasText: true, teaser: true, hasLink: true, attempts: 1, maxAttempts: 2}, "teaser", actFetchPage},
		{"new teaser", itemFacts{hasText: true, teaser: true, hasLink: true, maxAttempts: 2}, "teaser", actFetchPage},
		{"link only", itemFacts{teaser: true, hasLink: true, maxAttempts: 2}, "teaser", actFetchPage},
	}
	reached := map[string]bool{}
	for _, tt := range tests {
		rule, act := decideItem(tt.facts)
		if rule != tt.rule || act != tt.act {
			t.Errorf("%s: %s %v, want %s %v", tt.name, rule, act, tt.rule, tt.act)
		}
		reached[rule] = true
	}
	for _, r := range itemRules {
		if !reached[r.name] {
			t.Errorf("item rule %q is not tested", r.name)
		}
	}
}
