package feeds

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
	"time"
)

// trackingParams are query parameters that only say where a reader came
// from: the same story linked from two feeds differs only in them.
var trackingParams = []string{"utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref", "cmpid", "ocid"}

// CanonicalURL returns the form of a link that identifies its story: the
// scheme and host in lower case, no default port, no fragment, no
// tracking parameters, the other parameters sorted, no trailing slash on
// a path. It returns "" for anything but an absolute http(s) URL.
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "HTTP" && u.Scheme != "HTTPS") || u.Host == "" || u.User != nil {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if p := u.Port(); (u.Scheme == "http" && p == "80") || (u.Scheme == "https" && p == "443") {
		u.Host = u.Hostname()
	}
	u.Fragment, u.RawFragment = "", ""
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		for _, t := range trackingParams {
			if lk == t || (strings.HasSuffix(t, "_") && strings.HasPrefix(lk, t)) {
				q.Del(k)
			}
		}
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := q[k]
		sort.Strings(vs)
		for _, v := range vs {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v))
		}
	}
	u.RawQuery = b.String()
	u.ForceQuery = false
	if len(u.Path) > 1 {
		u.Path = strings.TrimRight(u.Path, "/")
		u.RawPath = ""
	}
	return u.String()
}

// itemKey identifies a story: its canonical link, else the feed's GUID,
// else its title (an item with neither link nor GUID).
func itemKey(link, guid, title string) string {
	if c := CanonicalURL(link); c != "" {
		return c
	}
	if g := strings.TrimSpace(guid); g != "" {
		if c := CanonicalURL(g); c != "" {
			return c
		}
		return "guid:" + g
	}
	return "title:" + strings.TrimSpace(title)
}

// contentHash hashes what an item says: a changed hash is an updated
// story, whose article is read and derived again.
func contentHash(title, text string, published time.Time) string {
	h := sha256.New()
	h.Write([]byte(title))
	h.Write([]byte{0})
	h.Write([]byte(text))
	h.Write([]byte{0})
	if !published.IsZero() {
		h.Write([]byte(published.UTC().Format(time.RFC3339)))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
