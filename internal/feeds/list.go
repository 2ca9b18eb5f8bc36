package feeds

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// ErrBadList is wrapped by errors about a feed list that cannot be read.
var ErrBadList = errors.New("bad feed list")

// ReadList reads a feed list: one feed a line, its URL optionally followed
// by its polling interval ("https://example.org/rss 5m"); blank lines and
// lines starting with # are skipped. A bad line is an error wrapping
// ErrBadList that names the line.
func ReadList(r io.Reader) ([]Feed, error) {
	var out []Feed
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f, err := ParseFeed(line)
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %v", ErrBadList, n, err)
		}
		if first, ok := seen[f.URL]; ok {
			return nil, fmt.Errorf("%w: line %d: %s is already on line %d", ErrBadList, n, f.URL, first)
		}
		seen[f.URL] = n
		out = append(out, f)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadList, err)
	}
	return out, nil
}

// ParseFeed reads one feed: an absolute http(s) URL and an optional
// interval of at least a second.
func ParseFeed(s string) (Feed, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 || len(fields) > 2 {
		return Feed{}, fmt.Errorf("want a URL and an optional interval, got %q", s)
	}
	if CanonicalURL(fields[0]) == "" {
		return Feed{}, fmt.Errorf("%q is not an absolute http(s) URL", fields[0])
	}
	f := Feed{URL: fields[0]}
	if len(fields) == 2 {
		d, err := time.ParseDuration(fields[1])
		if err != nil || d < time.Second {
			return Feed{}, fmt.Errorf("interval %q: want a duration of at least 1s, such as 5m", fields[1])
		}
		f.Interval = d
	}
	return f, nil
}
