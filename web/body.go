package web

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"

	"github.com/labstack/echo/v4"
)

// Request bodies reach handlers through bodyReader: every read error
// becomes a *bodyError, which classify maps to the status the rules below
// give (400, 408, 413), never a 500. Compressed bodies (Content-Encoding
// gzip or deflate) are decoded on the fly, and the decoded size is capped
// like the raw one, so a decompression bomb is a 413 after MaxBodyBytes of
// output, not a full inflate.

// bodyError is a failed read of the request body; bodyErrorRules decide
// its status.
type bodyError struct{ err error }

func (e *bodyError) Error() string { return "read request body: " + e.err.Error() }
func (e *bodyError) Unwrap() error { return e.err }

// errDecodedTooLarge is a compressed body that inflates past the limit.
type errDecodedTooLarge struct{ limit int64 }

func (e *errDecodedTooLarge) Error() string {
	return fmt.Sprintf("decompressed body is larger than the limit of %d bytes", e.limit)
}

// bodyErrorRule maps one kind of body read failure to a response.
type bodyErrorRule struct {
	name   string
	match  func(error) bool
	status int
	code   string
	desc   func(error) string
}

// bodyErrorRules are tried in order; the last matches everything: a body
// that cannot be read is the client's fault (a connection reset reaches
// no one, the log still says what happened).
var bodyErrorRules = []bodyErrorRule{
	{"too-large", func(err error) bool { var m *http.MaxBytesError; return errors.As(err, &m) },
		http.StatusRequestEntityTooLarge, "PayloadTooLarge", func(err error) string {
			var m *http.MaxBytesError
			errors.As(err, &m)
			return fmt.Sprintf("request body is larger than the limit of %d bytes", m.Limit)
		}},
	{"decoded-too-large", func(err error) bool { var d *errDecodedTooLarge; return errors.As(err, &d) },
		http.StatusRequestEntityTooLarge, "PayloadTooLarge", func(err error) string {
			var d *errDecodedTooLarge
			errors.As(err, &d)
			return d.Error()
		}},
	{"slow", isTimeout, http.StatusRequestTimeout, "RequestTimeout",
		func(error) string { return "the request body did not arrive within the read timeout" }},
	{"truncated", func(err error) bool { return errors.Is(err, io.ErrUnexpectedEOF) },
		http.StatusBadRequest, "InvalidBody",
		func(error) string {
			return "the request body ended early (shorter than Content-Length, or chunked without its last chunk)"
		}},
	{"bad-compression", isCorruptCompression, http.StatusBadRequest, "InvalidBody",
		func(err error) string { return "the compressed request body is corrupt: " + err.Error() }},
	{"malformed", func(error) bool { return true }, http.StatusBadRequest, "InvalidBody",
		func(err error) string { return "the request body is malformed: " + err.Error() }},
}

// classifyBody applies bodyErrorRules to a body read error.
func classifyBody(err error) (rule string, status int, code, desc string) {
	for _, r := range bodyErrorRules {
		if r.match(err) {
			return r.name, r.status, r.code, r.desc(err)
		}
	}
	panic("unreachable: the last body rule matches everything")
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

func isCorruptCompression(err error) bool {
	var ce flate.CorruptInputError
	return errors.As(err, &ce) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) ||
		errors.Is(err, zlib.ErrHeader) || errors.Is(err, zlib.ErrChecksum) || errors.Is(err, zlib.ErrDictionary)
}

// bodyReader wraps every read error of a request body in a *bodyError.
type bodyReader struct {
	r io.Reader
	c io.Closer
}

func (b *bodyReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && err != io.EOF {
		if _, ok := err.(*bodyError); !ok {
			err = &bodyError{err}
		}
	}
	return n, err
}

func (b *bodyReader) Close() error { return b.c.Close() }

// contentCoding is how one Content-Encoding of a request body is read.
type contentCoding struct {
	name   string
	decode func(r io.Reader) (io.Reader, error) // nil: identity
}

