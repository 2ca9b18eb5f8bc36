package web

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"geoevents/gazetteer"
	"geoevents/internal/geoparse"
	"geoevents/internal/ingest"
)

// sweepCase is one generated hostile exchange and the family it comes from.
type sweepCase struct {
	family string
	ex     rawExchange
}

// hostileCases returns a generator of exchanges from a seeded random
// source (call it from one goroutine; cases are made one at a time, as
// they hold up to a megabyte each; slow adds slow clients, which wait out
// the server's read timeout), cycling
// through the families an attacker tries: mangled query parameters,
// broken framing (truncated, chunked, compressed, bombs), costly
// polygons, huge headers, slow clients, and now and then a hostile article.
func hostileCases(t *testing.T, seed uint64, slow bool) func(i int) sweepCase {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	params := []string{"bbox", "near", "radius", "datetime", "from", "to", "min_score", "max_precision", "limit", "offset", "sortby",
		"type", "country", "q", "place", "article", "subtype", "properties", "mentions", "f", "zoom"}
	paths := []string{"/api/events", "/api/stats", "/api/weekly", "/api/extent", "/collections/events/items", "/api/places", "/api/articles", "/api/events/x"}
	values := append(hostileNumbers(), hostileText()...)
	bomb := gzipped(t, bytes.Repeat([]byte{' '}, 4<<20))
	post := func(path, extra string) string {
		return "POST " + path + " HTTP/1.1\nHost: x\nContent-Type: application/json\n" + extra
	}
	article := func(text string) []byte {
		b, _ := json.Marshal(map[string]string{"title": "sweep", "published": "2024-12-01", "text": text})
		return b
	}
	families := []func() sweepCase{
		func() sweepCase { // mangled query parameters
			q := url.Values{}
			for k := rng.IntN(4); k >= 0; k-- {
				q.Add(pick(params), pick(values))
			}
			return sweepCase{"query", rawExchange{head: "GET " + pick(paths) + "?" + q.Encode() + " HTTP/1.1\nHost: x\nConnection: close"}}
		},
		func() sweepCase { // broken framing of a search body
			poly := []byte(testPolygon)
			switch rng.IntN(5) {
			case 0:
				return sweepCase{"framing", rawExchange{head: post("/api/events/search", fmt.Sprintf("Content-Length: %d\n", len(poly)+1+rng.IntN(100))), body: poly, closeWrite: true}}
			case 1:
				return sweepCase{"framing", rawExchange{head: post("/api/events/search", "Transfer-Encoding: chunked\n"), body: chunked(poly, 1+rng.IntN(20), false), closeWrite: true}}
			case 2:
				return sweepCase{"framing", rawExchange{head: post("/api/events/search", "Transfer-Encoding: chunked\n"), body: []byte(strconv.FormatUint(rng.Uint64(), 16) + "zz\r\n{}\r\n0\r\n\r\n")}}
			case 3:
				return sweepCase{"framing", rawExchange{head: post("/api/events/search", "Content-Encoding: gzip\n"+fmt.Sprintf("Content-Length: %d\n", len(bomb))), body: bomb}}
			}
			g := gzipped(t, poly)
			cut := rng.IntN(len(g))
			return sweepCase{"framing", rawExchange{head: post("/api/events/search", "Content-Encoding: gzip\n"+fmt.Sprintf("Content-Length: %d\n", cut)), body: g[:cut]}}
		},
		func() sweepCase { // costly or malformed polygons
			body := circlePolygon(30+rng.Float64()*20, 30+rng.Float64()*10, 0.1+rng.Float64()*5, 3+rng.IntN(12000))
			if rng.IntN(3) == 0 {
				body = body[:rng.IntN(len(body))]
			}
			return sweepCase{"polygon", rawExchange{head: post("/api/events/search", fmt.Sprintf("Content-Length: %d\n", len(body))), body: []byte(body)}}
		},
		func() sweepCase { // huge or repeated headers
			h := "GET /api/events HTTP/1.1\nHost: x\n"
			switch rng.IntN(3) {
			case 0:
				h += "X-Junk: " + strings.Repeat("a", 1<<20+rng.IntN(1000)) + "\n"
			case 1:
				for k := 0; k < 5000; k++ {
					h += "X-H" + strconv.Itoa(k) + ": 1\n"
				}
			default:
				h += "Accept: " + strings.Repeat("text/html;q=0.1,", 2000) + "\n"
			}
			return sweepCase{"headers", rawExchange{head: h + "Connection: close"}}
		},
	}
	// Hostile articles go through the real geoparser and extraction, which
	// read them no further than their events need (see ingest's
	// TestHostileArticlesAreBounded and BenchmarkHostileEvents): one case
	// in 50, most of them small.
	hostileArticle := func(i int) sweepCase {
		size := 1 + rng.IntN(2000)
		if i%1000 == 49 {
			size = 100_000 // near the 1 MB body limit
		}
		texts := []string{strings.Repeat("Aleppo ", size), strings.Repeat("x", 5*size),
			"Shelling hit " + strings.Repeat("Aleppo, Homs, ", size) + "Idlib.", "\u202e<script>alert(1)</script> in Aleppo", pick(hostileText())}
		b := article(texts[rng.IntN(len(texts))])
		return sweepCase{"article", rawExchange{head: post("/api/articles", "Authorization: Bearer tok\n"+fmt.Sprintf("Content-Length: %d\n", len(b))), body: b}}
	}
	return func(i int) sweepCase {
		switch {
		case slow && i%500 == 499: // a few slow clients: a body that never comes
			return sweepCase{"slow", rawExchange{head: post("/api/events/search", "Content-Length: 500\n"), body: []byte(`{"type":`)}}
		case i%50 == 49:
			return hostileArticle(i)
		}
		return families[i%len(families)]()
	}
}

