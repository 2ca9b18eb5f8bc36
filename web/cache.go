package web

import (
	"container/list"
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
	// staleFactor bounds how long past its TTL an entry may still be
	// served while one background refresh replaces it.
	staleFactor    = 5
	refreshTimeout = time.Minute
)

// respCache is a short-lived, size-bounded cache of successful GET response
// bodies (a "microcache"): identical queries arriving within the TTL share
// one database query, and concurrent identical misses wait for the first
// instead of all querying. An expired entry is served once more
// ("stale-while-revalidate", up to staleFactor×TTL) while a single
// background query refreshes it, so popular queries never stall. Writes
// through this server clear it at once; writes by other processes show
// within the TTL (plus one refresh). Entries are kept in least-recently
// stored order, so making room drops the oldest first in O(1) each.
type respCache struct {
	ttl      time.Duration
	maxBytes int64

	mu      sync.Mutex
	entries map[string]*cacheEntry
	order   *list.List // of *cacheEntry, most recently stored first
	size    int64
	gen     uint64 // bumped by invalidate; entries of older generations are stale
}

type cacheEntry struct {
	key        string
	ready      chan struct{} // closed when body/err are set
	body       []byte
	err        error
	expires    time.Time
	gen        uint64
	refreshing bool
	elem       *list.Element // in order once stored; nil while building
}

func newRespCache(ttl time.Duration, maxBytes int64) *respCache {
	return &respCache{ttl: ttl, maxBytes: maxBytes, entries: map[string]*cacheEntry{}, order: list.New()}
}

// remove forgets the entry of key if it is e. rc.mu is held.
func (rc *respCache) remove(key string, e *cacheEntry) {
	if rc.entries[key] != e {
		return
	}
	delete(rc.entries, key)
	if e.elem != nil {
		rc.order.Remove(e.elem)
		e.elem = nil
		rc.size -= int64(len(e.body))
	}
}

// keep records a completed entry's body as the most recent. rc.mu is held.
func (rc *respCache) keep(e *cacheEntry) {
	e.elem = rc.order.PushFront(e)
	rc.size += int64(len(e.body))
	rc.evict()
}

func isReady(e *cacheEntry) bool {
	select {
	case <-e.ready:
		return true
	default:
		return false
	}
}

// get returns the cached body for key, or builds it (once, however many
// callers ask concurrently). hit reports whether build was not called for
// this caller.
func (rc *respCache) get(ctx context.Context, key string, build func(context.Context) ([]byte, error)) (body []byte, hit bool, err error) {
	now := time.Now()
	rc.mu.Lock()
	if e := rc.entries[key]; e != nil {
		if !isReady(e) {
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
			b, err := build(ctx)
			return b, false, err
		}
		if e.err == nil && e.gen == rc.gen {
			if now.Before(e.expires) {
				rc.mu.Unlock()
				return e.body, true, nil
			}
			if now.Before(e.expires.Add(staleFactor * rc.ttl)) {
				if !e.refreshing {
					e.refreshing = true
					go rc.refresh(key, e, build)
				}
				rc.mu.Unlock()
				return e.body, true, nil
			}
		}
		rc.remove(key, e)
	}
	e := &cacheEntry{key: key, ready: make(chan struct{}), gen: rc.gen}
	rc.entries[key] = e
	rc.mu.Unlock()

	b, err := build(ctx)
	rc.store(key, e, b, err)
	return b, false, err
}

// refresh rebuilds a stale entry in the background and swaps it in.
func (rc *respCache) refresh(key string, old *cacheEntry, build func(context.Context) ([]byte, error)) {
	ctx, cancel := context.WithTimeout(context.Background(), refreshTimeout)
	defer cancel()
	b, err := build(ctx)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.entries[key] != old || old.gen != rc.gen {
		return // replaced or invalidated meanwhile
	}
	if err != nil {
		old.refreshing = false // try again on a later request
		return
	}
	rc.remove(key, old)
	if len(b) > maxCachedBody {
		return
	}
	e := &cacheEntry{key: key, ready: make(chan struct{}), body: b, expires: time.Now().Add(rc.ttl), gen: old.gen}
	close(e.ready)
	rc.entries[key] = e
	rc.keep(e)
}

// store completes a freshly built entry.
func (rc *respCache) store(key string, e *cacheEntry, b []byte, err error) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	e.body, e.err, e.expires = b, err, time.Now().Add(rc.ttl)
	close(e.ready)
	if rc.entries[key] != e {
		return // invalidated while building
	}
	if err != nil || len(b) > maxCachedBody {
		delete(rc.entries, key)
		return
	}
	rc.keep(e)
}

// evict drops the least recently stored entries until the cache is within
// maxBytes: O(1) per entry dropped. rc.mu is held.
func (rc *respCache) evict() {
	for rc.size > rc.maxBytes {
		back := rc.order.Back()
		if back == nil {
			return
		}
		e := back.Value.(*cacheEntry)
		rc.remove(e.key, e)
	}
}

// invalidate forgets everything (after a write through this server).
func (rc *respCache) invalidate() {
	rc.mu.Lock()
	rc.gen++
	rc.entries = map[string]*cacheEntry{}
	rc.order.Init()
	rc.size = 0
	rc.mu.Unlock()
}

// cacheKey identifies a response: the base URL (links are absolute), the
// path, the parameters in canonical order, and a variant (media type).
func cacheKey(base, path string, q url.Values, variant string) string {
	return variant + " " + base + path + "?" + q.Encode()
}
