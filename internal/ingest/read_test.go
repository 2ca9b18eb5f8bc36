package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"geoevents/internal/event"
)

// readAll collects what ReadArticles delivers for path.
func readAll(t *testing.T, path string, opts ReadOptions) ([]event.Article, []Position, []*InputError) {
	t.Helper()
	var arts []event.Article
	var poss []Position
	var errs []*InputError
	err := ReadArticles(context.Background(), path, opts, func(a event.Article, pos Position, err error) error {
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("%s: error is not an *InputError: %v", path, err)
			}
			errs = append(errs, ie)
			return nil
		}
		arts = append(arts, a)
		poss = append(poss, pos)
		return nil
	})
	if err != nil {
		t.Fatalf("ReadArticles(%s): %v", path, err)
	}
	return arts, poss, errs
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join("..", "..", "testdata", "articles", name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("fixture %s: %v", p, err)
	}
	return p
}

func TestReadFrontMatter(t *testing.T) {
	arts, poss, errs := readAll(t, fixture(t, "xss.md"), ReadOptions{})
	if len(errs) != 0 || len(arts) != 1 {
		t.Fatalf("got %d articles, errors %v", len(arts), errs)
	}
	a := arts[0]
	if !strings.HasPrefix(a.Title, "Clashes in Aleppo <script>") || a.URL != "https://example.org/geoevents/fixtures/xss" ||
		!strings.HasPrefix(a.Source, "geoevents test fixture") || !a.Published.Equal(time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("front matter not applied: %+v", a)
	}
	if !strings.HasPrefix(a.Text, "Armed clashes broke out in Aleppo") || strings.Contains(a.Text, "title:") {
		t.Errorf("text %q", a.Text)
	}
	if a.ID != event.ArticleID(a.Text, a.Published) || poss[0].Line != 7 {
		t.Errorf("id %q, line %d (want the body's line 7)", a.ID, poss[0].Line)
	}
}

func TestReadPlainText(t *testing.T) {
	arts, _, errs := readAll(t, fixture(t, "plain.txt"), ReadOptions{})
	if len(errs) != 0 || len(arts) != 1 {
		t.Fatalf("got %d articles, errors %v", len(arts), errs)
	}
	if arts[0].Title != "Shelling reported near Idlib" || !arts[0].Published.IsZero() {
		t.Errorf("title %q published %v (want no invented date)", arts[0].Title, arts[0].Published)
	}
	d := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	arts, _, _ = readAll(t, fixture(t, "plain.txt"), ReadOptions{Date: d})
	if !arts[0].Published.Equal(d) {
		t.Errorf("--date not applied: %v", arts[0].Published)
	}
}

func TestReadBadFiles(t *testing.T) {
	tests := []struct {
		path     string
		sentinel error
		line     int
		msg      string
	}{
		{fixture(t, "empty.md"), ErrEmptyArticle, 7, "no article text"},
		{fixture(t, "latin1.txt"), ErrInvalidUTF8, 3, "0xe9"},
		{"testdata/articles/bad_date.md", ErrInvalidRecord, 3, "yesterday-ish"},
		{"testdata/articles/unclosed.md", ErrMalformed, 4, "closing --- missing"},
		{"testdata/no/such/file.txt", os.ErrNotExist, 0, "no such file"},
	}
	for _, tc := range tests {
		arts, _, errs := readAll(t, tc.path, ReadOptions{})
		if len(arts) != 0 || len(errs) != 1 {
			t.Errorf("%s: %d articles, errors %v", tc.path, len(arts), errs)
			continue
		}
		e := errs[0]
		if !errors.Is(e, tc.sentinel) || e.Line != tc.line || e.Path != tc.path || !strings.Contains(e.Error(), tc.msg) {
			t.Errorf("%s: error %q (line %d), want %v at line %d mentioning %q", tc.path, e, e.Line, tc.sentinel, tc.line, tc.msg)
		}
	}
}