// contentCodings are the request Content-Encodings accepted (RFC 9110
// §8.4.1); anything else, and stacked codings, are a 415 (RFC 7694).
var contentCodings = map[string]contentCoding{
	"":         {"identity", nil},
	"identity": {"identity", nil},
	"gzip":     {"gzip", func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
	"x-gzip":   {"gzip", func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
	"deflate":  {"deflate", newDeflateReader},
}

// newDeflateReader reads HTTP "deflate": zlib-wrapped per the RFC, or the
// raw deflate stream some clients send instead.
func newDeflateReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	hdr, err := br.Peek(2)
	if err == nil && hdr[0]&0x0f == 8 && (uint16(hdr[0])<<8|uint16(hdr[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}

// decodedLimit caps what a decoder yields at limit bytes.
type decodedLimit struct {
	r     io.Reader
	left  int64
	limit int64
}

func (d *decodedLimit) Read(p []byte) (int, error) {
	if d.left <= 0 {
		// One byte more tells a body of exactly limit bytes from a bomb.
		var one [1]byte
		n, err := d.r.Read(one[:])
		if n > 0 {
			return 0, &errDecodedTooLarge{d.limit}
		}
		return 0, err
	}
	if int64(len(p)) > d.left {
		p = p[:d.left]
	}
	n, err := d.r.Read(p)
	d.left -= int64(n)
	return n, err
}

// limitBodies caps request bodies at cfg.MaxBodyBytes on the wire and,
// for compressed bodies, once decoded: a declared larger Content-Length is
// refused at once; reads past either limit fail with a 413, and every
// other read failure is classified by bodyErrorRules.
func (s *Server) limitBodies(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if req.ContentLength > s.cfg.MaxBodyBytes {
			return apiErr(http.StatusRequestEntityTooLarge, "PayloadTooLarge",
				"request body of %d bytes is larger than the limit of %d bytes", req.ContentLength, s.cfg.MaxBodyBytes)
		}
		if req.Body == nil || req.Body == http.NoBody {
			return next(c)
		}
		enc := strings.ToLower(strings.TrimSpace(req.Header.Get(echo.HeaderContentEncoding)))
		coding, ok := contentCodings[enc]
		if !ok {
			return apiErr(http.StatusUnsupportedMediaType, "UnsupportedMediaType",
				"Content-Encoding %q is not accepted; send gzip, deflate or an uncompressed body", truncate(enc, 40))
		}
		raw := http.MaxBytesReader(c.Response(), req.Body, s.cfg.MaxBodyBytes)
		body := &bodyReader{r: raw, c: raw}
		if coding.decode != nil {
			body = &bodyReader{r: &lazyDecoder{src: body, decode: coding.decode, limit: s.cfg.MaxBodyBytes}, c: raw}
			req.Header.Del(echo.HeaderContentEncoding)
			req.Header.Del(echo.HeaderContentLength)
			req.ContentLength = -1
		}
		req.Body = body
		return next(c)
	}
}

// lazyDecoder starts the decoder on the first read, so a handler that
// refuses the request before reading its body never parses a header.
type lazyDecoder struct {
	src    io.Reader
	decode func(io.Reader) (io.Reader, error)
	limit  int64
	r      io.Reader
}

func (l *lazyDecoder) Read(p []byte) (int, error) {
	if l.r == nil {
		d, err := l.decode(l.src)
		if err != nil {
			if err == io.EOF { // an empty body is not a gzip stream
				err = io.ErrUnexpectedEOF
			}
			return 0, err
		}
		l.r = &decodedLimit{r: d, left: l.limit, limit: l.limit}
	}
	return l.r.Read(p)
}

// closeAfter reports whether the connection should close after an error
// reply: the body was refused or could not be read, so what is left of it
// is not worth reading (net/http would otherwise drain up to 256 KB of it,
// waiting up to the read timeout for a client that sends nothing more).
func closeAfter(err error, status int) bool {
	var be *bodyError
	return errors.As(err, &be) || status == http.StatusRequestEntityTooLarge ||
		status == http.StatusRequestTimeout || status == http.StatusUnsupportedMediaType
}
