package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// waitBrowserIdle waits until the chromium processes of browser use
// under idleShare of a core over a sampling window (at most
// idleMaxWait), and returns how long that took. A user opening the map
// has a running browser: the seconds a freshly started chromium spends
// setting itself up (its processes, fonts, the first tab) on the
// machine's two cores are not the map's first view, so timing tests
// navigate once it is idle. On a machine without /proc it returns at
// once.
func waitBrowserIdle(t *testing.T, browser context.Context) time.Duration {
	t.Helper()
	c := chromedp.FromContext(browser)
	if c == nil || c.Browser == nil || c.Browser.Process() == nil {
		return 0
	}
	root := c.Browser.Process().Pid
	const (
		window      = 250 * time.Millisecond
		idleShare   = 0.05
		idleMaxWait = 15 * time.Second
		userHZ      = 100 // Linux's USER_HZ: /proc stat times are in 1/100 s
	)
	start := time.Now()
	prev, ok := treeCPUTicks(root)
	for ok && time.Since(start) < idleMaxWait {
		time.Sleep(window)
		cur, ok2 := treeCPUTicks(root)
		if !ok2 {
			break
		}
		used := float64(cur-prev) / userHZ / window.Seconds()
		if used < idleShare {
			break
		}
		prev = cur
	}
	return time.Since(start)
}

// treeCPUTicks sums the user and system CPU ticks of process root and
// all its descendants, from /proc.
func treeCPUTicks(root int) (int64, bool) {
	dirs, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil || len(dirs) == 0 {
		return 0, false
	}
	type proc struct {
		ppid  int
		ticks int64
	}
	procs := make(map[int]proc, len(dirs))
	for _, p := range dirs {
		b, err := os.ReadFile(p)
		if err != nil {
			continue // the process ended meanwhile
		}
		// The command name (field 2) may hold spaces; the fields after
		// its closing parenthesis are fixed: state ppid … utime(14) stime(15).
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 13 {
			continue
		}
		pid, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/proc/"), "/stat"))
		ppid, _ := strconv.Atoi(f[1])
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		procs[pid] = proc{ppid, ut + st}
	}
	if _, ok := procs[root]; !ok {
		return 0, false
	}
	var sum int64
	for pid, p := range procs {
		for q := pid; q > 1; q = procs[q].ppid {
			if q == root {
				sum += p.ticks
				break
			}
			if _, ok := procs[q]; !ok {
				break
			}
		}
	}
	return sum, true
}
