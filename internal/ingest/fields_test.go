package ingest

import (
	"errors"
	"strings"
	"testing"

	"geoevents/internal/event"
)

// TestCheckURL checks each rule of urlRules, and what passes.
func TestCheckURL(t *testing.T) {
	cases := []struct {
		url  string
		rule string // "" accepted
	}{
		{"", ""},
		{"https://news.example/a?b=1#c", ""},
		{"HTTP://news.example/", ""},
		{"https://" + strings.Repeat("a", 2050) + ".example/", "longer than"},
		{"https://news.example/a b", "spaces"},
		{"https://news.example/\x01", "spaces"},
		{"javascript:alert(1)", "not http"},
		{"JavaScript:alert(1)", "not http"},
		{"data:text/html,<script>alert(1)</script>", "not http"},
		{"file:///etc/passwd", "not http"},
		{"//news.example/a", "not http"},
		{"https:///path-only", "no host"},
		{"https://user:pw@news.example/", "user name"},
		{"%zz", "does not parse"},
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		err := CheckURL(tc.url)
		switch {
		case tc.rule == "" && err != nil:
			t.Errorf("%.60q refused: %v", tc.url, err)
		case tc.rule != "" && (err == nil || !strings.Contains(err.Error(), tc.rule) || !errors.Is(err, ErrInvalidRecord)):
			t.Errorf("%.60q: %v, want %q", tc.url, err, tc.rule)
		}
		for _, r := range urlRules {
			if tc.rule != "" && strings.Contains(r.name, tc.rule) {
				seen[r.name] = true
			}
		}
	}
	for _, r := range urlRules {
		if !seen[r.name] {
			t.Errorf("rule %q has no test", r.name)
		}
	}
}

// TestImportFields: imported rows with a type outside ACLED's list, a
// country code that is not two letters, or a non-http(s) URL are
// refused; a known type in another case is stored in its own spelling.
func TestImportFields(t *testing.T) {
	row := func(kv ...string) getter {
		m := map[string]string{"lon": "37.1", "lat": "36.2", "date": "2024-12-01", "type": "Battles"}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	cases := []struct {
		name string
		get  getter
		bad  string
	}{
		{"good", row("country_code", "sy", "url", "https://a.example/"), ""},
		{"type in other case", row("type", "explosions/remote violence"), ""},
		{"no type: a mention", row("type", ""), ""},
		{"markup as type", row("type", `<img src=x onerror=alert(1)>`), "neither an ACLED event type"},
		{"script as type", row("type", `"><script>`), "neither an ACLED event type"},
		{"plain-word type", row("type", "drone strike"), ""},
		{"overlong type", row("type", strings.Repeat("a", 61)), "neither an ACLED event type"},
		{"markup as country", row("country_code", "<b>"), "ISO 3166-1"},
		{"three-letter country", row("country_code", "SYR"), "ISO 3166-1"},
		{"javascript url", row("url", "javascript:alert(1)"), "not http"},
	}
	for _, tc := range cases {
		e, err := rowEvent(tc.get, nil)
		switch {
		case tc.bad == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.bad != "" && (err == nil || !strings.Contains(err.Error(), tc.bad)):
			t.Errorf("%s: %v, want %q", tc.name, err, tc.bad)
		case tc.bad == "" && tc.name == "type in other case" && e.Type != event.TypeExplosions:
			t.Errorf("type stored as %q", e.Type)
		}
	}
}

// TestValidateURL: an article with a javascript: URL is refused before
// geoparsing, by the same rule as imports.
func TestValidateURL(t *testing.T) {
	in := &Ingester{}
	err := in.Validate(event.Article{Title: "t", Text: "Aleppo", URL: "javascript:alert(1)"})
	if !errors.Is(err, ErrInvalidRecord) || !IsInputError(err) {
		t.Errorf("javascript: URL: %v", err)
	}
	if err := in.Validate(event.Article{Title: "t", Text: "Aleppo", URL: "https://a.example/"}); err != nil {
		t.Errorf("https URL: %v", err)
	}
}

// FuzzCheckURL: whatever the input, an accepted URL is absolute http(s)
// with a host, and nothing panics.
func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{"https://a.example/", "javascript:alert(1)", "http://[::1]:80/x", "data:,x", "HTTPS://A.EXAMPLE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if CheckURL(s) != nil || s == "" {
			return
		}
		l := strings.ToLower(s)
		if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
			t.Fatalf("accepted %q", s)
		}
	})
}
