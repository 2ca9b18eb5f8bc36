package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"geoevents/internal/event"
)

func TestRespCacheSharesOneBuild(t *testing.T) {
	rc := newRespCache(time.Minute, 1<<20)
	var builds atomic.Int32
	release := make(chan struct{})
	build := func(context.Context) ([]byte, error) {
		builds.Add(1)
		<-release
		return []byte("body"), nil
	}
	var wg sync.WaitGroup
	results := make([][]byte, 20)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, _, err := rc.get(context.Background(), "k", build)
			if err != nil {
				t.Error(err)
			}
			results[i] = b
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Errorf("%d builds for 20 concurrent identical requests, want 1", n)
	}
	for _, b := range results {
		if string(b) != "body" {
			t.Fatalf("got %q", b)
		}
	}
	// Errors are not cached.
	fail := errors.New("boom")
	if _, _, err := rc.get(context.Background(), "e", func(context.Context) ([]byte, error) { return nil, fail }); !errors.Is(err, fail) {
		t.Fatal(err)
	}
	b, hit, err := rc.get(context.Background(), "e", func(context.Context) ([]byte, error) { return []byte("ok"), nil })
	if err != nil || hit || string(b) != "ok" {
		t.Errorf("after an error: %q %v %v", b, hit, err)
	}
}

func TestRespCacheBounded(t *testing.T) {
	rc := newRespCache(time.Minute, 10_000)
	for i := range 100 {
		if _, _, err := rc.get(context.Background(), fmt.Sprint(i), func(context.Context) ([]byte, error) { return bytes.Repeat([]byte("x"), 1000), nil }); err != nil {
			t.Fatal(err)
		}
	}
	var sum int64
	for _, e := range rc.entries {
		sum += int64(len(e.body))
	}
	if rc.size > 10_000 || sum != rc.size || len(rc.entries) > 10 {
		t.Errorf("cache holds %d entries, size %d (sum %d), limit 10000", len(rc.entries), rc.size, sum)
	}
}

// TestRespCacheEvictsOldestFirst: a full cache drops the entries stored
// longest ago, and keeps its list and map in step.
func TestRespCacheEvictsOldestFirst(t *testing.T) {
	rc := newRespCache(time.Minute, 300)
	builds := 0
	build := func(context.Context) ([]byte, error) { builds++; return bytes.Repeat([]byte("x"), 100), nil }
	for i := range 10 {
		if _, _, err := rc.get(context.Background(), fmt.Sprint(i), build); err != nil {
			t.Fatal(err)
		}
	}
	if len(rc.entries) != 3 || rc.order.Len() != 3 || rc.size != 300 {
		t.Fatalf("%d entries, list %d, size %d; want 3, 3, 300", len(rc.entries), rc.order.Len(), rc.size)
	}
	for i, want := range []bool{false, false, false, false, false, false, false, true, true, true} {
		if _, ok := rc.entries[fmt.Sprint(i)]; ok != want {
			t.Errorf("entry %d cached = %v, want %v", i, ok, want)
		}
	}
	builds = 0
	if _, hit, _ := rc.get(context.Background(), "9", build); !hit || builds != 0 {
		t.Errorf("newest entry rebuilt")
	}
	rc.invalidate()
	if len(rc.entries) != 0 || rc.order.Len() != 0 || rc.size != 0 {
		t.Errorf("after invalidate: %d entries, list %d, size %d", len(rc.entries), rc.order.Len(), rc.size)
	}
}

func TestResponseCacheFreshness(t *testing.T) {
	st := openStore(t, genEvents(50, 15))
	s := newTestServer(t, Config{AllowAnonymousWrites: true, CacheTTL: 300 * time.Millisecond}, st, wordIngester{st})
	target := "/api/events?place=Aleppo&limit=1000&mentions=true"
	count := func() (int64, string) {
		rec := do(t, s.Handler(), http.MethodGet, target, nil)
		var fc featureCollection
		decode(t, rec, &fc)
		return fc.NumberMatched, rec.Header().Get("X-Cache")
	}
	n0, c0 := count()
	n1, c1 := count()
	if c0 != "miss" || c1 != "hit" || n1 != n0 {
		t.Fatalf("first %d %s, second %d %s", n0, c0, n1, c1)
	}
	// A write through the server is visible at once.
	rec := do(t, s.Handler(), http.MethodPost, "/api/articles", []byte(`{"text":"Aleppo, then Aleppo again."}`), "Content-Type", "application/json")
	if rec.Code != http.StatusCreated {
		t.Fatalf("post: %d %s", rec.Code, rec.Body)
	}
	if n, c := count(); n != n0+2 || c != "miss" {
		t.Errorf("after a write through the server: %d (%s), want %d", n, c, n0+2)
	}
	// A write by another process (here: straight to the store) shows after the TTL.
	if _, err := st.ImportEvents(t.Context(), seqOf([]event.Event{{ID: "outside", PlaceName: "Aleppo", Lon: 37, Lat: 36, Type: event.TypeMention}})); err != nil {
		t.Fatal(err)
	}
	time.Sleep(350 * time.Millisecond)
	// Past the TTL the stale page may be served once more while one
	// background query refreshes it; then the new count shows.
	n, c := count()
	if n != n0+2 && n != n0+3 {
		t.Errorf("just after the TTL: %d (%s)", n, c)
	}
	deadline := time.Now().Add(5 * time.Second)
	for n != n0+3 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		n, _ = count()
	}
	if n != n0+3 {
		t.Errorf("after the TTL and a refresh: %d, want %d", n, n0+3)
	}
	// Long after TTL×staleFactor nothing stale is served.
	if _, err := st.ImportEvents(t.Context(), seqOf([]event.Event{{ID: "outside2", PlaceName: "Aleppo", Lon: 37, Lat: 36, Type: event.TypeMention}})); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300*time.Millisecond*(staleFactor+1) + 50*time.Millisecond)
	if n, c := count(); n != n0+4 {
		t.Errorf("long after the TTL: %d (%s), want %d", n, c, n0+4)
	}
	// Disabled cache: every request queries.
	s2 := newTestServer(t, Config{CacheTTL: -1}, st, nil)
	rec = do(t, s2.Handler(), http.MethodGet, target, nil)
	if rec.Header().Get("X-Cache") != "" {
		t.Errorf("disabled cache still answers X-Cache %q", rec.Header().Get("X-Cache"))
	}
}

func TestRespCacheStaleWhileRevalidate(t *testing.T) {
	rc := newRespCache(50*time.Millisecond, 1<<20)
	var builds atomic.Int32
	build := func(context.Context) ([]byte, error) {
		n := builds.Add(1)
		time.Sleep(20 * time.Millisecond)
		return []byte(fmt.Sprint("v", n)), nil
	}
	get := func() string {
		b, _, err := rc.get(context.Background(), "k", build)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if v := get(); v != "v1" {
		t.Fatalf("first %q", v)
	}
	time.Sleep(60 * time.Millisecond)
	for range 10 { // expired: served stale, at once, while one refresh runs
		if v := get(); v != "v1" {
			t.Fatalf("stale read %q", v)
		}
	}
	time.Sleep(60 * time.Millisecond)
	if v := get(); v != "v2" || builds.Load() != 2 {
		t.Errorf("after the refresh: %q with %d builds, want v2 with 2", v, builds.Load())
	}
}