// exchange sends one raw exchange and reads the reply; an error is an
// empty reply (connection closed without a response) or a hang.
func exchange(base string, ex rawExchange, limit time.Duration) (rawReply, error) {
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		return rawReply{}, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(limit))
	start := time.Now()
	msg := append([]byte(strings.ReplaceAll(strings.TrimSpace(ex.head), "\n", "\r\n")+"\r\n\r\n"), ex.body...)
	if _, err := conn.Write(msg); err != nil && !isReset(err) {
		return rawReply{}, fmt.Errorf("write: %w", err)
	}
	if ex.closeWrite {
		_ = conn.(*net.TCPConn).CloseWrite()
	}
	if ex.stall > 0 {
		time.Sleep(ex.stall)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return rawReply{}, fmt.Errorf("no response after %v: %w", time.Since(start), err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return rawReply{}, fmt.Errorf("read body: %w", err)
	}
	return rawReply{res.StatusCode, res.Header, body, time.Since(start)}, nil
}

// isReset: the server closed the connection while a refused body was
// still being written; its answer is read next.
func isReset(err error) bool {
	return strings.Contains(err.Error(), "connection reset") || strings.Contains(err.Error(), "broken pipe")
}

// rssBytes is the process's resident set size, from /proc (0 elsewhere).
func rssBytes() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// TestHostileSweep sends 5,000 generated hostile exchanges (mangled
// parameters, broken and compressed bodies, decompression bombs, costly
// polygons, hostile articles, huge headers, slow clients) from 8 clients
// at once to a real server over raw TCP: every one gets an answer (never
// an empty reply) within 5 s (the query deadline is 3 s, as an operator
// sets it for a loaded machine), never a 500, errors carry the JSON body, a
// 503 only with Retry-After, and the process's memory growth stays bounded.
func TestHostileSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("5,000 requests: not in -short")
	}
	st := openStore(t, genEvents(5000, 21))
	gz, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	in := &ingest.Ingester{Parser: geoparse.New(gz), Store: st}
	s, err := New(Config{Token: "tok", MaxBodyBytes: 1 << 20, ReadTimeout: time.Second, QueryTimeout: 3 * time.Second, WriteRate: -1}, st, gz, in, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	base := startServer(t, s)
	rss0 := rssBytes()
	var peak int64
	sweep(t, base, 5000, hostileCases(t, 7, true), func() {
		if r := rssBytes(); r > peak {
			peak = r
		}
	})
	t.Logf("RSS %d MB before, peak %d MB", rss0>>20, peak>>20)
	// The bound is loose: client and server share this process, and the
	// client makes megabyte headers and bodies. It catches a leak or an
	// unbounded buffer (a 24 GB WAL, a sentence per event), not the
	// server's own budget, which issue 15 measures on a serve process.
	if peak > 0 && peak-rss0 > 1<<30 {
		t.Errorf("RSS grew by %d MB during the sweep, want < 1 GB", (peak-rss0)>>20)
	}
	if res := sendRaw(t, base, rawExchange{head: "GET /healthz HTTP/1.1\nHost: x\nConnection: close"}); res.status != http.StatusOK {
		t.Fatalf("server unhealthy after the sweep: %d", res.status)
	}
}

// sweep sends n exchanges of next from 8 clients at once to base and
// fails the test for each answer a hostile client must not get: none (an
// empty reply or a hang past 5 s), a 5xx but 503 and 507, a 503 without
// Retry-After, an error without its JSON body. after runs after each
// exchange, serialised.
func sweep(t *testing.T, base string, n int, next func(int) sweepCase, after func()) {
	t.Helper()
	var mu sync.Mutex
	counts := map[string]map[int]int{}
	var failures []string
	work := make(chan sweepCase)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				got, err := exchange(base, c.ex, 5*time.Second)
				mu.Lock()
				if counts[c.family] == nil {
					counts[c.family] = map[int]int{}
				}
				switch {
				case err != nil:
					failures = append(failures, fmt.Sprintf("%s %.80q (body %d bytes): %v", c.family, c.ex.head, len(c.ex.body), err))
				case got.status >= 500 && got.status != http.StatusServiceUnavailable && got.status != http.StatusInsufficientStorage:
					failures = append(failures, fmt.Sprintf("%s %.80q: %d %.200s", c.family, c.ex.head, got.status, got.body))
				case got.status == http.StatusServiceUnavailable && got.header.Get("Retry-After") == "":
					failures = append(failures, fmt.Sprintf("%s %.80q: 503 without Retry-After", c.family, c.ex.head))
				case got.status >= 400 && !bytes.Contains(got.body, []byte(`"description"`)) && got.status != http.StatusRequestHeaderFieldsTooLarge:
					failures = append(failures, fmt.Sprintf("%s %.80q: %d without the JSON error body: %.100s", c.family, c.ex.head, got.status, got.body))
				}
				if err == nil {
					counts[c.family][got.status]++
				}
				after()
				mu.Unlock()
			}
		}()
	}
	start := time.Now()
	for i := range n {
		work <- next(i)
	}
	close(work)
	wg.Wait()
	t.Logf("%d exchanges in %v; statuses by family %v", n, time.Since(start).Round(time.Millisecond), counts)
	for i, f := range failures {
		if i == 20 {
			t.Errorf("… and %d more", len(failures)-20)
			break
		}
		t.Error(f)
	}
}
