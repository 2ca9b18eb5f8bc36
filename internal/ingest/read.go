package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"geoevents/internal/event"
)

// DefaultMaxArticleBytes is the default size limit of one article (10 MB).
const DefaultMaxArticleBytes = 10 << 20

// StdinPath is the path that names standard input.
const StdinPath = "-"

// ReadOptions configure the article readers.
type ReadOptions struct {
	// Date is the publication date of articles that carry none (the CLI's
	// --date). Zero: such articles keep an unknown date; none is invented.
	Date time.Time
	// MaxArticleBytes limits one article (a text file, a JSON Lines line, a
	// JSON array element). 0 means DefaultMaxArticleBytes. Larger inputs are
	// rejected with ErrTooLarge before being read into memory.
	MaxArticleBytes int64
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
}

func (o ReadOptions) max() int64 {
	if o.MaxArticleBytes > 0 {
		return o.MaxArticleBytes
	}
	return DefaultMaxArticleBytes
}

// Position tells where an article (or a failure) is in the input.
type Position struct {
	Path   string // file path, or "-" for standard input
	Line   int    // 1-based line where the record starts; 0 for a whole file
	Index  int    // 0-based record number within the file
	Offset int64  // bytes of the file consumed so far (for progress)
}

// ArticleFunc receives each article read, or the failure of one input
// (err is then an *InputError naming file and line, and a is zero).
// Returning an error stops the reading; ReadArticles returns that error.
type ArticleFunc func(a event.Article, pos Position, err error) error

// Format is an article file format.
type Format int

// Article file formats.
const (
	FormatUnknown Format = iota // sniff the content
	FormatText                  // .txt, .md: optional front matter, then text
	FormatJSON                  // .json: one object, an array of objects, or concatenated objects
	FormatJSONL                 // .jsonl, .ndjson: one object per line
)

// FormatOf returns the article format a file name implies.
func FormatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text", ".md", ".markdown":
		return FormatText
	case ".json":
		return FormatJSON
	case ".jsonl", ".ndjson", ".jsonlines":
		return FormatJSONL
	}
	return FormatUnknown
}

// File is one input file found by ExpandPaths.
type File struct {
	Path string
	Size int64 // -1 for standard input
	// FS holds the file when it is not on the OS file system (ExpandFS);
	// Path is then a path within FS.
	FS fs.FS
}

// ExpandFS lists the article files of fsys as ExpandPaths lists a
// directory's: .txt, .md, .json and .jsonl files, recursively, skipping
// hidden files and folders, in lexical order.
func ExpandFS(ctx context.Context, fsys fs.FS) ([]File, []InputError) {
	var files []File
	var failed []InputError
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			failed = append(failed, InputError{Path: path, Err: unwrapPathErr(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || FormatOf(path) == FormatUnknown || !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			failed = append(failed, InputError{Path: path, Err: unwrapPathErr(err)})
			return nil
		}
		files = append(files, File{Path: path, Size: fi.Size(), FS: fsys})
		return nil
	})
	if err != nil && ctx.Err() == nil {
		failed = append(failed, InputError{Path: ".", Err: err})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, failed
}

// ExpandPaths turns the paths a user gave into the files to read: files as
// given (any extension; the content is sniffed when the extension says
// nothing), directories recursively with only .txt, .md, .json and .jsonl
// files, skipping hidden files and directories, each directory in lexical
// order, and "-" for standard input. Paths that cannot be read become
// InputErrors; the others are still returned.
func ExpandPaths(ctx context.Context, paths []string) ([]File, []InputError) {
	var files []File
	var failed []InputError
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			break
		}
		if p == StdinPath {
			files = append(files, File{Path: p, Size: -1})
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			failed = append(failed, InputError{Path: p, Err: unwrapPathErr(err)})
			continue
		}
		if !info.IsDir() {
			files = append(files, File{Path: p, Size: info.Size()})
			continue
		}
		found, walkFailed := ExpandFS(ctx, os.DirFS(p))
		for i := range found {
			found[i].Path, found[i].FS = filepath.Join(p, filepath.FromSlash(found[i].Path)), nil
		}
		for _, f := range walkFailed {
			f.Path = filepath.Join(p, filepath.FromSlash(f.Path))
			failed = append(failed, f)
		}
		files = append(files, found...)
	}
	return files, failed
}

