package gazetteer

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"unsafe"

	"github.com/klauspost/compress/zstd"
	"github.com/paulmach/orb"
)

// ErrCorruptArtefact is returned by Load when the embedded artefact cannot
// be decoded (a broken build).
var ErrCorruptArtefact = errors.New("gazetteer: corrupt artefact")

// The artefact (gazetteer.bin.zst, written by internal/build) is a
// zstd-compressed byte stream of unsigned/signed varints and strings (uvarint length +
// bytes):
//
//	"GZT4"
//	table:  n, n strings (table[0] = "")
//	places: n, then column by column, places in ascending id order:
//	        n uvarint id deltas; n names; n ASCII names ("" = same as
//	        name); n varint deltas of lat*1e5; n of lon*1e5; n uvarint
//	        table indexes each of feature class, feature code, country
//	        code, country name, admin1 name; n uvarint populations;
//	        n uvarint sources (Source)
//	courses: n, then per course: uvarint place index, uvarint vertex
//	        count, the vertices as varint deltas of lat*1e5, lon*1e5
//	(keys and postings follow the places)
//	spellings: n, uvarint total bytes, the spelling keys front-coded as
//	        the keys are, n uvarint counts, then per spelling key its key
//	        numbers as uvarint deltas
//	keys:   n, uvarint total bytes, then per key (sorted): uvarint length
//	        of the prefix shared with the previous key, the rest (string)
//	posts:  n uvarint counts (one per key), then all postings, uvarint
//	        place index<<3 | doubled<<2 | kind (doubled: one of the
//	        place's names under this key doubles a letter the key writes
//	        once)
const artefactMagic = "GZT4"

// decoder reads the artefact's primitives; the first error sticks.
type decoder struct {
	blob string // the whole decompressed artefact; str returns slices of it
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

// maxArtefactBytes bounds the decompressed artefact (about 40 MB today):
// a damaged frame header cannot make Load allocate more.
const maxArtefactBytes = 1 << 30

// decompress decompresses the artefact (one zstd frame, which decodes
// about three times faster than gzip: most of Load's time was gunzip).
func decompress(b []byte) ([]byte, error) {
	zr, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(maxArtefactBytes))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorruptArtefact, err)
	}
	defer zr.Close()
	raw, err := zr.DecodeAll(b, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorruptArtefact, err)
	}
	return raw, nil
}

// copyNames moves the places' names out of the decompressed artefact into
// one arena of their own, so that nothing keeps the artefact (38 MB, of
// which the names are 7 MB) alive after Load: with the table strings
// cloned and the keys rebuilt, the places' names were its only users. An
// ASCII name equal to the name shares its bytes.
func copyNames(arr []Place) {
	total := 0
	for i := range arr {
		total += len(arr[i].Name)
		if arr[i].ASCIIName != arr[i].Name {
			total += len(arr[i].ASCIIName)
		}
	}
	arena := make([]byte, 0, total)
	keep := func(s string) string {
		if s == "" {
			return ""
		}
		start := len(arena)
		arena = append(arena, s...)
		// The arena never grows past its capacity, so earlier views stay valid.
		return unsafe.String(&arena[start], len(s))
	}
	for i := range arr {
		p := &arr[i]
		same := p.ASCIIName == p.Name
		p.Name = keep(p.Name)
		if same {
			p.ASCIIName = p.Name
		} else {
			p.ASCIIName = keep(p.ASCIIName)
		}
	}
}

// attrs reads the five table-index columns (feature class, feature code,
// country code, country name, admin1) of n places and returns each
// place's Attrs, one shared Attrs per distinct combination: 680,000
// places have about 40,000, so the places' heap shrinks by 72 bytes each.
// The columns are kept as table indexes while read (4 bytes a cell, not a
// 16-byte string header), so that Load's peak grows little.
func (d *decoder) attrs(n int, table []string) []*Attrs {
	var cols [5][]uint32
	for c, what := range []string{"feature class", "feature code", "country code", "country name", "admin1"} {
		cols[c] = make([]uint32, n)
		for i := range cols[c] {
			t := d.uvarint(what)
			if t >= uint64(len(table)) {
				d.fail(what)
				return nil
			}
			cols[c][i] = uint32(t)
		}
	}
	out := make([]*Attrs, n)
	seen := map[[5]uint32]*Attrs{}
	for i := range out {
		k := [5]uint32{cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i]}
		a, ok := seen[k]
		if !ok {
			a = &Attrs{table[k[0]], table[k[1]], table[k[2]], table[k[3]], table[k[4]]}
			seen[k] = a
		}
		out[i] = a
	}
	return out
}

