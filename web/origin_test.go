package web

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
)

// request sends one request to a real server; headers are name, value pairs.
func request(t *testing.T, client *http.Client, method, url, body string, headers ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	var b bytes.Buffer
	_, _ = b.ReadFrom(res.Body)
	res.Body.Close()
	res.Body = nopBody{&b}
	return res
}

type nopBody struct{ *bytes.Buffer }

func (nopBody) Close() error { return nil }

// TestWritesOnlyFromWhereTheyShould plays a browser page of another origin
// and the server's own page against a real server, with a token and with
// anonymous writes: cross-origin writes are refused whatever the body
// type, same-origin and non-browser clients get through, and CORS lets
// other origins read, never write or read what a write answered.
func TestWritesOnlyFromWhereTheyShould(t *testing.T) {
	article := `{"title":"t","text":"Shelling hit Aleppo."}`
	for _, mode := range []struct {
		name string
		cfg  Config
		auth []string
	}{
		{"token", Config{Token: "s3cret", BaseURL: "https://events.example.org"}, []string{"Authorization", "Bearer s3cret"}},
		{"anonymous", Config{AllowAnonymousWrites: true, BaseURL: "https://events.example.org"}, nil},
	} {
		t.Run(mode.name, func(t *testing.T) {
			st := openStore(t, genEvents(50, 1))
			base := startServer(t, newTestServer(t, mode.cfg, st, wordIngester{st}))
			host := strings.TrimPrefix(base, "http://")
			cases := []struct {
				name, method, path, ct string
				headers                []string
				want                   int
			}{
				{"no browser headers (curl, scripts)", "POST", "/api/articles", mimeJSON, nil, 201},
				{"Sec-Fetch-Site same-origin", "POST", "/api/articles", mimeJSON, []string{"Sec-Fetch-Site", "same-origin", "Origin", base}, 200},
				{"Sec-Fetch-Site none (typed by the user)", "POST", "/api/articles", mimeJSON, []string{"Sec-Fetch-Site", "none"}, 200},
				{"Origin is this host, no Sec-Fetch-Site", "POST", "/api/articles", mimeJSON, []string{"Origin", "http://" + host}, 200},
				{"Origin is the base URL (behind a proxy)", "POST", "/api/articles", mimeJSON, []string{"Origin", "https://events.example.org"}, 200},
				{"Sec-Fetch-Site cross-site", "POST", "/api/articles", mimeJSON, []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, 403},
				{"Sec-Fetch-Site same-site", "POST", "/api/articles", mimeJSON, []string{"Sec-Fetch-Site", "same-site", "Origin", "https://sub.example.org"}, 403},
				{"other Origin, no Sec-Fetch-Site", "POST", "/api/articles", mimeJSON, []string{"Origin", "https://evil.example"}, 403},
				{"Origin null (sandboxed page)", "POST", "/api/articles", mimeJSON, []string{"Origin", "null"}, 403},
				{"cross-site text/plain (no preflight)", "POST", "/api/articles", "text/plain", []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, 403},
				{"text/plain from a non-browser", "POST", "/api/articles", "text/plain", nil, 415},
				{"form from a non-browser", "POST", "/api/articles", "application/x-www-form-urlencoded", nil, 415},
				{"cross-site polygon search", "POST", "/api/events/search", mimeJSON, []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, 403},
				{"cross-site read", "GET", "/api/events?limit=1", "", []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, 200},
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					body := article
					if tc.path == "/api/events/search" {
						body = testPolygon
					}
					h := append(append([]string{}, mode.auth...), tc.headers...)
					if tc.ct != "" {
						h = append(h, "Content-Type", tc.ct)
					}
					res := request(t, http.DefaultClient, tc.method, base+tc.path, body, h...)
					b := res.Body.(nopBody).Bytes()
					if res.StatusCode != tc.want && !(tc.want == 200 && res.StatusCode == 201) && !(tc.want == 201 && res.StatusCode == 200) {
						t.Fatalf("status %d, want %d: %s", res.StatusCode, tc.want, b)
					}
					if tc.want >= 400 {
						code := errorCode(t, b)
						if tc.want == 403 && code != "CrossOriginRefused" {
							t.Errorf("code %q", code)
						}
					}
					acao := res.Header.Get("Access-Control-Allow-Origin")
					if tc.method == "GET" && acao != "*" {
						t.Errorf("a read has Access-Control-Allow-Origin %q, want *", acao)
					}
					if tc.method != "GET" && acao != "" {
						t.Errorf("a write answered with Access-Control-Allow-Origin %q: the page could read it", acao)
					}
				})
			}
			// A preflight for a POST does not allow it.
			res := request(t, http.DefaultClient, "OPTIONS", base+"/api/articles", "", "Origin", "https://evil.example",
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
			if m := res.Header.Get("Access-Control-Allow-Methods"); strings.Contains(m, "POST") {
				t.Errorf("preflight allows %q", m)
			}
		})
	}
}