func TestReadJSONL(t *testing.T) {
	arts, poss, errs := readAll(t, fixture(t, "articles.jsonl"), ReadOptions{})
	if len(errs) != 0 || len(arts) < 2 {
		t.Fatalf("got %d articles, errors %v", len(arts), errs)
	}
	if arts[0].Title != "Car bomb explodes in Homs market" || !arts[0].Published.Equal(time.Date(2025, 4, 22, 0, 0, 0, 0, time.UTC)) || poss[0].Line != 1 {
		t.Errorf("first: %+v at %+v", arts[0], poss[0])
	}
	if !arts[1].Published.Equal(time.Date(2025, 7, 23, 9, 30, 0, 0, time.UTC)) || poss[1].Line != 2 {
		t.Errorf("RFC 3339 published: %v line %d", arts[1].Published, poss[1].Line)
	}

	arts, poss, errs = readAll(t, fixture(t, "bad.jsonl"), ReadOptions{})
	if len(errs) != 1 || !errors.Is(errs[0], ErrMalformed) || errs[0].Line != 2 {
		t.Fatalf("bad.jsonl errors %v, want one malformed at line 2", errs)
	}
	if len(arts) != 2 || poss[0].Line != 1 || poss[1].Line != 3 {
		t.Errorf("bad.jsonl: the good lines 1 and 3 must still be read, got %d at %v", len(arts), poss)
	}
}

func TestReadJSONArray(t *testing.T) {
	arts, poss, errs := readAll(t, "testdata/articles/array.json", ReadOptions{})
	if len(errs) != 0 || len(arts) != 2 {
		t.Fatalf("got %d articles, errors %v", len(arts), errs)
	}
	if poss[0].Line != 2 || poss[1].Line != 4 || arts[1].Title != "Talks in Moscow" || arts[1].Published.UTC().Hour() != 5 {
		t.Errorf("positions %v, second %+v", poss, arts[1])
	}
}

func TestReadDirectory(t *testing.T) {
	arts, _, errs := readAll(t, "testdata/articles", ReadOptions{})
	var titles []string
	for _, a := range arts {
		titles = append(titles, a.Title)
	}
	// Lexical order, recursive, hidden files and non-article extensions skipped.
	want := []string{"Strike on Saraqib", "Talks in Moscow", "Nested one", "Protest in Suwayda"}
	if !slices.Equal(titles, want) {
		t.Errorf("titles %q, want %q", titles, want)
	}
	if len(errs) != 2 { // bad_date.md and unclosed.md
		t.Errorf("errors %v", errs)
	}
}

func TestReadStdinSniffing(t *testing.T) {
	tests := []struct {
		name, input string
		titles      []string
	}{
		{"jsonl", `{"title":"A","text":"Rebels seized Aleppo."}` + "\n" + `{"title":"B","text":"Clashes in Homs."}` + "\n", []string{"A", "B"}},
		{"json array", `[{"title":"A","text":"x"}, {"title":"B","text":"y"}]`, []string{"A", "B"}},
		{"pretty json object", "{\n  \"title\": \"A\",\n  \"text\": \"Rebels seized Aleppo.\"\n}\n", []string{"A"}},
		{"text", "Rebels take Aleppo\n\nRebels seized Aleppo on Friday.", []string{"Rebels take Aleppo"}},
		{"front matter", "---\ntitle: T\n---\nBody.", []string{"T"}},
	}
	for _, tc := range tests {
		arts, _, errs := readAll(t, "-", ReadOptions{Stdin: strings.NewReader(tc.input)})
		var titles []string
		for _, a := range arts {
			titles = append(titles, a.Title)
		}
		if len(errs) != 0 || !slices.Equal(titles, tc.titles) {
			t.Errorf("%s: titles %q errors %v", tc.name, titles, errs)
		}
	}
}

func TestReadMalformedJSON(t *testing.T) {
	tests := []struct {
		name, input string
		line        int
		sentinel    error
	}{
		{"truncated array", "[\n{\"title\":\"A\",\"text\":\"x\"},\n{\"title\":\"B\",\n", 3, ErrMalformed},
		{"syntax error", "[\n{\"title\":\"A\",\"text\":\"x\"},\n{\"title\" \"B\"}\n]", 3, ErrMalformed},
		{"not an object", "[1]", 1, ErrMalformed},
		{"wrong type", "{\"title\": 5, \"text\": \"x\"}\n", 1, ErrMalformed},
		{"empty text", "{\"title\": \"t\", \"text\": \"  \"}\n", 1, ErrEmptyArticle},
		{"bad published", "{\"title\": \"t\", \"text\": \"x\", \"published\": \"soon\"}\n", 1, ErrInvalidRecord},
		{"invalid utf8", "{\"title\": \"t\", \"text\": \"caf\xe9\"}\n", 1, ErrInvalidUTF8},
		{"empty array", "[]", 0, ErrEmptyArticle},
	}
	for _, tc := range tests {
		_, _, errs := readAll(t, "-", ReadOptions{Stdin: strings.NewReader(tc.input)})
		if len(errs) != 1 || !errors.Is(errs[0], tc.sentinel) || errs[0].Line != tc.line {
			t.Errorf("%s: errors %v, want one %v at line %d", tc.name, errs, tc.sentinel, tc.line)
		}
	}
}

