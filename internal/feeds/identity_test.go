package feeds

import (
	"strings"
	"testing"
	"time"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://Example.ORG/a/b/?utm_source=rss&utm_medium=x#top", "https://example.org/a/b"},
		{"http://example.org:80/x?b=2&a=1", "http://example.org/x?a=1&b=2"},
		{"https://example.org:443/", "https://example.org/"},
		{"https://example.org:8443/x?fbclid=abc&id=7", "https://example.org:8443/x?id=7"},
		{"  https://example.org/story  ", "https://example.org/story"},
		{"ftp://example.org/x", ""},
		{"/relative/path", ""},
		{"javascript:alert(1)", ""},
		{"https://user:pw@example.org/", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := CanonicalURL(tt.in); got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{"https://a.example/x?utm_source=1&b=2#f", "http://A.example:80/", "%zz", "https://a.example/%2F/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := CanonicalURL(s)
		if c == "" {
			return
		}
		if !strings.HasPrefix(c, "http://") && !strings.HasPrefix(c, "https://") {
			t.Fatalf("CanonicalURL(%q) = %q: not http(s)", s, c)
		}
		if again := CanonicalURL(c); again != c {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, c, again)
		}
	})
}

func TestItemKeyAndHash(t *testing.T) {
	if got := itemKey("https://a.example/s?utm_campaign=x", "g1", "T"); got != "https://a.example/s" {
		t.Errorf("key with a link: %q", got)
	}
	if got := itemKey("", "tag:a.example,2026:1", "T"); got != "guid:tag:a.example,2026:1" {
		t.Errorf("key with a GUID only: %q", got)
	}
	if got := itemKey("", "https://a.example/p", "T"); got != "https://a.example/p" {
		t.Errorf("key with a permalink GUID: %q", got)
	}
	if got := itemKey("", "", "Title"); got != "title:Title" {
		t.Errorf("key with a title only: %q", got)
	}
	d := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	h := contentHash("t", "x", d)
	for _, other := range []string{contentHash("t", "y", d), contentHash("u", "x", d), contentHash("t", "x", d.Add(time.Hour)), contentHash("tx", "", d)} {
		if other == h {
			t.Errorf("different items hash alike: %s", h)
		}
	}
	if contentHash("t", "x", d) != h {
		t.Error("the same item hashes differently")
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain  text\nwrapped", "plain text wrapped"},
		{"<p>One &amp; two.</p><p>Three<br>four</p>", "One & two.\n\nThree\n\nfour"},
		{"<div>a<script>var x = '<p>no</p>';</script> b</div>", "a b"},
		{"<p>Kobani <b>(Ayn al-Arab)</b></p>", "Kobani (Ayn al-Arab)"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
