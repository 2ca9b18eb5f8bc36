package feeds

import (
	"errors"
	"time"
)

// Defaults for Config fields left zero.
const (
	DefaultUserAgent       = "geoevents-feeds/1 (+https://github.com/geoevents; conflict-event map)"
	DefaultTimeout         = 20 * time.Second
	DefaultMaxFeedBytes    = 10 << 20
	DefaultMaxPageBytes    = 5 << 20
	DefaultMaxRedirects    = 5
	DefaultInterval        = 10 * time.Minute
	DefaultMaxBackoff      = 6 * time.Hour
	DefaultMaxFailures     = 12
	DefaultJitter          = 0.1
	DefaultHostRate        = 1.0 // requests a second to one host
	DefaultHostBurst       = 4
	DefaultPageAttempts    = 3
	DefaultMinArticleChars = 600
)

// Config configures a Watcher. Zero fields take the defaults above.
type Config struct {
	UserAgent string
	// Timeout bounds each fetch, body included.
	Timeout time.Duration
	// MaxFeedBytes and MaxPageBytes cap the bodies of feeds and pages.
	MaxFeedBytes, MaxPageBytes int64
	MaxRedirects               int
	// Interval is the time between polls of a feed that sets none.
	Interval time.Duration
	// MaxBackoff caps the wait after failures; MaxFailures failures in a
	// row stop polling a feed (until the watcher restarts).
	MaxBackoff  time.Duration
	MaxFailures int
	// Jitter spreads each wait by ± this fraction.
	Jitter float64
	// HostRate and HostBurst limit requests to one host (feeds and pages).
	HostRate  float64
	HostBurst int
	// NoFetch keeps to the feeds' own text: no article page is fetched.
	NoFetch bool
	// PageAttempts is how many polls try a failing page before the item
	// is stored with the feed's own text.
	PageAttempts int
	// MinArticleChars: an item whose own text is shorter is a teaser,
	// and its page is fetched.
	MinArticleChars int
}

// withDefaults fills the zero fields of c.
func (c Config) withDefaults() (Config, error) {
	def := func(v *time.Duration, d time.Duration) {
		if *v == 0 {
			*v = d
		}
	}
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	def(&c.Timeout, DefaultTimeout)
	def(&c.Interval, DefaultInterval)
	def(&c.MaxBackoff, DefaultMaxBackoff)
	if c.MaxFeedBytes == 0 {
		c.MaxFeedBytes = DefaultMaxFeedBytes
	}
	if c.MaxPageBytes == 0 {
		c.MaxPageBytes = DefaultMaxPageBytes
	}
	if c.MaxRedirects == 0 {
		c.MaxRedirects = DefaultMaxRedirects
	}
	if c.MaxFailures == 0 {
		c.MaxFailures = DefaultMaxFailures
	}
	if c.Jitter == 0 {
		c.Jitter = DefaultJitter
	}
	if c.HostRate == 0 {
		c.HostRate = DefaultHostRate
	}
	if c.HostBurst == 0 {
		c.HostBurst = DefaultHostBurst
	}
	if c.PageAttempts == 0 {
		c.PageAttempts = DefaultPageAttempts
	}
	if c.MinArticleChars == 0 {
		c.MinArticleChars = DefaultMinArticleChars
	}
	switch {
	case c.Timeout < 0, c.Interval < 0, c.MaxBackoff < 0:
		return c, errors.New("feeds: negative timeout, interval or back-off")
	case c.MaxFeedBytes < 0, c.MaxPageBytes < 0, c.MaxRedirects < 0, c.MaxFailures < 0, c.PageAttempts < 0:
		return c, errors.New("feeds: negative size cap, redirect limit or count")
	case c.Jitter < 0 || c.Jitter >= 1:
		return c, errors.New("feeds: jitter must be in [0, 1)")
	case c.HostRate < 0 || c.HostBurst < 0:
		return c, errors.New("feeds: negative host rate or burst")
	}
	return c, nil
}

// policy is the Policy of a feed polled every interval.
func (c Config) policy(interval time.Duration) Policy {
	if interval <= 0 {
		interval = c.Interval
	}
	return Policy{Interval: interval, MaxBackoff: max(c.MaxBackoff, interval), MaxFailures: c.MaxFailures}
}