// TestWriteRateLimit lets a client write its burst, then answers 429
// with the JSON error and Retry-After; another client address (127.0.0.2)
// has its own bucket, and reads are never limited.
func TestWriteRateLimit(t *testing.T) {
	st := openStore(t, nil)
	s := newTestServer(t, Config{Token: "s3cret", WriteRate: 0.5, WriteBurst: 3}, st, wordIngester{st})
	base := startServer(t, s)
	from := func(ip string) *http.Client {
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
		return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		}}}
	}
	write := func(c *http.Client, i int) *http.Response {
		return request(t, c, "POST", base+"/api/articles", `{"text":"Aleppo `+strings.Repeat("x", i)+`"}`,
			"Authorization", "Bearer s3cret", "Content-Type", mimeJSON)
	}
	a, b := from("127.0.0.1"), from("127.0.0.2")
	for i := range 3 {
		if res := write(a, i); res.StatusCode != http.StatusCreated {
			t.Fatalf("write %d within the burst: %d", i, res.StatusCode)
		}
	}
	res := write(a, 3)
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("write past the burst: %d %v", res.StatusCode, res.Header)
	}
	if code := errorCode(t, res.Body.(nopBody).Bytes()); code != "TooManyRequests" {
		t.Errorf("code %q", code)
	}
	if res := write(b, 10); res.StatusCode != http.StatusCreated {
		t.Errorf("another address is limited too: %d", res.StatusCode)
	}
	if res := request(t, a, "GET", base+"/api/events", ""); res.StatusCode != http.StatusOK {
		t.Errorf("a read after the write limit: %d", res.StatusCode)
	}
	// A wrong token counts against the bucket too: no guessing at speed.
	if res := request(t, a, "POST", base+"/api/articles", `{"text":"x"}`, "Authorization", "Bearer guess", "Content-Type", mimeJSON); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("token guess past the limit: %d", res.StatusCode)
	}
}

// TestWriteMediaTypes checks each rule of writeMediaTypes.
func TestWriteMediaTypes(t *testing.T) {
	want := map[string]string{mimeJSON: "json", "text/markdown": "text", "text/plain": "",
		"application/x-www-form-urlencoded": "", "multipart/form-data": "", "application/xml": ""}
	for mt, kind := range want {
		got, why := writeMediaKind(mt)
		if got != kind || (kind == "" && why == "") {
			t.Errorf("%s: %q (%s), want %q", mt, got, why, kind)
		}
	}
	for _, r := range writeMediaTypes {
		if _, ok := want[r.mediaType]; !ok {
			t.Errorf("rule %s has no test", r.mediaType)
		}
	}
}

func TestTokenEqual(t *testing.T) {
	cases := []struct {
		got, want string
		eq        bool
	}{
		{"s3cret", "s3cret", true},
		{"s3cre", "s3cret", false},
		{"s3cret!", "s3cret", false},
		{"", "s3cret", false},
		{"S3CRET", "s3cret", false},
	}
	for _, tc := range cases {
		if tokenEqual(tc.got, tc.want) != tc.eq {
			t.Errorf("tokenEqual(%q, %q) != %v", tc.got, tc.want, tc.eq)
		}
	}
}

// TestBlankTokenRefused: a token of only spaces is a mistake, not a
// token.
func TestBlankTokenRefused(t *testing.T) {
	if _, err := New(Config{Token: "  \t"}, openStore(t, nil), nil, nil, nil); err == nil || !strings.Contains(err.Error(), "blank") {
		t.Errorf("blank token: %v", err)
	}
}
