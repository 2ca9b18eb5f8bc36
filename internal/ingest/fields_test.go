package ingest

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

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
		{"overlong type", row("type", strings.Repeat("a", 65)), "neither an ACLED event type"},
		{"64-rune type", row("type", strings.Repeat("é", 64)), ""},
		{"ampersand in type", row("type", "Riots & looting"), "neither an ACLED event type"},
		{"control character in type", row("type", "shelling\x1b[2J"), "neither an ACLED event type"},
		{"bench's free type", row("type", "shelling", "subtype", "Shelling/artillery/missile attack"), ""},
		{"markup as sub-type", row("subtype", "<script>alert(1)</script>"), "sub_event_type"},
		{"overlong sub-type", row("subtype", strings.Repeat("b", 65)), "sub_event_type"},
		{"unassigned country", row("country_code", "ZZ"), "ISO 3166-1"},
		{"region as country", row("country_code", "EU"), "ISO 3166-1"},
		{"user-assigned country", row("country_code", "QO"), "ISO 3166-1"},
		{"Kosovo", row("country_code", "XK"), ""},
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

// FuzzImportFields: whatever an imported row's type, sub-type, country
// code and URL, an accepted row stores only what the rules allow: a type
// of ACLED's list or a short plain label, a plain sub-type, an assigned
// ISO code, an http(s) URL; a refused row names the field.
func FuzzImportFields(f *testing.F) {
	f.Add("Battles", "Armed clash", "SY", "https://a.example/x")
	f.Add("shelling", "", "", "")
	f.Add("<img src=x>", "a&b", "ZZ", "javascript:alert(1)")
	f.Add("é\u202e", "x\x00", "sy", "HTTP://A.example")
	f.Fuzz(func(t *testing.T, typ, sub, cc, u string) {
		get := func(k string) string {
			return map[string]string{"lon": "37.1", "lat": "36.2", "date": "2024-12-01", "type": typ, "subtype": sub,
				"country_code": cc, "url": u}[k]
		}
		e, err := rowEvent(get, nil)
		if err != nil {
			return
		}
		if _, ok := canonicalType(e.Type); e.Type != "" && !ok && !plainWords(e.Type) {
			t.Errorf("type %q stored", e.Type)
		}
		if e.SubType != "" && !plainWords(e.SubType) {
			t.Errorf("sub-type %q stored", e.SubType)
		}
		for _, s := range []string{e.Type, e.SubType} {
			if strings.ContainsAny(s, "<>&\"\x00\x1b") || utf8.RuneCountInString(s) > maxLabelRunes {
				t.Errorf("label %q stored", s)
			}
		}
		if !validCountryCode(e.CountryCode) {
			t.Errorf("country code %q stored", e.CountryCode)
		}
		if err := CheckURL(e.ArticleURL); err != nil {
			t.Errorf("url %q stored: %v", e.ArticleURL, err)
		}
	})
}