// unwrapPathErr drops the *fs.PathError wrapper, whose path InputError
// already names.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// ReadArticles reads the articles at path — a file, a directory (read
// recursively, see ExpandPaths) or "-" for standard input — and calls fn for
// each article and for each input that fails. Formats: plain text and
// Markdown with optional front matter (title, date, url, source), JSON (an
// object, an array, or concatenated objects) and JSON Lines with the fields
// title, text, url, published (RFC 3339 or YYYY-MM-DD) and source; files
// with another extension, and standard input, are sniffed. ReadArticles
// returns only fn's error or the context's: bad input goes to fn.
func ReadArticles(ctx context.Context, path string, opts ReadOptions, fn ArticleFunc) error {
	files, failed := ExpandPaths(ctx, []string{path})
	for _, f := range failed {
		if err := fn(event.Article{}, Position{Path: f.Path}, &f); err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := readFile(ctx, f, opts, fn); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// readFile reads one file (or standard input) and calls fn.
func readFile(ctx context.Context, f File, opts ReadOptions, fn ArticleFunc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	fail := func(e *InputError) error { return fn(event.Article{}, Position{Path: f.Path, Line: e.Line}, e) }
	var r io.Reader
	format := FormatOf(f.Path)
	if f.Path == StdinPath {
		r = opts.Stdin
		if r == nil {
			r = os.Stdin
		}
		format = FormatUnknown
	} else {
		if format == FormatText && f.Size > opts.max() {
			// Check the size first: a 50 MB file is never read into memory.
			return fail(inputErr(f.Path, 0, ErrTooLarge, "file is %d bytes; the limit for one article is %d bytes", f.Size, opts.max()))
		}
		var file io.ReadCloser
		var err error
		if f.FS != nil {
			file, err = f.FS.Open(f.Path)
		} else {
			file, err = os.Open(f.Path)
		}
		if err != nil {
			return fail(&InputError{Path: f.Path, Err: unwrapPathErr(err)})
		}
		defer file.Close()
		r = file
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if format == FormatUnknown {
		format = sniff(br)
	}
	switch format {
	case FormatJSON:
		return readJSON(ctx, f.Path, br, opts, fn)
	case FormatJSONL:
		return readJSONL(ctx, f.Path, br, opts, fn)
	default:
		return readText(f.Path, br, opts, fn)
	}
}

// sniff guesses the format of a stream from its first bytes: '[' is JSON;
// '{' is JSON Lines when the first line is a complete JSON value, else JSON;
// anything else is text.
func sniff(br *bufio.Reader) Format {
	head, _ := br.Peek(64 << 10)
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n")
	if len(trimmed) == 0 {
		return FormatText
	}
	switch trimmed[0] {
	case '[':
		return FormatJSON
	case '{':
		line, _, _ := bytes.Cut(trimmed, []byte("\n"))
		if jsonValid(line) {
			return FormatJSONL
		}
		return FormatJSON
	}
	return FormatText
}

var bom = []byte("\ufeff")

// invalidUTF8 returns a message locating the first invalid UTF-8 byte of
// data (line and column, 1-based, counted from firstLine), or "" when data
// is valid.
func invalidUTF8(data []byte, firstLine int) (line int, msg string) {
	if utf8.Valid(data) {
		return 0, ""
	}
	off := 0
	for off < len(data) {
		r, n := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	line = firstLine + bytes.Count(data[:off], []byte("\n"))
	col := off - (bytes.LastIndexByte(data[:off], '\n') + 1) + 1
	return line, fmt.Sprintf("first bad byte 0x%02x at line %d, column %d (byte offset %d); convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8", data[off], line, col, off)
}
