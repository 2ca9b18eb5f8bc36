package feeds

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReadList(t *testing.T) {
	in := "# wires\nhttps://a.example/rss\n\n  https://b.example/atom 5m  \n# end\n"
	got, err := ReadList(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Feed{{URL: "https://a.example/rss"}, {URL: "https://b.example/atom", Interval: 5 * time.Minute}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("ReadList = %+v, want %+v", got, want)
	}
	for _, bad := range []string{
		"a.example/rss",
		"https://a.example/rss 5",
		"https://a.example/rss 10ms",
		"https://a.example/rss 5m extra",
		"https://a.example/rss\nhttps://a.example/rss",
		"javascript:alert(1)",
	} {
		if _, err := ReadList(strings.NewReader(bad)); !errors.Is(err, ErrBadList) || !strings.Contains(err.Error(), "line") {
			t.Errorf("ReadList(%q): %v, want ErrBadList naming the line", bad, err)
		}
	}
}

func FuzzReadList(f *testing.F) {
	f.Add("https://a.example/rss 5m\n# c\nhttps://b.example/x")
	f.Add("http://a\x00b/ 1h")
	f.Fuzz(func(t *testing.T, s string) {
		list, err := ReadList(strings.NewReader(s))
		if err != nil {
			if !errors.Is(err, ErrBadList) {
				t.Fatalf("error not ErrBadList: %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, f := range list {
			if CanonicalURL(f.URL) == "" || (f.Interval != 0 && f.Interval < time.Second) || seen[f.URL] {
				t.Fatalf("accepted bad feed %+v", f)
			}
			seen[f.URL] = true
		}
	})
}
