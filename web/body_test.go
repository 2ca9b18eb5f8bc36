package web

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

const testPolygon = `{"type":"Polygon","coordinates":[[[36,33],[38,33],[38,37],[36,37],[36,33]]]}`

func gzipped(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	_, _ = w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zlibbed(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	_, _ = w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func deflated(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	_, _ = w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// chunked frames b as chunks of size n and, when last, the final chunk.
func chunked(b []byte, n int, last bool) []byte {
	var out bytes.Buffer
	for len(b) > 0 {
		k := min(n, len(b))
		fmt.Fprintf(&out, "%x\r\n%s\r\n", k, b[:k])
		b = b[k:]
	}
	if last {
		out.WriteString("0\r\n\r\n")
	}
	return out.Bytes()
}

// TestBrokenBodies sends malformed, truncated, slow, oversized and
// compressed bodies over raw TCP to a real server: each gets its 4xx with
// the JSON error body (never a 500 or an empty reply), and the access log
// records the status the client received.
func TestBrokenBodies(t *testing.T) {
	const limit = 64 << 10
	var logs logBuffer
	cfg := Config{MaxBodyBytes: limit, ReadTimeout: time.Second, WriteTimeout: 5 * time.Second, QueryTimeout: 2 * time.Second, Token: "secret", AccessLog: AccessLogAll}
	s, err := New(cfg, openStore(t, genEvents(200, 3)), nil, nil, logs.logger())
	if err != nil {
		t.Fatal(err)
	}
	base := startServer(t, s)
	bomb := bytes.Repeat([]byte{' '}, 16<<20) // 16 MB of JSON whitespace: ~16 KB compressed
	poly := []byte(testPolygon)
	search := "POST /api/events/search HTTP/1.1\nHost: x\nContent-Type: application/json\n"
	article := "POST /api/articles HTTP/1.1\nHost: x\nAuthorization: Bearer secret\nContent-Type: application/json\n"
	cl := func(n int) string { return fmt.Sprintf("Content-Length: %d\n", n) }
	te := "Transfer-Encoding: chunked\n"
	ce := func(enc string) string { return "Content-Encoding: " + enc + "\n" }
	cases := []struct {
		name   string
		path   string
		ex     rawExchange
		status int
		code   string
	}{
		{"control: whole body", "/api/events/search", rawExchange{head: search + cl(len(poly)), body: poly}, 200, ""},
		{"control: gzip body", "/api/events/search", rawExchange{head: search + ce("gzip") + cl(len(gzipped(t, poly))), body: gzipped(t, poly)}, 200, ""},
		{"control: deflate (zlib) body", "/api/events/search", rawExchange{head: search + ce("deflate") + te, body: chunked(zlibbed(t, poly), 10, true)}, 200, ""},
		{"control: raw deflate body", "/api/events/search", rawExchange{head: search + ce("deflate") + cl(len(deflated(t, poly))), body: deflated(t, poly)}, 200, ""},
		{"shorter than Content-Length", "/api/events/search", rawExchange{head: search + cl(500), body: poly, closeWrite: true}, 400, "InvalidBody"},
		{"chunked without last chunk", "/api/events/search", rawExchange{head: search + te, body: chunked(poly, 16, false), closeWrite: true}, 400, "InvalidBody"},
		{"invalid chunk size", "/api/events/search", rawExchange{head: search + te, body: []byte("zz\r\n{}\r\n0\r\n\r\n")}, 400, "InvalidBody"},
		{"chunk size overflows", "/api/events/search", rawExchange{head: search + te, body: []byte("ffffffffffffffffff\r\n{}\r\n")}, 400, "InvalidBody"},
		{"article shorter than Content-Length", "/api/articles", rawExchange{head: article + cl(100), body: []byte(`{"text":"Aleppo`), closeWrite: true}, 400, "InvalidBody"},
		{"slow body", "/api/events/search", rawExchange{head: search + cl(500), body: poly[:10], stall: 0}, 408, "RequestTimeout"},
		{"slow chunked body", "/api/articles", rawExchange{head: article + te, body: []byte("5\r\n{\"tex")}, 408, "RequestTimeout"},
		{"declared too large", "/api/events/search", rawExchange{head: search + cl(limit+1), body: nil}, 413, "PayloadTooLarge"},
		{"chunked too large", "/api/events/search", rawExchange{head: search + te, body: chunked(bytes.Repeat([]byte{' '}, limit+100), 4096, true)}, 413, "PayloadTooLarge"},
		{"article chunked too large", "/api/articles", rawExchange{head: article + te, body: chunked(bytes.Repeat([]byte{' '}, limit+100), 4096, true)}, 413, "PayloadTooLarge"},
		{"gzip bomb", "/api/events/search", rawExchange{head: search + ce("gzip") + cl(len(gzipped(t, bomb))), body: gzipped(t, bomb)}, 413, "PayloadTooLarge"},
		{"gzip bomb, chunked", "/api/articles", rawExchange{head: article + ce("gzip") + te, body: chunked(gzipped(t, bomb), 4096, true)}, 413, "PayloadTooLarge"},
		{"zlib bomb", "/api/events/search", rawExchange{head: search + ce("deflate") + te, body: chunked(zlibbed(t, bomb), 4096, true)}, 413, "PayloadTooLarge"},
		{"raw deflate bomb", "/api/events/search", rawExchange{head: search + ce("deflate") + te, body: chunked(deflated(t, bomb), 4096, true)}, 413, "PayloadTooLarge"},
		{"corrupt gzip", "/api/events/search", rawExchange{head: search + ce("gzip") + cl(20), body: []byte("\x1f\x8b\x08\x00garbage-garbage!")}, 400, "InvalidBody"},
		{"truncated gzip", "/api/events/search", rawExchange{head: search + ce("gzip") + cl(12), body: gzipped(t, poly)[:12]}, 400, "InvalidBody"},
		{"unknown encoding", "/api/events/search", rawExchange{head: search + ce("br") + cl(len(poly)), body: poly}, 415, "UnsupportedMediaType"},
		{"stacked encodings", "/api/events/search", rawExchange{head: search + ce("gzip, gzip") + cl(len(poly)), body: poly}, 415, "UnsupportedMediaType"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := sendRaw(t, base, tc.ex)
			if got.status != tc.status {
				t.Fatalf("status %d, want %d: %.300s", got.status, tc.status, got.body)
			}
			if tc.code != "" {
				if code := errorCode(t, got.body); code != tc.code {
					t.Errorf("code %q, want %q", code, tc.code)
				}
			}
			if logged := logs.accessStatus(t, tc.path); logged != tc.status {
				t.Errorf("access log says %d, the client got %d", logged, tc.status)
			}
			if tc.status == 408 && got.elapsed > 4*time.Second {
				t.Errorf("408 after %v; the read timeout is 1 s", got.elapsed)
			}
			if tc.status != 408 && got.elapsed > 500*time.Millisecond {
				t.Errorf("answered after %v: the server waited for a body it had refused", got.elapsed)
			}
		})
	}
}

// TestBodyErrorRules checks each rule of bodyErrorRules on the error
// that selects it.
func TestBodyErrorRules(t *testing.T) {
	cases := []struct {
		err    error
		rule   string
		status int
	}{
		{&http.MaxBytesError{Limit: 10}, "too-large", 413},
		{fmt.Errorf("x: %w", &errDecodedTooLarge{10}), "decoded-too-large", 413},
		{os.ErrDeadlineExceeded, "slow", 408},
		{io.ErrUnexpectedEOF, "truncated", 400},
		{gzip.ErrHeader, "bad-compression", 400},
		{flate.CorruptInputError(3), "bad-compression", 400},
		{zlib.ErrChecksum, "bad-compression", 400},
		{errors.New("invalid byte in chunk length"), "malformed", 400},
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		rule, status, code, desc := classifyBody(tc.err)
		if rule != tc.rule || status != tc.status || code == "" || desc == "" {
			t.Errorf("%v: rule %s %d %q %q, want %s %d", tc.err, rule, status, code, desc, tc.rule, tc.status)
		}
		seen[rule] = true
	}
	for _, r := range bodyErrorRules {
		if !seen[r.name] {
			t.Errorf("rule %s has no test", r.name)
		}
	}
}

// TestDecodedLimitExact lets a compressed body of exactly the limit
// through and refuses one byte more.
func TestDecodedLimitExact(t *testing.T) {
	for _, n := range []int{0, 1, 100, 4096} {
		for _, extra := range []int{0, 1} {
			data := bytes.Repeat([]byte{'a'}, n+extra)
			zr, err := gzip.NewReader(bytes.NewReader(gzipped(t, data)))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(&decodedLimit{r: zr, left: int64(n), limit: int64(n)})
			var tooLarge *errDecodedTooLarge
			switch {
			case extra == 0 && (err != nil || len(got) != n):
				t.Errorf("limit %d, body %d: %d bytes, %v", n, n, len(got), err)
			case extra == 1 && !errors.As(err, &tooLarge):
				t.Errorf("limit %d, body %d: %v, want too large", n, n+1, err)
			}
		}
	}
	if !strings.Contains((&errDecodedTooLarge{5}).Error(), "5 bytes") {
		t.Error("the message names the limit")
	}
}

// FuzzBodyDecode feeds arbitrary bytes through each content coding with a
// small limit: the decoder never yields more than the limit, and every
// failure maps to a 4xx through bodyErrorRules.
func FuzzBodyDecode(f *testing.F) {
	f.Add([]byte(testPolygon), "")
	f.Add(gzipped(&testing.T{}, []byte(testPolygon)), "gzip")
	f.Add(zlibbed(&testing.T{}, bytes.Repeat([]byte{'a'}, 5000)), "deflate")
	f.Add(deflated(&testing.T{}, []byte("x")), "deflate")
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00"), "x-gzip")
	f.Fuzz(func(t *testing.T, data []byte, enc string) {
		coding, ok := contentCodings[enc]
		if !ok {
			return
		}
		const limit = 1024
		var r io.Reader = &bodyReader{r: bytes.NewReader(data), c: io.NopCloser(nil)}
		if coding.decode != nil {
			r = &bodyReader{r: &lazyDecoder{src: r, decode: coding.decode, limit: limit}, c: io.NopCloser(nil)}
		}
		got, err := io.ReadAll(r)
		if coding.decode != nil && len(got) > limit {
			t.Fatalf("decoded %d bytes past the limit of %d", len(got), limit)
		}
		if err != nil {
			var be *bodyError
			if !errors.As(err, &be) {
				t.Fatalf("unwrapped error %T %v", err, err)
			}
			if _, status, _, _ := classifyBody(be.err); status < 400 || status >= 500 {
				t.Fatalf("%v -> %d", err, status)
			}
		}
	})
}
