package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"geoevents/internal/event"
)

// jsonArticle is the JSON form of an article.
type jsonArticle struct {
	Title     string `json:"title"`
	Text      string `json:"text"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Date      string `json:"date"` // accepted as an alias of published
	Source    string `json:"source"`
}

func jsonValid(b []byte) bool { return json.Valid(bytes.TrimSpace(b)) }

// decodeArticle turns one raw JSON record into an article; line is where
// the record starts, for errors.
func decodeArticle(path string, line int, raw []byte, opts ReadOptions) (event.Article, *InputError) {
	if l, msg := invalidUTF8(raw, line); msg != "" {
		return event.Article{}, inputErr(path, l, ErrInvalidUTF8, "%s", msg)
	}
	var ja jsonArticle
	if err := json.Unmarshal(raw, &ja); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return event.Article{}, inputErr(path, line, ErrMalformed, "field %q: expected a %s, got JSON %s", te.Field, te.Type, te.Value)
		}
		return event.Article{}, inputErr(path, line, ErrMalformed, "%v", err)
	}
	text := strings.TrimSpace(event.NormalizeNewlines(ja.Text))
	if text == "" {
		return event.Article{}, inputErr(path, line, ErrEmptyArticle, "the \"text\" field is missing or empty")
	}
	published := opts.Date
	if p := cmpOr(ja.Published, ja.Date); p != "" {
		t, err := parseDate(p)
		if err != nil {
			return event.Article{}, inputErr(path, line, ErrInvalidRecord, "published: %v", err)
		}
		published = t
	}
	title := strings.TrimSpace(ja.Title)
	if title == "" {
		title = TitleFromText(text)
	}
	return event.NewArticle(title, text, ja.URL, ja.Source, published), nil
}

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// readJSONL reads one JSON object per line. A bad line is reported (with its
// number) and the reading goes on with the next line; a line longer than the
// article limit is skipped without being held in memory.
func readJSONL(ctx context.Context, path string, br *bufio.Reader, opts ReadOptions, fn ArticleFunc) error {
	var offset int64
	for lineNo, index := 1, 0; ; lineNo++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, n, tooLong, err := readLine(br, opts.max())
		offset += n
		if err != nil && err != io.EOF {
			return fn(event.Article{}, Position{Path: path, Line: lineNo}, &InputError{Path: path, Line: lineNo, Err: err})
		}
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, bom)
		}
		if tooLong {
			e := inputErr(path, lineNo, ErrTooLarge, "line is longer than the limit of %d bytes for one article", opts.max())
			if ferr := fn(event.Article{}, Position{Path: path, Line: lineNo, Index: index, Offset: offset}, e); ferr != nil {
				return ferr
			}
			index++
		} else if t := bytes.TrimSpace(line); len(t) > 0 {
			a, ierr := decodeArticle(path, lineNo, t, opts)
			pos := Position{Path: path, Line: lineNo, Index: index, Offset: offset}
			var ferr error
			if ierr != nil {
				ferr = fn(event.Article{}, pos, ierr)
			} else {
				ferr = fn(a, pos, nil)
			}
			if ferr != nil {
				return ferr
			}
			index++
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine reads one line of at most limit bytes (without the newline). A
// longer line is consumed and dropped (tooLong). n counts the bytes consumed.
func readLine(br *bufio.Reader, limit int64) (line []byte, n int64, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		n += int64(len(chunk))
		if !tooLong {
			need := int64(len(buf) + len(chunk))
			switch {
			case need > limit+1:
				tooLong, buf = true, nil
			case need > int64(cap(buf)):
				// Grow by doubling (not append's 1.25x for large slices), so a
				// line at the limit costs about twice the limit in allocations.
				grown := make([]byte, len(buf), min(max(2*int64(cap(buf)), need, 4096), limit+1))
				copy(grown, buf)
				buf = append(grown, chunk...)
			default:
				buf = append(buf, chunk...)
			}
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			return bytes.TrimSuffix(buf, []byte("\n")), n, tooLong, nil
		default:
			return buf, n, tooLong, err
		}
	}
}

// readJSON reads a JSON article file: one object, an array of objects, or
// objects one after another, streaming element by element. An element over
// the article limit, or malformed JSON, stops the file with an error naming
// the line (the rest of a malformed file cannot be trusted); elements read
// before it have already been delivered.
func readJSON(ctx context.Context, path string, r io.Reader, opts ReadOptions, fn ArticleFunc) error {
	lr := &lineReader{r: r}
	budget := &budgetReader{r: lr, limit: opts.max() + 128<<10}
	dec := json.NewDecoder(budget)
	fail := func(off int64, err error) error {
		line := lr.lineAt(off)
		var se *json.SyntaxError
		var ie *InputError
		switch {
		case errors.Is(err, errBudget):
			ie = inputErr(path, line, ErrTooLarge, "JSON value is larger than the limit of %d bytes for one article", opts.max())
		case errors.As(err, &se):
			ie = inputErr(path, lr.lineAt(se.Offset), ErrMalformed, "%v", err)
		case errors.Is(err, io.ErrUnexpectedEOF):
			ie = inputErr(path, line, ErrMalformed, "unexpected end of file inside a JSON value")
		default:
			ie = inputErr(path, line, ErrMalformed, "%v", err)
		}
		return fn(event.Article{}, Position{Path: path, Line: ie.Line}, ie)
	}
	inArray := false
	if lr.peekFirst() == '[' {
		if _, err := dec.Token(); err != nil {
			return fail(dec.InputOffset(), err)
		}
		inArray = true
	}
	index := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		if inArray && !dec.More() {
			if _, err := dec.Token(); err != nil {
				return fail(dec.InputOffset(), err)
			}
			inArray = false
			continue // anything after the array is reported below
		}
		start := dec.InputOffset()
		start += int64(lr.skipSpace(start)) // the value's first byte, when already read
		budget.n = 0
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF && !inArray {
			if index == 0 {
				return fn(event.Article{}, Position{Path: path}, inputErr(path, 0, ErrEmptyArticle, "no JSON article in the file"))
			}
			return nil
		}
		if err != nil {
			return fail(start, err)
		}
		line := lr.lineAt(dec.InputOffset() - int64(len(raw)))
		pos := Position{Path: path, Line: line, Index: index, Offset: dec.InputOffset()}
		index++
		if len(raw) > 0 && raw[0] != '{' {
			ie := inputErr(path, line, ErrMalformed, "expected a JSON object (an article), got %s", truncate(string(raw), 20))
			if ferr := fn(event.Article{}, pos, ie); ferr != nil {
				return ferr
			}
			continue
		}
		a, ie := decodeArticle(path, line, raw, opts)
		var ferr error
		if ie != nil {
			ferr = fn(event.Article{}, pos, ie)
		} else {
			ferr = fn(a, pos, nil)
		}
		if ferr != nil {
			return ferr
		}
		lr.forget(dec.InputOffset())
	}
}
