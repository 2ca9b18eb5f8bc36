package ingest

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
)

// errBudget reports that one JSON value exceeds the article limit.
var errBudget = errors.New("value exceeds the size budget")

// budgetReader fails once more than limit bytes are read since n was last
// set to 0, so one huge JSON value is never read into memory whole.
type budgetReader struct {
	r     io.Reader
	n     int64
	limit int64
}

// maxRead caps each read, so the decoder never reads far past the value
// it is decoding and the budget counts (almost) only that value.
const maxRead = 64 << 10

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.n > b.limit {
		return 0, errBudget
	}
	if len(p) > maxRead {
		p = p[:maxRead]
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}

// lineReader passes a stream through and remembers where its line breaks
// are, so a byte offset can be turned into a line number. It keeps the
// newline offsets since the last forget, and a window of the most recent
// bytes (to skip white space before a value); never the whole stream.
type lineReader struct {
	r         io.Reader
	off       int64   // bytes read so far
	nls       []int64 // offsets of newlines at or after base
	base      int64   // offsets before base are forgotten
	lines     int     // newlines before base
	tail      []byte  // the most recent bytes read
	tailStart int64   // offset of tail[0]
	peeked    []byte
}

// tailKeep is how many recent bytes are kept; more than the decoder reads
// ahead (budgetReader caps reads at maxRead).
const tailKeep = 4 * maxRead

func (l *lineReader) Read(p []byte) (int, error) {
	if len(l.peeked) > 0 {
		n := copy(p, l.peeked)
		l.peeked = l.peeked[n:]
		return n, nil
	}
	n, err := l.r.Read(p)
	l.record(p[:n])
	return n, err
}

// record notes the bytes b, which start at offset l.off.
func (l *lineReader) record(b []byte) {
	for i, c := range b {
		if c == '\n' {
			l.nls = append(l.nls, l.off+int64(i))
		}
	}
	l.off += int64(len(b))
	if len(b) >= tailKeep {
		l.tail = append(l.tail[:0], b[len(b)-tailKeep:]...)
		l.tailStart = l.off - tailKeep
		return
	}
	if drop := len(l.tail) + len(b) - tailKeep; drop > 0 {
		l.tail = append(l.tail[:0], l.tail[drop:]...)
		l.tailStart += int64(drop)
	}
	l.tail = append(l.tail, b...)
}

// peekFirst reads ahead to the first non-space byte (skipping a BOM) and
// returns it; the bytes read are replayed to the decoder.
func (l *lineReader) peekFirst() byte {
	buf := make([]byte, 4096)
	var all []byte
	for {
		n, err := l.r.Read(buf)
		all = append(all, buf[:n]...)
		if t := bytes.TrimLeft(bytes.TrimPrefix(all, bom), " \t\r\n"); len(t) > 0 || err != nil {
			if !bytes.HasPrefix(bom, all) || err != nil { // the BOM is complete or absent
				all = bytes.TrimPrefix(all, bom) // the decoder must not see a BOM
				l.record(all)
				l.peeked = all
				if len(t) == 0 {
					return 0
				}
				return t[0]
			}
		}
	}
}

// skipSpace returns how many white-space or comma bytes follow off (0 when
// off is no longer in the recent window).
func (l *lineReader) skipSpace(off int64) int {
	i := off - l.tailStart
	if i < 0 {
		return 0
	}
	n := 0
	for j := i; j < int64(len(l.tail)) && strings.IndexByte(" \t\r\n,", l.tail[j]) >= 0; j++ {
		n++
	}
	return n
}

// lineAt returns the 1-based line of byte offset off (at or after base).
func (l *lineReader) lineAt(off int64) int {
	n, _ := slices.BinarySearch(l.nls, off)
	return l.lines + n + 1
}

// forget drops the newline offsets before off, which will not be asked
// about again.
func (l *lineReader) forget(off int64) {
	if off <= l.base || off > l.off {
		return
	}
	n, _ := slices.BinarySearch(l.nls, off)
	l.lines += n
	l.nls = append(l.nls[:0], l.nls[n:]...)
	l.base = off
}
