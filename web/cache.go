package web

import (
	"context"
	"net/url"
	"sync"
	"time"
)

// Response cache defaults.
const (
	DefaultCacheTTL      = time.Second
	defaultCacheMaxBytes = 64 << 20
	maxCachedBody        = 4 << 20
)

// respCache is a short-lived, size-bounded cache of successful GET response
// bodies (a "microcache"): identical queries arriving within the TTL share
// one database query, and concurrent identical misses wait for the first
// instead of all querying. Writes through this server clear it at once;
// writes by other processes show after at most the TTL.
type respCache struct {
	ttl      time.Duration
	maxBytes int64

	mu      sync.Mutex
	entries map[string]*cacheEntry
	size    int64
	gen     uint64 // bumped by invalidate; entries of older generations are stale
}

type cacheEntry struct {
	ready   chan struct{} // closed when body/err are set
	body    []byte
	err     error
	expires time.Time
	gen     uint64
}

func newRespCache(ttl time.Duration, maxBytes int64) *respCache {
	return &respCache{ttl: ttl, maxBytes: maxBytes, entries: map[string]*cacheEntry{}}
}

// get returns the cached body for key, or builds it (once, however many
// callers ask concurrently). hit reports whether build was not called for
// this caller.
func (rc *respCache) get(ctx context.Context, key string, build func() ([]byte, error)) (body []byte, hit bool, err error) {
	now := time.Now()
	rc.mu.Lock()
	e := rc.entries[key]
	if e != nil {
		select {
		case <-e.ready:
			if e.err == nil && e.gen == rc.gen && now.Before(e.expires) {
				rc.mu.Unlock()
				return e.body, true, nil
			}
			e = nil // stale: rebuild below
		default:
			rc.mu.Unlock()
			select {
			case <-e.ready:
			case <-ctx.Done():
				return nil, false, ctx.Err()
			}
			if e.err == nil {
				return e.body, true, nil
			}
			// The first caller failed (e.g. it went away): build ourselves.
			b, err := build()
			return b, false, err
		}
	}
	e = &cacheEntry{ready: make(chan struct{}), gen: rc.gen}
	if old := rc.entries[key]; old != nil {
		rc.size -= int64(len(old.body))
	}
	rc.entries[key] = e
	rc.mu.Unlock()

	b, err := build()
	rc.mu.Lock()
	e.body, e.err, e.expires = b, err, time.Now().Add(rc.ttl)
	close(e.ready)
	if err != nil || len(b) > maxCachedBody {
		if rc.entries[key] == e {
			delete(rc.entries, key)
		}
	} else if rc.entries[key] == e {
		rc.size += int64(len(b))
		rc.evict(time.Now())
	}
	rc.mu.Unlock()
	return b, false, err
}

// evict drops expired entries, then arbitrary ones, until under maxBytes.
// rc.mu is held.
func (rc *respCache) evict(now time.Time) {
	if rc.size <= rc.maxBytes {
		return
	}
	for k, e := range rc.entries {
		select {
		case <-e.ready:
		default:
			continue // being built
		}
		if now.After(e.expires) || e.gen != rc.gen {
			rc.size -= int64(len(e.body))
			delete(rc.entries, k)
		}
	}
	for k, e := range rc.entries {
		if rc.size <= rc.maxBytes {
			return
		}
		select {
		case <-e.ready:
			rc.size -= int64(len(e.body))
			delete(rc.entries, k)
		default:
		}
	}
}

// invalidate forgets everything (after a write through this server).
func (rc *respCache) invalidate() {
	rc.mu.Lock()
	rc.gen++
	rc.entries = map[string]*cacheEntry{}
	rc.size = 0
	rc.mu.Unlock()
}

// cacheKey identifies a response: the base URL (links are absolute), the
// path, the parameters in canonical order, and a variant (media type).
func cacheKey(base, path string, q url.Values, variant string) string {
	return variant + " " + base + path + "?" + q.Encode()
}
