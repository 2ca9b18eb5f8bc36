package gazetteer

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unsafe"
)

// ErrCorruptArtefact is returned by Load when the embedded artefact cannot
// be decoded (a broken build).
var ErrCorruptArtefact = errors.New("gazetteer: corrupt artefact")

// The artefact (gazetteer.bin.gz, written by internal/build) is a gzip'd
// byte stream of unsigned/signed varints and strings (uvarint length +
// bytes):
//
//	"GZT1"
//	table:  n, n strings (table[0] = "")
//	places: n, then per place (ascending ids):
//	        uvarint id delta, name, ASCII name ("" = same as name),
//	        varint lat*1e5, varint lon*1e5, uvarint table indexes of
//	        feature class, feature code, country code, country name,
//	        admin1 name, uvarint population
//	keys:   n, uvarint total bytes, the keys concatenated (sorted), n
//	        uvarint key lengths
//	posts:  per key: uvarint count, count uvarints (place index<<2 | kind)
const artefactMagic = "GZT1"

// decoder reads the artefact's primitives; the first error sticks.
type decoder struct {
	blob string // the whole decompressed artefact; strings are slices of it
	pos  int
	err  error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: bad %s at byte %d", ErrCorruptArtefact, what, d.pos)
	}
}

func (d *decoder) uvarint(what string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := uvarintString(d.blob[d.pos:])
	if n <= 0 {
		d.fail(what)
		return 0
	}
	d.pos += n
	return v
}

func (d *decoder) varint(what string) int64 {
	u := d.uvarint(what)
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

func (d *decoder) bytes(n uint64, what string) string {
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.blob)-d.pos) {
		d.fail(what)
		return ""
	}
	s := d.blob[d.pos : d.pos+int(n)]
	d.pos += int(n)
	return s
}

func (d *decoder) str(what string) string { return d.bytes(d.uvarint(what), what) }

// uvarintString is binary.Uvarint over a string, without a copy.
func uvarintString(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		b := s[i]
		if b < 0x80 {
			if i == binary.MaxVarintLen64-1 && b > 1 {
				return 0, -1
			}
			return x | uint64(b)<<shift, i + 1
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

// gunzip decompresses the artefact into one buffer sized from the gzip
// trailer.
func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorruptArtefact, err)
	}
	size := 0
	if len(b) >= 4 {
		size = int(binary.LittleEndian.Uint32(b[len(b)-4:]))
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := io.Copy(buf, zr); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorruptArtefact, err)
	}
	return buf.Bytes(), nil
}

// decode parses the decompressed artefact into places and the raw index
// (keys and postings, not yet ranked).
func decode(raw []byte) ([]*Place, index, error) {
	var ix index
	if len(raw) == 0 {
		return nil, ix, fmt.Errorf("%w: empty", ErrCorruptArtefact)
	}
	// raw is never modified after this point, so viewing it as a string
	// saves copying 17 MB; all place names and keys are slices of it.
	d := &decoder{blob: unsafe.String(&raw[0], len(raw))}
	if d.bytes(uint64(len(artefactMagic)), "magic") != artefactMagic {
		return nil, ix, fmt.Errorf("%w: bad magic", ErrCorruptArtefact)
	}
	table := make([]string, d.uvarint("table size"))
	for i := range table {
		table[i] = d.str("table string")
	}
	tab := func(what string) string {
		i := d.uvarint(what)
		if i >= uint64(len(table)) {
			d.fail(what)
			return ""
		}
		return table[i]
	}
	n := d.uvarint("place count")
	if n > uint64(len(raw)) {
		return nil, ix, fmt.Errorf("%w: place count %d", ErrCorruptArtefact, n)
	}
	arr := make([]Place, n)
	places := make([]*Place, n)
	var id int64
	for i := range arr {
		p := &arr[i]
		id += int64(d.uvarint("id"))
		p.ID = id
		p.Name = d.str("name")
		if p.ASCIIName = d.str("ascii name"); p.ASCIIName == "" {
			p.ASCIIName = p.Name
		}
		p.Lat = float64(d.varint("lat")) / 1e5
		p.Lon = float64(d.varint("lon")) / 1e5
		p.FeatureClass = tab("feature class")
		p.FeatureCode = tab("feature code")
		p.CountryCode = tab("country code")
		p.CountryName = tab("country name")
		p.Admin1 = tab("admin1")
		p.Population = int64(d.uvarint("population"))
		places[i] = p
	}
	nk := d.uvarint("key count")
	kb := d.str("keys")
	if d.err != nil || nk > uint64(len(raw)) {
		return nil, ix, fmt.Errorf("%w: key count", ErrCorruptArtefact)
	}
	ix.keys = kb
	ix.keyEnd = make([]uint32, nk)
	end := uint64(0)
	for i := range ix.keyEnd {
		end += d.uvarint("key length")
		if end > uint64(len(kb)) {
			d.fail("key length")
			break
		}
		ix.keyEnd[i] = uint32(end)
	}
	// Postings: count first to size the arrays exactly.
	ix.postOff = make([]uint32, nk+1)
	start := d.pos
	total := uint64(0)
	for i := uint64(0); i < nk && d.err == nil; i++ {
		c := d.uvarint("posting count")
		total += c
		for j := uint64(0); j < c; j++ {
			d.uvarint("posting")
		}
	}
	if d.err != nil {
		return nil, ix, d.err
	}
	d.pos = start
	ix.postPlace = make([]int32, 0, total)
	ix.postKind = make([]uint8, 0, total)
	for i := uint64(0); i < nk; i++ {
		c := d.uvarint("posting count")
		for j := uint64(0); j < c; j++ {
			v := d.uvarint("posting")
			if v>>2 >= n {
				d.fail("posting place")
			}
			ix.postPlace = append(ix.postPlace, int32(v>>2))
			ix.postKind = append(ix.postKind, uint8(v&3))
		}
		ix.postOff[i+1] = uint32(len(ix.postPlace))
	}
	if d.err != nil {
		return nil, ix, d.err
	}
	return places, ix, nil
}