// heapGrowth runs fn and returns how many bytes it allocated in total.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestReadTooLarge(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("Rebels seized Aleppo. ", 50<<20/22+1) // > 50 MB
	txt := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(txt, []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	jsonl := filepath.Join(dir, "big.jsonl")
	line := `{"title":"Big","text":"` + big + `"}`
	ok := `{"title":"Small","text":"Rebels seized Aleppo."}`
	if err := os.WriteFile(jsonl, []byte(ok+"\n"+line+"\n"+ok+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	jsonArr := filepath.Join(dir, "big.json")
	if err := os.WriteFile(jsonArr, []byte("["+ok+",\n"+line+"]"), 0o644); err != nil {
		t.Fatal(err)
	}
	big = ""

	var errs []*InputError
	var arts []event.Article
	alloc := allocated(func() { arts, _, errs = readAll(t, txt, ReadOptions{}) })
	if len(arts) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) || !strings.Contains(errs[0].Error(), "big.txt") {
		t.Fatalf("50 MB text: %d articles, errors %v", len(arts), errs)
	}
	if alloc > 1<<20 {
		t.Errorf("rejecting a 50 MB text file allocated %d bytes; it must be rejected by its size", alloc)
	}

	alloc = allocated(func() { arts, _, errs = readAll(t, jsonl, ReadOptions{}) })
	if len(arts) != 2 || len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) || errs[0].Line != 2 {
		t.Fatalf("50 MB JSONL line: %d articles, errors %v", len(arts), errs)
	}
	if alloc > 40<<20 {
		t.Errorf("skipping a 50 MB JSONL line allocated %d bytes", alloc)
	}

	alloc = allocated(func() { arts, _, errs = readAll(t, jsonArr, ReadOptions{}) })
	if len(arts) != 1 || len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) || errs[0].Line != 2 {
		t.Fatalf("50 MB JSON element: %d articles, errors %v", len(arts), errs)
	}
	if alloc > 40<<20 {
		t.Errorf("rejecting a 50 MB JSON element allocated %d bytes", alloc)
	}

	// The limit is configurable.
	_, _, errs = readAll(t, fixture(t, "plain.txt"), ReadOptions{MaxArticleBytes: 50})
	if len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) {
		t.Errorf("MaxArticleBytes 50: %v", errs)
	}
}

func TestTitleFromText(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Shelling reported near Idlib\n\nGovernment forces shelled villages.", "Shelling reported near Idlib"},
		{"# Heading in Markdown\nBody.", "Heading in Markdown"},
		{"The first line is a sentence.\nThe second too.\nSyrian Rebels Capture Assad's Palace Amid Escalating Conflict\nBody.", "Syrian Rebels Capture Assad's Palace Amid Escalating Conflict"},
		{"Only one sentence here.", "Only one sentence here"},
		{strings.Repeat("word ", 100) + "end.", strings.TrimSpace(strings.Repeat("word ", 40))},
		{"", ""},
	}
	for _, tc := range tests {
		if got := TitleFromText(tc.text); got != tc.want {
			t.Errorf("TitleFromText(%.40q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func FuzzReadStdin(f *testing.F) {
	for _, s := range []string{"[{\"title\":\"a\",\"text\":\"b\"}]", "{\"text\":\"x\"}\n{", "---\ntitle: x\n---\n", "plain\xff text", "[", "\ufeff{\"text\":\"é\"}", "{\n\"text\": 1}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := ReadArticles(context.Background(), "-", ReadOptions{Stdin: strings.NewReader(s), MaxArticleBytes: 1 << 16}, func(a event.Article, pos Position, err error) error {
			if err != nil {
				var ie *InputError
				if !errors.As(err, &ie) || !IsInputError(err) {
					t.Fatalf("error %v is not a typed input error", err)
				}
				return nil
			}
			if strings.TrimSpace(a.Text) == "" || a.ID != event.ArticleID(a.Text, a.Published) {
				t.Fatalf("article with empty text or wrong id: %+v", a)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("ReadArticles: %v", err)
		}
	})
}