// maxCourseVertices bounds one river's course.
const maxCourseVertices = 1 << 16

// courses reads the courses section: place index -> vertices (lon, lat).
func (d *decoder) courses(places uint64) map[int32]orb.LineString {
	n := d.uvarint("course count")
	if n > places {
		d.fail("course count")
		return nil
	}
	out := make(map[int32]orb.LineString, n)
	for range n {
		pi := d.uvarint("course place")
		nv := d.uvarint("course vertices")
		if pi >= places || nv < 2 || nv > maxCourseVertices || d.err != nil {
			d.fail("course")
			return nil
		}
		line := make(orb.LineString, nv)
		var lat, lon int64
		for k := range line {
			lat += d.varint("course lat")
			lon += d.varint("course lon")
			line[k] = orb.Point{float64(lon) / 1e5, float64(lat) / 1e5}
		}
		out[int32(pi)] = line
	}
	return out
}

// decode parses the decompressed artefact into places and the raw index
// (keys and postings, not yet ranked).
func decode(raw []byte) ([]*Place, index, error) {
	var ix index
	if len(raw) == 0 {
		return nil, ix, fmt.Errorf("%w: empty", ErrCorruptArtefact)
	}
	// raw is never modified after this point, so viewing it as a string
	// saves copying it; what outlives decode (names, table strings, keys)
	// is copied out of it, so that the 38 MB are garbage after Load.
	d := &decoder{blob: unsafe.String(&raw[0], len(raw))}
	if d.bytes(uint64(len(artefactMagic)), "magic") != artefactMagic {
		return nil, ix, fmt.Errorf("%w: bad magic", ErrCorruptArtefact)
	}
	nt := d.uvarint("table size")
	if nt > uint64(len(raw)) {
		return nil, ix, fmt.Errorf("%w: table size %d", ErrCorruptArtefact, nt)
	}
	table := make([]string, nt)
	for i := range table {
		table[i] = strings.Clone(d.str("table string")) // not a view of raw: see copyNames
	}
	n := d.uvarint("place count")
	if n > uint64(len(raw))/8 { // a place takes at least 8 bytes
		return nil, ix, fmt.Errorf("%w: place count %d", ErrCorruptArtefact, n)
	}
	if d.err != nil {
		return nil, ix, fmt.Errorf("%w: place count %d", ErrCorruptArtefact, n)
	}
	arr := make([]Place, n)
	places := make([]*Place, n)
	var id int64
	for i := range arr {
		id += int64(d.uvarint("id"))
		arr[i].ID = id
		places[i] = &arr[i]
	}
	for i := range arr {
		arr[i].Name = d.str("name")
	}
	for i := range arr {
		if arr[i].ASCIIName = d.str("ascii name"); arr[i].ASCIIName == "" {
			arr[i].ASCIIName = arr[i].Name
		}
	}
	copyNames(arr)
	var v int64
	for i := range arr {
		v += d.varint("lat")
		arr[i].Lat = float64(v) / 1e5
	}
	v = 0
	for i := range arr {
		v += d.varint("lon")
		arr[i].Lon = float64(v) / 1e5
	}
	if attrs := d.attrs(len(arr), table); attrs != nil {
		for i := range arr {
			arr[i].Attrs = attrs[i]
		}
	}
	for i := range arr {
		arr[i].Population = int64(d.uvarint("population"))
	}
	for i := range arr {
		if s := d.uvarint("source"); s < uint64(numSources) {
			arr[i].Source = Source(s)
		} else {
			d.fail("source")
		}
	}
	for i := range arr {
		if math.Abs(arr[i].Lat) > 90 || math.Abs(arr[i].Lon) > 180 {
			d.fail("coordinates")
			break
		}
	}
	ix.courses = d.courses(n)

	// Keys: front-coded, rebuilt into one contiguous string.
	nk := d.uvarint("key count")
	total := d.uvarint("key bytes")
	if d.err != nil || nk > uint64(len(raw)) || total > uint64(len(raw))*16 {
		return nil, ix, fmt.Errorf("%w: key count", ErrCorruptArtefact)
	}
	kb := make([]byte, 0, total)
	ix.keyEnd = make([]uint32, nk)
	prev := 0 // start of the previous key in kb
	for i := range ix.keyEnd {
		shared := d.uvarint("key prefix")
		rest := d.str("key")
		if shared > uint64(len(kb)-prev) || d.err != nil {
			d.fail("key prefix")
			break
		}
		start := len(kb)
		kb = append(kb, kb[prev:prev+int(shared)]...)
		kb = append(kb, rest...)
		prev = start
		ix.keyEnd[i] = uint32(len(kb))
	}
	if d.err != nil {
		return nil, ix, d.err
	}
	ix.keys = unsafe.String(unsafe.SliceData(kb), len(kb)) // kb is never modified again

	// Postings: all counts, then all entries.
	ix.postOff = make([]uint32, nk+1)
	totalPosts := uint64(0)
	for i := uint64(0); i < nk; i++ {
		totalPosts += d.uvarint("posting count")
		ix.postOff[i+1] = uint32(totalPosts)
	}
	if d.err != nil || totalPosts > uint64(len(raw)) {
		return nil, ix, fmt.Errorf("%w: posting count", ErrCorruptArtefact)
	}
	ix.postPlace = make([]int32, totalPosts)
	ix.postKind = make([]uint8, totalPosts)
	for i := range ix.postPlace {
		v := d.uvarint("posting")
		if v>>3 >= n {
			d.fail("posting place")
			break
		}
		ix.postPlace[i] = int32(v >> 3)
		ix.postKind[i] = uint8(v & 7)
	}
	if d.err != nil {
		return nil, ix, d.err
	}
	ix.spell = d.spellings(nk)
	if d.err != nil {
		return nil, ix, d.err
	}
	return places, ix, nil
}

// spellings reads the spelling index (see writeSpellings in the build):
// spelling keys front-coded, then the key numbers of each.
func (d *decoder) spellings(nkeys uint64) spellIndex {
	var sp spellIndex
	n := d.uvarint("spelling count")
	total := d.uvarint("spelling bytes")
	if d.err != nil || n > uint64(len(d.blob)) || total > uint64(len(d.blob)) {
		d.fail("spelling count")
		return sp
	}
	kb := make([]byte, 0, total)
	sp.end = make([]uint32, n)
	prev := 0
	for i := range sp.end {
		shared := d.uvarint("spelling prefix")
		rest := d.str("spelling key")
		if shared > uint64(len(kb)-prev) || d.err != nil {
			d.fail("spelling prefix")
			return sp
		}
		start := len(kb)
		kb = append(kb, kb[prev:prev+int(shared)]...)
		kb = append(kb, rest...)
		prev = start
		sp.end[i] = uint32(len(kb))
	}
	sp.keys = unsafe.String(unsafe.SliceData(kb), len(kb))
	sp.off = make([]uint32, n+1)
	var tot uint64
	for i := uint64(0); i < n; i++ {
		tot += d.uvarint("spelling group")
		sp.off[i+1] = uint32(tot)
	}
	if d.err != nil || tot > nkeys {
		d.fail("spelling groups")
		return sp
	}
	sp.keyNums = make([]uint32, tot)
	for i := uint64(0); i < n; i++ {
		var kn uint64
		for j := sp.off[i]; j < sp.off[i+1]; j++ {
			kn += d.uvarint("spelling key number")
			if kn >= nkeys {
				d.fail("spelling key number")
				return sp
			}
			sp.keyNums[j] = uint32(kn)
		}
	}
	return sp
}

// uintptrOf returns the address of b's first byte (for page alignment).
func uintptrOf(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }
